"""Saving and deleting saved groups of residents (segments)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from tenantvoice.core.audit import audit_record
from tenantvoice.core.models import AuditAction

from .models import Segment
from .rules import Audience


@transaction.atomic
def segment_create(*, name: str, description: str, audience: Audience, by: Any = None) -> Segment:
    """Save an audience under a name; raises IntegrityError when the name is taken."""
    segment = Segment.objects.create(
        name=name.strip(),
        description=description.strip(),
        rules=audience.to_json(),
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    audit_record(
        actor=by, action=AuditAction.CREATE, object_type="segment", object_id=segment.pk, summary=segment.name
    )
    return segment


@transaction.atomic
def segment_delete(*, segment: Segment, by: Any = None) -> None:
    """Delete a saved group; campaigns already sent keep their own copy of its rules."""
    pk, name = segment.pk, segment.name
    segment.delete()
    audit_record(actor=by, action=AuditAction.DELETE, object_type="segment", object_id=pk, summary=name)
