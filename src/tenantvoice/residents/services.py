"""Writes to the resident register. Every change that touches personal data is audited here."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from tenantvoice.core.audit import audit_record, diff_fields
from tenantvoice.core.models import AuditAction

from .models import (
    EQUALITY_CONSENT_WORDING,
    EQUALITY_FIELDS,
    Area,
    AreaLevel,
    EqualityProfile,
    Property,
    Resident,
)
from .normalise import format_postcode, postcode_key, search_key

AREA_LEVEL_ORDER = [AreaLevel.AREA, AreaLevel.NEIGHBOURHOOD, AreaLevel.ESTATE, AreaLevel.BLOCK]
AREA_SEPARATOR = " > "


def resident_set_keys(resident: Resident) -> None:
    """Fill the normalised search columns from the names (call before saving)."""
    resident.first_name_key = search_key(resident.preferred_name or resident.first_name)
    resident.last_name_key = search_key(resident.last_name)


def property_set_keys(prop: Property) -> None:
    prop.postcode = format_postcode(prop.postcode)
    prop.postcode_key = postcode_key(prop.postcode)
    prop.address_key = search_key(prop.address_line_1)


@transaction.atomic
def area_get_or_create_path(*, names: Sequence[str], levels: Sequence[str] | None = None,
                            leaf_level: str | None = None) -> Area:
    """The area at the end of ``names`` (e.g. ["North", "Riverside"]), made where missing.

    Levels default to area > neighbourhood > estate > block by depth.
    """
    parent: Area | None = None
    area: Area | None = None
    for depth, raw in enumerate(names):
        name = raw.strip()
        if not name:
            continue
        full_name = name if parent is None else f"{parent.full_name}{AREA_SEPARATOR}{name}"
        if levels and depth < len(levels):
            level = levels[depth]
        elif leaf_level and depth == len(names) - 1:
            level = leaf_level
        else:
            level = AREA_LEVEL_ORDER[min(depth, len(AREA_LEVEL_ORDER) - 1)]
        area = Area.objects.filter(full_name=full_name).first()
        if area is None:
            area = Area.objects.create(name=name, level=level, parent=parent, full_name=full_name)
            area.path = f"{parent.path if parent else '/'}{area.pk}/"
            area.save(update_fields=["path"])
        parent = area
    if area is None:
        raise ValueError("An area needs a name.")
    return area


def area_descendant_ids(area: Area) -> Iterable[int]:
    return Area.objects.filter(path__startswith=area.path).values_list("pk", flat=True)


CONTACT_FIELDS = (
    "title", "first_name", "last_name", "preferred_name", "date_of_birth", "email",
    "mobile_phone", "other_phone", "correspondence_address", "correspondence_postcode",
)
PREFERENCE_FIELDS = (
    "preferred_channel", "accepts_email", "accepts_sms", "accepts_phone", "accepts_letter",
    "accepts_portal", "consents_to_news", "language", "needs_interpreter", "large_print",
    "braille", "audio", "easy_read", "translation", "support_needs",
)


@transaction.atomic
def resident_update(*, resident: Resident, actor: Any, data: dict[str, Any],
                    request: HttpRequest | None = None, via: str = "web") -> Resident:
    """Change a resident's details and preferences; records who changed what."""
    allowed = set(CONTACT_FIELDS) | set(PREFERENCE_FIELDS) | {"kind", "hms_ref"}
    unknown = set(data) - allowed
    if unknown:
        raise ValueError(f"These cannot be changed here: {', '.join(sorted(unknown))}")
    before = {name: getattr(resident, name) for name in data}
    if data.get("consents_to_news") and not resident.consents_to_news:
        resident.news_consent_at = timezone.now()
    for name, value in data.items():
        setattr(resident, name, value)
    if not resident.consents_to_news:
        resident.news_consent_at = None
    resident_set_keys(resident)
    changes = diff_fields(before, {name: getattr(resident, name) for name in data})
    if not changes:
        return resident
    resident.save(update_fields=[*data.keys(), "first_name_key", "last_name_key",
                                 "news_consent_at", "updated_at"])
    audit_record(actor=actor, action=AuditAction.UPDATE, object_type="resident",
                 object_id=resident.pk, resident_id=resident.pk,
                 summary=f"Changed {', '.join(sorted(changes))}", changes=changes,
                 via=via, request=request)
    return resident


@transaction.atomic
def equality_profile_save(*, resident: Resident, answers: dict[str, str], consent: bool,
                          consent_method: str, actor: Any, landlord_name: str,
                          request: HttpRequest | None = None) -> EqualityProfile | None:
    """Store equality answers only with consent; without consent nothing is kept.

    Withdrawing consent deletes the answers, because there is then no lawful basis to hold them.
    """
    existing = EqualityProfile.objects.filter(resident=resident).first()
    if not consent:
        if existing is not None:
            existing.delete()
            audit_record(actor=actor, action=AuditAction.DELETE, object_type="equality_profile",
                         resident_id=resident.pk, request=request,
                         summary="Equality answers deleted: consent withdrawn")
        return None
    unknown = set(answers) - set(EQUALITY_FIELDS)
    if unknown:
        raise ValueError(f"Not equality questions: {', '.join(sorted(unknown))}")
    profile = existing or EqualityProfile(resident=resident)
    if existing is None:
        profile.consent_given_at = timezone.now()
        profile.consent_wording = EQUALITY_CONSENT_WORDING.format(landlord=landlord_name)
        profile.consent_method = consent_method
        profile.recorded_by = actor if getattr(actor, "is_staff_role", False) else None
    for name in EQUALITY_FIELDS:
        setattr(profile, name, answers.get(name, "") or "")
    profile.save()
    # The answers themselves are never copied into the log: it would spread special
    # category data to everyone who can read the log.
    audit_record(actor=actor, action=AuditAction.CREATE if existing is None else AuditAction.UPDATE,
                 object_type="equality_profile", object_id=profile.pk, resident_id=resident.pk,
                 summary="Equality answers saved with consent", request=request)
    return profile
