"""Every change to a scrutiny review (decision 0044): the review and its stage, the plan, the
panel's requests for evidence, the evidence log, findings, recommendations and the landlord's
response to each (an accepted one becomes an action in the tracker), the closing report and
its publication. Each writes an audit row."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from tenantvoice.actions.models import Action
from tenantvoice.actions.services import action_change, action_create
from tenantvoice.activities.models import Activity
from tenantvoice.complaints.models import Category
from tenantvoice.core.audit import audit_record
from tenantvoice.core.errors import DomainError
from tenantvoice.core.models import AuditAction
from tenantvoice.core.updates import model_update
from tenantvoice.core.uploads import document_problem
from tenantvoice.core.working_days import add_working_days, landlord_nation
from tenantvoice.involvement.models import Group, ServiceArea
from tenantvoice.residents.models import Resident
from tenantvoice.surveys.models import Survey

from .models import (
    REASONED_RESPONSES,
    STARTED_STAGES,
    Evidence,
    EvidenceKind,
    EvidenceRequest,
    Finding,
    Milestone,
    NamedResident,
    Recommendation,
    Response,
    Review,
    Stage,
)
from .selectors import evidence_standard, report_deadline


class ScrutinyError(DomainError):
    """A change to a review the rules do not allow, said so an officer can put it right."""


CHANGEABLE = (
    "title",
    "reason",
    "survey",
    "service_area",
    "complaint_category",
    "service_standard",
    "terms_of_reference",
    "panel",
    "officer",
)


def _user(by: Any) -> Any:
    return by if getattr(by, "is_authenticated", False) else None


def _audit(by: Any, action: AuditAction, review: Review, summary: str, **extra: Any) -> None:
    audit_record(
        actor=by, action=action, object_type="scrutiny_review", object_id=review.pk, summary=summary, **extra
    )


def _check_file(upload: UploadedFile | None, field: str) -> None:
    if upload is not None and (problem := document_problem(upload)):
        raise ScrutinyError(problem, field=field)


@transaction.atomic
def review_create(
    *,
    title: str,
    reason: str,
    panel: Group,
    officer: Any = None,
    survey: Survey | None = None,
    service_area: ServiceArea | None = None,
    complaint_category: Category | None = None,
    service_standard: str = "",
    terms_of_reference: str = "",
    by: Any = None,
) -> Review:
    """Propose a review: its topic, why the panel chose it and what it was chosen from."""
    if not title.strip():
        raise ScrutinyError("Give the review's topic.", field="title")
    if not reason.strip():
        raise ScrutinyError("Say why the panel chose this topic.", field="reason")
    review = Review.objects.create(
        title=title.strip()[:200],
        reason=reason.strip(),
        panel=panel,
        officer=_user(officer),
        survey=survey,
        service_area=service_area,
        complaint_category=complaint_category,
        service_standard=service_standard.strip(),
        terms_of_reference=terms_of_reference.strip(),
        created_by=_user(by),
    )
    _audit(by, AuditAction.CREATE, review, f"Scrutiny review proposed: {review.title[:120]}")
    return review


@transaction.atomic
def review_change(*, review: Review, by: Any = None, **data: Any) -> Review:
    """Change the topic, the reasons, what it was chosen from, the terms of reference, the
    panel or the officer lead."""
    for field, words in (
        ("title", "Give the review's topic."),
        ("reason", "Say why the panel chose this topic."),
    ):
        if field in data:
            data[field] = str(data[field]).strip()
            if not data[field]:
                raise ScrutinyError(words, field=field)
    changes = model_update(review, CHANGEABLE, data)
    if changes:
        _audit(
            by, AuditAction.UPDATE, review, f"Scrutiny review changed: {review.title[:120]}", changes=changes
        )
    return review


@transaction.atomic
def review_stage_set(*, review: Review, stage: str, on: dt.date | None = None, by: Any = None) -> Review:
    """Move the review to ``stage``. It starts when it leaves "proposed" (the date counts
    towards the year's target); it waits for a response only once it has recommendations."""
    on = on or timezone.localdate()
    if stage not in Stage.values:
        raise ScrutinyError("Choose a stage.", field="stage")
    if stage == review.stage:
        raise ScrutinyError(f"The review is already at '{review.get_stage_display()}'.", field="stage")
    if stage in (Stage.AWAITING_RESPONSE, Stage.IMPLEMENTING) and not review.recommendations.exists():
        raise ScrutinyError("Add the panel's recommendations first.", field="stage")
    if stage == Stage.PROPOSED and review.started_on is not None:
        raise ScrutinyError("A review that has started cannot go back to being proposed.", field="stage")
    data: dict[str, Any] = {"stage": stage}
    if stage in STARTED_STAGES and review.started_on is None:
        data["started_on"] = on
    data["closed_on"] = on if stage == Stage.CLOSED else None
    changes = model_update(review, ("stage", "started_on", "closed_on"), data)
    _audit(
        by, AuditAction.UPDATE, review, f"Scrutiny review now: {review.get_stage_display()}", changes=changes
    )
    return review


@transaction.atomic
def review_committee_set(*, review: Review, committee_on: dt.date, by: Any = None) -> Review:
    """Fix the report to a committee meeting: its report deadline comes from the governance
    timetable. Without a final report milestone yet, one is added on the deadline."""
    deadline = report_deadline(committee_on)
    changes = model_update(
        review,
        ("committee_on", "report_deadline"),
        {"committee_on": committee_on, "report_deadline": deadline.deadline},
    )
    if not review.milestones.filter(is_report=True).exists():
        Milestone.objects.create(
            review=review,
            title=f"Final report to the committee on {committee_on:%d/%m/%Y}",
            due_on=deadline.deadline,
            is_report=True,
        )
    _audit(
        by,
        AuditAction.UPDATE,
        review,
        f"Report fixed to the committee on {committee_on:%d/%m/%Y} (deadline {deadline.deadline:%d/%m/%Y})",
        changes=changes,
    )
    return review


@transaction.atomic
def milestone_add(
    *, review: Review, title: str, due_on: dt.date, is_report: bool = False, by: Any = None
) -> Milestone:
    """Add a step to the plan; ``is_report`` makes it the final report (one per review)."""
    if not title.strip():
        raise ScrutinyError("Say what the milestone is.", field="title")
    if is_report and review.milestones.filter(is_report=True).exists():
        raise ScrutinyError(
            "The plan already has its final report milestone: change its date instead.", field="is_report"
        )
    milestone = Milestone.objects.create(
        review=review, title=title.strip()[:200], due_on=due_on, is_report=is_report
    )
    _audit(by, AuditAction.CREATE, review, f"Milestone added: {milestone.title[:120]} by {due_on:%d/%m/%Y}")
    return milestone


@transaction.atomic
def milestone_change(
    *, milestone: Milestone, due_on: dt.date | None = None, done_on: dt.date | None = None, by: Any = None
) -> Milestone:
    """Move a milestone's date, or record it done on ``done_on``."""
    data: dict[str, Any] = {}
    if due_on is not None:
        data["due_on"] = due_on
    if done_on is not None:
        data["done_on"] = done_on
    if not data:
        raise ScrutinyError("Give a new date or the date it was done.", field="due_on")
    changes = model_update(milestone, ("due_on", "done_on"), data)
    _audit(
        by,
        AuditAction.UPDATE,
        milestone.review,
        f"Milestone changed: {milestone.title[:120]}",
        changes=changes,
    )
    return milestone


@transaction.atomic
def evidence_request_add(
    *,
    review: Review,
    question: str,
    officer: Any = None,
    officer_name: str = "",
    asked_on: dt.date | None = None,
    by: Any = None,
) -> EvidenceRequest:
    """Ask a named officer for evidence, due in the strategy's working days for requests for
    information (or the platform's default where the strategy sets none)."""
    if not question.strip():
        raise ScrutinyError("Say what the panel asked for.", field="question")
    officer = _user(officer)
    if officer is None and not officer_name.strip():
        raise ScrutinyError("Name the officer asked: choose an account or type a name.", field="officer_name")
    asked_on = asked_on or timezone.localdate()
    standard = evidence_standard()
    request = EvidenceRequest.objects.create(
        review=review,
        question=question.strip(),
        officer=officer,
        officer_name=officer_name.strip()[:160],
        asked_on=asked_on,
        working_days=standard.working_days,
        due_on=add_working_days(asked_on, standard.working_days, landlord_nation()),
    )
    _audit(
        by,
        AuditAction.CREATE,
        review,
        f"Evidence asked of {request.officer_display}, due {request.due_on:%d/%m/%Y}",
    )
    return request


@transaction.atomic
def evidence_request_answer(
    *,
    request: EvidenceRequest,
    answer: str,
    late_reason: str = "",
    on: dt.date | None = None,
    by: Any = None,
) -> EvidenceRequest:
    """Record the answer and its date; an answer after the due date is a breach of the
    standard and needs its reason."""
    on = on or timezone.localdate()
    if request.answered_on is not None:
        raise ScrutinyError("This request has already been answered.")
    if not answer.strip():
        raise ScrutinyError("Write down the answer given.", field="answer")
    if on < request.asked_on:
        raise ScrutinyError("The answer cannot come before the request.", field="on")
    late = on > request.due_on
    if late and not late_reason.strip():
        raise ScrutinyError(
            f"The answer is late (due {request.due_on:%d/%m/%Y}): record why, as a breach of the standard.",
            field="late_reason",
        )
    changes = model_update(
        request,
        ("answer", "answered_on", "late_reason"),
        {"answer": answer.strip(), "answered_on": on, "late_reason": late_reason.strip() if late else ""},
    )
    _audit(
        by,
        AuditAction.UPDATE,
        request.review,
        "Evidence request answered" + (" late (a breach)" if late else ""),
        changes=changes,
    )
    return request


@transaction.atomic
def evidence_add(
    *,
    review: Review,
    kind: str,
    title: str,
    describes_on: dt.date | None = None,
    summary: str = "",
    file: UploadedFile | None = None,
    by: Any = None,
) -> Evidence:
    """Log a piece of evidence; a data snapshot needs the date it describes."""
    if kind not in EvidenceKind.values:
        raise ScrutinyError("Choose what kind of evidence it is.", field="kind")
    if not title.strip():
        raise ScrutinyError("Give the evidence a title.", field="title")
    if kind == EvidenceKind.DATA and describes_on is None:
        raise ScrutinyError("Give the date the data describes: a snapshot is of a day.", field="describes_on")
    _check_file(file, "file")
    evidence = Evidence(
        review=review,
        kind=kind,
        title=title.strip()[:200],
        describes_on=describes_on,
        summary=summary.strip(),
        added_by=_user(by),
    )
    if file is not None:
        evidence.file = file
    evidence.save()
    _audit(by, AuditAction.CREATE, review, f"Evidence logged: {evidence.title[:120]}")
    return evidence


def _next_order(rows: Any) -> int:
    return int(rows.aggregate(top=Max("order"))["top"] or 0) + 1


@transaction.atomic
def finding_add(*, review: Review, text: str, by: Any = None) -> Finding:
    if not text.strip():
        raise ScrutinyError("Write the finding.", field="text")
    Review.objects.select_for_update().filter(pk=review.pk).first()
    finding = Finding.objects.create(review=review, order=_next_order(review.findings), text=text.strip())
    _audit(by, AuditAction.CREATE, review, f"Finding {finding.order} added")
    return finding


@transaction.atomic
def recommendation_add(
    *, review: Review, text: str, findings: Sequence[Finding] = (), by: Any = None
) -> Recommendation:
    """Add a recommendation, with the findings it comes from (the review's own)."""
    if not text.strip():
        raise ScrutinyError("Write the recommendation.", field="text")
    if any(f.review_id != review.pk for f in findings):
        raise ScrutinyError("A recommendation comes from its own review's findings.", field="findings")
    Review.objects.select_for_update().filter(pk=review.pk).first()
    recommendation = Recommendation.objects.create(
        review=review, order=_next_order(review.recommendations), text=text.strip()
    )
    recommendation.findings.set(findings)
    _audit(by, AuditAction.CREATE, review, f"Recommendation {recommendation.order} added")
    return recommendation


@transaction.atomic
def recommendation_respond(
    *,
    recommendation: Recommendation,
    response: str,
    meeting: Activity,
    on: dt.date | None = None,
    reasons: str = "",
    owner_user: Any = None,
    owner_name: str = "",
    due_on: dt.date | None = None,
    retest_on: dt.date | None = None,
    action_title: str = "",
    by: Any = None,
) -> Recommendation:
    """Record the landlord's formal response, made at the Board or committee ``meeting`` on
    ``on`` (the meeting's day). Partly or not accepted needs the reasons. An accepted or partly
    accepted recommendation becomes an action in the tracker with its owner, due date and
    re-test date. A final response cannot be changed; "still under consideration" can."""
    Recommendation.objects.select_for_update().filter(pk=recommendation.pk).first()
    recommendation.refresh_from_db()
    if response not in Response.values:
        raise ScrutinyError("Choose the response.", field="response")
    if recommendation.response and recommendation.response != Response.CONSIDERING:
        raise ScrutinyError(
            f"The response was recorded already ({recommendation.get_response_display().lower()})."
        )
    reasons = reasons.strip()
    if response in REASONED_RESPONSES and not reasons:
        raise ScrutinyError(
            "Give the reasons: a recommendation not wholly accepted needs them.", field="reasons"
        )
    on = on or timezone.localtime(meeting.starts_at).date()
    accepted = response in (Response.ACCEPTED, Response.PARTLY)
    owner_user = _user(owner_user)
    if accepted:
        if owner_user is None and not owner_name.strip():
            raise ScrutinyError("Say who will put it in place: an officer or a post.", field="owner_name")
        if due_on is None:
            raise ScrutinyError("Give the date it will be done by.", field="due_on")
        if retest_on is not None and retest_on < due_on:
            raise ScrutinyError("The re-test comes after the date it is done by.", field="retest_on")
    changes = model_update(
        recommendation,
        ("response", "reasons", "responded_at", "responded_on"),
        {"response": response, "reasons": reasons, "responded_at": meeting, "responded_on": on},
    )
    if accepted:
        review = recommendation.review
        action_create(
            title=(action_title.strip() or recommendation.text)[:300],
            detail=reasons,
            source=recommendation,
            owner_user=owner_user,
            owner_name=owner_name,
            due_on=due_on,
            retest_on=retest_on,
            public=review.published_on is not None,
            by=by,
        )
    _audit(
        by,
        AuditAction.UPDATE,
        recommendation.review,
        f"Recommendation {recommendation.order}: "
        f"{recommendation.get_response_display().lower()} at {meeting}",
        changes=changes,
    )
    return recommendation


@transaction.atomic
def review_report_save(
    *, review: Review, report: str = "", report_file: UploadedFile | None = None, by: Any = None
) -> Review:
    """Keep the panel's closing report: its text, a file, or both."""
    report = report.strip()
    if not report and report_file is None and not review.report_file:
        raise ScrutinyError("Write the report or upload it.", field="report")
    _check_file(report_file, "report_file")
    data: dict[str, Any] = {"report": report}
    if report_file is not None:
        data["report_file"] = report_file
    changes = model_update(review, ("report", "report_file"), data)
    _audit(by, AuditAction.UPDATE, review, "Closing report saved", changes=changes)
    return review


@transaction.atomic
def review_publish(
    *, review: Review, also_told: Sequence[Resident] = (), on: dt.date | None = None, by: Any = None
) -> Review:
    """Publish the review to residents: its report, the landlord's response to each
    recommendation and the progress of the actions from them. ``also_told`` are residents the
    officer names to be told of the outcome besides the panel."""
    Review.objects.select_for_update().filter(pk=review.pk).first()
    review.refresh_from_db()
    if not review.report and not review.report_file:
        raise ScrutinyError("Add the panel's closing report first: it is what residents read.")
    if not review.recommendations.exists():
        raise ScrutinyError("Add the panel's recommendations first.")
    on = on or timezone.localdate()
    changes = model_update(review, ("published_on",), {"published_on": review.published_on or on})
    for resident in also_told:
        NamedResident.objects.get_or_create(review=review, resident=resident, defaults={"named_on": on})
    # What came from it is public with it.
    for action in Action.objects.filter(recommendation__review=review, public=False):
        action_change(action=action, public=True, by=by)
    _audit(by, AuditAction.UPDATE, review, "Scrutiny review published", changes=changes)
    return review
