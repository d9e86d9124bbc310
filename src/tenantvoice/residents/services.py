"""Writes to the resident register. Every change that touches personal data is audited here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from tenantvoice.core.audit import audit_record
from tenantvoice.core.errors import DomainError
from tenantvoice.core.models import AuditAction
from tenantvoice.core.updates import model_update

from .models import (
    EQUALITY_CONSENT_WORDING,
    EQUALITY_FIELDS,
    Area,
    AreaLevel,
    ConsentMethod,
    EqualityProfile,
    Property,
    Resident,
    Tenancy,
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
def area_get_or_create_path(
    *, names: Sequence[str], levels: Sequence[str] | None = None, leaf_level: str | None = None
) -> Area:
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
        raise DomainError("An area needs a name.", field="name")
    return area


def area_descendant_ids(area: Area) -> Iterable[int]:
    return Area.objects.filter(path__startswith=area.path).values_list("pk", flat=True)


CONTACT_FIELDS = (
    "title",
    "first_name",
    "last_name",
    "preferred_name",
    "date_of_birth",
    "email",
    "mobile_phone",
    "other_phone",
    "correspondence_address",
    "correspondence_postcode",
)
PREFERENCE_FIELDS = (
    "preferred_channel",
    "accepts_email",
    "accepts_sms",
    "accepts_phone",
    "accepts_letter",
    "accepts_portal",
    "consents_to_news",
    "language",
    "needs_interpreter",
    "large_print",
    "braille",
    "audio",
    "easy_read",
    "translation",
    "support_needs",
)
RESIDENT_FIELDS = (*CONTACT_FIELDS, *PREFERENCE_FIELDS, "kind", "hms_ref")


@transaction.atomic
def resident_update(
    *,
    resident: Resident,
    by: Any,
    data: dict[str, Any],
    request: HttpRequest | None = None,
    via: str = "web",
) -> Resident:
    """Change a resident's details and preferences; records who changed what."""

    def follow(changed: list[str]) -> list[str]:
        resident_set_keys(resident)
        also = ["first_name_key", "last_name_key", "news_consent_at"]
        if "consents_to_news" in changed and resident.consents_to_news:
            resident.news_consent_at = timezone.now()
        if not resident.consents_to_news:
            resident.news_consent_at = None
        # A new email address or mobile number is worth trying again after a bounce.
        if "email" in changed:
            resident.email_problem, resident.email_problem_at = "", None
            also += ["email_problem", "email_problem_at"]
        if "mobile_phone" in changed:
            resident.mobile_problem, resident.mobile_problem_at = "", None
            also += ["mobile_problem", "mobile_problem_at"]
        return also

    changes = model_update(resident, RESIDENT_FIELDS, data, derive=follow)
    _audit_changes(resident, changes, by=by, via=via, request=request, resident_id=resident.pk)
    return resident


@transaction.atomic
def equality_profile_save(
    *,
    resident: Resident,
    answers: dict[str, str],
    consent: bool,
    consent_method: str,
    by: Any,
    landlord_name: str,
    request: HttpRequest | None = None,
) -> EqualityProfile | None:
    """Store equality answers only with consent; without consent nothing is kept.

    Withdrawing consent deletes the answers, because there is then no lawful basis to hold them.
    """
    existing = EqualityProfile.objects.filter(resident=resident).first()
    if not consent:
        if existing is not None:
            existing.delete()
            audit_record(
                actor=by,
                action=AuditAction.DELETE,
                object_type="equality_profile",
                resident_id=resident.pk,
                request=request,
                summary="Equality answers deleted: consent withdrawn",
            )
        return None
    unknown = set(answers) - set(EQUALITY_FIELDS)
    if unknown:
        raise ValueError(f"Not equality questions: {', '.join(sorted(unknown))}")
    profile = existing or EqualityProfile(resident=resident)
    if existing is None:
        profile.consent_given_at = timezone.now()
        profile.consent_wording = EQUALITY_CONSENT_WORDING.format(landlord=landlord_name)
        profile.consent_method = consent_method
        profile.recorded_by = by if getattr(by, "is_staff_role", False) else None
    for name in EQUALITY_FIELDS:
        setattr(profile, name, answers.get(name, "") or "")
    profile.save()
    # The answers themselves are never copied into the log: it would spread special
    # category data to everyone who can read the log.
    audit_record(
        actor=by,
        action=AuditAction.CREATE if existing is None else AuditAction.UPDATE,
        object_type="equality_profile",
        object_id=profile.pk,
        resident_id=resident.pk,
        summary="Equality answers saved with consent",
        request=request,
    )
    return profile


