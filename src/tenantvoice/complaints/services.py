"""Recording complaints and service requests and running each stage on the procedure's clock
(models.py and procedures.py say where the rules come from; decision 0046).

Every service writes an audit row. Messages to the resident (the acknowledgement, an
extension, the response, a refusal) go through the outbox by the resident's own channel, format
and language; each is its own message (``Complaint.sequence``).

What the clock refuses, and why:
- an extension beyond the procedure's cap, or without a reason (the Code: "no more than 10
  further working days", "telling the resident the reason, the new date and the Ombudsman's
  contact details");
- a stage 2 handler who handled stage 1 (the Code: "a different person");
- a pause of any kind: there is no service for one;
- a late step without the reason it was late: the step is kept late, never hidden.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone

from tenantvoice.actions.services import action_create
from tenantvoice.comms.services import message_queue
from tenantvoice.core.audit import audit_record
from tenantvoice.core.errors import DomainError
from tenantvoice.core.models import AuditAction
from tenantvoice.core.updates import model_update
from tenantvoice.core.working_days import landlord_nation
from tenantvoice.residents.models import OWNER_TENURES, Property, Resident, TenancyMember

from .models import (
    UPHELD_OUTCOMES,
    CaseKind,
    CaseStatus,
    Category,
    Complaint,
    Determination,
    Extension,
    Finding,
    Learning,
    OmbudsmanCase,
    Order,
    Outcome,
    Point,
    ReceivedBy,
    Remedy,
    RemedyKind,
    Stage,
)
from .procedures import Procedure, landlord_procedure, procedure_get
from .selectors import (
    complaint_placeholders,
    day_in_words,
    escalation_words,
    ombudsman_contact,
    response_in_words,
)

# Why a complaint may not be accepted. The platform's wording of the usual grounds; the Code
# asks for "a detailed explanation" and the right to go to the Ombudsman, which the letter adds.
REFUSAL_REASONS: dict[str, str] = {
    # The time limit is the procedure's (the Code: 12 months; the SPSO's model: 6), so not named here.
    "time_limit": "It was made after the time limit of our complaints procedure",
    "legal_proceedings": "The matter is the subject of legal proceedings",
    "already_answered": "It has already been answered through the complaints procedure",
    "not_our_service": "It is about a service we do not provide or control",
    "policy_not_service": "It is about the content of a policy decided by the Board, not how it was applied",
    "other": "Another reason, explained below",
}


class ComplaintError(DomainError):
    """A complaint, or a step of one, that cannot be recorded, said so the officer (or the
    resident, on the portal) can put it right."""


def _audit(by: Any, action: AuditAction, complaint: Complaint, summary: str, **extra: Any) -> None:
    audit_record(
        actor=by,
        action=action,
        object_type="complaint",
        object_id=complaint.pk,
        resident_id=complaint.resident_id,
        summary=summary,
        **extra,
    )


def _user(by: Any) -> Any:
    return by if getattr(by, "is_authenticated", False) else None


def _not_future(day: dt.date, field: str, what: str) -> None:
    if day > timezone.localdate():
        raise ComplaintError(f"{what} cannot be in the future.", field=field)


def _tell(complaint: Complaint, template: str, context: Mapping[str, str]) -> None:
    """Send the resident a message about their complaint, by their channel, format and language."""
    if complaint.resident_id is None:
        return
    Complaint.objects.filter(pk=complaint.pk).update(sequence=complaint.sequence + 1)
    complaint.sequence += 1
    message_queue(
        recipients=[complaint.resident] if complaint.resident is not None else [],
        template=template,
        key=f"complaint:{complaint.pk}:{complaint.sequence}",
        context={**complaint_placeholders(complaint), **context},
    )


def _home_and_ownership(
    resident: Resident | None, home: Property | None, on: dt.date
) -> tuple[Property | None, bool]:
    """The home it is about (the resident's current one when none is given) and whether it is
    low-cost home ownership (CH01 counts it apart)."""
    membership = None
    if resident is not None:
        memberships = TenancyMember.objects.current(on).filter(resident=resident).select_related("tenancy")
        if home is not None:
            memberships = memberships.filter(tenancy__property=home)
        membership = memberships.order_by("pk").first()
    if home is None and membership is not None:
        home = membership.tenancy.property
    ownership = membership is not None and membership.tenancy.tenure in OWNER_TENURES
    return home, ownership


def _open_stage(
    complaint: Complaint, procedure: Procedure, number: int, opened_on: dt.date, handler: Any
) -> Stage:
    rule = procedure.stage(number)
    if rule is None:
        raise ComplaintError(f"The {procedure.title} has no stage {number}.")
    nation = landlord_nation()
    respond_due = rule.respond_by(opened_on, None, nation)
    return Stage.objects.create(
        complaint=complaint,
        key=rule.key,
        number=number,
        name=rule.name,
        procedure=procedure.key,
        procedure_version=procedure.version,
        opened_on=opened_on,
        handler=_user(handler),
        acknowledge_due=rule.acknowledge_by(opened_on, nation),
        respond_due=respond_due,
        respond_by=respond_due,
    )


@transaction.atomic
def complaint_record(
    *,
    what_went_wrong: str,
    received_on: dt.date,
    received_by: str,
    kind: str = CaseKind.COMPLAINT,
    resident: Resident | None = None,
    home: Property | None = None,
    outcome_wanted: str = "",
    categories: Iterable[Category] = (),
    matter_on: dt.date | None = None,
    made_by_name: str = "",
    made_by_relationship: str = "",
    handler: Any = None,
    raised_during: Complaint | None = None,
    from_request: Complaint | None = None,
    by: Any = None,
) -> Complaint:
    """Record a complaint (its first stage opens on the day it was received) or a service
    request (no stages: it is not a complaint, but it is recorded and can become one)."""
    what_went_wrong, outcome_wanted = what_went_wrong.strip(), outcome_wanted.strip()
    if not what_went_wrong:
        raise ComplaintError(
            "Say what went wrong, in the resident's words if you can.", field="what_went_wrong"
        )
    if kind not in CaseKind.values:
        raise ComplaintError("Choose whether it is a complaint or a service request.", field="kind")
    if received_by not in ReceivedBy.values:
        raise ComplaintError("Choose how it was made.", field="received_by")
    _not_future(received_on, "received_on", "The date it was received")
    if matter_on is not None and matter_on > received_on:
        raise ComplaintError("When it happened cannot be after the day it was received.", field="matter_on")
    if resident is None and home is None and not made_by_name.strip():
        raise ComplaintError(
            "Say who it is from: a resident, a home, or the person who made it.", field="resident"
        )
    if received_by == ReceivedBy.REPRESENTATIVE and not made_by_name.strip():
        raise ComplaintError("Give the name of the representative or third party.", field="made_by_name")
    procedure = landlord_procedure()
    home, ownership = _home_and_ownership(resident, home, received_on)
    complaint = Complaint.objects.create(
        # Unique until the row's id gives the real one, a line below.
        reference=f"new-{uuid.uuid4().hex[:16]}",
        kind=kind,
        resident=resident,
        home=home,
        area_id=home.area_id if home is not None else None,
        ownership=ownership,
        received_by=received_by,
        made_by_name=made_by_name.strip(),
        made_by_relationship=made_by_relationship.strip(),
        received_on=received_on,
        matter_on=matter_on,
        what_went_wrong=what_went_wrong,
        outcome_wanted=outcome_wanted,
        procedure=procedure.key,
        procedure_version=procedure.version,
        raised_during=raised_during,
        from_request=from_request,
        created_by=_user(by),
    )
    prefix = "CMP" if kind == CaseKind.COMPLAINT else "SR"
    complaint.reference = f"{prefix}-{complaint.pk:06d}"
    Complaint.objects.filter(pk=complaint.pk).update(reference=complaint.reference)
    complaint.categories.set(list(categories))
    if kind == CaseKind.COMPLAINT:
        _open_stage(complaint, procedure, 1, received_on, handler)
    what = "Complaint" if kind == CaseKind.COMPLAINT else "Service request"
    _audit(
        by,
        AuditAction.CREATE,
        complaint,
        f"{what} {complaint.reference} recorded ({complaint.get_received_by_display()})",
    )
    return complaint


@transaction.atomic
def request_to_complaint(
    *, request: Complaint, what_went_wrong: str, received_on: dt.date, received_by: str, by: Any = None
) -> Complaint:
    """The resident is unhappy with how a service request is being handled: that is a complaint
    (the Code), raised in one step from the request, which carries on."""
    if request.kind != CaseKind.SERVICE_REQUEST:
        raise ComplaintError("Only a service request can become a complaint this way.")
    if received_on < request.received_on:
        raise ComplaintError("The complaint cannot be dated before the service request.", field="received_on")
    complaint = complaint_record(
        what_went_wrong=what_went_wrong,
        received_on=received_on,
        received_by=received_by,
        resident=request.resident,
        home=request.home,
        outcome_wanted=request.outcome_wanted,
        categories=request.categories.all(),
        matter_on=request.received_on,
        made_by_name=request.made_by_name,
        made_by_relationship=request.made_by_relationship,
        from_request=request,
        by=by,
    )
    _audit(
        by,
        AuditAction.UPDATE,
        request,
        f"Service request {request.reference} became complaint {complaint.reference}",
    )
    return complaint


def _stage_for_update(stage: Stage) -> Stage:
    return (
        Stage.objects.select_for_update(of=("self",))
        .select_related("complaint", "complaint__resident")
        .get(pk=stage.pk)
    )


def _late_reason(late: bool, late_reason: str, what: str) -> str:
    late_reason = late_reason.strip()
    if late and not late_reason:
        raise ComplaintError(
            f"The {what} is late: say why. It is kept and shown as late.", field="late_reason"
        )
    return late_reason


@transaction.atomic
def stage_assign(*, stage: Stage, handler: Any, by: Any = None) -> Stage:
    """Give a stage its handler; stage 2 must be handled by someone other than stage 1's."""
    stage = _stage_for_update(stage)
    rule = procedure_get(stage.procedure).stage_by_key(stage.key)
    if rule is not None and rule.different_handler_from:
        earlier = Stage.objects.filter(
            complaint_id=stage.complaint_id, key=rule.different_handler_from
        ).first()
        if (
            earlier is not None
            and earlier.handler_id is not None
            and earlier.handler_id == getattr(handler, "pk", None)
        ):
            raise ComplaintError(
                f"{stage.name} must be handled by someone other than the {earlier.name} handler "
                f"({earlier.handler}).",
                field="handler",
            )
    changes = model_update(stage, ("handler",), {"handler": _user(handler)})
    if changes:
        _audit(
            by,
            AuditAction.UPDATE,
            stage.complaint,
            f"{stage.name} of {stage.complaint.reference} handled by {handler}",
            changes=changes,
        )
    return stage


@transaction.atomic
def stage_acknowledge(
    *, stage: Stage, acknowledged_on: dt.date, defined_as: str, late_reason: str = "", by: Any = None
) -> Stage:
    """Acknowledge, define and log: the response date is then counted from this day."""
    stage = _stage_for_update(stage)
    if stage.acknowledged_on is not None:
        raise ComplaintError(f"{stage.name} was acknowledged on {stage.acknowledged_on:%d/%m/%Y}.")
    if not stage.complaint.is_open:
        raise ComplaintError("This complaint is not open.")
    rule = procedure_get(stage.procedure).stage_by_key(stage.key)
    assert rule is not None
    if stage.acknowledge_due is None or not rule.needs_acknowledgement:
        raise ComplaintError(f"{stage.name} has no acknowledgement step: it is answered directly.")
    defined_as = defined_as.strip()
    if not defined_as:
        raise ComplaintError(
            "Say what you understand the complaint to be, and the outcome the resident wants.",
            field="defined_as",
        )
    if acknowledged_on < stage.opened_on:
        raise ComplaintError("It cannot be acknowledged before it was received.", field="acknowledged_on")
    _not_future(acknowledged_on, "acknowledged_on", "The date of the acknowledgement")
    late = acknowledged_on > stage.acknowledge_due
    late_reason = _late_reason(late, late_reason, "acknowledgement")
    respond_due = rule.respond_by(stage.opened_on, acknowledged_on, landlord_nation())
    model_update(
        stage,
        ("acknowledged_on", "defined_as", "acknowledged_late", "respond_due", "respond_by", "late_reason"),
        {
            "acknowledged_on": acknowledged_on,
            "defined_as": defined_as,
            "acknowledged_late": late,
            "respond_due": respond_due,
            "respond_by": respond_due,
            "late_reason": "\n".join(r for r in (stage.late_reason, late_reason) if r),
        },
    )
    _tell(stage.complaint, "complaint_acknowledged", _stage_context(stage))
    _audit(
        by,
        AuditAction.UPDATE,
        stage.complaint,
        f"{stage.name} of {stage.complaint.reference} acknowledged{' late' if late else ''}",
    )
    return stage


def _stage_context(stage: Stage) -> dict[str, str]:
    return {
        "stage": stage.name,
        "respond_by": day_in_words(stage.respond_by),
        "defined_as": stage.defined_as,
        "ombudsman": ombudsman_contact(stage.procedure),
    }


@transaction.atomic
def stage_extend(
    *, stage: Stage, new_date: dt.date, reason: str, agreed_on: dt.date | None = None, by: Any = None
) -> Extension:
    """Move the response date, within the procedure's cap, and write to the resident with the
    reason, the new date and the Ombudsman's contact details."""
    stage = _stage_for_update(stage)
    reason = reason.strip()
    agreed_on = agreed_on or timezone.localdate()
    if stage.responded_on is not None:
        raise ComplaintError(f"{stage.name} has been answered; there is nothing to extend.")
    if stage.acknowledge_due is not None and stage.acknowledged_on is None:
        raise ComplaintError("Acknowledge the complaint first: the response date is counted from it.")
    if not reason:
        raise ComplaintError("Give the reason for the extension: the resident is told it.", field="reason")
    if new_date <= stage.respond_by:
        raise ComplaintError(
            f"The new date must be after the current one ({stage.respond_by:%d/%m/%Y}).", field="new_date"
        )
    rule = procedure_get(stage.procedure).stage_by_key(stage.key)
    assert rule is not None
    latest = rule.latest_extension(stage.respond_due, landlord_nation())
    if latest is not None and new_date > latest:
        raise ComplaintError(
            f"{stage.name} can be extended by no more than {rule.max_extension_working_days} working days "
            f"under the {procedure_get(stage.procedure).title}: the latest date is {latest:%d/%m/%Y}.",
            field="new_date",
        )
    extension = Extension.objects.create(
        stage=stage, new_date=new_date, reason=reason, agreed_on=agreed_on, created_by=_user(by)
    )
    Stage.objects.filter(pk=stage.pk).update(respond_by=new_date)
    stage.respond_by = new_date
    _tell(stage.complaint, "complaint_extended", {**_stage_context(stage), "reason": reason})
    _audit(
        by,
        AuditAction.UPDATE,
        stage.complaint,
        f"{stage.name} of {stage.complaint.reference} extended to {new_date:%d/%m/%Y}: {reason[:200]}",
    )
    return extension


def _decimal(value: object, field: str) -> Decimal:
    try:
        amount = Decimal(str(value).replace("£", "").replace(",", "").strip())
    except (InvalidOperation, ValueError) as exc:
        raise ComplaintError(
            "Give the compensation as an amount of money, e.g. 150.00.", field=field
        ) from exc
    if amount <= 0:
        raise ComplaintError("Compensation must be more than £0.", field=field)
    return amount.quantize(Decimal("0.01"))


@transaction.atomic
def stage_respond(
    *,
    stage: Stage,
    responded_on: dt.date,
    response: str,
    points: Sequence[Mapping[str, Any]],
    remedies: Sequence[Mapping[str, Any]] = (),
    actions: Sequence[Mapping[str, Any]] = (),
    learning: Mapping[str, Any] | None = None,
    how_to_escalate: str = "",
    late_reason: str = "",
    by: Any = None,
) -> Stage:
    """Record a stage's response, point by point, with its remedies, the outstanding actions
    (into the action tracker), what was learnt when a point is upheld, and how to escalate;
    then send it to the resident.

    ``points``: ``{"summary", "decision", "reasons"}``. ``remedies``: ``{"kind",
    "description", "amount", "amount_reason", "point"}`` (``point`` an index into ``points``).
    ``actions``: ``{"title", "due_on", "owner_user"?, "owner_name"?}``. ``learning``:
    ``{"what_learnt", "change_made", "public"}``.
    """
    stage = _stage_for_update(stage)
    complaint = stage.complaint
    if stage.responded_on is not None:
        raise ComplaintError(f"{stage.name} was answered on {stage.responded_on:%d/%m/%Y}.")
    if stage.acknowledge_due is not None and stage.acknowledged_on is None:
        raise ComplaintError("Acknowledge the complaint first (the Code: acknowledge, define and log it).")
    if responded_on < (stage.acknowledged_on or stage.opened_on):
        raise ComplaintError(
            "The response cannot be dated before the complaint was received or acknowledged.",
            field="responded_on",
        )
    _not_future(responded_on, "responded_on", "The date of the response")
    if stage.handler_id is None:
        raise ComplaintError("Say who handled this stage before recording its response.", field="handler")
    response = response.strip()
    if not response:
        raise ComplaintError("Write the response to the resident.", field="response")
    if not points:
        raise ComplaintError("Give the decision on each point the resident raised.", field="points")
    for n, point in enumerate(points, start=1):
        if not str(point.get("summary", "")).strip():
            raise ComplaintError(f"Point {n}: say what the resident complained of.", field="points")
        if point.get("decision") not in Outcome.values:
            raise ComplaintError(f"Point {n}: choose upheld, partly upheld or not upheld.", field="points")
        if not str(point.get("reasons", "")).strip():
            raise ComplaintError(f"Point {n}: give the reasons for the decision.", field="points")
    upheld = any(p["decision"] in UPHELD_OUTCOMES for p in points)
    has_learning = learning is not None and str(learning.get("what_learnt", "")).strip()
    if upheld and not has_learning and not complaint.learning.exists():
        raise ComplaintError(
            "A point is upheld: say what was learnt and the change made, so it is put right for others too.",
            field="what_learnt",
        )
    late = responded_on > stage.respond_by
    late_reason = _late_reason(late, late_reason, "response")
    if not how_to_escalate.strip():
        how_to_escalate = escalation_words(stage)

    saved_points = [
        Point.objects.create(
            stage=stage,
            order=n,
            summary=str(p["summary"]).strip(),
            decision=p["decision"],
            reasons=str(p["reasons"]).strip(),
        )
        for n, p in enumerate(points, start=1)
    ]
    for n, remedy in enumerate(remedies, start=1):
        _remedy_add(stage, remedy, saved_points, n)
    for n, item in enumerate(actions, start=1):
        if not str(item.get("title", "")).strip():
            raise ComplaintError(f"Outstanding action {n}: say what will be done.", field="actions")
        if not item.get("due_on"):
            raise ComplaintError(
                f"Outstanding action {n}: give the date it will be done by.", field="actions"
            )
        action_create(
            title=str(item["title"]),
            source=complaint,
            due_on=item["due_on"],
            owner_user=item.get("owner_user") or stage.handler,
            owner_name=str(item.get("owner_name", "")),
            raised_by=[complaint.resident] if complaint.resident is not None else None,
            by=by,
        )
    if has_learning and learning is not None:
        learning_record(
            complaint=complaint,
            what_learnt=str(learning["what_learnt"]),
            change_made=str(learning.get("change_made", "")),
            public=bool(learning.get("public", True)),
            recorded_on=responded_on,
            by=by,
        )
    model_update(
        stage,
        ("responded_on", "response", "how_to_escalate", "responded_late", "late_reason"),
        {
            "responded_on": responded_on,
            "response": response,
            "how_to_escalate": how_to_escalate.strip(),
            "responded_late": late,
            "late_reason": "\n".join(r for r in (stage.late_reason, late_reason) if r),
        },
    )
    model_update(complaint, ("status", "closed_on"), {"status": CaseStatus.CLOSED, "closed_on": responded_on})
    _tell(complaint, "complaint_response", {**_stage_context(stage), "response": response_in_words(stage)})
    _audit(
        by,
        AuditAction.UPDATE,
        complaint,
        f"{stage.name} of {complaint.reference} answered{' late' if late else ''}: "
        + "; ".join(f"{p.get_decision_display()}" for p in saved_points),
    )
    return stage


def _remedy_add(stage: Stage, remedy: Mapping[str, Any], points: list[Point], n: int) -> Remedy:
    kind = remedy.get("kind")
    if kind not in RemedyKind.values:
        raise ComplaintError(f"Remedy {n}: choose what kind of remedy it is.", field="remedies")
    description = str(remedy.get("description", "")).strip()
    if not description:
        raise ComplaintError(f"Remedy {n}: describe it.", field="remedies")
    amount = None
    amount_reason = str(remedy.get("amount_reason", "")).strip()
    if kind == RemedyKind.COMPENSATION:
        amount = _decimal(remedy.get("amount"), "remedies")
        if not amount_reason:
            raise ComplaintError(f"Remedy {n}: say why this amount of compensation.", field="remedies")
    point_index = remedy.get("point")
    point = (
        points[int(point_index)] if point_index is not None and 0 <= int(point_index) < len(points) else None
    )
    return Remedy.objects.create(
        stage=stage,
        point=point,
        kind=kind,
        description=description,
        amount=amount,
        amount_reason=amount_reason,
    )


@transaction.atomic
def remedy_paid(*, remedy: Remedy, paid_on: dt.date, by: Any = None) -> Remedy:
    _not_future(paid_on, "paid_on", "The date it was paid")
    changes = model_update(remedy, ("paid_on",), {"paid_on": paid_on})
    _audit(
        by,
        AuditAction.UPDATE,
        remedy.stage.complaint,
        f"Compensation of £{remedy.amount} paid",
        changes=changes,
    )
    return remedy


@transaction.atomic
def stage_escalate(*, complaint: Complaint, requested_on: dt.date, by: Any = None) -> Stage:
    """Open the next stage because the resident asked: they are never asked why (the Code).
    They may ask once the last stage was answered, or when its answer is overdue."""
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if complaint.kind != CaseKind.COMPLAINT:
        raise ComplaintError("A service request has no stages: make it a complaint first.")
    if complaint.status in (CaseStatus.REFUSED, CaseStatus.WITHDRAWN):
        raise ComplaintError("This complaint was not taken forward, so it cannot go to the next stage.")
    procedure = procedure_get(complaint.procedure)
    current = complaint.stages.order_by("-number").first()
    assert current is not None
    if current.number >= procedure.last_stage:
        raise ComplaintError(
            f"This complaint has been through every stage. If you are still unhappy you can go to "
            f"the ombudsman: {ombudsman_contact(procedure.key)}"
        )
    if current.responded_on is None and not current.response_overdue(requested_on):
        raise ComplaintError(
            f"{current.name} has not been answered yet; it is due by {current.respond_by:%d/%m/%Y}. "
            "You can ask for the next stage once it is answered, or if it is late."
        )
    if current.responded_on is not None and requested_on < current.responded_on:
        raise ComplaintError("The request cannot be dated before the response.", field="requested_on")
    _not_future(requested_on, "requested_on", "The date of the request")
    stage = _open_stage(complaint, procedure, current.number + 1, requested_on, None)
    model_update(complaint, ("status", "closed_on"), {"status": CaseStatus.OPEN, "closed_on": None})
    _audit(by, AuditAction.UPDATE, complaint, f"{complaint.reference}: {stage.name} asked for")
    return stage


@transaction.atomic
def complaint_refuse(
    *, complaint: Complaint, reason: str, detail: str, refused_on: dt.date, by: Any = None
) -> Complaint:
    """Not accept a complaint: the resident gets the detailed reasons and the right to go to
    the Ombudsman (the Code)."""
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if complaint.kind != CaseKind.COMPLAINT or not complaint.is_open:
        raise ComplaintError("Only an open complaint can be not accepted.")
    if complaint.stages.filter(responded_on__isnull=False).exists():
        raise ComplaintError("This complaint has had a response; it cannot now be refused.")
    if reason not in REFUSAL_REASONS:
        raise ComplaintError("Choose why it is not accepted.", field="reason")
    detail = detail.strip()
    if not detail:
        raise ComplaintError("Explain the decision in detail: the resident is sent it.", field="detail")
    _not_future(refused_on, "refused_on", "The date of the decision")
    if refused_on < complaint.received_on:
        raise ComplaintError("It cannot be refused before it was received.", field="refused_on")
    model_update(
        complaint,
        ("status", "refused_on", "refusal_reason", "refusal_detail", "closed_on"),
        {
            "status": CaseStatus.REFUSED,
            "refused_on": refused_on,
            "refusal_reason": reason,
            "refusal_detail": detail,
            "closed_on": refused_on,
        },
    )
    _tell(
        complaint,
        "complaint_refused",
        {
            "reason": REFUSAL_REASONS[reason],
            "detail": detail,
            "date": day_in_words(refused_on),
            "ombudsman": ombudsman_contact(complaint.procedure),
        },
    )
    _audit(
        by, AuditAction.UPDATE, complaint, f"{complaint.reference} not accepted: {REFUSAL_REASONS[reason]}"
    )
    return complaint


@transaction.atomic
def complaint_withdraw(
    *, complaint: Complaint, withdrawn_on: dt.date, note: str, by: Any = None
) -> Complaint:
    """The resident withdrew it (their words, noted): the record stays and counts as received."""
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if not complaint.is_open:
        raise ComplaintError("Only an open complaint or request can be withdrawn.")
    if not note.strip():
        raise ComplaintError("Note how and why the resident withdrew it.", field="note")
    _not_future(withdrawn_on, "withdrawn_on", "The date it was withdrawn")
    model_update(
        complaint,
        ("status", "withdrawn_on", "withdrawn_note", "closed_on"),
        {
            "status": CaseStatus.WITHDRAWN,
            "withdrawn_on": withdrawn_on,
            "withdrawn_note": note.strip(),
            "closed_on": withdrawn_on,
        },
    )
    _audit(by, AuditAction.UPDATE, complaint, f"{complaint.reference} withdrawn")
    return complaint


@transaction.atomic
def request_close(*, request: Complaint, closed_on: dt.date, by: Any = None) -> Complaint:
    """A service request done."""
    if request.kind != CaseKind.SERVICE_REQUEST or not request.is_open:
        raise ComplaintError("Only an open service request can be closed this way.")
    _not_future(closed_on, "closed_on", "The date it was done")
    model_update(request, ("status", "closed_on"), {"status": CaseStatus.CLOSED, "closed_on": closed_on})
    _audit(by, AuditAction.UPDATE, request, f"Service request {request.reference} closed")
    return request


@transaction.atomic
def new_issue_raise(
    *, complaint: Complaint, detail: str, related: bool, received_on: dt.date, by: Any = None
) -> Complaint:
    """A new issue raised while stage 1 is open: joined to it when related (answered in the
    same response), otherwise logged as a new complaint of its own (the Code)."""
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    detail = detail.strip()
    if not detail:
        raise ComplaintError("Say what the new issue is.", field="detail")
    first = complaint.stages.order_by("number").first()
    if first is None or first.number != 1 or first.responded_on is not None or complaint.stages.count() > 1:
        raise ComplaintError(
            "A new issue can be joined only while stage 1 is open; log it as a new complaint."
        )
    if not related:
        return complaint_record(
            what_went_wrong=detail,
            received_on=received_on,
            received_by=complaint.received_by,
            resident=complaint.resident,
            home=complaint.home,
            made_by_name=complaint.made_by_name,
            made_by_relationship=complaint.made_by_relationship,
            raised_during=complaint,
            by=by,
        )
    joined = f"{complaint.what_went_wrong}\n\nAdded on {received_on:%d/%m/%Y}: {detail}"
    model_update(complaint, ("what_went_wrong",), {"what_went_wrong": joined})
    _audit(by, AuditAction.UPDATE, complaint, f"A related issue was joined to {complaint.reference}")
    return complaint


@transaction.atomic
def learning_record(
    *,
    complaint: Complaint,
    what_learnt: str,
    change_made: str,
    recorded_on: dt.date | None = None,
    public: bool = True,
    actions: Sequence[Mapping[str, Any]] = (),
    by: Any = None,
) -> Learning:
    """What a complaint taught the landlord and the change made; the change's steps go into
    the action tracker (from this complaint)."""
    what_learnt, change_made = what_learnt.strip(), change_made.strip()
    if not what_learnt:
        raise ComplaintError("Say what was learnt.", field="what_learnt")
    if not change_made:
        raise ComplaintError("Say what will change because of it.", field="change_made")
    learning = Learning.objects.create(
        complaint=complaint,
        what_learnt=what_learnt,
        change_made=change_made,
        public=public,
        recorded_on=recorded_on or timezone.localdate(),
        created_by=_user(by),
    )
    for n, item in enumerate(actions, start=1):
        if not str(item.get("title", "")).strip() or not item.get("due_on"):
            raise ComplaintError(f"Change {n}: say what will be done and by when.", field="actions")
        action_create(
            title=str(item["title"]),
            source=complaint,
            due_on=item["due_on"],
            owner_user=item.get("owner_user"),
            owner_name=str(item.get("owner_name", "")),
            public=public,
            by=by,
        )
    _audit(by, AuditAction.CREATE, complaint, f"Learning recorded from {complaint.reference}")
    return learning


@transaction.atomic
def category_save(
    *,
    name: str,
    description: str = "",
    active: bool = True,
    order: int = 0,
    category: Category | None = None,
    by: Any = None,
) -> Category:
    """Add or change one of the landlord's complaint categories."""
    name = name.strip()
    if not name:
        raise ComplaintError("Give the category a name.", field="name")
    clash = Category.objects.filter(name__iexact=name)
    if category is not None:
        clash = clash.exclude(pk=category.pk)
    if clash.exists():
        raise ComplaintError("There is already a category with that name.", field="name")
    data = {"name": name, "description": description.strip(), "active": active, "order": order}
    if category is None:
        category = Category.objects.create(**data)
        changes: dict[str, Any] = {}
        what = AuditAction.CREATE
    else:
        changes = model_update(category, tuple(data), data)
        what = AuditAction.UPDATE
    audit_record(
        actor=by,
        action=what,
        object_type="complaint_category",
        object_id=category.pk,
        summary=f"Complaint category '{name}'",
        changes=changes,
    )
    return category


@transaction.atomic
def ombudsman_case_record(
    *, complaint: Complaint, reference: str, referred_on: dt.date, summary: str = "", by: Any = None
) -> OmbudsmanCase:
    reference = reference.strip()
    if not reference:
        raise ComplaintError("Give the Ombudsman's case reference.", field="reference")
    _not_future(referred_on, "referred_on", "The date it was referred")
    if referred_on < complaint.received_on:
        raise ComplaintError(
            "It cannot have gone to the Ombudsman before the complaint was made.", field="referred_on"
        )
    case = OmbudsmanCase.objects.create(
        complaint=complaint,
        reference=reference,
        referred_on=referred_on,
        summary=summary.strip(),
        created_by=_user(by),
    )
    _audit(
        by, AuditAction.CREATE, complaint, f"{complaint.reference} referred to the Ombudsman ({reference})"
    )
    return case


@transaction.atomic
def ombudsman_determine(
    *,
    case: OmbudsmanCase,
    determined_on: dt.date,
    findings: Sequence[Mapping[str, str]],
    orders: Sequence[Mapping[str, Any]] = (),
    by: Any = None,
) -> OmbudsmanCase:
    """Record the Ombudsman's determination: a finding on each issue, and its orders with the
    dates to comply by and any compensation ordered."""
    if not findings:
        raise ComplaintError("Give the Ombudsman's finding on each issue.", field="findings")
    if determined_on < case.referred_on:
        raise ComplaintError("The determination cannot be before the referral.", field="determined_on")
    _not_future(determined_on, "determined_on", "The date of the determination")
    for n, f in enumerate(findings, start=1):
        if not str(f.get("issue", "")).strip() or f.get("determination") not in Determination.values:
            raise ComplaintError(
                f"Finding {n}: give the issue and the Ombudsman's finding.", field="findings"
            )
        Finding.objects.create(case=case, issue=str(f["issue"]).strip(), determination=f["determination"])
    for n, o in enumerate(orders, start=1):
        if not str(o.get("order", "")).strip() or not o.get("comply_by"):
            raise ComplaintError(
                f"Order {n}: give what was ordered and the date to comply by.", field="orders"
            )
        amount = o.get("compensation_ordered")
        Order.objects.create(
            case=case,
            order=str(o["order"]).strip(),
            comply_by=o["comply_by"],
            compensation_ordered=_decimal(amount, "orders") if amount not in (None, "") else None,
        )
    model_update(case, ("determined_on",), {"determined_on": determined_on})
    _audit(by, AuditAction.UPDATE, case.complaint, f"Ombudsman's determination on {case.reference} recorded")
    return case


@transaction.atomic
def ombudsman_order_comply(
    *, order: Order, complied_on: dt.date, compensation_paid: object = None, by: Any = None
) -> Order:
    _not_future(complied_on, "complied_on", "The date it was complied with")
    data: dict[str, Any] = {"complied_on": complied_on}
    if compensation_paid not in (None, ""):
        data["compensation_paid"] = _decimal(compensation_paid, "compensation_paid")
        data["paid_on"] = complied_on
    changes = model_update(order, tuple(data), data)
    _audit(
        by,
        AuditAction.UPDATE,
        order.case.complaint,
        f"Ombudsman's order on {order.case.reference} complied with",
        changes=changes,
    )
    return order
