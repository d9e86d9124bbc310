"""Background jobs of the resident register, run by ``tenantvoice db_worker``."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from tenantvoice.worker.liveness import process_tag
from tenantvoice.worker.recovery import rerunnable

from .models import ImportRun, ImportStatus


# Safe to run again: only a queued run is started, so a run a dead worker left half done is
# not repeated (recovery marks it failed, and the officer confirms it again).
@rerunnable
@task()
def run_import(run_id: int) -> str:
    """Run a queued import. A run already started (a retried or duplicate job) is left alone."""
    claimed = ImportRun.objects.filter(pk=run_id, status=ImportStatus.QUEUED).update(
        status=ImportStatus.RUNNING, started_at=timezone.now(), claimed_by=process_tag()
    )
    if not claimed:
        return "already started"
    from .importing import import_run_execute

    run = ImportRun.objects.get(pk=run_id)
    return import_run_execute(run).status
