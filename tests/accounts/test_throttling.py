"""Guessing passwords and MFA codes is slowed down, never turned into a lock-out of the owner."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tenantvoice.accounts.models import User
from tenantvoice.core.models import AuditEvent
from tenantvoice.core.roles import Role

from ..conftest import ThrottleClock
from ..factories import PASSWORD, UserFactory

SIGN_IN = "/accounts/sign-in/"


def _sign_in(client: Client, email: str, password: str, **extra: str) -> Any:
    return client.post(SIGN_IN, {"email": email, "password": password}, **extra)  # type: ignore[arg-type]


def _from(address: str) -> dict[str, str]:
    return {"REMOTE_ADDR": address}


@pytest.fixture
def ursula(db: None) -> User:
    """Another resident, who signs in from another address."""
    return UserFactory(role=Role.RESIDENT, email="ursula@example.org")


def test_failures_from_one_address_do_not_stop_another_user_at_another(
    tenant_user: User, ursula: User, throttle_clock: ThrottleClock
) -> None:
    for _ in range(40):
        _sign_in(Client(), "tess@example.org", "guess", **_from("198.51.100.7"))
    assert _sign_in(Client(), "tess@example.org", PASSWORD, **_from("198.51.100.7")).status_code == 429
    assert _sign_in(Client(), "ursula@example.org", PASSWORD, **_from("203.0.113.5")).status_code == 302


def test_a_guesser_at_one_address_does_not_stop_the_owner_at_another(
    tenant_user: User, throttle_clock: ThrottleClock
) -> None:
    for _ in range(6):
        _sign_in(Client(), "tess@example.org", "guess", **_from("198.51.100.7"))
    assert _sign_in(Client(), "tess@example.org", PASSWORD, **_from("198.51.100.7")).status_code == 429
    assert _sign_in(Client(), "tess@example.org", PASSWORD, **_from("203.0.113.5")).status_code == 302


def test_the_wait_page_says_how_long_and_the_password_is_not_checked(
    tenant_user: User, throttle_clock: ThrottleClock
) -> None:
    for _ in range(5):
        assert _sign_in(Client(), "tess@example.org", "guess").status_code == 400
    response = _sign_in(Client(), "tess@example.org", PASSWORD)
    assert response.status_code == 429
    assert response["Retry-After"] == "1"
    assert "Wait 1 second and try again" in response.content.decode()
    # Nothing was checked: no sign-in, and no sixth failure recorded.
    assert not AuditEvent.objects.filter(action="sign_in").exists()
    assert AuditEvent.objects.filter(action="sign_in_failed").count() == 5


def test_each_further_failure_doubles_the_wait_up_to_a_ceiling(
    tenant_user: User, throttle_clock: ThrottleClock
) -> None:
    waits: list[int] = []
    while len(waits) < 12:
        response = _sign_in(Client(), "tess@example.org", "guess")
        if response.status_code == 429:
            waits.append(int(response["Retry-After"]))
            throttle_clock.advance(waits[-1])
    assert waits == [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900]
    assert "Wait 15 minutes and try again" in response.content.decode()


def test_spraying_many_accounts_from_one_address_slows_that_address_only(
    tenant_user: User, throttle_clock: ThrottleClock
) -> None:
    for n in range(30):
        _sign_in(Client(), f"someone{n}@example.org", "guess", **_from("198.51.100.7"))
    assert _sign_in(Client(), "tess@example.org", PASSWORD, **_from("198.51.100.7")).status_code == 429
    assert _sign_in(Client(), "tess@example.org", PASSWORD, **_from("203.0.113.5")).status_code == 302


def test_the_right_password_after_the_wait_signs_in_and_starts_afresh(
    tenant_user: User, throttle_clock: ThrottleClock
) -> None:
    for _ in range(7):
        _sign_in(Client(), "tess@example.org", "guess")
    assert _sign_in(Client(), "tess@example.org", PASSWORD).status_code == 429
    throttle_clock.advance(4)
    client = Client()
    assert _sign_in(client, "tess@example.org", PASSWORD).status_code == 302
    assert client.get("/my/").status_code == 200
    # The count for this account at this address was cleared: a slip now costs nothing.
    assert _sign_in(Client(), "tess@example.org", "slip").status_code == 400
    assert _sign_in(Client(), "tess@example.org", PASSWORD).status_code == 302


def test_guesses_at_one_account_from_many_addresses_slow_it_but_the_owner_gets_in_after_the_wait(
    tenant_user: User, throttle_clock: ThrottleClock
) -> None:
    for n in range(10):
        assert _sign_in(Client(), "tess@example.org", "guess", **_from(f"192.0.2.{n + 1}")).status_code == 400
    # A newcomer to the account (here, its owner on a new phone) must wait too ...
    waiting = _sign_in(Client(), "tess@example.org", PASSWORD, **_from("203.0.113.5"))
    assert waiting.status_code == 429 and "Wait 1 second" in waiting.content.decode()
    # ... but only that long: the right password is then accepted.
    throttle_clock.advance(1)
    assert _sign_in(Client(), "tess@example.org", PASSWORD, **_from("203.0.113.5")).status_code == 302


def test_a_browser_that_signed_in_before_is_not_slowed_by_strangers(
    tenant_user: User, throttle_clock: ThrottleClock
) -> None:
    own = Client()
    assert _sign_in(own, "tess@example.org", PASSWORD, **_from("203.0.113.5")).status_code == 302
    own.post("/accounts/sign-out/")
    for n in range(30):
        _sign_in(Client(), "tess@example.org", "guess", **_from(f"192.0.2.{n + 1}"))
    assert _sign_in(Client(), "tess@example.org", PASSWORD, **_from("203.0.113.5")).status_code == 429
    # Tess's own browser (its cookie) counts apart from the strangers, even at the same address.
    assert _sign_in(own, "tess@example.org", PASSWORD, **_from("203.0.113.5")).status_code == 302


def test_the_signed_in_before_cookie_is_only_for_its_own_account(
    tenant_user: User, ursula: User, throttle_clock: ThrottleClock
) -> None:
    own = Client()
    assert _sign_in(own, "tess@example.org", PASSWORD).status_code == 302
    own.post("/accounts/sign-out/")
    for _ in range(5):
        _sign_in(own, "ursula@example.org", "guess")
    assert _sign_in(own, "ursula@example.org", PASSWORD).status_code == 429


def test_a_forged_signed_in_before_cookie_counts_for_nothing(
    tenant_user: User, throttle_clock: ThrottleClock
) -> None:
    forged = Client()
    forged.cookies["tv_signed_in_before"] = "eyJhIjoiMTIzIn0:forged:signature"
    for _ in range(5):
        _sign_in(forged, "tess@example.org", "guess")
    assert _sign_in(forged, "tess@example.org", PASSWORD).status_code == 429


def test_forwarded_for_is_ignored_without_a_trusted_proxy(
    tenant_user: User, settings: Any, throttle_clock: ThrottleClock
) -> None:
    settings.TENANTVOICE_TRUSTED_PROXIES = 0
    for n in range(5):
        _sign_in(Client(), "tess@example.org", "guess", HTTP_X_FORWARDED_FOR=f"192.0.2.{n + 1}")
    # Inventing a new X-Forwarded-For each time does not make a new address.
    blocked = _sign_in(Client(), "tess@example.org", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.99")
    assert blocked.status_code == 429
    event = AuditEvent.objects.filter(action="sign_in_failed").first()
    assert event is not None and event.ip_address == "127.0.0.1"


def test_forwarded_for_is_honoured_behind_one_trusted_proxy(
    tenant_user: User, settings: Any, throttle_clock: ThrottleClock
) -> None:
    settings.TENANTVOICE_TRUSTED_PROXIES = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for _ in range(5):
        # The guesser's own "X-Forwarded-For: 203.0.113.5" is left of what the proxy appended.
        _sign_in(
            Client(), "tess@example.org", "guess", HTTP_X_FORWARDED_FOR="203.0.113.5, 198.51.100.7", **proxy
        )
    guesser = _sign_in(Client(), "tess@example.org", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy)
    assert guesser.status_code == 429
    # Tess, at another address behind the same proxy, is not held up.
    owner = _sign_in(Client(), "tess@example.org", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.5", **proxy)
    assert owner.status_code == 302
    addresses = set(AuditEvent.objects.values_list("ip_address", flat=True))
    assert addresses == {"198.51.100.7", "203.0.113.5"}


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _wrong(device: TOTPDevice) -> str:
    return "000000" if _code(device) != "000000" else "111111"


def test_mfa_after_wrong_codes_says_wait_and_then_accepts_the_right_code(
    client: Client, officer: User, throttle_clock: ThrottleClock
) -> None:
    _sign_in(client, officer.email, PASSWORD)
    device = TOTPDevice.objects.get(user=officer)
    for _ in range(5):
        wrong = client.post("/accounts/mfa/", {"code": _wrong(device)})
        assert "That code is not right" in wrong.content.decode()
    waiting = client.post("/accounts/mfa/", {"code": _code(device)})
    assert waiting.status_code == 429 and waiting["Retry-After"] == "1"
    assert "too many wrong codes. Wait 1 second" in waiting.content.decode()
    assert client.get("/staff/")["Location"].startswith("/accounts/mfa/")  # the code was not used
    throttle_clock.advance(1)
    assert client.post("/accounts/mfa/", {"code": _code(device), "next": "/staff/"}).status_code == 302
    assert client.get("/staff/").status_code == 200


def test_mfa_set_up_also_says_wait(client: Client, db: None, throttle_clock: ThrottleClock) -> None:
    UserFactory(email="new.officer@example.org", role=Role.ENGAGEMENT_OFFICER)
    _sign_in(client, "new.officer@example.org", PASSWORD)
    client.get("/accounts/mfa/")
    device = TOTPDevice.objects.get(user__email="new.officer@example.org")
    for _ in range(5):
        client.post("/accounts/mfa/", {"code": _wrong(device)})
    waiting = client.post("/accounts/mfa/", {"code": _code(device)})
    assert waiting.status_code == 429
    page = waiting.content.decode()
    assert "Wait 1 second" in page and "Set up your authenticator app" in page
    throttle_clock.advance(1)
    assert client.post("/accounts/mfa/", {"code": _code(device)}).status_code == 302
    device.refresh_from_db()
    assert device.confirmed


def test_the_database_cache_carries_the_counts(
    tenant_user: User, settings: Any, throttle_clock: ThrottleClock
) -> None:
    """The default (shared) backend, on this database: its table comes with `migrate`."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "tenantvoice_cache"}
    }
    for _ in range(5):
        _sign_in(Client(), "tess@example.org", "guess")
    assert _sign_in(Client(), "tess@example.org", PASSWORD).status_code == 429
    throttle_clock.advance(1)
    assert _sign_in(Client(), "tess@example.org", PASSWORD).status_code == 302
