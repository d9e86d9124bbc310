"""The jobs run by ``tenantvoice db_worker``."""

from __future__ import annotations

from django_tasks import task

from tenantvoice.worker.recovery import rerunnable


# Safe to run again: every message is claimed before it is sent, and a dead worker's claims
# are recovered by asking the provider first.
@rerunnable
@task()
def send_queued() -> int:
    """Send until nothing due is left (not one batch: decision 0018)."""
    from .sends import send_until_nothing_due

    return send_until_nothing_due()


@task()
def send_run(run_pk: int) -> int:
    """A mass send: queue its messages chunk by chunk, carrying on where it stopped."""
    from .sends import send_run_process

    return send_run_process(run_pk)


# Safe to run again: messages are queued once per campaign and resident (the dedupe key).
@rerunnable
@task()
def queue_campaign(campaign_pk: int) -> int:
    """Kept for jobs enqueued before mass sends: the campaign's send run does the work."""
    from .campaigns import campaign_queue_messages

    return campaign_queue_messages(campaign_pk)
