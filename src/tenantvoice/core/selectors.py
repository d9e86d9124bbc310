"""Reads shared by views, the API and reports."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from .audit import audit_record
from .models import AuditAction, AuditEvent, Landlord


def landlord_get() -> Landlord:
    """The deployment's landlord, created from settings the first time it is asked for."""
    landlord = Landlord.objects.order_by("pk").first()
    if landlord is None:
        landlord, _ = Landlord.objects.get_or_create(
            pk=1,
            defaults={
                "name": settings.TENANTVOICE_LANDLORD_NAME,
                "nation": settings.TENANTVOICE_NATION,
            },
        )
    return landlord


def audit_events_list(
    *,
    resident_id: int | None = None,
    actor_id: int | None = None,
    action: str = "",
    actor_email: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[AuditEvent]:
    """Audit events, newest first, filtered as the audit log page and its export allow."""
    events = AuditEvent.objects.select_related("actor").order_by("-pk")
    if resident_id is not None:
        events = events.filter(resident_id=resident_id)
    if actor_id is not None:
        events = events.filter(actor_id=actor_id)
    if actor_email:
        events = events.filter(actor_label=actor_email.strip().lower())
    if action:
        events = events.filter(action=action)
    if date_from is not None:
        events = events.filter(occurred_at__gte=_start_of(date_from))
    if date_to is not None:
        events = events.filter(occurred_at__lt=_start_of(date_to + dt.timedelta(days=1)))
    return events


def audit_events_download(
    events: QuerySet[AuditEvent], *, reader: Any, summary: str, request: HttpRequest | None = None
) -> QuerySet[AuditEvent]:
    """``events`` for a download, which is itself recorded in the log (it holds personal data)."""
    audit_record(
        actor=reader, action=AuditAction.EXPORT, object_type="audit_log", summary=summary, request=request
    )
    return events


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))
