"""The outbox as officers see it: what is waiting, sent, delivered or stuck, and trying again."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Count, QuerySet
from django.utils import timezone

from tenantvoice.core.audit import audit_record
from tenantvoice.core.models import AuditAction
from tenantvoice.core.text import counted

from .models import Message, MessageChannel, MessageStatus

# Statuses an officer should look at: nothing more will happen to them on its own.
STUCK = (MessageStatus.FAILED, MessageStatus.BOUNCED, MessageStatus.NOT_SENT)


def outbox_summary(since: dt.datetime) -> list[dict[str, Any]]:
    """Messages created since ``since``, counted by channel and status, in words."""
    rows = (
        Message.objects.filter(created_at__gte=since)
        .values("channel", "status")
        .annotate(n=Count("pk"))
        .order_by("channel", "status")
    )
    return [
        {
            "channel": str(MessageChannel(row["channel"]).label),
            "status": str(MessageStatus(row["status"]).label),
            "count": row["n"],
        }
        for row in rows
    ]


def outbox_stuck(*, channel: str = "", template: str = "") -> QuerySet[Message]:
    stuck = Message.objects.filter(status__in=STUCK).select_related("recipient")
    if channel:
        stuck = stuck.filter(channel=channel)
    if template:
        stuck = stuck.filter(template=template)
    return stuck.order_by("-created_at", "-pk")


@transaction.atomic
def messages_retry(ids: list[int], *, by: Any) -> int:
    """Queue failed messages again (e.g. after the provider's outage); they keep their wording."""
    retry = Message.objects.filter(pk__in=ids, status=MessageStatus.FAILED)
    count = retry.update(status=MessageStatus.QUEUED, attempts=0, next_attempt_at=None, last_error="")
    if count:
        from .tasks import send_queued

        audit_record(
            actor=by,
            action=AuditAction.UPDATE,
            object_type="message",
            summary=f"Queued {counted(count, 'failed message', 'failed messages')} again",
        )
        transaction.on_commit(lambda: send_queued.enqueue())
    return count


def since_days(days: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days)
