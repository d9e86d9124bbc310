"""Recovering the work a dead worker left half done: on each worker's start-up, after it
reconnects to the database, and in ``tenantvoice daily``.

- Task results left "running" by a process that is gone (``liveness``) are queued again when
  the task is marked :func:`rerunnable` (safe to run twice), or else marked failed with a
  message saying why. A task that has been started ``TENANTVOICE_TASK_MAX_RUNS`` times (3) is
  failed rather than queued again, so a job that kills its worker cannot do so for ever.
- Imports left "running" are marked failed. An import writes each file in one transaction
  (``residents.importing.import_rows``), so a process killed part-way saved nothing from it;
  the officer confirms it again from its page.
- Messages left "sending" are recovered by the outbox (``comms.services.recover_stale_claims``),
  which asks the provider first.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any, TypeVar

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

from .liveness import Liveness

logger = logging.getLogger("tenantvoice.worker")

T = TypeVar("T")

# Tasks safe to run again from the start after a worker died in the middle of one.
RERUNNABLE: set[str] = set()

STOPPED_IMPORT = (
    "The import stopped before it finished (the worker was stopped). Nothing from this file was "
    "saved; confirm it again."
)
STOPPED_CHECK = (
    "The check stopped before it finished (the worker was stopped). Nothing was changed; upload "
    "the file again to check it."
)
STOPPED_TASK = (
    "This job stopped before it finished: the worker running it was stopped or lost the database. "
    "It was not started again because running it twice might not be safe."
)
STOPPED_TOO_OFTEN = "This job stopped before it finished {runs} times, so it was not started again."


class WorkerStopped(Exception):
    """Recorded on a task result that recovery marked failed."""


def rerunnable(task: T) -> T:
    """Mark a task (``@rerunnable`` above ``@task()``) as safe to run again after a crash:
    running it twice, or from the start after it did part of its work, changes nothing more
    than running it once."""
    RERUNNABLE.add(task.module_path)  # type: ignore[attr-defined]
    return task


def max_runs() -> int:
    return int(getattr(settings, "TENANTVOICE_TASK_MAX_RUNS", 3))


@dataclass
class Recovered:
    tasks_requeued: int = 0
    tasks_failed: int = 0
    imports_failed: int = 0
    messages: int = 0

    def __bool__(self) -> bool:
        return bool(self.tasks_requeued or self.tasks_failed or self.imports_failed or self.messages)

    def __str__(self) -> str:
        return (
            f"jobs queued again: {self.tasks_requeued}, jobs failed: {self.tasks_failed}, "
            f"imports failed: {self.imports_failed}, messages recovered: {self.messages}"
        )


def recover_stale_work(
    *, now: dt.datetime | None = None, orphaned: frozenset[str] = frozenset(), via: str = "task"
) -> Recovered:
    """Recover or fail the work of processes that are gone (and of the ``orphaned`` tags)."""
    from tenantvoice.comms.services import recover_stale_claims

    now = now or timezone.now()
    live = Liveness(now, orphaned=orphaned)
    recovered = Recovered()
    # Imports before tasks: a re-queued import job then finds its run failed and leaves it.
    recovered.imports_failed = _fail_stopped_imports(live)
    _recover_tasks(live, recovered)
    recovered.messages = recover_stale_claims(now, gone=live.gone)
    _forget_dead_workers(live)
    if recovered:
        from tenantvoice.core.audit import audit_record
        from tenantvoice.core.models import AuditAction

        logger.warning("Recovered the work of a stopped worker: %s.", recovered)
        audit_record(
            actor=None,
            action=AuditAction.UPDATE,
            object_type="background work",
            summary=f"Recovered the work of a stopped worker: {recovered}",
            via=via,
        )
    return recovered


def _fail_stopped_imports(live: Liveness) -> int:
    from tenantvoice.residents.models import ImportRun, ImportStatus

    failed = 0
    running = ImportRun.objects.filter(status=ImportStatus.RUNNING).only(
        "pk", "claimed_by", "started_at", "dry_run"
    )
    for run in running:
        if not live.gone(run.claimed_by, run.started_at):
            continue
        failed += ImportRun.objects.filter(
            pk=run.pk, status=ImportStatus.RUNNING, claimed_by=run.claimed_by
        ).update(
            status=ImportStatus.FAILED,
            message=STOPPED_CHECK if run.dry_run else STOPPED_IMPORT,
            finished_at=live.now,
        )
    return failed


def _recover_tasks(live: Liveness, recovered: Recovered) -> None:
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).only(
        "pk", "worker_ids", "started_at", "task_path"
    )
    for result in running:
        tag = result.worker_ids[-1] if result.worker_ids else ""
        if not live.gone(tag, result.started_at):
            continue
        still_running = DBTaskResult.objects.filter(pk=result.pk, status=TaskResultStatus.RUNNING)
        runs = len(result.worker_ids)
        if _is_rerunnable(result.task_path) and runs < max_runs():
            recovered.tasks_requeued += still_running.update(status=TaskResultStatus.READY)
            logger.warning(
                "Queued job %s (%s) again: its worker %s stopped.", result.pk, result.task_path, tag
            )
            continue
        reason = STOPPED_TASK if runs < max_runs() else STOPPED_TOO_OFTEN.format(runs=runs)
        recovered.tasks_failed += still_running.update(
            status=TaskResultStatus.FAILED,
            finished_at=live.now,
            return_value=None,
            exception_class_path=f"{WorkerStopped.__module__}.{WorkerStopped.__qualname__}",
            traceback=f"{WorkerStopped.__qualname__}: {reason}\n",
        )
        logger.warning("Marked job %s (%s) failed: %s", result.pk, result.task_path, reason)


def _is_rerunnable(task_path: str) -> bool:
    try:
        task: Any = import_string(task_path)  # registers it, if its module was not loaded yet
    except ImportError:
        return False
    return getattr(task, "module_path", task_path) in RERUNNABLE


def _forget_dead_workers(live: Liveness) -> None:
    from .models import WorkerHeartbeat

    dead = [tag for tag in live.heartbeats if tag not in live.orphaned and live.gone(tag, None)]
    if dead:
        WorkerHeartbeat.objects.filter(worker_id__in=dead).delete()
