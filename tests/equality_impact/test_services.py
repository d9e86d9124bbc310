"""Equality impact assessments through their services (issue 18 item 4; decision 0049)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tenantvoice.accounts.models import User
from tenantvoice.actions.models import Action
from tenantvoice.actions.sources import source_kind, source_label
from tenantvoice.core.models import AuditEvent
from tenantvoice.equality_impact.aspects import ASPECT_KEYS
from tenantvoice.equality_impact.models import DUE_FOR_REVIEW, AssessmentStatus, Finding
from tenantvoice.equality_impact.services import (
    AssessmentError,
    assessment_change,
    assessment_complete,
    assessment_create,
    assessment_review,
    finding_save,
    mitigation_add,
    profile_draw,
)
from tests.factories import (
    ActivityFactory,
    ConsultationFactory,
    ParticipantFactory,
    RepresentationFactory,
    make_resident,
)

from .helpers import group_assessment, panel_with_members, record_every_finding

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _entry(profile: dict, slug: str) -> dict:
    return next(e for e in profile["characteristics"] if e["slug"] == slug)


def test_an_assessment_begins_with_a_finding_per_characteristic_and_its_figures(officer: User) -> None:
    group = panel_with_members(seats=6, residents=20)
    assessment = group_assessment(officer, group)
    assert assessment.status == AssessmentStatus.DRAFT
    assert [f.aspect for f in assessment.findings.order_by("order")] == list(ASPECT_KEYS)
    profile = assessment.profile
    assert profile["population"] == "Residents holding a seat on Residents Panel"
    assert profile["drawn_on"] == TODAY.isoformat()
    support = _entry(profile, "support_needs")
    assert (support["residents"], support["involved"]) == (20, 6)
    none_recorded = next(line for line in support["lines"] if line["label"] == "None recorded")
    assert none_recorded["rate"] == 30.0
    assert AuditEvent.objects.filter(object_type="equality_impact_assessment", action="create").count() == 1


def test_small_numbers_are_kept_hidden_in_the_snapshot(officer: User) -> None:
    """Two seat holders among four residents: every count is below the threshold of 5."""
    assessment = group_assessment(officer, panel_with_members(seats=2, residents=4))
    support = _entry(assessment.profile, "support_needs")
    assert support["involved"] == "hidden"
    assert all(line["involved"] in ("hidden", 0) for line in support["lines"])
    assert "2" not in str([line["involved"] for line in support["lines"]])


def test_the_snapshot_does_not_change_until_drawn_again(officer: User) -> None:
    group = panel_with_members(seats=5, residents=10)
    assessment = group_assessment(officer, group)
    before = assessment.profile
    for _ in range(5):
        make_resident()
    assessment.refresh_from_db()
    assert assessment.profile == before
    profile_draw(assessment=assessment, by=officer)
    assert _entry(assessment.profile, "support_needs")["residents"] == 15


def test_a_consultation_compares_its_repliers(officer: User) -> None:
    consultation = ConsultationFactory(title="Rent policy", closes_on=TODAY + dt.timedelta(days=10))
    for _ in range(5):
        RepresentationFactory(consultation=consultation, resident=make_resident())
    for _ in range(5):
        make_resident()
    assessment = assessment_create(
        title="Rent EIA", subject_kind="consultation", consultation=consultation, owner=officer, by=officer
    )
    assert assessment.subject_label == "A consultation: Rent policy"
    assert "replied to the consultation" in assessment.profile["population"]
    assert _entry(assessment.profile, "support_needs")["involved"] == 5


def test_a_programme_of_activities_compares_those_present_over_its_period(officer: User) -> None:
    activity = ActivityFactory()
    for _ in range(5):
        ParticipantFactory(activity=activity, resident=make_resident(), attendance="present")
    for _ in range(5):
        make_resident()
    assessment = assessment_create(
        title="Summer events",
        subject_kind="activities",
        period_start=TODAY - dt.timedelta(days=30),
        period_end=TODAY,
        owner=officer,
    )
    assert _entry(assessment.profile, "support_needs")["involved"] == 5


def test_the_strategy_and_a_policy_compare_all_involved_residents(officer: User) -> None:
    panel_with_members(seats=5, residents=10)
    for kind, extra in (("strategy", {}), ("policy", {"policy_name": "Rent setting policy"})):
        assessment = assessment_create(title="EIA", subject_kind=kind, owner=officer, **extra)
        assert assessment.profile["population"] == "All involved residents"
        assert _entry(assessment.profile, "support_needs")["involved"] == 5


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"subject_kind": "policy"}, "policy_name"),
        ({"subject_kind": "consultation"}, "consultation"),
        ({"subject_kind": "group"}, "group"),
        ({"subject_kind": "activities", "period_start": TODAY}, "period_end"),
        (
            {"subject_kind": "activities", "period_start": TODAY, "period_end": TODAY - dt.timedelta(days=1)},
            "period_end",
        ),
        ({"subject_kind": "strategy", "title": "  "}, "title"),
        ({"subject_kind": "strategy", "review_on": TODAY}, "review_on"),
    ],
)
def test_an_assessment_without_its_subject_is_refused_and_nothing_is_written(
    officer: User, values: dict, field: str
) -> None:
    with pytest.raises(AssessmentError) as refused:
        assessment_create(**{"title": "EIA", "owner": officer, **values})
    assert refused.value.field == field
    assert not Finding.objects.exists()


def test_the_owner_must_be_staff(officer: User, tenant_user: User) -> None:
    with pytest.raises(AssessmentError, match="member of staff"):
        assessment_create(title="EIA", subject_kind="strategy", owner=tenant_user)
    with pytest.raises(AssessmentError, match="who owns"):
        assessment_create(title="EIA", subject_kind="strategy", owner=None)


def test_recording_a_finding_puts_it_in_progress(officer: User) -> None:
    assessment = group_assessment(officer)
    finding_save(assessment=assessment, aspect="age", impact="negative", evidence="Few under 35s", by=officer)
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.IN_PROGRESS
    finding = assessment.findings.get(aspect="age")
    assert (finding.impact, finding.evidence) == ("negative", "Few under 35s")
    with pytest.raises(AssessmentError) as refused:
        finding_save(assessment=assessment, aspect="age", impact="negative", evidence=" ", by=officer)
    assert refused.value.field == "evidence"
    with pytest.raises(AssessmentError):
        finding_save(assessment=assessment, aspect="shoe_size", impact="neutral", evidence="x", by=officer)


def test_a_mitigation_is_an_action_in_the_tracker_from_the_assessment(officer: User) -> None:
    assessment = group_assessment(officer)
    action = mitigation_add(
        assessment=assessment,
        aspect="age",
        title="Hold an evening meeting for younger residents",
        due_on=TODAY + dt.timedelta(days=60),
        owner_user=officer,
        by=officer,
    )
    assert action.impact_finding == assessment.findings.get(aspect="age")
    assert source_label(action) == "Equality impact assessment"
    kind = source_kind("impact_finding")
    assert kind.title(action.impact_finding) == "Equality impact assessment: Residents Panel EIA, Age"
    assert kind.url(action.impact_finding).endswith(f"/equality-impact/{assessment.pk}/#age")
    assert kind.public_title(action.impact_finding) == "An equality impact assessment"
    overall = mitigation_add(
        assessment=assessment,
        aspect="",
        title="Train the panel",
        due_on=TODAY,
        owner_name="Head of Engagement",
    )
    assert overall.impact_finding.aspect == "overall"
    with pytest.raises(AssessmentError) as refused:
        mitigation_add(assessment=assessment, aspect="age", title="Something", due_on=TODAY)
    assert refused.value.field == "owner_name"


def test_completing_needs_every_finding_a_mitigation_per_negative_and_a_review_date(officer: User) -> None:
    assessment = group_assessment(officer)
    later = TODAY + dt.timedelta(days=365)
    with pytest.raises(AssessmentError, match="Age, Disability"):
        assessment_complete(assessment=assessment, completed_on=TODAY, review_on=later)
    record_every_finding(assessment)
    finding_save(assessment=assessment, aspect="language", impact="negative", evidence="No translations")
    with pytest.raises(AssessmentError, match="None yet for: Language"):
        assessment_complete(assessment=assessment, completed_on=TODAY, review_on=later)
    with pytest.raises(AssessmentError) as refused:
        assessment_complete(assessment=assessment, completed_on=TODAY, review_on=TODAY)
    assert refused.value.field == "review_on"
    mitigation_add(
        assessment=assessment, aspect="language", title="Translate", due_on=later, owner_name="Comms"
    )
    assessment_complete(assessment=assessment, completed_on=TODAY, review_on=later, by=officer)
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.COMPLETED
    assert assessment.state(TODAY) == AssessmentStatus.COMPLETED
    assert assessment.state(later) == DUE_FOR_REVIEW
    with pytest.raises(AssessmentError, match="completed"):
        finding_save(assessment=assessment, aspect="age", impact="positive", evidence="x")
    with pytest.raises(AssessmentError, match="completed"):
        profile_draw(assessment=assessment)


def _completed(officer: User) -> object:
    assessment = group_assessment(officer)
    record_every_finding(assessment)
    assessment_complete(assessment=assessment, completed_on=TODAY, review_on=TODAY + dt.timedelta(days=1))
    return assessment


def test_a_review_sets_the_next_date_or_reopens(officer: User) -> None:
    assessment = _completed(officer)
    with pytest.raises(AssessmentError) as refused:
        assessment_review(assessment=assessment, reviewed_on=TODAY, notes="Still right")
    assert refused.value.field == "next_review_on"
    next_year = TODAY + dt.timedelta(days=365)
    assessment_review(assessment=assessment, reviewed_on=TODAY, notes="Still right", next_review_on=next_year)
    assessment.refresh_from_db()
    assert (assessment.status, assessment.review_on, assessment.last_reviewed_on) == (
        "completed",
        next_year,
        TODAY,
    )
    assessment_review(
        assessment=assessment, reviewed_on=TODAY, notes="The panel changed", reopen=True, by=officer
    )
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.IN_PROGRESS
    assert assessment.reviews.count() == 2
    with pytest.raises(AssessmentError, match="Only a completed"):
        assessment_review(assessment=assessment, reviewed_on=TODAY, notes="x", next_review_on=next_year)


def test_changing_an_assessment_is_audited_with_what_changed(officer: User, manager: User) -> None:
    assessment = group_assessment(officer)
    assessment_change(assessment=assessment, title="Panel EIA 2026", owner=manager, by=officer)
    event = AuditEvent.objects.filter(object_type="equality_impact_assessment", action="update").latest("id")
    assert event.changes["title"] == ["Residents Panel EIA", "Panel EIA 2026"]
    assert "owner" in event.changes


def test_deleting_an_assessment_takes_its_mitigations_with_it(officer: User) -> None:
    assessment = group_assessment(officer)
    mitigation_add(assessment=assessment, aspect="age", title="x", due_on=TODAY, owner_name="Officer")
    assessment.delete()
    assert not Action.objects.exists()
