"""Signing in: residents with a password; staff with a password and an authenticator code."""

from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tenantvoice.core.models import AuditEvent
from tenantvoice.core.roles import Role

from ..factories import PASSWORD, UserFactory


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_a_resident_signs_in_with_email_and_password(client: Client, tenant_user) -> None:  # type: ignore[no-untyped-def]
    response = client.post("/accounts/sign-in/", {"email": "TESS@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/my/").status_code == 200


def test_a_wrong_password_is_refused_in_plain_words_and_audited(client: Client, tenant_user) -> None:  # type: ignore[no-untyped-def]
    response = client.post("/accounts/sign-in/", {"email": "tess@example.org", "password": "nope"})
    assert response.status_code == 400
    assert "email address or password is not right" in response.content.decode()
    assert AuditEvent.objects.filter(action="sign_in_failed").exists()


def test_an_officer_sets_up_an_authenticator_on_first_sign_in(client: Client, db: None, settings) -> None:  # type: ignore[no-untyped-def]
    # A wrong code makes the device wait before the next try; no waiting in a test.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    UserFactory(email="new.officer@example.org", role=Role.ENGAGEMENT_OFFICER)
    client.post("/accounts/sign-in/", {"email": "new.officer@example.org", "password": PASSWORD})
    # Before MFA every staff page sends the officer to the code page.
    assert client.get("/staff/")["Location"].startswith("/accounts/mfa/")
    page = client.get("/accounts/mfa/")
    assert "Set up your authenticator app" in page.content.decode()
    device = TOTPDevice.objects.get(user__email="new.officer@example.org")
    wrong = client.post("/accounts/mfa/", {"code": "000000" if _code(device) != "000000" else "111111"})
    assert "That code is not right" in wrong.content.decode()
    assert client.post("/accounts/mfa/", {"code": _code(device)}).status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/staff/").status_code == 200


def test_an_officer_with_an_authenticator_is_asked_for_a_code(client: Client, officer) -> None:  # type: ignore[no-untyped-def]
    client.post("/accounts/sign-in/", {"email": officer.email, "password": PASSWORD})
    page = client.get("/accounts/mfa/")
    assert "Enter your code" in page.content.decode()
    device = TOTPDevice.objects.get(user=officer)
    client.post("/accounts/mfa/", {"code": _code(device), "next": "/staff/"})
    assert client.get("/staff/").status_code == 200


def test_it_slows_down_password_guessing(client: Client, tenant_user) -> None:  # type: ignore[no-untyped-def]
    for _ in range(10):
        client.post("/accounts/sign-in/", {"email": "tess@example.org", "password": "guess"})
    response = client.post("/accounts/sign-in/", {"email": "tess@example.org", "password": PASSWORD})
    assert response.status_code == 429
    assert "too many tries" in response.content.decode()
