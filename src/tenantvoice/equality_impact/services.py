"""Recording equality impact assessments (decision 0049). Every service is one transaction and
writes an audit row (decision 0021); a refusal is an :class:`AssessmentError` naming the field,
in words an officer can act on, and writes nothing.

The flow: made (a draft, its profile drawn at once) -> in progress (once a finding is recorded)
-> completed (every finding recorded with its evidence, every negative impact with at least one
mitigation in the tracker, a review date) -> reviewed on or after its review date (a new review
date, or back to in progress when the review finds it needs changing). "Due for review" is a
completed assessment whose review date has come (``Assessment.state``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from tenantvoice.actions.models import Action
from tenantvoice.actions.services import action_create
from tenantvoice.consultations.models import Consultation
from tenantvoice.core.audit import audit_record
from tenantvoice.core.errors import DomainError
from tenantvoice.core.models import AuditAction
from tenantvoice.core.updates import model_update
from tenantvoice.involvement.models import Group
from tenantvoice.plans.schedule import add_months
from tenantvoice.strategies.standards import standards_get

from .aspects import ASPECTS, OVERALL, aspect_label
from .models import Assessment, AssessmentStatus, Finding, Impact, Review, SubjectKind
from .profile import profile_snapshot

OBJECT_TYPE = "equality_impact_assessment"


class AssessmentError(DomainError):
    """An equality impact assessment, or a step of one, that cannot be recorded."""


def _audit(by: Any, action: AuditAction, assessment: Assessment, summary: str, **extra: Any) -> None:
    audit_record(
        actor=by, action=action, object_type=OBJECT_TYPE, object_id=assessment.pk, summary=summary, **extra
    )


def _user(by: Any) -> Any:
    return by if getattr(by, "is_authenticated", False) else None


def _staff(owner: Any) -> Any:
    from tenantvoice.core.roles import STAFF_ROLES

    if owner is None:
        raise AssessmentError("Choose who owns the assessment.", field="owner")
    if getattr(owner, "role", None) not in STAFF_ROLES or not owner.is_active:
        raise AssessmentError("The owner must be a member of staff with an active account.", field="owner")
    return owner


def _open(assessment: Assessment) -> None:
    if assessment.status == AssessmentStatus.COMPLETED:
        raise AssessmentError(
            "The assessment is completed, so it is kept as it was. "
            "Record a review that reopens it to change it."
        )


def _subject(
    subject_kind: str,
    policy_name: str,
    consultation: Consultation | None,
    group: Group | None,
    period_start: dt.date | None,
    period_end: dt.date | None,
) -> dict[str, Any]:
    """The subject's fields, only those of its kind; refused when the kind's one is missing."""
    values: dict[str, Any] = {
        "subject_kind": subject_kind,
        "policy_name": "",
        "consultation": None,
        "group": None,
        "period_start": None,
        "period_end": None,
    }
    if subject_kind not in SubjectKind.values:
        raise AssessmentError("Choose what the assessment is of.", field="subject_kind")
    if subject_kind == SubjectKind.POLICY:
        if not policy_name.strip():
            raise AssessmentError("Name the policy the assessment is of.", field="policy_name")
        values["policy_name"] = policy_name.strip()
    elif subject_kind == SubjectKind.CONSULTATION:
        if consultation is None:
            raise AssessmentError("Choose the consultation the assessment is of.", field="consultation")
        values["consultation"] = consultation
    elif subject_kind == SubjectKind.GROUP:
        if group is None:
            raise AssessmentError("Choose the group the assessment is of.", field="group")
        values["group"] = group
    elif subject_kind == SubjectKind.ACTIVITIES:
        if period_start is None:
            raise AssessmentError("Give the first day of the programme of activities.", field="period_start")
        if period_end is None:
            raise AssessmentError("Give the last day of the programme of activities.", field="period_end")
        if period_end < period_start:
            raise AssessmentError("The last day must be on or after the first day.", field="period_end")
        values["period_start"], values["period_end"] = period_start, period_end
    return values


def _draw(assessment: Assessment, today: dt.date) -> None:
    assessment.profile = profile_snapshot(assessment, today)
    assessment.profile_drawn_at = timezone.now()
    assessment.save(update_fields=["profile", "profile_drawn_at"])


@transaction.atomic
def assessment_create(
    *,
    title: str,
    subject_kind: str,
    owner: Any,
    policy_name: str = "",
    consultation: Consultation | None = None,
    group: Group | None = None,
    period_start: dt.date | None = None,
    period_end: dt.date | None = None,
    purpose: str = "",
    review_on: dt.date | None = None,
    scheduled_for: dt.date | None = None,
    by: Any = None,
) -> Assessment:
    """A draft assessment of one subject, with a finding to fill in for each characteristic and
    for the conclusion, and the affected population's profile drawn today."""
    title = title.strip()
    if not title:
        raise AssessmentError("Give the assessment a title.", field="title")
    subject = _subject(subject_kind, policy_name, consultation, group, period_start, period_end)
    today = timezone.localdate()
    if review_on is not None and review_on <= today:
        raise AssessmentError("The review date must be after today.", field="review_on")
    assessment = Assessment.objects.create(
        title=title[:200],
        owner=None if owner is None and scheduled_for is not None else _staff(owner),
        purpose=purpose.strip(),
        review_on=review_on,
        started_on=today,
        scheduled_for=scheduled_for,
        created_by=_user(by),
        **subject,
    )
    Finding.objects.bulk_create(
        Finding(assessment=assessment, aspect=a.key, order=n) for n, a in enumerate(ASPECTS, start=1)
    )
    _draw(assessment, today)
    _audit(by, AuditAction.CREATE, assessment, f"Equality impact assessment made: {assessment.subject_label}")
    return assessment


