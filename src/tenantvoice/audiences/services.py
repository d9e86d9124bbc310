"""Saving and deleting saved groups of residents (segments)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from tenantvoice.core.audit import audit_record
from tenantvoice.core.models import AuditAction

from .models import Segment
from .rules import Audience


@transaction.atomic
def segment_create(
    *, name: str, description: str, audience: Audience, is_profile: bool = False, by: Any = None
) -> Segment:
    """Save an audience under a name; raises IntegrityError when the name is taken."""
    segment = Segment.objects.create(
        name=name.strip(),
        description=description.strip(),
        rules=audience.to_json(),
        is_profile=is_profile,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    audit_record(
        actor=by, action=AuditAction.CREATE, object_type="segment", object_id=segment.pk, summary=segment.name
    )
    return segment


@transaction.atomic
def segment_update(
    *, segment: Segment, name: str, description: str, audience: Audience, is_profile: bool, by: Any = None
) -> Segment:
    """Change a saved group's name, purpose, rules or whether it is a customer profile; raises
    IntegrityError when the name is taken. Campaigns already sent keep their own copy of the
    rules."""
    segment.name = name.strip()
    segment.description = description.strip()
    segment.rules = audience.to_json()
    segment.is_profile = is_profile
    segment.save()
    audit_record(
        actor=by, action=AuditAction.UPDATE, object_type="segment", object_id=segment.pk, summary=segment.name
    )
    return segment


@transaction.atomic
def segment_delete(*, segment: Segment, by: Any = None) -> None:
    """Delete a saved group; campaigns already sent keep their own copy of its rules."""
    pk, name = segment.pk, segment.name
    segment.delete()
    audit_record(actor=by, action=AuditAction.DELETE, object_type="segment", object_id=pk, summary=name)
