"""Background jobs of the resident register, run by ``tenantvoice db_worker``."""

from __future__ import annotations

from django_tasks import task

from .models import ImportRun, ImportStatus


@task()
def run_import(run_id: int) -> str:
    """Run a queued import. A run already started (a retried or duplicate job) is left alone."""
    claimed = ImportRun.objects.filter(pk=run_id, status=ImportStatus.QUEUED).update(
        status=ImportStatus.RUNNING
    )
    if not claimed:
        return "already started"
    from .importing import import_run_execute

    run = ImportRun.objects.get(pk=run_id)
    return import_run_execute(run).status