@transaction.atomic
def assessment_change(
    *,
    assessment: Assessment,
    title: str,
    owner: Any,
    purpose: str = "",
    review_on: dt.date | None = None,
    by: Any = None,
) -> Assessment:
    """Change the title, the owner, what it is for and the review date (the subject stays)."""
    title = title.strip()
    if not title:
        raise AssessmentError("Give the assessment a title.", field="title")
    if review_on is not None and review_on <= assessment.started_on:
        raise AssessmentError(
            "The review date must be after the day the assessment began.", field="review_on"
        )
    changes = model_update(
        assessment,
        ("title", "owner", "purpose", "review_on"),
        {"title": title[:200], "owner": _staff(owner), "purpose": purpose.strip(), "review_on": review_on},
    )
    _audit(
        by,
        AuditAction.UPDATE,
        assessment,
        f"Equality impact assessment changed: {assessment}",
        changes=changes,
    )
    return assessment


@transaction.atomic
def profile_draw(*, assessment: Assessment, by: Any = None) -> Assessment:
    """Draw the affected population's profile again, as of today, replacing the one kept."""
    _open(assessment)
    _draw(assessment, timezone.localdate())
    _audit(
        by,
        AuditAction.UPDATE,
        assessment,
        f"Profile of who is affected drawn again on {assessment.profile['drawn_on']}",
    )
    return assessment


@transaction.atomic
def finding_save(
    *, assessment: Assessment, aspect: str, impact: str, evidence: str, by: Any = None
) -> Finding:
    """Record the likely impact on one characteristic (or overall) and its evidence."""
    _open(assessment)
    finding = assessment.findings.filter(aspect=aspect).first()
    if finding is None:
        raise AssessmentError("There is no such characteristic in this assessment.", field="aspect")
    if impact not in Impact.values:
        raise AssessmentError(
            "Choose the likely impact: positive, neutral, negative or not known yet.", field="impact"
        )
    evidence = evidence.strip()
    if not evidence:
        raise AssessmentError(
            "Give the evidence for the impact (the figures, what residents said, research), or say "
            "what will be done to find out.",
            field="evidence",
        )
    changes = model_update(finding, ("impact", "evidence"), {"impact": impact, "evidence": evidence})
    if assessment.status == AssessmentStatus.DRAFT:
        assessment.status = AssessmentStatus.IN_PROGRESS
        assessment.save(update_fields=["status"])
        changes["status"] = [AssessmentStatus.DRAFT.value, AssessmentStatus.IN_PROGRESS.value]
    _audit(
        by,
        AuditAction.UPDATE,
        assessment,
        f"{aspect_label(aspect)}: {Impact(impact).label.lower()} impact",
        changes=changes,
    )
    return finding


@transaction.atomic
def mitigation_add(
    *,
    assessment: Assessment,
    aspect: str,
    title: str,
    due_on: dt.date | None,
    owner_user: Any = None,
    owner_name: str = "",
    by: Any = None,
) -> Action:
    """A mitigation, into the action tracker: for one characteristic, or the assessment as a
    whole (``aspect`` "overall")."""
    finding = assessment.findings.filter(aspect=aspect or OVERALL).first()
    if finding is None:
        raise AssessmentError(
            "Choose the characteristic it is for, or the assessment as a whole.", field="aspect"
        )
    if not title.strip():
        raise AssessmentError("Say what will be done.", field="title")
    if due_on is None:
        raise AssessmentError("Give the date it will be done by.", field="due_on")
    if owner_user is None and not owner_name.strip():
        raise AssessmentError(
            "Say who will do it: a member of staff, or a post in words.", field="owner_name"
        )
    action = action_create(
        title=title,
        source=finding,
        due_on=due_on,
        owner_user=owner_user,
        owner_name=owner_name,
        by=by,
    )
    _audit(
        by, AuditAction.UPDATE, assessment, f"Mitigation for {aspect_label(finding.aspect)}: {action.title}"
    )
    return action


def _unfinished(assessment: Assessment) -> list[str]:
    return [aspect_label(f.aspect) for f in assessment.findings.all() if not f.impact or not f.evidence]


def _negative_without_mitigation(assessment: Assessment) -> list[str]:
    negative = assessment.findings.filter(impact=Impact.NEGATIVE)
    return [aspect_label(f.aspect) for f in negative if not Action.objects.filter(impact_finding=f).exists()]


