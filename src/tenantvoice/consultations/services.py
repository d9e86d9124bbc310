"""Running a consultation: open it (with notice to those affected), take replies, decide, feed back."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from tenantvoice.comms.models import SendKind, SendRun
from tenantvoice.comms.sends import send_start
from tenantvoice.core.audit import audit_record
from tenantvoice.core.errors import DomainError
from tenantvoice.core.models import AuditAction
from tenantvoice.core.updates import model_update
from tenantvoice.involvement.models import Group, Recognition
from tenantvoice.residents.models import Resident
from tenantvoice.strategies.standards import standards_get

from .models import (
    Consultation,
    ConsultationCorrection,
    ConsultationDocument,
    ConsultationStatus,
    Representation,
    RepresentationChannel,
)


class ConsultationError(DomainError):
    pass


def _long_date(day: dt.date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def earliest_close(opens_on: dt.date) -> dt.date:
    """The first closing date the strategy allows (THH: three weeks). Without a minimum (Thenue:
    s54 gives "such reasonable period as is specified in the notice") the notice sets it."""
    days = standards_get().consultation_min_days or 0
    return opens_on + dt.timedelta(days=days)


def check_period(opens_on: dt.date, closes_on: dt.date) -> None:
    if closes_on < opens_on:
        raise ConsultationError("The closing date must be after the day it opens.", field="closes_on")
    earliest = earliest_close(opens_on)
    if closes_on < earliest:
        days = standards_get().consultation_min_days
        raise ConsultationError(
            f"Residents must have at least {days} days to reply. "
            f"Close it on {_long_date(earliest)} or later.",
            field="closes_on",
        )


def _user(by: Any) -> Any:
    return by if getattr(by, "is_authenticated", False) else None


@transaction.atomic
def consultation_create(*, by: Any = None, **fields: Any) -> Consultation:
    service_areas = fields.pop("service_areas", None) or []
    consultation = Consultation(**fields, created_by=_user(by))
    if consultation.statutory_s54 and not consultation.likely_effect.strip():
        raise ConsultationError("A statutory consultation must say how the proposal would affect tenants.")
    check_period(consultation.opens_on or timezone.localdate(), consultation.closes_on)
    consultation.save()
    consultation.service_areas.set(service_areas)
    audit_record(
        actor=by,
        action=AuditAction.CREATE,
        object_type="consultation",
        object_id=consultation.pk,
        summary=consultation.title,
    )
    return consultation


# What a draft's edit page changes (every field of the create form, and the audience).
DRAFT_FIELDS = (
    "title",
    "summary",
    "proposal",
    "likely_effect",
    "who_is_affected",
    "topic",
    "is_policy",
    "statutory_s54",
    "service_areas",
    "closes_on",
    "audience",
)
# What may be corrected once it is open: its words, not what it asks, of whom, or by when.
WORDING_FIELDS = ("title", "summary", "proposal", "likely_effect", "who_is_affected")
_NEEDED = {"title": "a title", "summary": "a summary", "likely_effect": "how it would affect residents"}
ONLY_WORDING = (
    "This consultation is open, so only its wording can be corrected: the title, the summary, "
    "the proposal, how it would affect residents and who it affects. Its dates, its audience, "
    "its documents and what kind of consultation it is stay as they were when residents were told."
)


def _draft_only(consultation: Consultation) -> None:
    if consultation.status != ConsultationStatus.DRAFT:
        raise ConsultationError(ONLY_WORDING)


@transaction.atomic
def consultation_update(*, consultation: Consultation, by: Any = None, **fields: Any) -> Consultation:
    """Change a draft: any field of the create form and its audience. Refused once it opens."""
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    _draft_only(consultation)
    unknown = set(fields) - set(DRAFT_FIELDS)
    if unknown:
        raise ConsultationError(f"These cannot be changed here: {', '.join(sorted(unknown))}.")
    new = {name: value.strip() if isinstance(value, str) else value for name, value in fields.items()}

    def after(name: str) -> Any:
        return new[name] if name in new else getattr(consultation, name)

    for name, needed in _NEEDED.items():
        if not after(name).strip():
            raise ConsultationError(f"Give it {needed}.")
    if after("statutory_s54") and not after("likely_effect").strip():
        raise ConsultationError("A statutory consultation must say how the proposal would affect tenants.")
    check_period(consultation.opens_on or timezone.localdate(), after("closes_on"))
    changes = model_update(consultation, DRAFT_FIELDS, new)
    if changes:
        audit_record(
            actor=by,
            action=AuditAction.UPDATE,
            object_type="consultation",
            object_id=consultation.pk,
            summary=f"Edited the draft {consultation.title}",
            changes=changes,
        )
    return consultation


@transaction.atomic
def consultation_correct(
    *, consultation: Consultation, by: Any = None, **wording: str
) -> list[ConsultationCorrection]:
    """Correct the wording of an open (or closed) consultation. Each changed field is kept as a
    version with who and when; anything but wording is refused. Returns the new versions."""
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation.status == ConsultationStatus.DRAFT:
        raise ConsultationError("This consultation is still a draft: edit it instead.")
    if set(wording) - set(WORDING_FIELDS):
        raise ConsultationError(ONLY_WORDING)
    versions = []
    for name, text in wording.items():
        text = text.strip()
        if name in _NEEDED and not text:
            raise ConsultationError(f"Give it {_NEEDED[name]}: a correction cannot leave it empty.")
        old = getattr(consultation, name)
        if text != old:
            versions.append(
                ConsultationCorrection(
                    consultation=consultation,
                    field=name,
                    old_text=old,
                    new_text=text,
                    corrected_by=_user(by),
                    corrected_by_name=str(_user(by) or "system"),
                )
            )
            setattr(consultation, name, text)
    if not versions:
        raise ConsultationError("Nothing was changed. Change the wording you want to correct.")
    consultation.save(update_fields=[v.field for v in versions])
    ConsultationCorrection.objects.bulk_create(versions)
    audit_record(
        actor=by,
        action=AuditAction.UPDATE,
        object_type="consultation",
        object_id=consultation.pk,
        summary=f"Corrected the wording of {consultation.title}",
        changes={v.field: [v.old_text, v.new_text] for v in versions},
    )
    return versions


@transaction.atomic
def document_remove(*, document: ConsultationDocument, by: Any = None) -> None:
    """Take a document off a draft (and delete its file). Refused once it opens."""
    consultation = document.consultation
    _draft_only(consultation)
    title = document.title
    document.file.delete(save=False)
    document.delete()
    audit_record(
        actor=by,
        action=AuditAction.DELETE,
        object_type="consultation",
        object_id=consultation.pk,
        summary=f"Removed the document '{title}' from {consultation.title}",
    )


@transaction.atomic
def document_add(
    *, consultation: Consultation, title: str, file: Any, by: Any = None
) -> ConsultationDocument:
    _draft_only(consultation)
    document = ConsultationDocument.objects.create(consultation=consultation, title=title, file=file)
    audit_record(
        actor=by,
        action=AuditAction.CREATE,
        object_type="consultation",
        object_id=consultation.pk,
        summary=f"Added the document '{document.title}' to {consultation.title}",
    )
    return document


def organisations_told(consultation: Consultation) -> list[tuple[Group, bool]]:
    """The tenant organisations sent notice of ``consultation``, each with whether it is about
    services the organisation is consulted on under its agreement with the landlord.

    A Scottish statutory consultation goes to every registered tenant organisation: the Housing
    (Scotland) Act 2001 s54 says the landlord "must notify the tenant and every registered
    tenant organisation", so an agreement's scope cannot narrow it. Any other consultation goes
    to the recognised organisations whose agreement names one of its services (Thenue's
    Minutes of Agreement "set out the areas of our services where we consult with and involve
    the Area Associations"); an organisation that names no services is consulted on them all
    only under s54, so ordinary consultations do not go to every group.
    """
    areas = set(consultation.service_areas.values_list("pk", flat=True))
    groups = Group.objects.filter(recognition=Recognition.RECOGNISED, is_active=True).prefetch_related(
        "consulted_on"
    )
    told = []
    for group in groups:
        scope = {area.pk for area in group.consulted_on.all()}
        in_scope = bool(areas & scope)
        if consultation.statutory_s54 or in_scope:
            told.append((group, in_scope))
    return told


@transaction.atomic
def consultation_open(*, consultation: Consultation, by: Any = None, today: dt.date | None = None) -> SendRun:
    """Open it and give notice to everyone affected by their own channel (and, for s54, to each
    registered tenant organisation), through the mass-send job; returns its run."""
    today = today or timezone.localdate()
    if consultation.status != ConsultationStatus.DRAFT:
        raise ConsultationError("This consultation is already open.")
    check_period(today, consultation.closes_on)
    consultation.status = ConsultationStatus.OPEN
    consultation.opens_on = today
    consultation.save(update_fields=["status", "opens_on"])
    run = send_start(
        kind=SendKind.CONSULTATION_NOTICE,
        object_id=consultation.pk,
        title=f"Notice of {consultation.title}",
        by=by,
        rule={"today": today.isoformat()},
    )
    audit_record(
        actor=by,
        action=AuditAction.UPDATE,
        object_type="consultation",
        object_id=consultation.pk,
        summary=f"Opened {consultation.title}; notice going out (send {run.pk})",
    )
    return run


def notice_placeholders(consultation: Consultation) -> dict[str, str]:
    from django.conf import settings

    link = settings.TENANTVOICE_SITE_URL.rstrip("/") + reverse("consultation", args=[consultation.pk])
    return {
        "consultation": consultation.title,
        "summary": consultation.summary,
        "effect": consultation.likely_effect,
        "closes": _long_date(consultation.closes_on),
        "link": link,
        "for_group": "",
    }


@transaction.atomic
def representation_add(
    *,
    consultation: Consultation,
    text: str,
    resident: Resident | None = None,
    group: Group | None = None,
    from_name: str = "",
    channel: str = RepresentationChannel.PORTAL,
    received_on: dt.date | None = None,
    by: Any = None,
) -> Representation:
    received_on = received_on or timezone.localdate()
    if not text.strip():
        raise ConsultationError("Write your views before sending them.")
    if consultation.status == ConsultationStatus.DRAFT:
        raise ConsultationError("This consultation has not opened yet.")
    if received_on > consultation.closes_on:
        raise ConsultationError(
            f"This consultation closed on {_long_date(consultation.closes_on)}, "
            "so it can no longer take views."
        )
    if consultation.status == ConsultationStatus.DECIDED:
        raise ConsultationError("A decision has been made on this consultation.")
    representation = Representation.objects.create(
        consultation=consultation,
        resident=resident,
        group=group,
        from_name=from_name.strip(),
        text=text.strip(),
        channel=channel,
        received_on=received_on,
        recorded_by=_user(by),
    )
    audit_record(
        actor=by,
        action=AuditAction.CREATE,
        object_type="representation",
        object_id=representation.pk,
        resident_id=resident.pk if resident else None,
        summary=f"Reply to {consultation.title}",
    )
    return representation


def consultations_close_due(today: dt.date | None = None, *, by: Any = None) -> int:
    """Close open consultations whose closing date has passed (run daily)."""
    today = today or timezone.localdate()
    closed = Consultation.objects.filter(status=ConsultationStatus.OPEN, closes_on__lt=today).update(
        status=ConsultationStatus.CLOSED
    )
    audit_record(
        actor=by,
        action=AuditAction.UPDATE,
        object_type="consultation",
        summary=f"Closed consultations past their closing date: {closed}",
        via="web" if by is not None else "command",
    )
    return closed


@transaction.atomic
def consultation_decide(
    *,
    consultation: Consultation,
    decision: str,
    regard_had: str,
    by: Any = None,
    today: dt.date | None = None,
) -> Consultation:
    today = today or timezone.localdate()
    if consultation.status == ConsultationStatus.OPEN and today > consultation.closes_on:
        consultation.status = ConsultationStatus.CLOSED
    if consultation.status != ConsultationStatus.CLOSED:
        raise ConsultationError("A decision can be recorded only after the consultation has closed.")
    if not decision.strip():
        raise ConsultationError("Say what was decided.")
    if consultation.representations.exists() and not regard_had.strip():
        raise ConsultationError(
            "Say how the replies were considered before the decision: "
            "the law (s54) and good practice need it."
        )
    consultation.decision = decision.strip()
    consultation.regard_had = regard_had.strip()
    consultation.decided_on = today
    consultation.status = ConsultationStatus.DECIDED
    consultation.save(update_fields=["decision", "regard_had", "decided_on", "status"])
    audit_record(
        actor=by,
        action=AuditAction.UPDATE,
        object_type="consultation",
        object_id=consultation.pk,
        summary=f"Decided {consultation.title}",
    )
    return consultation
