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
from tenantvoice.core.models import AuditAction
from tenantvoice.involvement.models import Group, Recognition
from tenantvoice.residents.models import Resident
from tenantvoice.strategies.standards import standards_get

from .models import (
    Consultation,
    ConsultationDocument,
    ConsultationStatus,
    Representation,
    RepresentationChannel,
)


class ConsultationError(Exception):
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
        raise ConsultationError("The closing date must be after the day it opens.")
    earliest = earliest_close(opens_on)
    if closes_on < earliest:
        days = standards_get().consultation_min_days
        raise ConsultationError(
            f"Residents must have at least {days} days to reply. Close it on {_long_date(earliest)} or later."
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


@transaction.atomic
def document_add(
    *, consultation: Consultation, title: str, file: Any, by: Any = None
) -> ConsultationDocument:
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


@transaction.atomic
def feedback_publish(
    *, consultation: Consultation, feedback: str, by: Any = None, today: dt.date | None = None
) -> SendRun:
    """Publish "you said, we did" and tell every resident who replied (the mass-send job)."""
    today = today or timezone.localdate()
    if consultation.status != ConsultationStatus.DECIDED:
        raise ConsultationError("Record the decision first: the feedback tells residents what was decided.")
    if not feedback.strip():
        raise ConsultationError("Write what residents said and what you did.")
    consultation.feedback = feedback.strip()
    consultation.feedback_published_on = consultation.feedback_published_on or today
    consultation.save(update_fields=["feedback", "feedback_published_on"])
    run = send_start(
        kind=SendKind.CONSULTATION_FEEDBACK,
        object_id=consultation.pk,
        title=f"You said, we did: {consultation.title}",
        by=by,
    )
    audit_record(
        actor=by,
        action=AuditAction.UPDATE,
        object_type="consultation",
        object_id=consultation.pk,
        summary=f"Published you said, we did (send {run.pk})",
    )
    return run