@transaction.atomic
def assessment_complete(
    *, assessment: Assessment, completed_on: dt.date, review_on: dt.date | None, by: Any = None
) -> Assessment:
    """Complete the assessment: every characteristic and the conclusion recorded with evidence,
    each negative impact with at least one mitigation, and the date it will be reviewed."""
    _open(assessment)
    today = timezone.localdate()
    if completed_on > today:
        raise AssessmentError("The day it was completed cannot be in the future.", field="completed_on")
    if completed_on < assessment.started_on:
        raise AssessmentError("It cannot be completed before the day it began.", field="completed_on")
    if review_on is None:
        raise AssessmentError("Give the date it will be reviewed by.", field="review_on")
    if review_on <= completed_on:
        raise AssessmentError("The review date must be after the day it was completed.", field="review_on")
    unfinished = _unfinished(assessment)
    if unfinished:
        raise AssessmentError(f"Record the likely impact and its evidence for: {', '.join(unfinished)}.")
    bare = _negative_without_mitigation(assessment)
    if bare:
        raise AssessmentError(
            f"Add at least one mitigation for each negative impact. None yet for: {', '.join(bare)}."
        )
    changes = model_update(
        assessment,
        ("status", "completed_on", "review_on"),
        {"status": AssessmentStatus.COMPLETED, "completed_on": completed_on, "review_on": review_on},
    )
    _audit(
        by,
        AuditAction.UPDATE,
        assessment,
        f"Equality impact assessment completed: {assessment}",
        changes=changes,
    )
    return assessment


@transaction.atomic
def assessment_review(
    *,
    assessment: Assessment,
    reviewed_on: dt.date,
    notes: str,
    next_review_on: dt.date | None = None,
    reopen: bool = False,
    by: Any = None,
) -> Review:
    """Record a review of a completed assessment: what it found and the next review date, or
    that the assessment needs changing (back to in progress, its profile drawn again)."""
    if assessment.status != AssessmentStatus.COMPLETED:
        raise AssessmentError("Only a completed assessment is reviewed: complete it first.")
    today = timezone.localdate()
    if reviewed_on > today:
        raise AssessmentError("The day of the review cannot be in the future.", field="reviewed_on")
    if assessment.completed_on is not None and reviewed_on < assessment.completed_on:
        raise AssessmentError(
            "The review cannot be before the day the assessment was completed.", field="reviewed_on"
        )
    notes = notes.strip()
    if not notes:
        raise AssessmentError("Say what the review found.", field="notes")
    if not reopen:
        if next_review_on is None:
            raise AssessmentError("Give the date of the next review.", field="next_review_on")
        if next_review_on <= reviewed_on:
            raise AssessmentError("The next review must be after this one.", field="next_review_on")
    review = Review.objects.create(
        assessment=assessment,
        reviewed_on=reviewed_on,
        notes=notes,
        next_review_on=next_review_on,
        reopened=reopen,
        reviewed_by=_user(by),
    )
    values: dict[str, Any] = {"last_reviewed_on": reviewed_on, "review_on": next_review_on}
    if reopen:
        values |= {"status": AssessmentStatus.IN_PROGRESS, "completed_on": None}
    changes = model_update(assessment, tuple(values), values)
    if reopen:
        _draw(assessment, today)
    _audit(
        by,
        AuditAction.UPDATE,
        assessment,
        "Reviewed: " + ("reopened to be changed" if reopen else f"next review by {next_review_on}"),
        changes=changes,
    )
    return review


# --- The assessment the strategy asks for every so many months ------------------------------


def _strategy_title(due: dt.date, months: int) -> str:
    every = "Annual" if months == 12 else f"Every {months} months:"
    return f"{every} equality impact assessment of the engagement strategy, {due:%B %Y}"


@transaction.atomic
def scheduled_assessments_make(*, today: dt.date | None = None, by: Any = None) -> int:
    """Make the draft assessment of the engagement strategy that its strategy asks for
    (``ServiceStandards.equality_impact_assessment_months``: Tower Hamlets Homes' "An annual
    Equalities Impact Assessment") when one falls due: the first on the day the job first runs,
    then each cycle after the last one scheduled. Running it again the same day (or before the
    next is due) makes nothing; it returns how many it made (0 or 1). Unowned until an officer
    takes it on (the register shows "No owner yet")."""
    months = standards_get().equality_impact_assessment_months
    if not months:
        return 0
    today = today or timezone.localdate()
    last = Assessment.objects.filter(scheduled_for__isnull=False).order_by("-scheduled_for").first()
    due = today if last is None or last.scheduled_for is None else add_months(last.scheduled_for, months)
    if due > today:
        return 0
    # A job that did not run for a while makes the one now due, not one for each missed cycle.
    while add_months(due, months) <= today:
        due = add_months(due, months)
    assessment = assessment_create(
        title=_strategy_title(due, months),
        subject_kind=SubjectKind.STRATEGY,
        owner=None,
        purpose="Made by the daily job because the strategy asks for this assessment on a cycle.",
        scheduled_for=due,
        by=by,
    )
    _audit(by, AuditAction.CREATE, assessment, f"Scheduled by the strategy: due {due}")
    return 1
