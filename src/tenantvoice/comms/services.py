"""Queuing and sending messages by each resident's own channel, format and consent.

Queue inside the transaction of the event that causes the message; the send job is enqueued
when that transaction commits, so a rolled-back event sends nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from tenantvoice.residents.models import Channel, Resident

from .models import Message, MessageChannel, MessageStatus, Purpose

MAX_ATTEMPTS = 5


@dataclass(frozen=True)
class Route:
    channel: str | None  # None: there is no way to reach them for this purpose
    format_notes: str
    why: str


def route_for(resident: Resident, purpose: str) -> Route:
    """How to reach a resident: their preferred channel, else a letter to their home."""
    if purpose == Purpose.NEWS and not resident.consents_to_news:
        return Route(None, "", "They have not agreed to news.")
    notes = [
        label
        for flag, label in (
            ("large_print", "Large print"),
            ("easy_read", "Easy read"),
            ("braille", "Braille"),
            ("audio", "Audio"),
            ("translation", f"Translation ({resident.language})"),
        )
        if getattr(resident, flag)
    ]
    preferred = resident.preferred_channel
    if preferred in (Channel.EMAIL, Channel.PORTAL) and resident.email:
        return Route(MessageChannel.EMAIL, ", ".join(notes), "Their preferred channel.")
    # Text messages need the SMS sender (the messaging issue); until then, and for anyone we
    # cannot email, a letter goes to their home.
    return Route(
        MessageChannel.LETTER,
        ", ".join(notes),
        "Preferred channel." if preferred == Channel.LETTER else "Falls back to a letter.",
    )


def message_queue(
    *,
    recipients: Iterable[Resident],
    template: str,
    context: dict[str, object],
    key: str,
    purpose: str = Purpose.SERVICE,
) -> list[Message]:
    """Queue one message per recipient, rendered from ``comms/<template>.txt``; returns the new ones.

    ``key`` names the cause (e.g. "invitation:activity:12"): a recipient gets one message per key,
    however many times this is called.
    """
    created = []
    for resident in recipients:
        route = route_for(resident, purpose)
        body = render_to_string(f"comms/{template}.txt", {**context, "resident": resident})
        subject, _, text = body.partition("\n")
        message = Message(
            recipient=resident,
            purpose=purpose,
            template=template,
            subject=subject.strip()[:200],
            body=text.strip(),
            dedupe_key=f"{key}:{resident.pk}"[:120],
            channel=route.channel or MessageChannel.LETTER,
            format_notes=route.format_notes,
            status=MessageStatus.QUEUED if route.channel else MessageStatus.NOT_SENT,
            last_error="" if route.channel else route.why,
        )
        if message.channel == MessageChannel.LETTER and route.channel:
            message.status = MessageStatus.TO_PRINT
        try:
            with transaction.atomic():
                message.save()
        except IntegrityError:
            continue  # already queued for this cause
        created.append(message)
    if any(m.status == MessageStatus.QUEUED for m in created):
        from .tasks import send_queued

        transaction.on_commit(lambda: send_queued.enqueue())
    return created


# A worker that claimed a message and then died leaves it "sending"; after this long it is
# queued again. That makes sending at-least-once for a worker killed between the provider
# accepting a message and the row being marked sent (a window of one call).
CLAIM_LEASE = dt.timedelta(minutes=15)


def retry_delay(attempts: int) -> dt.timedelta:
    """1, 2, 4, 8 ... minutes, at most an hour, after each failed attempt."""
    return dt.timedelta(minutes=min(2 ** max(0, attempts - 1), 60))


def send_queued_messages(limit: int = 500, now: dt.datetime | None = None) -> int:
    """Send the emails that are due; each is claimed first, so two workers never send the same one."""
    now = now or timezone.now()
    Message.objects.filter(status=MessageStatus.SENDING, claimed_at__lt=now - CLAIM_LEASE).update(
        status=MessageStatus.QUEUED
    )
    due = Message.objects.filter(status=MessageStatus.QUEUED, channel=MessageChannel.EMAIL).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )
    sent = 0
    for pk in list(due.order_by("pk").values_list("pk", flat=True)[:limit]):
        claimed = Message.objects.filter(pk=pk, status=MessageStatus.QUEUED).update(
            status=MessageStatus.SENDING, claimed_at=now
        )
        if not claimed:
            continue
        message = Message.objects.select_related("recipient").get(pk=pk)
        message.attempts += 1
        try:
            EmailMessage(
                subject=message.subject,
                body=message.body,
                to=[message.recipient.email],
                from_email=settings.DEFAULT_FROM_EMAIL,
            ).send()
        except Exception as exc:  # any sender error: try again later, then give up with the reason
            message.last_error = str(exc)[:500]
            if message.attempts < MAX_ATTEMPTS:
                message.status = MessageStatus.QUEUED
                message.next_attempt_at = now + retry_delay(message.attempts)
            else:
                message.status = MessageStatus.FAILED
        else:
            message.status = MessageStatus.SENT
            message.sent_at = timezone.now()
            sent += 1
        message.save(update_fields=["status", "attempts", "last_error", "sent_at", "next_attempt_at"])
    _schedule_retries(now)
    return sent


def _schedule_retries(now: dt.datetime) -> None:
    later = (
        Message.objects.filter(status=MessageStatus.QUEUED, next_attempt_at__gt=now)
        .order_by("next_attempt_at")
        .values_list("next_attempt_at", flat=True)
        .first()
    )
    if later is not None:
        from .tasks import send_queued

        # The database backend runs it then; a backend that cannot wait (the tests' immediate
        # one) leaves the retry to the next send job.
        if send_queued.get_backend().supports_defer:
            send_queued.using(run_after=later).enqueue()


@transaction.atomic
def letters_mark_printed(messages: Iterable[Message]) -> int:
    ids = [m.pk for m in messages]
    return Message.objects.filter(pk__in=ids, status=MessageStatus.TO_PRINT).update(
        status=MessageStatus.PRINTED, sent_at=timezone.now()
    )
