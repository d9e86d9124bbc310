"""The tenancy check at sign-up waits after failures, says how long, and then works again."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import Client

from tenantvoice.residents.models import Tenancy

from ..conftest import ThrottleClock
from .test_sign_up import NO_MATCH, _check, home  # noqa: F401  (home is a fixture)

RIGHT = dt.date(1958, 3, 27)
WRONG = dt.date(1900, 1, 1)


def test_after_the_wait_the_right_details_pass(home: Tenancy, throttle_clock: ThrottleClock) -> None:  # noqa: F811
    for _ in range(5):
        assert NO_MATCH in _check(Client(), home.hms_ref, dob=WRONG).content.decode()
    waiting = _check(Client(), home.hms_ref, dob=RIGHT)
    assert waiting.status_code == 429 and waiting["Retry-After"] == "60"
    assert "wait 1 minute and try again" in waiting.content.decode()
    throttle_clock.advance(60)
    assert _check(Client(), home.hms_ref, dob=RIGHT)["Location"] == "/my/sign-up/account/"


def test_a_neighbour_behind_the_same_proxy_is_not_held_up(
    home: Tenancy,  # noqa: F811
    settings: Any,
    throttle_clock: ThrottleClock,
) -> None:
    settings.TENANTVOICE_TRUSTED_PROXIES = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for _ in range(5):
        Client().post(
            "/my/sign-up/",
            {"tenancy_reference": home.hms_ref, "dob_day": "1", "dob_month": "1", "dob_year": "1900"},
            HTTP_X_FORWARDED_FOR="198.51.100.7",
            **proxy,  # type: ignore[arg-type]
        )
    right = {"tenancy_reference": home.hms_ref, "dob_day": "27", "dob_month": "3", "dob_year": "1958"}
    guesser = Client().post("/my/sign-up/", right, HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy)  # type: ignore[arg-type]
    assert guesser.status_code == 429
    neighbour = Client().post("/my/sign-up/", right, HTTP_X_FORWARDED_FOR="203.0.113.5", **proxy)  # type: ignore[arg-type]
    assert neighbour["Location"] == "/my/sign-up/account/"