# --- Creates and updates from the API (records normally arrive from the HMS import) --------

PROPERTY_FIELDS = (
    "hms_ref",
    "address_line_1",
    "address_line_2",
    "address_line_3",
    "town",
    "postcode",
    "uprn",
    "area",
    "property_type",
    "location",
    "managed_for",
)
TENANCY_FIELDS = ("hms_ref", "property", "tenure", "start_date", "end_date")
AREA_FIELDS = ("name", "level", "parent")


def _only(data: dict[str, Any], allowed: Sequence[str]) -> None:
    unknown = set(data) - set(allowed)
    if unknown:
        raise ValueError(f"These cannot be set here: {', '.join(sorted(unknown))}")


def _area_name_free(name: str, parent: Area | None, area: Area | None = None) -> None:
    """Refuse a second area with the same full name (names are unique under one parent)."""
    full_name = name if parent is None else f"{parent.full_name}{AREA_SEPARATOR}{name}"
    clash = Area.objects.filter(full_name=full_name)
    if area is not None:
        clash = clash.exclude(pk=area.pk)
    if clash.exists():
        raise DomainError(f"There is already an area called {full_name}.", field="name")


def _tenancy_dates_check(start: dt.date | None, end: dt.date | None) -> None:
    if start is not None and end is not None and end < start:
        raise DomainError("The end date must be the same as or after the start date.", field="end_date")


def _area_names(area: Area) -> tuple[str, str]:
    """(path, full_name) for ``area`` from its parent, which must already be right."""
    parent = area.parent
    if parent is None:
        return f"/{area.pk}/", area.name
    return f"{parent.path}{area.pk}/", f"{parent.full_name}{AREA_SEPARATOR}{area.name}"


@transaction.atomic
def area_create(
    *,
    by: Any,
    name: str,
    level: str = AreaLevel.AREA,
    parent: Area | None = None,
    request: HttpRequest | None = None,
    via: str = "web",
) -> Area:
    """A new area under ``parent`` (or at the top), with its path and full name filled."""
    _area_name_free(name.strip(), parent)
    area = Area(name=name.strip(), level=level, parent=parent)
    area.full_name = _area_names(area)[1]
    area.save()
    area.path = _area_names(area)[0]
    area.save(update_fields=["path"])
    audit_record(
        actor=by,
        action=AuditAction.CREATE,
        object_type="area",
        object_id=area.pk,
        summary=f"Created area {area.full_name}"[:500],
        via=via,
        request=request,
    )
    return area


@transaction.atomic
def area_update(
    *, area: Area, by: Any, data: dict[str, Any], request: HttpRequest | None = None, via: str = "web"
) -> Area:
    """Rename or move an area; the paths and full names of everything under it follow."""
    parent = data.get("parent", area.parent)
    if parent is not None and area.path and parent.path.startswith(area.path):
        raise DomainError("An area cannot be moved under itself or one of its own areas.", field="parent")
    if "name" in data:
        data = {**data, "name": data["name"].strip()}
    _area_name_free(data.get("name", area.name), parent, area)
    old_path = area.path

    def follow(changed: list[str]) -> list[str]:
        area.path, area.full_name = _area_names(area)
        return ["path", "full_name"]

    changes = model_update(area, AREA_FIELDS, data, derive=follow)
    if not changes:
        return area
    if area.path != old_path or "name" in changes:
        # Areas are few (hundreds), so walking the subtree in path order is cheap and keeps
        # each child's parent already right when it is reached.
        by_pk: dict[int, Area] = {area.pk: area}
        subtree = Area.objects.filter(path__startswith=old_path).exclude(pk=area.pk)
        for child in sorted(subtree, key=lambda a: a.path.count("/")):
            # Depth order means every parent in the subtree has been reached already.
            child.parent = by_pk[child.parent_id or 0]
            child.path, child.full_name = _area_names(child)
            child.save(update_fields=["path", "full_name"])
            by_pk[child.pk] = child
    _audit_changes(area, changes, by=by, via=via, request=request)
    return area


@transaction.atomic
def property_create(
    *, by: Any, data: dict[str, Any], request: HttpRequest | None = None, via: str = "web"
) -> Property:
    _only(data, PROPERTY_FIELDS)
    prop = Property(**data)
    property_set_keys(prop)
    prop.save()
    audit_record(
        actor=by,
        action=AuditAction.CREATE,
        object_type="property",
        object_id=prop.pk,
        summary=f"Created property {prop.hms_ref}",
        via=via,
        request=request,
    )
    return prop


