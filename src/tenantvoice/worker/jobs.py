"""Background jobs of steps: one way for work that is neither a mass send (``comms.sends``) nor
an import, done one step at a time on the worker with its progress on a ``JobRun`` (decision
0052's "draw every section again" first, then the annual report's chapters, decision 0057).

A kind of job is a :class:`StepJob` named in :data:`JOBS`; its app says what one step does.
``job_start`` records the run with its steps' keys (fixed when asked for) and queues the one
task when the caller's transaction commits, so the request returns at once; ``job_process``
works through the keys from where it stopped (a worker stopped part-way does at most one step
twice, which each kind makes harmless). A step refused in words (:class:`JobSkip`) is listed
and the others go on; :class:`JobStop` ends the run in words; anything else fails the run and is
logged.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from tenantvoice.core.errors import DomainError

from .models import JobRun, JobStatus

log = logging.getLogger(__name__)

# JobRun.kind -> the class that does its steps (dotted paths: the worker imports no app).
JOBS: dict[str, str] = {
    "board_pack_redraw": "tenantvoice.boardpacks.redraw.PackRedraw",
    "annual_report_redraw": "tenantvoice.annual_reports.redraw.ReportRedraw",
}


class JobSkip(DomainError):
    """This step cannot be done: say why, and go on with the others."""


class JobStop(DomainError):
    """The whole job cannot go on: say why."""


class StepJob:
    """What one kind of job does with each of its keys."""

    def step(self, run: JobRun, key: int) -> None:
        raise NotImplementedError


def job_kind(kind: str) -> StepJob:
    job: type[StepJob] = import_string(JOBS[kind])
    return job()


def job_current(kind: str, object_id: int) -> JobRun | None:
    """The latest job of ``kind`` on the object, if one was ever asked for."""
    return JobRun.objects.filter(kind=kind, object_id=object_id).order_by("-created_at", "-pk").first()


def job_moving(run: JobRun | None) -> bool:
    """Whether ``run`` is waiting or under way and still moving."""
    return run is not None and not run.finished and not run.stalled()


def job_start(
    *,
    kind: str,
    object_id: int,
    title: str,
    keys: Sequence[int],
    by: Any,
    busy: DomainError,
) -> JobRun:
    """Record a job and queue it when the caller's transaction commits. Refused with ``busy``
    while an earlier job of the kind on the object is still moving; one that stopped moving is
    marked failed and asked for again. Call it inside the caller's transaction, which holds a
    lock on the object and writes the audit row."""
    earlier = job_current(kind, object_id)
    if job_moving(earlier):
        raise busy
    if earlier is not None and not earlier.finished:
        JobRun.objects.filter(pk=earlier.pk).update(
            status=JobStatus.FAILED,
            error="It stopped before it finished (the worker was stopped); asked for again.",
            updated_at=timezone.now(),
        )
    run = JobRun.objects.create(
        kind=kind,
        object_id=object_id,
        title=title[:250],
        keys=list(keys),
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    from .tasks import run_job

    pk = run.pk
    transaction.on_commit(lambda: run_job.enqueue(pk))
    return run


def job_process(run_pk: int) -> int:
    """The job: do each step not done yet, in order, saying after each how many are done.
    Returns the steps done (not skipped)."""
    run = JobRun.objects.get(pk=run_pk)
    if run.finished:
        return 0
    job = job_kind(run.kind)
    now = timezone.now()
    JobRun.objects.filter(pk=run_pk).update(
        status=JobStatus.RUNNING, started_at=run.started_at or now, updated_at=now
    )
    done = 0
    try:
        for key in run.keys[run.processed :]:
            try:
                job.step(run, key)
                done += 1
            except JobSkip as skip:
                run.skipped.append(skip.message)
            run.processed += 1
            run.last_key = key
            run.updated_at = timezone.now()
            run.save(update_fields=["processed", "last_key", "skipped", "updated_at"])
        run.status, run.finished_at = JobStatus.DONE, timezone.now()
        run.updated_at = run.finished_at
        run.save(update_fields=["status", "finished_at", "updated_at"])
    except JobStop as stop:
        JobRun.objects.filter(pk=run_pk).update(
            status=JobStatus.FAILED, error=stop.message, updated_at=timezone.now()
        )
    except Exception as exc:
        log.exception("Background job %s (%s) stopped", run_pk, run.kind)
        JobRun.objects.filter(pk=run_pk).update(
            status=JobStatus.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000], updated_at=timezone.now()
        )
        raise
    return done
