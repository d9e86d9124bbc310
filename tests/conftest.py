"""Shared personas: Olive the officer, Ada the administrator, Mo the manager, Bea the board
reader, Tess the tenant (with an account) and Sam, a stranger with no role at all."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from hypothesis import settings as hypothesis_settings
from time_machine import TimeMachineFixture

from tenantvoice.accounts.models import User
from tenantvoice.core.roles import Role
from tenantvoice.residents.models import Resident
from tenantvoice.strategies import loader

from .factories import ResidentFactory, TenancyMemberFactory, UserFactory, staff_user

# Property tests are about correctness, not speed: a busy CI machine (or a first call that
# loads holiday tables) must not fail them on Hypothesis's default 200 ms deadline.
hypothesis_settings.register_profile("tenantvoice", deadline=None)
hypothesis_settings.load_profile("tenantvoice")

# How long before midnight a run must start for its date to stay the same to the end. The
# whole suite takes under 15 minutes on one database; two hours leaves room for a slow machine.
_HOURS_A_RUN_NEEDS = 2


def pytest_configure(config: pytest.Config) -> None:
    """Keep one calendar date for the whole run.

    Tests (and many modules' ``TODAY``) read the date once, the services read it again later;
    a run that crossed midnight failed for no fault in the code (CI, 6 to 7 December 2026). A
    run that starts within two hours of midnight, London time, has its clock moved back to two
    hours before midnight and left to tick, so every date it sees is one date. Runs at any other
    time see the real clock. Each xdist worker does this for itself.
    """
    import datetime as dt
    from zoneinfo import ZoneInfo

    import time_machine

    london = ZoneInfo("Europe/London")
    now = dt.datetime.now(london)
    latest_start = dt.datetime.combine(now.date(), dt.time(24 - _HOURS_A_RUN_NEEDS), tzinfo=london)
    if now > latest_start:
        time_machine.travel(latest_start, tick=True).start()
    # The order of the files is ours (below), not xdist's: it would put the files with the most
    # tests first, and so the few slow ones last, where one of them kept a worker busy alone.
    if hasattr(config.option, "loadscopereorder"):
        config.option.loadscopereorder = False


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Files with a ``slow`` test first (in the order collected), then the rest by their number
    of tests, most first.

    ``--dist loadfile`` gives each worker a whole file at a time, in this order. A slow file
    (real processes, migrating back and forth: tens of seconds each) given out last kept one
    worker busy while the other had nothing left to do; given out first, the many short files
    fill the other worker's time and both finish together. Each file's tests keep their order.
    """
    files: dict[str, list[pytest.Item]] = {}
    for item in items:
        files.setdefault(item.nodeid.split("::")[0], []).append(item)

    def first_the_slow_then_the_long(file: str) -> tuple[bool, int]:
        tests = files[file]
        if any(item.get_closest_marker("slow") for item in tests):
            return (False, 0)  # in the order collected
        return (True, -len(tests))

    items[:] = [item for file in sorted(files, key=first_the_slow_then_the_long) for item in files[file]]


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Drop the migrated PostgreSQL database that the process tests' databases were copied
    from (tests/worker/processes.py), once every worker is done: in xdist's controller, or in
    the only process without xdist."""
    import os

    url = os.environ.get("DATABASE_URL", "")
    if hasattr(session.config, "workerinput") or not url.startswith("postgres"):
        return
    import psycopg

    from .worker.processes import migrated_template_name

    base, _, name = url.rpartition("/")
    template = migrated_template_name(name.split("?")[0])
    try:
        with psycopg.connect(f"{base}/postgres", autocommit=True, connect_timeout=5) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)')
    except psycopg.Error:
        pass  # scripts/test.sh drops it with the run's test databases


@contextmanager
def rows_shared_by_tests(django_db_blocker: Any) -> Iterator[None]:
    """Rows made once for a module (or a class) of tests, rolled back after its last test.

    Use it in a module- or class-scoped fixture that also asks for ``django_db_setup``. Each
    test that asks for ``db`` still runs inside its own savepoint within this transaction, so
    whatever a test writes is rolled back before the next test sees the rows (decision 0037).
    Not for ``transactional_db`` tests: they empty the tables, which would take these rows too.
    """
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


def sign_in(client: Client, user: User) -> Client:
    """Sign in as ``user``; staff also pass MFA, as their authenticator would let them."""
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Each test starts with an empty cache, so sign-in throttling in one cannot leak into another."""
    from django.core.cache import cache

    cache.clear()


class ThrottleClock:
    """The clock stopped (time-machine) and moved on by hand, so a test never sleeps through a
    throttle's wait; the cache's expiry times move with it, as they would in real time."""

    def __init__(self, machine: TimeMachineFixture) -> None:
        self.machine = machine
        machine.move_to(1_900_000_000.0, tick=False)

    def advance(self, seconds: float) -> None:
        self.machine.shift(seconds)


@pytest.fixture
def throttle_clock(time_machine: TimeMachineFixture) -> ThrottleClock:
    return ThrottleClock(time_machine)


@pytest.fixture
def officer(db: None) -> User:
    return staff_user(Role.ENGAGEMENT_OFFICER, "olive.officer@example.org")


@pytest.fixture
def administrator(db: None) -> User:
    return staff_user(Role.ADMINISTRATOR, "ada.admin@example.org")


@pytest.fixture
def manager(db: None) -> User:
    return staff_user(Role.MANAGER, "mo.manager@example.org")


@pytest.fixture
def board_reader(db: None) -> User:
    return staff_user(Role.BOARD_READER, "bea.board@example.org")


@pytest.fixture
def tess(db: None) -> Resident:
    """Tess Tenant, the named tenant of a home, who has an account."""
    member = TenancyMemberFactory(
        resident=ResidentFactory(
            first_name="Tess", last_name="Tenant", first_name_key="tess", last_name_key="tenant"
        )
    )
    return member.resident


@pytest.fixture
def tenant_user(tess: Resident) -> User:
    return UserFactory(role=Role.RESIDENT, email="tess@example.org", resident=tess)


@pytest.fixture
def officer_client(client: Client, officer: User) -> Client:
    return sign_in(client, officer)


@pytest.fixture
def admin_client(client: Client, administrator: User) -> Client:
    return sign_in(client, administrator)


@pytest.fixture
def tenant_client(client: Client, tenant_user: User) -> Client:
    return sign_in(client, tenant_user)


@pytest.fixture
def no_suppression(db: None) -> None:
    """A landlord threshold of 1: nothing is small, for tests of a report's arithmetic (small
    numbers are tested hidden in tests/core/test_report_suppression.py)."""
    from tenantvoice.core.selectors import landlord_get

    landlord = landlord_get()
    landlord.suppression_threshold = 1
    landlord.save(update_fields=["suppression_threshold"])


def run_sends() -> int:
    """Run every mass send waiting for the worker, as the task worker would after commit
    (a test's transaction never commits); returns how many messages they queued."""
    from tenantvoice.comms.models import SendRun
    from tenantvoice.comms.sends import send_run_process, send_until_nothing_due

    queued = sum(
        send_run_process(pk) for pk in SendRun.objects.exclude(status="done").values_list("pk", flat=True)
    )
    send_until_nothing_due()
    return queued


@pytest.fixture
def strategy_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Write a strategy file the loader reads as "test-landlord": ``strategy_load(strategy_file(text))``."""
    monkeypatch.setattr(loader, "_data_dir", lambda: tmp_path)

    def write(text: str) -> str:
        (tmp_path / "test-landlord.toml").write_text(text, encoding="utf-8")
        return "test-landlord"

    return write
