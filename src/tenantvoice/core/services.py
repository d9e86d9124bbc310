"""Changes to the landlord's own settings: its contact details, how reports count people, and
the pages it publishes."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from .age_bands import age_bands_data, validate_age_bands
from .audit import audit_record
from .errors import DomainError
from .models import AuditAction, Landlord
from .published import PAGES, page_template
from .updates import model_update

CONTACT_FIELDS = ("phone", "email", "address", "opening_hours")
REPORTING_FIELDS = ("suppression_threshold", "age_bands")


@transaction.atomic
def landlord_contact_update(*, landlord: Landlord, by: Any, request: Any = None, **details: str) -> Landlord:
    """Save the landlord's phone, email, address and opening hours (one audit row)."""
    changes = model_update(landlord, CONTACT_FIELDS, {name: value.strip() for name, value in details.items()})
    audit_record(
        actor=by,
        action=AuditAction.UPDATE,
        object_type="landlord",
        object_id=landlord.pk,
        summary="Changed the landlord's contact details",
        changes=changes,
        request=request,
    )
    return landlord


@transaction.atomic
def landlord_reporting_update(
    *, landlord: Landlord, by: Any, request: Any = None, suppression_threshold: int, age_bands: Any
) -> Landlord:
    """Save how reports count people: the suppression threshold and the age bands (checked by
    ``core.age_bands.validate_age_bands``; empty for the platform's defaults). One audit row."""
    bands = age_bands_data(validate_age_bands(age_bands))
    if suppression_threshold < 2:
        raise DomainError("The smallest number of people a report shows must be 2 or more.")
    changes = model_update(
        landlord, REPORTING_FIELDS, {"suppression_threshold": suppression_threshold, "age_bands": bands}
    )
    audit_record(
        actor=by,
        action=AuditAction.UPDATE,
        object_type="landlord",
        object_id=landlord.pk,
        summary="Changed how reports count people",
        changes=changes,
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
