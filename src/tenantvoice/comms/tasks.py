"""The send job, run by ``tenantvoice db_worker``."""

from __future__ import annotations

from django_tasks import task

from tenantvoice.worker.recovery import rerunnable


# Safe to run again: every message is claimed before it is sent, and a dead worker's claims
# are recovered by asking the provider first.
@rerunnable
@task()
def send_queued() -> int:
    from .services import send_queued_messages

    return send_queued_messages()


# Safe to run again: messages are queued once per campaign and resident (the dedupe key).
@rerunnable
@task()
def queue_campaign(campaign_pk: int) -> int:
    from .campaigns import campaign_queue_messages

    return campaign_queue_messages(campaign_pk)