@transaction.atomic
def property_update(
    *, prop: Property, by: Any, data: dict[str, Any], request: HttpRequest | None = None, via: str = "web"
) -> Property:
    if "postcode" in data:
        # Tidied first, so "m1 1aa" for "M1 1AA" is no change.
        data = {**data, "postcode": format_postcode(data["postcode"])}

    def follow(changed: list[str]) -> list[str]:
        property_set_keys(prop)
        return ["postcode_key", "address_key"]

    changes = model_update(prop, PROPERTY_FIELDS, data, derive=follow)
    _audit_changes(prop, changes, by=by, via=via, request=request)
    return prop


@transaction.atomic
def tenancy_create(
    *, by: Any, data: dict[str, Any], request: HttpRequest | None = None, via: str = "web"
) -> Tenancy:
    _only(data, TENANCY_FIELDS)
    _tenancy_dates_check(data.get("start_date"), data.get("end_date"))
    tenancy = Tenancy.objects.create(**data)
    audit_record(
        actor=by,
        action=AuditAction.CREATE,
        object_type="tenancy",
        object_id=tenancy.pk,
        summary=f"Created tenancy {tenancy.hms_ref}",
        via=via,
        request=request,
    )
    return tenancy


@transaction.atomic
def tenancy_update(
    *,
    tenancy: Tenancy,
    by: Any,
    data: dict[str, Any],
    request: HttpRequest | None = None,
    via: str = "web",
) -> Tenancy:
    """Change a tenancy; ending one is setting its ``end_date`` (records are never deleted)."""
    _tenancy_dates_check(data.get("start_date", tenancy.start_date), data.get("end_date", tenancy.end_date))
    changes = model_update(tenancy, TENANCY_FIELDS, data)
    _audit_changes(tenancy, changes, by=by, via=via, request=request)
    return tenancy


@transaction.atomic
def resident_create(
    *, by: Any, data: dict[str, Any], request: HttpRequest | None = None, via: str = "web"
) -> Resident:
    """A new resident, e.g. an applicant or service user not yet in the HMS extract."""
    _only(data, RESIDENT_FIELDS)
    resident = Resident(**data)
    if resident.consents_to_news:
        resident.news_consent_at = timezone.now()
    resident_set_keys(resident)
    resident.save()
    # Field names only: the values are in the record itself, and copying them into the log
    # would spread personal data to everyone who can read it.
    audit_record(
        actor=by,
        action=AuditAction.CREATE,
        object_type="resident",
        object_id=resident.pk,
        resident_id=resident.pk,
        summary=f"Created with {', '.join(sorted(data))}",
        via=via,
        request=request,
    )
    return resident


@transaction.atomic
def equality_profile_save_from_paper(
    *,
    resident: Resident,
    answers: dict[str, str],
    signed_on: dt.date | None,
    by: Any,
    landlord_name: str,
    request: HttpRequest | None = None,
) -> EqualityProfile:
    """Answers an officer copies from a paper equality form whose consent box was ticked.

    The consent recorded is the paper form's: its date (the day it was signed, or today when
    the form is undated), method "paper form" and the officer who entered it, replacing any
    earlier consent, because the resident has just agreed again in writing.
    """
    profile = equality_profile_save(
        resident=resident,
        answers=answers,
        consent=True,
        consent_method=ConsentMethod.PAPER,
        by=by,
        landlord_name=landlord_name,
        request=request,
    )
    assert profile is not None  # consent=True always keeps the answers
    if signed_on is not None:
        given_at = dt.datetime.combine(signed_on, dt.time(12, 0), tzinfo=timezone.get_current_timezone())
    else:
        given_at = timezone.now()
    profile.consent_given_at = min(given_at, timezone.now())
    profile.consent_method = ConsentMethod.PAPER
    profile.consent_wording = EQUALITY_CONSENT_WORDING.format(landlord=landlord_name)
    profile.recorded_by = by if getattr(by, "is_staff_role", False) else None
    profile.save(
        update_fields=["consent_given_at", "consent_method", "consent_wording", "recorded_by", "updated_at"]
    )
    return profile


def _audit_changes(
    row: Any, changes: dict[str, list[Any]], *, by: Any, via: str, request: HttpRequest | None, **extra: Any
) -> None:
    """One audit row for a change to a register row, naming what changed; none when nothing did."""
    if changes:
        audit_record(
            actor=by,
            action=AuditAction.UPDATE,
            object_type=row._meta.model_name,
            object_id=row.pk,
            summary=f"Changed {', '.join(sorted(changes))}",
            changes=changes,
            via=via,
            request=request,
            **extra,
        )
