"""Administrators manage staff accounts in pages: list, create (the new member of staff chooses
their own password by an emailed link), change role, deactivate and reactivate, reset a lost
authenticator. Each change is audited; nobody else may do any of it."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from tenantvoice.accounts.models import User
from tenantvoice.core.models import AuditEvent
from tenantvoice.core.roles import Role

from ..conftest import sign_in
from ..factories import PASSWORD, staff_user
from ..outbox import last_message, link_in

NEW = "olus-own-long-passphrase-2026"


@pytest.fixture
def colleague(db: None) -> User:
    return staff_user(Role.ENGAGEMENT_OFFICER, "cal.colleague@example.org")


def _audited(account: User, action: str) -> AuditEvent:
    return AuditEvent.objects.filter(object_id=str(account.pk), action=action).latest("pk")


def test_the_list_shows_staff_accounts_and_not_residents(
    admin_client: Client, colleague: User, tenant_user: User
) -> None:
    page = admin_client.get("/staff/accounts/").content.decode()
    assert "cal.colleague@example.org" in page and "Engagement officer" in page
    assert "tess@example.org" not in page
    assert admin_client.get(f"/staff/accounts/{tenant_user.pk}/").status_code == 404


def test_a_new_member_of_staff_chooses_their_own_password(admin_client: Client, administrator: User) -> None:
    response = admin_client.post(
        "/staff/accounts/new/",
        {"full_name": "Olu Officer", "email": "Olu@Example.org", "role": Role.ENGAGEMENT_OFFICER},
    )
    olu = User.objects.get(email="olu@example.org")
    assert response["Location"] == f"/staff/accounts/{olu.pk}/"
    assert olu.role == Role.ENGAGEMENT_OFFICER and not olu.has_usable_password()
    page = admin_client.get(response["Location"]).content.decode()
    assert "emailed olu@example.org a link" in page and "/accounts/password-reset/" not in page
    assert _audited(olu, "create").actor == administrator
    message = last_message("staff_account_created")
    assert message.to == "olu@example.org" and message.recipient is None
    client = Client()
    assert "Choose your password" in client.get(link_in(message)).content.decode()
    client.post(link_in(message), {"password": NEW, "password_again": NEW})
    client.post("/accounts/sign-in/", {"email": "olu@example.org", "password": NEW})
    # The first sign-in sets up the authenticator.
    assert "Set up your authenticator app" in client.get("/accounts/mfa/").content.decode()


def test_a_resident_role_cannot_be_given_here(admin_client: Client) -> None:
    page = admin_client.post(
        "/staff/accounts/new/", {"full_name": "R", "email": "r@example.org", "role": Role.RESIDENT}
    ).content.decode()
    assert "from the options shown" in page
    assert not User.objects.filter(email="r@example.org").exists()


def test_an_administrator_changes_a_role(admin_client: Client, colleague: User, administrator: User) -> None:
    admin_client.post(f"/staff/accounts/{colleague.pk}/role/", {"role": Role.MANAGER})
    colleague.refresh_from_db()
    assert colleague.role == Role.MANAGER
    event = _audited(colleague, "update")
    assert event.actor == administrator and event.changes == {"role": ["officer", "manager"]}
    admin_client.post(f"/staff/accounts/{colleague.pk}/role/", {"role": Role.RESIDENT})
    colleague.refresh_from_db()
    assert colleague.role == Role.MANAGER


def test_deactivating_signs_them_out_and_reactivating_lets_them_back(
    admin_client: Client, colleague: User
) -> None:
    their_session = sign_in(Client(), colleague)
    assert their_session.get("/staff/").status_code == 200
    admin_client.post(f"/staff/accounts/{colleague.pk}/active/", {"active": "0"})
    colleague.refresh_from_db()
    assert not colleague.is_active
    assert their_session.get("/staff/")["Location"].startswith("/accounts/sign-in/")
    assert _audited(colleague, "update").changes == {"is_active": [True, False]}
    admin_client.post(f"/staff/accounts/{colleague.pk}/active/", {"active": "1"})
    colleague.refresh_from_db()
    assert colleague.is_active
    assert (
        Client().post("/accounts/sign-in/", {"email": colleague.email, "password": PASSWORD}).status_code
        == 302
    )


def test_a_lost_authenticator_is_reset_and_set_up_again_at_next_sign_in(
    admin_client: Client, colleague: User, administrator: User
) -> None:
    admin_client.post(f"/staff/accounts/{colleague.pk}/mfa-reset/")
    assert not TOTPDevice.objects.filter(user=colleague).exists()
    assert _audited(colleague, "delete").actor == administrator
    client = Client()
    client.post("/accounts/sign-in/", {"email": colleague.email, "password": PASSWORD})
    assert "Set up your authenticator app" in client.get("/accounts/mfa/").content.decode()


def test_an_administrator_cannot_lock_themselves_out(admin_client: Client, administrator: User) -> None:
    for url, data in (
        ("role/", {"role": Role.BOARD_READER}),
        ("active/", {"active": "0"}),
        ("mfa-reset/", {}),
    ):
        page = admin_client.post(f"/staff/accounts/{administrator.pk}/{url}", data, follow=True)
        assert "Ask another administrator" in page.content.decode()
    administrator.refresh_from_db()
    assert administrator.role == Role.ADMINISTRATOR and administrator.is_active
    assert TOTPDevice.objects.filter(user=administrator).exists()


@pytest.mark.parametrize("persona", ["officer_client", "tenant_client"])
def test_nobody_but_an_administrator_may(
    request: pytest.FixtureRequest, persona: str, colleague: User
) -> None:
    client: Any = request.getfixturevalue(persona)
    assert client.get("/staff/accounts/").status_code == 403
    assert client.post(f"/staff/accounts/{colleague.pk}/active/", {"active": "0"}).status_code == 403
    colleague.refresh_from_db()
    assert colleague.is_active
