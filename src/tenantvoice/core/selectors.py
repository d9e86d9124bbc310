"""Reads shared by views, the API and reports."""

from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet

from .models import AuditEvent, Landlord


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


def audit_events_list(*, resident_id: int | None = None, actor_id: int | None = None,
                      action: str = "") -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.select_related("actor").all()
    if resident_id is not None:
        events = events.filter(resident_id=resident_id)
    if actor_id is not None:
        events = events.filter(actor_id=actor_id)
    if action:
        events = events.filter(action=action)
    return events

