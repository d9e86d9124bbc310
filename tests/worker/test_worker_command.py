"""``tenantvoice db_worker`` is the project's worker: it recovers on start-up, backs off when the
database goes away, and carries on (the real restart is in test_faults.py)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command, get_commands
from django.db import InterfaceError, OperationalError, ProgrammingError
from django.test import override_settings
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker as PackageWorker
from django_tasks_db.models import DBTaskResult, get_date_max

from tenantvoice.comms.models import Message
from tenantvoice.comms.services import message_queue
from tenantvoice.worker.management.commands.db_worker import ResilientWorker
from tenantvoice.worker.models import WorkerHeartbeat
from tests.factories import ResidentFactory

# The worker closes connections that are in a transaction (Django's close_old_connections), as
# it must between jobs; inside a test's own transaction that closes the test's connection on
# PostgreSQL (SQLite's in-memory test database ignores it), so these tests commit for real.
pytestmark = pytest.mark.django_db(transaction=True)


def ready_job(path: str = "tenantvoice.comms.tasks.send_queued") -> DBTaskResult:
    return DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path=path,
        backend_name="default",
        run_after=get_date_max(),
    )


def worker(**options: Any) -> ResilientWorker:
    return ResilientWorker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=options.pop("worker_id", "test-host:1:testtest"),
        excluded_queue_names=[],
    )


def test_db_worker_is_the_projects_command() -> None:
    assert get_commands()["db_worker"] == "tenantvoice.worker"


@override_settings(
    TENANTVOICE_WORKER_HEARTBEAT_SECONDS=3600,
    TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}},
)
def test_the_worker_runs_what_is_ready_and_removes_its_heartbeat_when_it_stops() -> None:
    [message] = message_queue(
        recipients=[ResidentFactory(preferred_channel="email")],
        template="level_accepted",
        context={"level": "Panel"},
        key="worker",
    )
    job = ready_job()  # what message_queue enqueues when its transaction commits

    call_command(
        "db_worker", "--batch", "--no-reload", "--no-startup-delay", "--queue-name", "*", verbosity=0
    )

    job.refresh_from_db()
    message.refresh_from_db()
    assert job.status == TaskResultStatus.SUCCESSFUL and message.status == "sent"
    assert not WorkerHeartbeat.objects.exists()


@override_settings(TENANTVOICE_WORKER_HEARTBEAT_SECONDS=3600, TENANTVOICE_WORKER_MAX_BACKOFF_SECONDS=4)
def test_the_worker_backs_off_while_the_database_is_away_then_recovers_its_own_job(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    the_worker = worker()
    # The job it was running when the connection went (claimed by this worker).
    interrupted = ready_job()
    DBTaskResult.objects.filter(pk=interrupted.pk).update(
        status=TaskResultStatus.RUNNING, worker_ids=[the_worker.worker_id]
    )
    outages = [
        OperationalError("server closed the connection"),
        InterfaceError("connection already closed"),
    ] + [OperationalError("connection refused")] * 3
    seen_after_outage: list[str] = []

    def package_run(self: PackageWorker) -> None:
        if outages:
            raise outages.pop(0)
        seen_after_outage.append(DBTaskResult.objects.get(pk=interrupted.pk).status)

    monkeypatch.setattr(PackageWorker, "run", package_run)
    sleeps: list[float] = []
    the_worker.sleep = sleeps.append

    the_worker.run()

    assert sleeps == [1, 2, 4, 4, 4], "1, 2, 4 ... seconds, at most the maximum"
    assert seen_after_outage == ["READY"], "its own interrupted job was queued again before it carried on"


@override_settings(TENANTVOICE_WORKER_HEARTBEAT_SECONDS=3600)
def test_a_job_that_fails_leaves_nothing_of_the_workers_claimed(monkeypatch: pytest.MonkeyPatch) -> None:
    [message] = message_queue(
        recipients=[ResidentFactory(preferred_channel="letter")],
        template="level_accepted",
        context={"level": "Panel"},
        key="failing",
    )
    job = ready_job("tests.worker.jobs.not_rerunnable")
    the_worker = worker()

    def fails() -> None:
        # Claimed a message, then the job died of something else.
        Message.objects.filter(pk=message.pk).update(status="sending", claimed_by=the_worker.worker_id)
        raise RuntimeError("the job went wrong")

    monkeypatch.setattr("tests.worker.jobs.behaviour", fails)
    the_worker.run()

    job.refresh_from_db()
    message.refresh_from_db()
    assert job.status == TaskResultStatus.FAILED
    assert message.status == "queued", "the claim it left was recovered"


@override_settings(TENANTVOICE_WORKER_HEARTBEAT_SECONDS=3600)
def test_a_stop_between_jobs_that_interrupts_a_query_is_a_clean_stop(monkeypatch: pytest.MonkeyPatch) -> None:
    """SIGTERM while the worker reads the queue: the package leaves at once, the interrupted
    query fails as its transaction unwinds, and the worker stops without an error."""
    the_worker = worker()

    def stopped_mid_query(self: PackageWorker) -> None:
        self.running = False
        raise ProgrammingError("can't change 'autocommit' now: connection in transaction status ACTIVE")

    monkeypatch.setattr(PackageWorker, "run", stopped_mid_query)
    the_worker.run()  # no error
    assert not WorkerHeartbeat.objects.exists()


@override_settings(TENANTVOICE_WORKER_HEARTBEAT_SECONDS=3600)
def test_any_other_database_error_while_running_is_not_swallowed(monkeypatch: pytest.MonkeyPatch) -> None:
    the_worker = worker()

    def broken(self: PackageWorker) -> None:
        raise ProgrammingError("relation does not exist")

    monkeypatch.setattr(PackageWorker, "run", broken)
    with pytest.raises(ProgrammingError):
        the_worker.run()
