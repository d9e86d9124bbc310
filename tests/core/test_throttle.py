"""The client address through trusted proxies, and the throttle's counting shared between processes."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from django.test import RequestFactory

from tenantvoice.core import throttle
from tenantvoice.core.clientip import client_ip

from ..conftest import ThrottleClock


def _ip(settings: Any, proxies: int, forwarded: str | None, remote: str = "10.0.0.2") -> str:
    settings.TENANTVOICE_TRUSTED_PROXIES = proxies
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_ip(RequestFactory().get("/", **extra))  # type: ignore[arg-type]


def test_without_trusted_proxies_the_socket_address_is_the_client(settings: Any) -> None:
    assert _ip(settings, 0, "192.0.2.1") == "10.0.0.2"
    assert _ip(settings, 0, None) == "10.0.0.2"


def test_behind_one_proxy_the_address_it_appended_is_the_client(settings: Any) -> None:
    assert _ip(settings, 1, "192.0.2.1") == "192.0.2.1"
    # Whatever the caller put in front is theirs to invent, so it is passed over.
    assert _ip(settings, 1, "203.0.113.9, 192.0.2.1") == "192.0.2.1"


def test_behind_two_proxies_the_second_from_the_right_is_the_client(settings: Any) -> None:
    assert _ip(settings, 2, "203.0.113.9, 192.0.2.1, 10.1.1.1") == "192.0.2.1"
    # A request that skipped the outer proxy: the furthest address seen.
    assert _ip(settings, 2, "192.0.2.1") == "192.0.2.1"


def test_it_reads_ports_and_ipv6_and_falls_back_on_nonsense(settings: Any) -> None:
    assert _ip(settings, 1, "192.0.2.1:5123") == "192.0.2.1"
    assert _ip(settings, 1, "[2001:DB8::1]:443") == "2001:db8::1"
    assert _ip(settings, 1, "2001:db8::2") == "2001:db8::2"
    assert _ip(settings, 1, "not-an-address") == "10.0.0.2"
    assert _ip(settings, 1, " , ") == "10.0.0.2"


def test_one_request_at_a_time_checks_an_account(throttle_clock: ThrottleClock) -> None:
    with throttle.attempt("sign-in", {"pair": "tess 192.0.2.1", "account": "tess"}) as first:
        assert first.wait_seconds == 0
        # A second guess sent at the same moment is told to wait, not checked alongside.
        with throttle.attempt("sign-in", {"pair": "tess 192.0.2.1", "account": "tess"}) as burst:
            assert burst.wait_seconds == 1
        with throttle.attempt("sign-in", {"account": "tess"}) as elsewhere:
            assert elsewhere.wait_seconds == 1
        first.failed()
    with throttle.attempt("sign-in", {"pair": "tess 192.0.2.1", "account": "tess"}) as after:
        assert after.wait_seconds == 0


def test_people_sharing_an_address_are_checked_side_by_side(throttle_clock: ThrottleClock) -> None:
    with (
        throttle.attempt("sign-in", {"pair": "tess 192.0.2.1", "address": "192.0.2.1"}) as tess,
        throttle.attempt("sign-in", {"pair": "ursula 192.0.2.1", "address": "192.0.2.1"}) as ursula,
    ):
        assert tess.wait_seconds == 0 and ursula.wait_seconds == 0


def test_leaving_an_attempt_without_an_answer_counts_nothing(throttle_clock: ThrottleClock) -> None:
    for _ in range(20):
        with throttle.attempt("mfa", {"account": "7"}) as attempt:
            assert attempt.wait_seconds == 0


def test_waits_are_said_in_plain_words_rounded_up() -> None:
    assert [throttle.wait_text(s) for s in (1, 2, 59, 60, 61, 900, 3600, 5400)] == [
        "1 second",
        "2 seconds",
        "59 seconds",
        "1 minute",
        "2 minutes",
        "15 minutes",
        "1 hour",
        "90 minutes",
    ]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX subprocess environment")
def test_two_processes_share_the_counts_of_the_default_cache(tmp_path: Path) -> None:
    """With the settings a landlord runs, a failure counted by one web process slows the next in
    another (the database cache), which per-process caches could not do."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tenantvoice.settings.local",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'shared.sqlite3'}",
        "TENANTVOICE_VAR_DIR": str(tmp_path),
    }
    env.pop("TENANTVOICE_REDIS_URL", None)

    def run(code: str) -> str:
        result = subprocess.run(  # noqa: S603
            [sys.executable, "-c", code],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    setup = textwrap.dedent(
        """
        import django
        django.setup()
        from django.conf import settings
        from django.core.management import call_command
        from tenantvoice.core import throttle
        call_command("createcachetable", verbosity=0)
        """
    )
    assert run(setup + 'print(settings.CACHES["default"]["BACKEND"])\n').endswith(".DatabaseCache")
    run(setup + 'for _ in range(5): throttle.record_failure("sign-up", {"address": "192.0.2.1"})\n')
    waited = run(setup + 'print(throttle.wait_seconds("sign-up", {"address": "192.0.2.1"}))\n')
    assert 55 <= int(waited) <= 60
