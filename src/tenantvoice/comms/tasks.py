"""The send job, run by ``tenantvoice db_worker``."""

from __future__ import annotations

from django_tasks import task


@task()
def send_queued() -> int:
    from .services import send_queued_messages

    return send_queued_messages()


@task()
def queue_campaign(campaign_pk: int) -> int:
    from .campaigns import campaign_queue_messages

    return campaign_queue_messages(campaign_pk)
