"""Changes to the landlord's own settings: its contact details and the pages it publishes."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from .audit import audit_record, diff_fields
from .models import AuditAction, Landlord
from .published import PAGES, page_template

CONTACT_FIELDS = ("phone", "email", "address", "opening_hours")


@transaction.atomic
def landlord_contact_update(*, landlord: Landlord, by: Any, request: Any = None, **details: str) -> Landlord:
    """Save the landlord's phone, email, address and opening hours (one audit row)."""
    unknown = set(details) - set(CONTACT_FIELDS)
    if unknown:
        raise TypeError(f"Not contact details: {', '.join(sorted(unknown))}")
    before = {name: getattr(landlord, name) for name in CONTACT_FIELDS}
    for name, value in details.items():
        setattr(landlord, name, value.strip())
    after = {name: getattr(landlord, name) for name in CONTACT_FIELDS}
    landlord.save(update_fields=[*details, "updated_at"])
    audit_record(
        actor=by,
        action=AuditAction.UPDATE,
        object_type="landlord",
        object_id=landlord.pk,
        summary="Changed the landlord's contact details",
        changes=diff_fields(before, after),
        request=request,
    )
    return landlord


@transaction.atomic
def published_page_update(
    *, landlord: Landlord, page: str, text: str, by: Any, request: Any = None
) -> Landlord:
    """Save a published page's text (one audit row). Text equal to the template is stored as
    blank, so the page keeps following the template until someone changes it."""
    title, field, _ = PAGES[page]
    cleaned = text.replace("\r\n", "\n").strip()
    stored = "" if cleaned == page_template(page).strip() else cleaned
    before = getattr(landlord, field)
    setattr(landlord, field, stored)
    landlord.save(update_fields=[field, "updated_at"])
    audit_record(
        actor=by,
        action=AuditAction.UPDATE,
        object_type="landlord",
        object_id=landlord.pk,
        summary=f"Changed the {title.lower()}",
        changes={field: [len(before), len(stored)]} if before != stored else {},
        request=request,
    )
    return landlord
