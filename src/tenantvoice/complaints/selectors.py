"""Reads of complaints that pages, the API, the messages and the reports share."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from tenantvoice.core.access import first_or_404
from tenantvoice.plans.schedule import add_months
from tenantvoice.residents.models import Resident

from .models import (
    UPHELD_OUTCOMES,
    CaseKind,
    CaseStatus,
    Category,
    Complaint,
    Extension,
    Learning,
    Remedy,
    Stage,
)
from .procedures import procedure_get

# The list's "state" filter.
AWAITING_ACKNOWLEDGEMENT = "awaiting_acknowledgement"
AWAITING_RESPONSE = "awaiting_response"
LATE = "late"
STATES = {
    AWAITING_ACKNOWLEDGEMENT: "Awaiting acknowledgement",
    AWAITING_RESPONSE: "Awaiting a response",
    LATE: "Late now",
}


def day_in_words(day: dt.date | None) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}" if day is not None else ""


def ombudsman_contact(procedure_key: str) -> str:
    """The ombudsman's name and how to reach them, from the procedure data."""
    details = procedure_get(procedure_key).ombudsman
    name = details.get("name") or "the ombudsman"
    reach = [details[k] for k in ("website", "phone", "email", "address") if details.get(k)]
    return f"the {name}: {', '.join(reach)}" if reach else name


def escalation_words(stage: Stage) -> str:
    """How to escalate after this stage's response: the next stage, or the ombudsman."""
    procedure = procedure_get(stage.procedure)
    following = procedure.stage(stage.number + 1)
    if following is not None:
        return (
            f"If you are unhappy with this response, you can ask for {following.name} of your complaint. "
            "You do not have to say why. Ask us in your account on our website, by phone, by email "
            "or by letter."
        )
    return (
        "This is our final response. If you are still unhappy, you can ask "
        f"{ombudsman_contact(stage.procedure)} to look at your complaint."
    )


def response_in_words(stage: Stage) -> str:
    """The response point by point, with remedies and outstanding actions, as the letter says it."""
    from tenantvoice.actions.models import Action

    lines = []
    for point in stage.points.all():
        lines.append(
            f"{point.order}. {point.summary}\nOur decision: {point.get_decision_display()}. {point.reasons}"
        )
    remedies = list(stage.remedies.all())
    if remedies:
        lines.append("What we will do to put things right:")
        for remedy in remedies:
            money = f" (£{remedy.amount}: {remedy.amount_reason})" if remedy.amount is not None else ""
            lines.append(f"- {remedy.get_kind_display()}: {remedy.description}{money}")
    actions = Action.objects.filter(
        complaint_id=stage.complaint_id, status__in=["not_started", "in_progress"]
    )
    if actions:
        lines.append("What is still to be done, and by when:")
        lines += [f"- {a.title}, by {a.due_display}" for a in actions]
    lines.append(stage.how_to_escalate)
    return "\n\n".join(lines)


def complaint_placeholders(complaint: Complaint) -> dict[str, str]:
    stages = list(complaint.stages.all())
    return {
        "reference": complaint.reference,
        "received": day_in_words(complaint.received_on),
        "stage": stages[-1].name if stages else "",
    }


def _stages_prefetch() -> Prefetch[Any]:
    return Prefetch("stages", queryset=Stage.objects.select_related("handler").order_by("number"))


def complaints_list(
    *,
    kind: str = "",
    state: str = "",
    category_id: int | None = None,
    area_id: int | None = None,
    handler_id: int | None = None,
    received_from: dt.date | None = None,
    received_to: dt.date | None = None,
    on: dt.date | None = None,
) -> QuerySet[Complaint]:
    """Complaints and requests newest first, filtered as the officers' list asks."""
    on = on or timezone.localdate()
    rows = Complaint.objects.select_related("resident", "home", "area").prefetch_related(
        _stages_prefetch(), "categories"
    )
    if kind:
        rows = rows.filter(kind=kind)
    if category_id is not None:
        rows = rows.filter(categories__id=category_id)
    if area_id is not None:
        rows = rows.filter(area_id=area_id)
    if handler_id is not None:
        rows = rows.filter(stages__handler_id=handler_id)
    if received_from is not None:
        rows = rows.filter(received_on__gte=received_from)
    if received_to is not None:
        rows = rows.filter(received_on__lte=received_to)
    open_stages = Stage.objects.filter(complaint=OuterRef("pk"), responded_on__isnull=True)
    if state == AWAITING_ACKNOWLEDGEMENT:
        rows = rows.filter(Exists(open_stages.filter(acknowledged_on__isnull=True)), status=CaseStatus.OPEN)
    elif state == AWAITING_RESPONSE:
        rows = rows.filter(Exists(open_stages), status=CaseStatus.OPEN)
    elif state == LATE:
        late = open_stages.filter(
            Q(acknowledged_on__isnull=True, acknowledge_due__lt=on) | Q(respond_by__lt=on)
        )
        rows = rows.filter(Exists(late), status=CaseStatus.OPEN)
    elif state in CaseStatus.values:
        rows = rows.filter(status=state)
    return rows.distinct().order_by("-received_on", "-pk")


