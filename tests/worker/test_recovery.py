"""Recovering a dead process's work: jobs queued again or failed with a reason, imports failed
with a clear message, messages recovered at once; live processes' work left alone."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from tenantvoice.comms.models import Message
from tenantvoice.comms.services import message_queue
from tenantvoice.core.models import AuditEvent
from tenantvoice.residents.models import ImportRun, ImportStatus
from tenantvoice.worker.liveness import hostname, process_tag
from tenantvoice.worker.models import WorkerHeartbeat
from tenantvoice.worker.recovery import STOPPED_CHECK, STOPPED_IMPORT, recover_stale_work
from tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def dead_tag() -> str:
    """The tag of a process on this host that has exited."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])  # noqa: S603
    process.wait()
    return f"{hostname()}:{process.pid}:deadbeef"


def job(
    tag: str, path: str = "tenantvoice.comms.tasks.send_queued", runs: int = 1, **fields: Any
) -> DBTaskResult:
    return DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path=path,
        backend_name="default",
        run_after=get_date_max(),
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now(),
        worker_ids=[*[f"{tag}-earlier-{n}" for n in range(runs - 1)], tag],
        **fields,
    )


def import_run(tag: str, *, dry_run: bool = False) -> ImportRun:
    return ImportRun.objects.create(
        original_name="extract.csv",
        file="imports/extract.csv",
        dry_run=dry_run,
        status=ImportStatus.RUNNING,
        started_at=timezone.now(),
        claimed_by=tag,
    )


def test_a_dead_workers_rerunnable_job_is_queued_again(dead_tag: str) -> None:
    dead = job(dead_tag)

    recovered = recover_stale_work()

    dead.refresh_from_db()
    assert dead.status == TaskResultStatus.READY
    assert recovered.tasks_requeued == 1


def test_a_dead_workers_job_that_is_not_safe_to_repeat_is_failed_with_the_reason(dead_tag: str) -> None:
    dead = job(dead_tag, path="tests.worker.jobs.not_rerunnable")

    recover_stale_work()

    dead.refresh_from_db()
    assert dead.status == TaskResultStatus.FAILED
    assert dead.exception_class_path == "tenantvoice.worker.recovery.WorkerStopped"
    assert "stopped before it finished" in dead.traceback
    assert dead.task_result.errors  # officers and admins see it as a failed job


def test_a_job_that_keeps_killing_its_worker_is_not_started_a_fourth_time(dead_tag: str) -> None:
    dead = job(dead_tag, runs=3)

    recover_stale_work()

    dead.refresh_from_db()
    assert dead.status == TaskResultStatus.FAILED
    assert "3 times" in dead.traceback


def test_a_live_workers_job_is_left_alone() -> None:
    alive = job(process_tag())
    elsewhere = job("another-host:12:abcdefgh")  # no heartbeat, started just now: within the lease

    assert not recover_stale_work()

    assert {r.status for r in DBTaskResult.objects.filter(pk__in=[alive.pk, elsewhere.pk])} == {"RUNNING"}


def test_a_worker_on_another_host_is_gone_when_its_heartbeat_is_older_than_the_lease() -> None:
    now = timezone.now()
    WorkerHeartbeat.objects.create(
        worker_id="another-host:12:abcdefgh",
        hostname="another-host",
        pid=12,
        started_at=now - dt.timedelta(hours=2),
        seen_at=now - dt.timedelta(minutes=16),
    )
    WorkerHeartbeat.objects.create(
        worker_id="third-host:12:abcdefgh", hostname="third-host", pid=12, started_at=now, seen_at=now
    )
    silent, beating = job("another-host:12:abcdefgh"), job("third-host:12:abcdefgh")

    recover_stale_work()

    silent.refresh_from_db()
    beating.refresh_from_db()
    assert (silent.status, beating.status) == ("READY", "RUNNING")
    assert list(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == ["third-host:12:abcdefgh"]


def test_a_dead_process_with_the_same_pid_as_a_new_worker_is_gone() -> None:
    """A worker restarted in a container often gets its old pid again, with a new tag."""
    now = timezone.now()
    old_tag, pid = f"{hostname()}:1:oldoldol", 1  # pid 1 is always alive
    WorkerHeartbeat.objects.create(
        worker_id=f"{hostname()}:1:newnewne", hostname=hostname(), pid=pid, started_at=now, seen_at=now
    )
    old = job(old_tag)

    recover_stale_work()

    old.refresh_from_db()
    assert old.status == "READY"


def test_an_import_whose_process_died_is_failed_saying_nothing_was_saved(dead_tag: str) -> None:
    stopped, checking, alive = (
        import_run(dead_tag),
        import_run(dead_tag, dry_run=True),
        import_run(process_tag()),
    )

    recovered = recover_stale_work(via="command")

    for run in (stopped, checking, alive):
        run.refresh_from_db()
    assert (stopped.status, stopped.message) == (ImportStatus.FAILED, STOPPED_IMPORT)
    assert stopped.finished_at is not None
    assert (checking.status, checking.message) == (ImportStatus.FAILED, STOPPED_CHECK)
    assert alive.status == ImportStatus.RUNNING
    assert recovered.imports_failed == 2
    audit = AuditEvent.objects.get(object_type="background work")
    assert "imports failed: 2" in audit.summary and audit.via == "command" and audit.actor is None


def test_messages_a_dead_process_was_sending_are_queued_again_at_once(dead_tag: str) -> None:
    [dead, alive] = message_queue(
        recipients=ResidentFactory.create_batch(2, preferred_channel="letter"),
        template="level_accepted",
        context={"level": "Panel"},
        key="recovery",
    )
    now = timezone.now()
    Message.objects.filter(pk=dead.pk).update(status="sending", claimed_at=now, claimed_by=dead_tag)
    Message.objects.filter(pk=alive.pk).update(status="sending", claimed_at=now, claimed_by=process_tag())

    assert recover_stale_work().messages == 1  # letters: no provider to ask, so queued again

    assert dict(Message.objects.values_list("pk", "status")) == {dead.pk: "queued", alive.pk: "sending"}


def test_the_daily_job_recovers_stopped_work(dead_tag: str, capsys: pytest.CaptureFixture[str]) -> None:
    run = import_run(dead_tag)

    call_command("daily")

    run.refresh_from_db()
    assert run.status == ImportStatus.FAILED
    assert "imports failed: 1" in capsys.readouterr().out


def test_nothing_to_recover_writes_no_audit_row() -> None:
    recover_stale_work()

    assert not AuditEvent.objects.filter(object_type="background work").exists()
