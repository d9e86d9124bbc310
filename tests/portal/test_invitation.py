"""An officer's invitation lets a resident create an account without the tenancy check. The
link goes only to the resident's recorded email (or by letter); the officer never sees it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from tenantvoice.accounts.models import Invitation, User
from tenantvoice.accounts.services import NotAllowed, invitation_create
from tenantvoice.core.models import AuditEvent
from tenantvoice.residents.models import MemberRole, Resident

from ..factories import ResidentFactory, TenancyMemberFactory, UserFactory, household
from ..outbox import invitation_token, last_message, link_in

PASSWORD = "a-long-and-unusual-passphrase-42"


@pytest.fixture
def applicant(db: None) -> Resident:
    return ResidentFactory(first_name="Ada", email="ada@example.org")


def _invite(resident: Resident, officer: User) -> str:
    invitation_create(resident_id=resident.pk, created_by=officer)
    return invitation_token(resident.pk)


def _accept(client: Client, token: str, email: str = "ada@example.org") -> Any:
    return client.post(
        f"/my/invitation/{token}/", {"email": email, "password": PASSWORD, "password_again": PASSWORD}
    )


def test_a_valid_invitation_creates_a_linked_account_and_is_used_up(
    client: Client, applicant: Resident, officer: User
) -> None:
    token = _invite(applicant, officer)
    page = client.get(f"/my/invitation/{token}/").content.decode()
    assert "Hello Ada" in page and 'value="ada@example.org"' in page
    assert "Check your email" in _accept(client, token).content.decode()
    user = User.objects.get(email="ada@example.org")
    assert user.resident == applicant and not user.is_active
    invitation = Invitation.objects.get()
    assert invitation.used_at is not None and invitation.used_by == user
    # Live once the link sent to the address is opened.
    client.post(link_in(last_message("account_confirm_email", to="ada@example.org")))
    client.post("/accounts/sign-in/", {"email": "ada@example.org", "password": PASSWORD})
    assert client.get("/my/").status_code == 200


def test_the_link_goes_only_to_the_recorded_email_and_nothing_returns_it(
    applicant: Resident, officer: User
) -> None:
    invitation = invitation_create(resident_id=applicant.pk, created_by=officer)
    assert isinstance(invitation, Invitation) and invitation.sent_by == "email"
    message = last_message("portal_invitation")
    assert message.recipient == applicant and message.to == "ada@example.org" and message.channel == "email"
    token = invitation_token(applicant.pk)
    assert token not in invitation.token_hash  # only its hash is stored


def test_without_a_working_email_the_invitation_is_a_printed_letter(officer: User, db: None) -> None:
    resident = ResidentFactory(email="", preferred_channel="email")
    invitation = invitation_create(resident_id=resident.pk, created_by=officer)
    message = last_message("portal_invitation")
    assert invitation.sent_by == "letter" and message.channel == "letter" and message.status == "to_print"


def test_who_invited_and_who_redeemed_are_audited_together(
    client: Client, applicant: Resident, officer: User
) -> None:
    token = _invite(applicant, officer)
    _accept(client, token)
    invitation = Invitation.objects.get()
    rows = AuditEvent.objects.filter(object_type="invitation", object_id=str(invitation.pk)).order_by("pk")
    created, redeemed = rows
    assert created.actor == officer and created.action == "create"
    user = User.objects.get(resident=applicant)
    assert redeemed.actor == user and redeemed.resident_id == applicant.pk
    assert redeemed.changes["invited_by"] == [None, officer.email]
    assert redeemed.changes["redeemed_by_account"] == [None, user.pk]
    assert officer.email in redeemed.summary


def test_a_different_address_works_only_once_it_is_confirmed_and_the_recorded_one_is_told(
    client: Client, applicant: Resident, officer: User
) -> None:
    token = _invite(applicant, officer)
    _accept(client, token, "ada.own@example.org")
    user = User.objects.get(resident=applicant)
    assert user.email == "ada.own@example.org" and not user.is_active
    assert last_message("account_confirm_email").to == "ada.own@example.org"
    notice = last_message("account_created_notice", recipient=applicant)
    assert notice.to == "ada@example.org" and "a***@e***.org" in notice.body


def test_a_used_invitation_does_not_work_again(applicant: Resident, officer: User) -> None:
    token = _invite(applicant, officer)
    _accept(Client(), token)
    client = Client()
    client.post(link_in(last_message("account_confirm_email")))
    response = Client().get(f"/my/invitation/{token}/")
    assert response.status_code == 404
    assert "This invitation link does not work" in response.content.decode()
    assert _accept(Client(), token, "someone.else@example.org").status_code == 404
    assert User.objects.filter(resident=applicant).count() == 1


def test_an_expired_invitation_does_not_work(client: Client, applicant: Resident, officer: User) -> None:
    token = _invite(applicant, officer)
    Invitation.objects.update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    assert _accept(client, token).status_code == 404
    assert not User.objects.filter(resident=applicant).exists()


def test_an_invitation_for_someone_who_has_an_account_says_sign_in(
    client: Client, applicant: Resident, officer: User
) -> None:
    token = _invite(applicant, officer)
    UserFactory(resident=applicant)
    response = _accept(client, token)
    assert response.status_code == 409
    assert "You already have an account" in response.content.decode()
    assert Invitation.objects.get().used_at is None


def test_no_invitation_is_made_for_someone_who_has_an_account(applicant: Resident, officer: User) -> None:
    UserFactory(resident=applicant)
    with pytest.raises(NotAllowed):
        invitation_create(resident_id=applicant.pk, created_by=officer)
    assert not Invitation.objects.exists()


# --- Strangers, neighbours and other members of the household ------------------------------


def test_a_stranger_with_a_made_up_token_is_refused(
    client: Client, applicant: Resident, officer: User
) -> None:
    _invite(applicant, officer)
    assert client.get("/my/invitation/made-up-token/").status_code == 404
    assert _accept(client, "made-up-token").status_code == 404
    assert not User.objects.filter(resident__isnull=False).exists()


def test_a_neighbours_invitation_makes_only_the_neighbours_account(
    client: Client, applicant: Resident, officer: User
) -> None:
    neighbour = ResidentFactory(first_name="Ned", email="ned@example.org")
    token = _invite(neighbour, officer)
    _invite(applicant, officer)
    page = client.get(f"/my/invitation/{token}/").content.decode()
    assert "Hello Ned" in page and "Ada" not in page
    _accept(client, token, "ned@example.org")
    assert User.objects.get(resident__isnull=False).resident == neighbour
    assert not User.objects.filter(resident=applicant).exists()


def test_another_household_member_cannot_use_their_own_invitation_for_someone_else(
    client: Client, officer: User, db: None
) -> None:
    tenancy = household(first_name="Tess", email="tess@example.org")
    tom = ResidentFactory(first_name="Tom", email="tom@example.org")
    TenancyMemberFactory(tenancy=tenancy, resident=tom, role=MemberRole.JOINT_TENANT)
    tess = tenancy.members.get(resident__first_name="Tess").resident
    _invite(tess, officer)
    toms = _invite(tom, officer)
    # Tom's link only ever makes Tom's account, whatever address he types.
    _accept(client, toms, "tess.by.tom@example.org")
    assert User.objects.get(resident__isnull=False).resident == tom
    # And he cannot reach Tess's invitation without her link, which went to her address.
    assert last_message("portal_invitation", recipient=tess).to == "tess@example.org"
    assert not User.objects.filter(resident=tess).exists()
