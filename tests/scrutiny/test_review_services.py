"""Running a scrutiny review through its services: stages, the plan fixed to the governance
timetable, requests for evidence in working days with late answers as breaches, the evidence
log, findings, recommendations and the landlord's response (accepted ones become actions)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tenantvoice.actions.models import Action
from tenantvoice.actions.services import action_progress
from tenantvoice.actions.sources import source_label
from tenantvoice.comms.models import Message
from tenantvoice.scrutiny.models import Stage
from tenantvoice.scrutiny.selectors import evidence_standard, plan_problems
from tenantvoice.scrutiny.services import (
    ScrutinyError,
    evidence_add,
    evidence_request_add,
    evidence_request_answer,
    finding_add,
    milestone_add,
    recommendation_add,
    recommendation_respond,
    review_committee_set,
    review_publish,
    review_report_save,
    review_stage_set,
)
from tenantvoice.strategies.loader import strategy_load
from tests.factories import ResidentFactory, staff_user

from .helpers import board_meeting, panel_with, review_with

pytestmark = pytest.mark.django_db


def test_a_review_starts_when_it_leaves_proposed_and_keeps_that_date() -> None:
    review, _ = review_with(0)
    assert review.stage == Stage.PROPOSED and review.started_on is None
    review_stage_set(review=review, stage=Stage.SCOPING, on=dt.date(2026, 2, 3))
    review_stage_set(review=review, stage=Stage.EVIDENCE, on=dt.date(2026, 3, 3))
    assert review.started_on == dt.date(2026, 2, 3)


def test_it_refuses_to_await_a_response_without_recommendations() -> None:
    review, _ = review_with(0)
    with pytest.raises(ScrutinyError, match="recommendations first"):
        review_stage_set(review=review, stage=Stage.AWAITING_RESPONSE)


def test_it_refuses_to_send_a_started_review_back_to_proposed() -> None:
    review, _ = review_with(0)
    review_stage_set(review=review, stage=Stage.SCOPING)
    with pytest.raises(ScrutinyError, match="cannot go back"):
        review_stage_set(review=review, stage=Stage.PROPOSED)


def test_the_report_deadline_comes_from_the_governance_timetable() -> None:
    """Winchester appendix 3, the 2017 row: committee Wednesday 4 October, report deadline
    Monday 25 September."""
    strategy_load("winchester")
    review, _ = review_with(0)
    review_committee_set(review=review, committee_on=dt.date(2017, 10, 4))
    assert review.report_deadline == dt.date(2017, 9, 25)
    report = review.milestones.get(is_report=True)
    assert report.due_on == dt.date(2017, 9, 25)
    assert plan_problems(review) == []


def test_a_plan_whose_report_falls_after_the_deadline_is_flagged() -> None:
    strategy_load("winchester")
    review, _ = review_with(0)
    milestone_add(review=review, title="Final report", due_on=dt.date(2017, 9, 29), is_report=True)
    review_committee_set(review=review, committee_on=dt.date(2017, 10, 4))
    [problem] = plan_problems(review)
    assert "29/09/2017" in problem and "25/09/2017" in problem


def test_without_timetable_rules_the_deadline_is_the_committee_date() -> None:
    review, _ = review_with(0)
    review_committee_set(review=review, committee_on=dt.date(2027, 3, 10))
    assert review.report_deadline == dt.date(2027, 3, 10)


def test_it_refuses_a_second_final_report_milestone() -> None:
    review, _ = review_with(0)
    milestone_add(review=review, title="Report", due_on=dt.date(2027, 1, 5), is_report=True)
    with pytest.raises(ScrutinyError, match="already has"):
        milestone_add(review=review, title="Report again", due_on=dt.date(2027, 1, 6), is_report=True)


def test_evidence_is_due_in_the_strategys_working_days() -> None:
    strategy_load("tower-hamlets-homes")  # information requests answered within 10 working days
    standard = evidence_standard()
    assert standard.from_strategy and standard.working_days == 10
    review, _ = review_with(0)
    # Friday 18 December 2026: Christmas and Boxing Day (moved to Monday 28th) are not counted.
    asked = evidence_request_add(
        review=review, question="Void times", officer_name="Head of Repairs", asked_on=dt.date(2026, 12, 18)
    )
    assert asked.due_on == dt.date(2027, 1, 6)


def test_without_a_strategy_standard_the_platform_default_is_used_and_said(settings: object) -> None:
    settings.TENANTVOICE_SCRUTINY_EVIDENCE_DAYS = 5  # type: ignore[attr-defined]
    standard = evidence_standard()
    assert not standard.from_strategy and standard.working_days == 5
    assert "default" in standard.words
    review, _ = review_with(0)
    asked = evidence_request_add(
        review=review, question="Void times", officer_name="Head of Repairs", asked_on=dt.date(2026, 6, 1)
    )
    assert asked.due_on == dt.date(2026, 6, 8) and asked.working_days == 5


def test_it_refuses_a_request_to_nobody() -> None:
    review, _ = review_with(0)
    with pytest.raises(ScrutinyError, match="Name the officer"):
        evidence_request_add(review=review, question="Void times")


def test_a_request_can_go_to_an_officers_account() -> None:
    review, _ = review_with(0)
    officer = staff_user("officer", "rita.repairs@example.org")
    asked = evidence_request_add(review=review, question="Void times", officer=officer)
    assert asked.officer == officer and asked.officer_display == str(officer)


def test_a_late_answer_needs_its_reason_and_is_a_breach() -> None:
    review, _ = review_with(0)
    asked = evidence_request_add(
        review=review, question="Void times", officer_name="Head of Repairs", asked_on=dt.date(2026, 6, 1)
    )
    late_day = asked.due_on + dt.timedelta(days=1)
    with pytest.raises(ScrutinyError, match="late") as refused:
        evidence_request_answer(request=asked, answer="Here they are", on=late_day)
    assert refused.value.field == "late_reason"
    evidence_request_answer(
        request=asked, answer="Here they are", on=late_day, late_reason="Officer on leave"
    )
    assert asked.answered_late and asked.late_reason == "Officer on leave"


def test_an_answer_on_time_keeps_no_reason() -> None:
    review, _ = review_with(0)
    asked = evidence_request_add(
        review=review, question="Void times", officer_name="Head of Repairs", asked_on=dt.date(2026, 6, 1)
    )
    evidence_request_answer(request=asked, answer="Here", on=asked.due_on, late_reason="not needed")
    assert not asked.answered_late and asked.late_reason == ""


def test_a_data_snapshot_needs_the_date_it_describes() -> None:
    review, _ = review_with(0)
    with pytest.raises(ScrutinyError, match="date the data describes"):
        evidence_add(review=review, kind="data", title="Void times")
    snapshot = evidence_add(review=review, kind="data", title="Void times", describes_on=dt.date(2026, 9, 30))
    assert snapshot.describes_on == dt.date(2026, 9, 30)


def test_evidence_files_are_checked_like_other_documents(settings: object, tmp_path: object) -> None:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    review, _ = review_with(0)
    with pytest.raises(ScrutinyError, match="Upload a PDF"):
        evidence_add(
            review=review, kind="document", title="Script", file=SimpleUploadedFile("run.exe", b"MZ")
        )
    kept = evidence_add(
        review=review, kind="document", title="Policy", file=SimpleUploadedFile("policy.txt", b"Voids policy")
    )
    assert kept.file.read() == b"Voids policy"


def test_findings_and_recommendations_are_numbered_in_order() -> None:
    review, _ = review_with(0)
    first = finding_add(review=review, text="Voids take 40 days")
    second = finding_add(review=review, text="Tenants are not told")
    rec = recommendation_add(review=review, text="Tell tenants", findings=[second])
    assert (first.order, second.order, rec.order) == (1, 2, 1)
    assert list(rec.findings.all()) == [second]


def test_it_refuses_a_finding_from_another_review() -> None:
    review, _ = review_with(0)
    other, _ = review_with(0)
    finding = finding_add(review=other, text="Elsewhere")
    with pytest.raises(ScrutinyError, match="own review"):
        recommendation_add(review=review, text="Tell tenants", findings=[finding])


def test_an_accepted_recommendation_becomes_an_action_in_the_tracker() -> None:
    member = ResidentFactory()
    panel = panel_with(member)
    review, [rec] = review_with(1, panel=panel)
    recommendation_respond(
        recommendation=rec,
        response="accepted",
        meeting=board_meeting(),
        owner_name="Head of Repairs",
        due_on=dt.date(2027, 3, 31),
        retest_on=dt.date(2027, 9, 30),
    )
    action = Action.objects.get(recommendation=rec)
    assert action.due_on == dt.date(2027, 3, 31) and action.retest_on == dt.date(2027, 9, 30)
    assert action.owner_name == "Head of Repairs" and action.asked_by == panel
    assert source_label(action) == "Scrutiny recommendation"
    assert rec.responded_on == dt.date(2026, 11, 18)


def test_the_panel_is_told_when_the_action_moves_on() -> None:
    member = ResidentFactory(email="pat@example.org")
    review, [rec] = review_with(1, panel=panel_with(member))
    recommendation_respond(
        recommendation=rec,
        response="accepted",
        meeting=board_meeting(),
        owner_name="Head",
        due_on=dt.date(2027, 3, 31),
    )
    action_progress(action=Action.objects.get(recommendation=rec), status="in_progress", progress=20)
    assert Message.objects.filter(recipient=member).exists()


@pytest.mark.parametrize("response", ["partly", "not_accepted"])
def test_it_refuses_a_response_short_of_acceptance_without_reasons(response: str) -> None:
    _, [rec] = review_with(1)
    with pytest.raises(ScrutinyError, match="reasons") as refused:
        recommendation_respond(
            recommendation=rec,
            response=response,
            meeting=board_meeting(),
            owner_name="H",
            due_on=dt.date(2027, 1, 1),
        )
    assert refused.value.field == "reasons"


def test_it_refuses_an_acceptance_without_an_owner_or_a_date() -> None:
    _, [rec] = review_with(1)
    with pytest.raises(ScrutinyError, match="Say who"):
        recommendation_respond(
            recommendation=rec, response="accepted", meeting=board_meeting(), due_on=dt.date(2027, 1, 1)
        )
    with pytest.raises(ScrutinyError, match="done by"):
        recommendation_respond(
            recommendation=rec, response="accepted", meeting=board_meeting(), owner_name="H"
        )
    assert not Action.objects.exists()


def test_not_accepted_makes_no_action() -> None:
    _, [rec] = review_with(1)
    recommendation_respond(
        recommendation=rec, response="not_accepted", meeting=board_meeting(), reasons="Too costly"
    )
    assert not Action.objects.exists() and rec.response == "not_accepted"


def test_under_consideration_can_be_answered_later_but_a_final_response_cannot_change() -> None:
    _, [rec] = review_with(1)
    recommendation_respond(recommendation=rec, response="considering", meeting=board_meeting())
    recommendation_respond(
        recommendation=rec,
        response="accepted",
        meeting=board_meeting(dt.date(2027, 1, 20)),
        owner_name="H",
        due_on=dt.date(2027, 6, 1),
    )
    rec.refresh_from_db()
    assert rec.response == "accepted" and rec.responded_on == dt.date(2027, 1, 20)
    with pytest.raises(ScrutinyError, match="recorded already"):
        recommendation_respond(
            recommendation=rec, response="not_accepted", meeting=board_meeting(), reasons="No"
        )


def test_publishing_needs_the_report_and_makes_the_actions_public() -> None:
    review, [rec] = review_with(1)
    recommendation_respond(
        recommendation=rec,
        response="accepted",
        meeting=board_meeting(),
        owner_name="H",
        due_on=dt.date(2027, 6, 1),
    )
    with pytest.raises(ScrutinyError, match="closing report"):
        review_publish(review=review)
    review_report_save(review=review, report="We found voids slow.")
    review_publish(review=review, on=dt.date(2026, 12, 1))
    review.refresh_from_db()
    assert review.published_on == dt.date(2026, 12, 1)
    assert Action.objects.get(recommendation=rec).public
