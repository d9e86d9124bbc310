"""Delivery receipts and bounces from providers: update the message, flag the contact detail.

A permanent failure (an address that does not exist, a number that cannot take texts) marks
the resident's email or mobile as needing checking; ``route_for`` then writes to them instead,
until the detail is changed (``residents.services.resident_update`` clears the flag).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from tenantvoice.core.audit import audit_record
from tenantvoice.core.models import AuditAction
from tenantvoice.core.phones import normalise_phone_or_keep
from tenantvoice.core.updates import model_update

from .models import Message, MessageChannel, MessageStatus

DELIVERED, BOUNCED, FAILED = "delivered", "bounced", "failed"
# GOV.UK Notify's callback statuses, and django-anymail's tracking event types, in our words.
NOTIFY_OUTCOMES = {
    "delivered": DELIVERED,
    "permanent-failure": BOUNCED,
    "temporary-failure": FAILED,
    "technical-failure": FAILED,
}
ANYMAIL_OUTCOMES = {"delivered": DELIVERED, "bounced": BOUNCED, "rejected": BOUNCED, "failed": FAILED}


def message_for_reference(reference: str) -> Message | None:
    """Our message from a provider's reference: Notify's ``tv-<id>``, or a stored provider id."""
    if reference.startswith("tv-") and reference[3:].isdigit():
        return Message.objects.filter(pk=int(reference[3:])).select_related("recipient").first()
    if not reference:
        return None
    return Message.objects.filter(provider_ref=reference).select_related("recipient").first()


@transaction.atomic
def delivery_record(
    message: Message, outcome: str, detail: str = "", at: dt.datetime | None = None
) -> Message:
    at = at or timezone.now()
    if outcome == DELIVERED:
        message.status, message.delivered_at = MessageStatus.DELIVERED, at
    elif outcome == BOUNCED:
        message.status, message.last_error = MessageStatus.BOUNCED, (detail or "It bounced.")[:500]
        _flag_contact(message, detail or "A message to it bounced.", at)
    else:
        message.status, message.last_error = (
            MessageStatus.FAILED,
            (detail or "The provider could not deliver it.")[:500],
        )
    message.save(update_fields=["status", "delivered_at", "last_error"])
    return message


def _flag_contact(message: Message, detail: str, at: dt.datetime) -> None:
    resident = message.recipient
    if resident is None:
        return  # a message to a member of staff: no resident's detail to flag
    if message.channel == MessageChannel.EMAIL and resident.email and message.to in ("", resident.email):
        problem = {"email_problem": detail[:200], "email_problem_at": at}
    elif (
        message.channel == MessageChannel.SMS
        and resident.mobile_phone
        # A number stored before phones were normalised may be written another way (core.phones).
        and normalise_phone_or_keep(message.to) in ("", resident.mobile_phone)
    ):
        problem = {"mobile_problem": detail[:200], "mobile_problem_at": at}
    else:
        return  # a letter, or a detail that has changed since: nothing to flag
    changes = model_update(resident, problem, problem)
    audit_record(
        actor=None,
        action=AuditAction.UPDATE,
        object_type="resident",
        object_id=resident.pk,
        resident_id=resident.pk,
        summary=f"{message.get_channel_display()} bounced: the detail needs checking",
        changes=changes,
        via="delivery receipt",
    )


def anymail_tracking(sender: Any, event: Any, esp_name: str, **kwargs: Any) -> None:
    """django-anymail's tracking signal: match the provider's message id to our message."""
    outcome = ANYMAIL_OUTCOMES.get(getattr(event, "event_type", ""))
    message = message_for_reference(str(getattr(event, "message_id", "") or ""))
    if outcome and message is not None:
        delivery_record(
            message,
            outcome,
            str(getattr(event, "description", "") or getattr(event, "reject_reason", "") or ""),
            getattr(event, "timestamp", None),
        )
