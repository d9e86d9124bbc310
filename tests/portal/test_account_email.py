"""Changing the sign-in email address: the password, then the link sent to the new address;
the recorded contact details are told. Nobody else can make the change."""

from __future__ import annotations

from django.test import Client

from tenantvoice.accounts.models import User
from tenantvoice.core.models import AuditEvent
from tenantvoice.residents.models import Resident

from ..conftest import sign_in
from ..factories import PASSWORD, ResidentFactory, UserFactory
from ..outbox import last_message, link_in


def _ask(client: Client, email: str = "tess.new@example.org", password: str = PASSWORD) -> object:
    return client.post("/my/account/email/", {"email": email, "password": password})


def test_the_address_changes_only_when_the_link_sent_to_it_is_opened(
    tenant_client: Client, tenant_user: User, tess: Resident
) -> None:
    Resident.objects.filter(pk=tess.pk).update(email="tess.recorded@example.org")
    assert _ask(tenant_client)["Location"] == "/my/"  # type: ignore[index]
    tenant_user.refresh_from_db()
    assert tenant_user.email == "tess@example.org" and tenant_user.pending_email == "tess.new@example.org"
    link = link_in(last_message("account_confirm_email", to="tess.new@example.org"))
    assert "sign in as" in tenant_client.get(link).content.decode()
    tenant_client.post(link)
    tenant_user.refresh_from_db()
    assert tenant_user.email == "tess.new@example.org" and tenant_user.pending_email == ""
    notice = last_message("account_email_changed_notice", recipient=tess)
    assert notice.to == "tess.recorded@example.org" and "t***@e***.org" in notice.body
    event = AuditEvent.objects.filter(object_type="account", changes__has_key="email").get()
    assert event.changes["email"] == ["tess@example.org", "tess.new@example.org"]
    # The link works once.
    assert Client().post(link).status_code == 404


def test_a_stranger_is_sent_to_sign_in(client: Client, db: None) -> None:
    assert client.get("/my/account/email/")["Location"].startswith("/accounts/sign-in/")
    assert client.post("/my/account/email/", {"email": "x@example.org"})["Location"].startswith(
        "/accounts/sign-in/"
    )


def test_a_wrong_password_is_refused_and_counted(tenant_client: Client, tenant_user: User) -> None:
    for _ in range(5):
        page = _ask(tenant_client, password="not-my-password").content.decode()  # type: ignore[attr-defined]
        assert "Your password is not right" in page
    assert _ask(tenant_client).status_code == 429  # type: ignore[attr-defined]
    tenant_user.refresh_from_db()
    assert tenant_user.pending_email == ""


def test_an_address_another_account_uses_is_refused(tenant_client: Client, tenant_user: User) -> None:
    UserFactory(email="taken@example.org")
    assert "already uses this email" in _ask(tenant_client, "Taken@example.org").content.decode()  # type: ignore[attr-defined]


def test_a_neighbour_cannot_change_someone_elses_address(
    tenant_client: Client, tenant_user: User, db: None
) -> None:
    """Ned, next door, has his own account: his session only ever changes his own."""
    ned = UserFactory(email="ned@example.org", resident=ResidentFactory(first_name="Ned"))
    neighbour = sign_in(Client(), ned)
    _ask(neighbour, "ned.new@example.org")
    link = link_in(last_message("account_confirm_email", to="ned.new@example.org"))
    # Pointing Ned's link at Tess's account does not work.
    from tenantvoice.accounts.tokens import uid_for

    tampered = link.replace(uid_for(ned), uid_for(tenant_user))
    assert neighbour.post(tampered).status_code == 404
    tenant_user.refresh_from_db()
    assert tenant_user.email == "tess@example.org" and tenant_user.pending_email == ""


def test_another_household_member_without_the_password_cannot_change_it(
    client: Client, tenant_user: User, tess: Resident
) -> None:
    """Someone at the same computer with the session but not the password cannot redirect mail."""
    shared = sign_in(client, tenant_user)
    assert "Your password is not right" in _ask(shared, "tom@example.org", "guessed-it-1").content.decode()  # type: ignore[attr-defined]
    assert not User.objects.filter(pending_email="tom@example.org").exists()
