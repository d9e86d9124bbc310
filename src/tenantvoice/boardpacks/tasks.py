"""Background jobs of Board packs, run by ``tenantvoice db_worker``."""

from __future__ import annotations

from django_tasks import task

from tenantvoice.worker.recovery import rerunnable


# Safe to run again: it carries on after the last section done, and drawing a section twice
# only draws it again from the same data.
@rerunnable
@task()
def redraw_pack(run_pk: int) -> int:
    """Draw every section of a Board pack again, one at a time, saying how many are done."""
    from .redraw import pack_redraw_process

    return pack_redraw_process(run_pk)
