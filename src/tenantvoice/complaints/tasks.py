"""Background jobs of the complaints app, run by ``tenantvoice db_worker``."""

from __future__ import annotations

from django_tasks import task

from tenantvoice.worker.recovery import rerunnable


# Safe to run again: each scan starts where the last finished one stopped, and an answer is
# offered once (a one-to-one key).
@rerunnable
@task()
def look_for_possible_complaints() -> int:
    """Offer new survey answers and consultation replies that may be complaints."""
    from .possible import possible_complaints_scan

    return possible_complaints_scan().found
