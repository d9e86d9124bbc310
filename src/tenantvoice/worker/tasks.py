"""The worker's own jobs: keeping the summaries of the register fresh (decision 0040)."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from tenantvoice.core.summaries import summaries_refresh

from .recovery import rerunnable


# Safe to run again: it only computes figures again from the tables.
@rerunnable
@task()
def refresh_summaries() -> int:
    """Compute again the summaries read lately whose topics changed."""
    return summaries_refresh()


def refresh_soon(**kwargs: Any) -> None:
    """After a change to the register, involvement or a survey commits: queue one refresh,
    unless one is already waiting (a burst of changes needs only one)."""
    from django_tasks_db.models import DBTaskResult

    if not DBTaskResult.objects.ready().filter(task_path=refresh_summaries.module_path).exists():
        refresh_summaries.enqueue()


# Safe to run again: it carries on after the last step done, and each kind makes a step done
# twice harmless (drawing a section again draws it from the same data).
@rerunnable
@task()
def run_job(run_pk: int) -> int:
    """Work through a background job's steps (``worker.jobs``), saying how many are done."""
    from .jobs import job_process

    return job_process(run_pk)
