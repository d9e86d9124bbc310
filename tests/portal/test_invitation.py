"""An officer's invitation lets a resident create an account without the tenancy check."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from tenantvoice.accounts.models import Invitation, User
from tenantvoice.accounts.services import invitation_create
from tenantvoice.core.models import AuditEvent
from tenantvoice.residents.models import Resident

from ..factories import ResidentFactory, UserFactory

PASSWORD = "a-long-and-unusual-passphrase-42"


@pytest.fixture
def applicant(db: None) -> Resident:
    return ResidentFactory(first_name="Ada", email="ada@example.org")


def _accept(client: Client, token: str, email: str = "ada.own@example.org") -> Any:
    return client.post(
        f"/my/invitation/{token}/", {"email": email, "password": PASSWORD, "password_again": PASSWORD}
    )


def test_a_valid_invitation_creates_a_linked_account_and_is_used_up(
    client: Client, applicant: Resident, officer: User
) -> None:
    token = invitation_create(resident_id=applicant.pk, created_by=officer)
    page = client.get(f"/my/invitation/{token}/").content.decode()
    assert "Hello Ada" in page and 'value="ada@example.org"' in page
    assert _accept(client, token)["Location"] == "/my/"
    user = User.objects.get(email="ada.own@example.org")
    assert user.resident == applicant
    assert Invitation.objects.get().used_at is not None
    assert AuditEvent.objects.filter(
        object_type="account", action="create", resident_id=applicant.pk
    ).exists()
    assert client.get("/my/").status_code == 200


def test_a_used_invitation_does_not_work_again(applicant: Resident, officer: User) -> None:
    token = invitation_create(resident_id=applicant.pk, created_by=officer)
    _accept(Client(), token)
    response = Client().get(f"/my/invitation/{token}/")
    assert response.status_code == 404
    assert "This invitation link does not work" in response.content.decode()
    assert _accept(Client(), token, "someone.else@example.org").status_code == 404
    assert User.objects.filter(resident=applicant).count() == 1


def test_an_expired_invitation_does_not_work(client: Client, applicant: Resident, officer: User) -> None:
    token = invitation_create(resident_id=applicant.pk, created_by=officer)
    Invitation.objects.update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    assert _accept(client, token).status_code == 404
    assert not User.objects.filter(resident=applicant).exists()


def test_an_unknown_token_does_not_work(client: Client, db: None) -> None:
    assert client.get("/my/invitation/made-up-token/").status_code == 404


def test_an_invitation_for_someone_who_has_an_account_says_sign_in(
    client: Client, applicant: Resident, officer: User
) -> None:
    UserFactory(resident=applicant)
    token = invitation_create(resident_id=applicant.pk, created_by=officer)
    response = _accept(client, token)
    assert response.status_code == 409
    assert "You already have an account" in response.content.decode()
    assert Invitation.objects.get().used_at is None
