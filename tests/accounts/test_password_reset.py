"""Forgot your password: a single-use, expiring link by email, the same answer whether or not
an account exists, and every other session signed out when the password changes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from time_machine import TimeMachineFixture

from tenantvoice.accounts.models import User
from tenantvoice.comms.models import Message
from tenantvoice.core.models import AuditEvent

from ..conftest import sign_in
from ..factories import PASSWORD
from ..outbox import last_message, link_in

NEW = "a-brand-new-passphrase-for-tess-77"


def _ask(client: Client, email: str) -> Any:
    return client.post("/accounts/password-reset/", {"email": email})


def _choose(client: Client, link: str, password: str = NEW) -> Any:
    return client.post(link, {"password": password, "password_again": password})


def test_a_resident_resets_their_password_by_the_emailed_link(client: Client, tenant_user: User) -> None:
    page = _ask(client, "TESS@example.org").content.decode()
    assert "Check your email" in page
    message = last_message("password_reset")
    assert message.to == "tess@example.org" and message.recipient == tenant_user.resident
    link = link_in(message)
    assert "Choose a new password" in client.get(link).content.decode()
    assert "Your password is saved" in _choose(client, link).content.decode()
    tenant_user.refresh_from_db()
    assert tenant_user.check_password(NEW)
    assert AuditEvent.objects.filter(
        object_type="account", summary__startswith="Chose a new password"
    ).exists()
    # Single use.
    assert _choose(Client(), link, "yet-another-passphrase-99").status_code == 404
    tenant_user.refresh_from_db()
    assert tenant_user.check_password(NEW)


def test_a_member_of_staff_resets_theirs_and_still_needs_their_authenticator(
    client: Client, officer: User
) -> None:
    _ask(client, officer.email)
    message = last_message("password_reset")
    assert message.recipient is None and message.to == officer.email
    _choose(client, link_in(message))
    client.post("/accounts/sign-in/", {"email": officer.email, "password": NEW})
    assert client.get("/staff/")["Location"].startswith("/accounts/mfa/")


def test_the_answer_is_the_same_whether_or_not_an_account_exists(client: Client, tenant_user: User) -> None:
    known = _ask(client, "tess@example.org")
    unknown = _ask(Client(), "nobody@example.org")
    assert known.status_code == unknown.status_code == 200
    strip = lambda r, e: r.content.decode().replace(e, "")  # noqa: E731
    assert strip(known, "tess@example.org") == strip(unknown, "nobody@example.org")
    assert Message.objects.filter(template="password_reset").count() == 1


def test_other_sessions_are_signed_out_when_the_password_changes(client: Client, tenant_user: User) -> None:
    elsewhere = sign_in(Client(), tenant_user)
    assert elsewhere.get("/my/").status_code == 200
    _ask(client, "tess@example.org")
    _choose(client, link_in(last_message("password_reset")))
    assert elsewhere.get("/my/")["Location"].startswith("/accounts/sign-in/")


def test_the_link_expires(
    client: Client, tenant_user: User, settings: Any, time_machine: TimeMachineFixture
) -> None:
    settings.PASSWORD_RESET_TIMEOUT = 3600
    _ask(client, "tess@example.org")
    link = link_in(last_message("password_reset"))
    assert client.get(link).status_code == 200
    time_machine.move_to(timezone.now() + dt.timedelta(minutes=61), tick=False)
    response = client.get(link)
    assert response.status_code == 404 and "This link does not work" in response.content.decode()


def test_a_made_up_or_altered_link_does_not_work(client: Client, tenant_user: User) -> None:
    assert client.get("/accounts/password-reset/MQ/1-abc/").status_code == 404
    assert client.get("/accounts/password-reset/not-base64/x/").status_code == 404
    _ask(client, "tess@example.org")
    link = link_in(last_message("password_reset"))
    assert _choose(client, link[:-3] + "00/").status_code == 404


def test_a_deactivated_account_gets_no_link(client: Client, officer: User) -> None:
    User.objects.filter(pk=officer.pk).update(is_active=False)
    assert "Check your email" in _ask(client, officer.email).content.decode()
    assert not Message.objects.filter(template="password_reset").exists()


def test_an_account_waiting_for_confirmation_gets_its_confirmation_link_again(
    client: Client, db: None
) -> None:
    from ..factories import ResidentFactory, UserFactory

    UserFactory(email="new@example.org", resident=ResidentFactory(), is_active=False)
    _ask(client, "new@example.org")
    assert not Message.objects.filter(template="password_reset").exists()
    assert last_message("account_confirm_email").to == "new@example.org"


def test_requests_are_limited_so_nobody_can_flood_an_inbox(client: Client, tenant_user: User) -> None:
    for _ in range(8):
        assert _ask(client, "tess@example.org").status_code == 200
    assert Message.objects.filter(template="password_reset").count() == 5


def test_the_new_password_follows_the_rules(client: Client, tenant_user: User) -> None:
    _ask(client, "tess@example.org")
    link = link_in(last_message("password_reset"))
    assert "Use a password of at least 10 characters." in _choose(client, link, "short").content.decode()
    tenant_user.refresh_from_db()
    assert tenant_user.check_password(PASSWORD)


@pytest.mark.parametrize("path", ["/accounts/sign-in/"])
def test_the_sign_in_page_offers_the_reset(client: Client, db: None, path: str) -> None:
    assert 'href="/accounts/password-reset/"' in client.get(path).content.decode()