def access_complaint_for_staff(pk: object) -> Complaint:
    return first_or_404(
        Complaint.objects.select_related(
            "resident", "home", "area", "from_request", "raised_during"
        ).prefetch_related(
            Prefetch(
                "stages",
                queryset=Stage.objects.select_related("handler")
                .prefetch_related(
                    "points",
                    Prefetch("remedies", queryset=Remedy.objects.select_related("point")),
                    Prefetch("extensions", queryset=Extension.objects.order_by("new_date")),
                )
                .order_by("number"),
            ),
            "categories",
            Prefetch("learning", queryset=Learning.objects.select_related("outcome")),
            "complaints_raised",
            "new_issues",
        ),
        "There is no such complaint or service request.",
        pk=pk,
    )


def resident_complaints(resident: Resident) -> QuerySet[Complaint]:
    """A resident's own complaints and service requests, newest first."""
    return (
        Complaint.objects.filter(resident=resident)
        .prefetch_related(_stages_prefetch(), "categories")
        .order_by("-received_on", "-pk")
    )


def access_complaint_for_resident(resident: Resident, pk: object) -> Complaint:
    """The resident's own complaint; anyone else's is a 404."""
    return first_or_404(
        Complaint.objects.filter(resident=resident).prefetch_related(
            Prefetch(
                "stages",
                queryset=Stage.objects.prefetch_related("points", "remedies", "extensions").order_by(
                    "number"
                ),
            ),
            "categories",
        ),
        "There is no such complaint in your account.",
        pk=pk,
    )


def can_escalate(complaint: Complaint, on: dt.date | None = None) -> bool:
    """Whether the resident may ask for the next stage now (prefetched stages)."""
    on = on or timezone.localdate()
    if complaint.kind != CaseKind.COMPLAINT or complaint.status in (CaseStatus.REFUSED, CaseStatus.WITHDRAWN):
        return False
    stages = list(complaint.stages.all())
    if not stages:
        return False
    current = stages[-1]
    if current.number >= procedure_get(complaint.procedure).last_stage:
        return False
    return current.responded_on is not None or current.response_overdue(on)


@dataclass(frozen=True)
class CategoryEvidence:
    """What complaints in one category tell a scrutiny panel: how many in the last year, how
    many had a point upheld, and what was learnt (no complainant is named)."""

    category: str
    since: dt.date
    received: int
    upheld: int
    learning: list[Learning]


def complaints_evidence(
    category_id: int, on: dt.date | None = None, learning_shown: int = 10
) -> CategoryEvidence:
    """The evidence a scrutiny review chosen from complaints reads (issue 17 item 5: learning
    "goes to the scrutiny panel"), for the 12 months up to ``on``."""
    on = on or timezone.localdate()
    since = on - dt.timedelta(days=365)
    complaints = Complaint.objects.filter(
        kind=CaseKind.COMPLAINT, categories__id=category_id, received_on__gt=since, received_on__lte=on
    )
    upheld = complaints.filter(stages__points__decision__in=UPHELD_OUTCOMES).distinct().count()
    learning = list(
        Learning.objects.filter(complaint__categories__id=category_id).order_by("-recorded_on", "-pk")[
            :learning_shown
        ]
    )
    name = Category.objects.filter(pk=category_id).values_list("name", flat=True).first() or ""
    return CategoryEvidence(name, since, complaints.count(), upheld, learning)


def outside_time_limit(complaint: Complaint) -> bool:
    """Whether it was made later after the matter than the procedure's time limit (the Code:
    "within 12 months of the issue occurring or the resident becoming aware of the issue").
    Not a refusal: the officer decides, and may accept it."""
    limit = procedure_get(complaint.procedure).time_limit_months
    if limit is None or complaint.matter_on is None:
        return False
    return complaint.received_on > add_months(complaint.matter_on, limit)
