"""The Ombudsman's clock in working days, from the procedure data (issue 17, "The clock"), with
the issue's worked examples: a complaint received on Thursday 17 April 2025 in England is
acknowledged by Monday 28 April 2025; in Scotland its frontline response is due by Friday 25
April 2025."""

from __future__ import annotations

import datetime as dt
import tomllib

import pytest

from tenantvoice.actions.models import Action
from tenantvoice.comms.models import Message
from tenantvoice.complaints.models import CaseKind, CaseStatus, Complaint, Learning, ReceivedBy
from tenantvoice.complaints.procedures import DATA, procedures
from tenantvoice.complaints.selectors import outside_time_limit
from tenantvoice.complaints.services import (
    ComplaintError,
    complaint_record,
    complaint_refuse,
    new_issue_raise,
    request_to_complaint,
    stage_acknowledge,
    stage_assign,
    stage_escalate,
    stage_extend,
    stage_respond,
)
from tenantvoice.core.models import AuditEvent, Landlord, Nation
from tenantvoice.core.selectors import landlord_get
from tests.factories import UserFactory, make_resident

pytestmark = pytest.mark.django_db

THU_17_APRIL_2025 = dt.date(2025, 4, 17)


def in_nation(nation: str) -> None:
    landlord_get()
    Landlord.objects.update(nation=nation)


def record(received_on: dt.date = THU_17_APRIL_2025, **kwargs: object) -> Complaint:
    kwargs.setdefault("resident", make_resident())
    kwargs.setdefault("received_by", ReceivedBy.PHONE)
    return complaint_record(
        what_went_wrong="The repair to my boiler was booked three times and nobody came.",
        outcome_wanted="A working boiler and an apology.",
        received_on=received_on,
        **kwargs,  # type: ignore[arg-type]
    )


def upheld_point() -> dict[str, str]:
    return {
        "summary": "Missed repair appointments",
        "decision": "upheld",
        "reasons": "Our records show 3 misses.",
    }


def answer_stage_1(complaint: Complaint, handler: object) -> None:
    stage = complaint.stages.get(number=1)
    stage_assign(stage=stage, handler=handler)
    stage_acknowledge(stage=stage, acknowledged_on=dt.date(2025, 4, 22), defined_as="Missed appointments")
    stage_respond(
        stage=stage,
        responded_on=dt.date(2025, 4, 30),
        response="We are sorry.",
        points=[upheld_point()],
        learning={
            "what_learnt": "Bookings were not sent to the contractor",
            "change_made": "Daily booking check",
        },
    )


class TestWorkedExamples:
    def test_england_acknowledgement_is_due_on_monday_28_april_2025(self) -> None:
        in_nation(Nation.ENGLAND_AND_WALES)
        stage = record().stages.get()
        # Good Friday (18 April) and Easter Monday (21 April) are bank holidays in England.
        assert stage.acknowledge_due == dt.date(2025, 4, 28)
        assert (stage.procedure, stage.key, stage.procedure_version) == (
            "ombudsman_2024",
            "stage_1",
            procedures()["ombudsman_2024"].version,
        )

    def test_scotland_frontline_response_is_due_on_friday_25_april_2025(self) -> None:
        in_nation(Nation.SCOTLAND)
        stage = record().stages.get()
        # Good Friday is a Scottish bank holiday; Easter Monday is not.
        assert stage.respond_by == dt.date(2025, 4, 25)
        assert stage.key == "frontline" and stage.acknowledge_due is None

    def test_the_response_is_counted_from_the_acknowledgement(self) -> None:
        in_nation(Nation.ENGLAND_AND_WALES)
        stage = record().stages.get()
        stage_acknowledge(stage=stage, acknowledged_on=dt.date(2025, 4, 22), defined_as="Missed repairs")
        stage.refresh_from_db()
        # Ten working days after Tuesday 22 April 2025; Monday 5 May is a bank holiday.
        assert stage.respond_due == stage.respond_by == dt.date(2025, 5, 7)


class TestExtensions:
    def test_stage_1_extends_by_no_more_than_10_working_days_and_the_resident_is_told(self) -> None:
        in_nation(Nation.ENGLAND_AND_WALES)
        complaint = record()
        stage = complaint.stages.get()
        stage_acknowledge(stage=stage, acknowledged_on=dt.date(2025, 4, 22), defined_as="Missed repairs")
        stage.refresh_from_db()
        with pytest.raises(ComplaintError, match="no more than 10 working days"):
            stage_extend(stage=stage, new_date=dt.date(2025, 5, 22), reason="Waiting for the contractor")
        with pytest.raises(ComplaintError, match="reason"):
            stage_extend(stage=stage, new_date=dt.date(2025, 5, 21), reason=" ")
        stage_extend(stage=stage, new_date=dt.date(2025, 5, 21), reason="Waiting for the contractor's report")
        stage.refresh_from_db()
        assert stage.respond_due == dt.date(2025, 5, 7) and stage.respond_by == dt.date(2025, 5, 21)
        letter = Message.objects.get(template="complaint_extended")
        assert "Waiting for the contractor's report" in letter.body
        assert "Wednesday 21 May 2025" in letter.body
        assert "Housing Ombudsman" in letter.body and "0300 111 3000" in letter.body

    def test_an_answer_within_the_extension_is_on_time(self) -> None:
        in_nation(Nation.ENGLAND_AND_WALES)
        complaint = record()
        stage = complaint.stages.get()
        stage_assign(stage=stage, handler=UserFactory())
        stage_acknowledge(stage=stage, acknowledged_on=dt.date(2025, 4, 22), defined_as="Missed repairs")
        stage.refresh_from_db()
        stage_extend(stage=stage, new_date=dt.date(2025, 5, 20), reason="Contractor's report")
        stage_respond(
            stage=stage,
            responded_on=dt.date(2025, 5, 19),
            response="Our answer.",
            points=[
                {"summary": "Missed repairs", "decision": "not_upheld", "reasons": "Access was refused."}
            ],
        )
        stage.refresh_from_db()
        assert stage.answered_in_time and not stage.responded_late


class TestLateStepsAreKept:
    def test_a_late_acknowledgement_needs_the_reason_and_stays_late(self) -> None:
        in_nation(Nation.ENGLAND_AND_WALES)
        stage = record().stages.get()
        with pytest.raises(ComplaintError, match="late: say why"):
            stage_acknowledge(stage=stage, acknowledged_on=dt.date(2025, 4, 29), defined_as="Missed repairs")
        stage_acknowledge(
            stage=stage,
            acknowledged_on=dt.date(2025, 4, 29),
            defined_as="Missed repairs",
            late_reason="Staff off sick",
        )
        stage.refresh_from_db()
        assert stage.acknowledged_late and "Staff off sick" in stage.late_reason

    def test_a_late_response_is_recorded_late(self) -> None:
        in_nation(Nation.ENGLAND_AND_WALES)
        complaint = record()
        stage = complaint.stages.get()
        stage_assign(stage=stage, handler=UserFactory())
        stage_acknowledge(stage=stage, acknowledged_on=dt.date(2025, 4, 22), defined_as="Missed repairs")
        kwargs = {
            "responded_on": dt.date(2025, 5, 8),
            "response": "Our answer.",
            "points": [{"summary": "Missed", "decision": "not_upheld", "reasons": "No record"}],
        }
        with pytest.raises(ComplaintError, match="late"):
            stage_respond(stage=stage, **kwargs)  # type: ignore[arg-type]
        stage_respond(stage=stage, late_reason="Waiting for records", **kwargs)  # type: ignore[arg-type]
        stage.refresh_from_db()
        assert stage.responded_late and stage.answered_in_time is False


class TestStageTwo:
    def test_stage_2_is_opened_on_request_without_a_reason_and_needs_a_different_handler(self) -> None:
        in_nation(Nation.ENGLAND_AND_WALES)
        first_handler, second_handler = UserFactory(), UserFactory()
        complaint = record()
        answer_stage_1(complaint, first_handler)
        stage_2 = stage_escalate(complaint=complaint, requested_on=dt.date(2025, 5, 2))
        complaint.refresh_from_db()
        assert complaint.status == CaseStatus.OPEN and stage_2.number == 2
        # Five working days from Friday 2 May 2025 (Monday 5 May is a bank holiday).
        assert stage_2.acknowledge_due == dt.date(2025, 5, 12)
        with pytest.raises(ComplaintError, match="someone other than the Stage 1 handler"):
            stage_assign(stage=stage_2, handler=first_handler)
        stage_assign(stage=stage_2, handler=second_handler)
        stage_2.refresh_from_db()
        assert stage_2.handler == second_handler

    def test_stage_2_cannot_be_asked_for_while_stage_1_is_in_time_and_unanswered(self) -> None:
        in_nation(Nation.ENGLAND_AND_WALES)
        complaint = record(received_on=dt.date(2025, 4, 17))
        with pytest.raises(ComplaintError, match="not been answered yet"):
            stage_escalate(complaint=complaint, requested_on=dt.date(2025, 4, 18))
        # Once stage 1's answer is overdue, the resident may go on.
        stage_escalate(complaint=complaint, requested_on=dt.date(2025, 6, 2))

    def test_there_is_no_stage_3(self) -> None:
        in_nation(Nation.ENGLAND_AND_WALES)
        complaint = record()
        answer_stage_1(complaint, UserFactory())
        stage_2 = stage_escalate(complaint=complaint, requested_on=dt.date(2025, 5, 2))
        stage_assign(stage=stage_2, handler=UserFactory())
        stage_acknowledge(stage=stage_2, acknowledged_on=dt.date(2025, 5, 6), defined_as="Still unhappy")
        stage_respond(
            stage=stage_2,
            responded_on=dt.date(2025, 5, 20),
            response="Final response.",
            points=[upheld_point()],
        )
        with pytest.raises(ComplaintError, match="ombudsman"):
            stage_escalate(complaint=complaint, requested_on=dt.date(2025, 5, 21))
        assert "Housing Ombudsman" in complaint.stages.get(number=2).how_to_escalate


class TestResponses:
    def test_a_response_records_each_point_remedies_and_actions_and_goes_to_the_resident(self) -> None:
        in_nation(Nation.ENGLAND_AND_WALES)
        handler = UserFactory()
        complaint = record()
        stage = complaint.stages.get()
        stage_assign(stage=stage, handler=handler)
        stage_acknowledge(stage=stage, acknowledged_on=dt.date(2025, 4, 22), defined_as="Missed repairs")
        stage_respond(
            stage=stage,
            responded_on=dt.date(2025, 4, 30),
            response="We are sorry for the missed appointments.",
            points=[
                upheld_point(),
                {
                    "summary": "Rude operative",
                    "decision": "not_upheld",
                    "reasons": "Call recording is polite.",
                },
            ],
            remedies=[
                {"kind": "apology", "description": "We apologise.", "point": 0},
                {
                    "kind": "compensation",
                    "description": "For time off work",
                    "amount": "£150",
                    "amount_reason": "3 days",
                },
            ],
            actions=[{"title": "Replace the boiler", "due_on": dt.date(2025, 5, 30)}],
            learning={
                "what_learnt": "Bookings were lost",
                "change_made": "Daily booking check",
                "public": True,
            },
        )
        stage.refresh_from_db()
        assert [p.decision for p in stage.points.all()] == ["upheld", "not_upheld"]
        compensation = stage.remedies.get(kind="compensation")
        assert str(compensation.amount) == "150.00"
        action = Action.objects.get(complaint=complaint)
        assert action.due_on == dt.date(2025, 5, 30) and action.owner_user == handler
        assert list(action.raised_by.all()) == [complaint.resident]
        assert Learning.objects.get(complaint=complaint).change_made == "Daily booking check"
        letter = Message.objects.get(template="complaint_response")
        for words in (
            "Missed repair appointments",
            "Upheld",
            "Not upheld",
            "£150.00",
            "Replace the boiler",
            "Stage 2",
        ):
            assert words in letter.body
        complaint.refresh_from_db()
        assert complaint.status == CaseStatus.CLOSED

    def test_an_upheld_point_needs_the_learning(self) -> None:
        in_nation(Nation.ENGLAND_AND_WALES)
        complaint = record()
        stage = complaint.stages.get()
        stage_assign(stage=stage, handler=UserFactory())
        stage_acknowledge(stage=stage, acknowledged_on=dt.date(2025, 4, 22), defined_as="Missed repairs")
        with pytest.raises(ComplaintError, match="what was learnt"):
            stage_respond(
                stage=stage, responded_on=dt.date(2025, 4, 30), response="Sorry.", points=[upheld_point()]
            )

    def test_compensation_needs_an_amount_and_a_reason(self) -> None:
        in_nation(Nation.ENGLAND_AND_WALES)
        complaint = record()
        stage = complaint.stages.get()
        stage_assign(stage=stage, handler=UserFactory())
        stage_acknowledge(stage=stage, acknowledged_on=dt.date(2025, 4, 22), defined_as="Missed repairs")
        for remedy, words in (
            (
                {"kind": "compensation", "description": "Time off", "amount": "lots", "amount_reason": "x"},
                "amount",
            ),
            ({"kind": "compensation", "description": "Time off", "amount": "50"}, "why this amount"),
        ):
            with pytest.raises(ComplaintError, match=words):
                stage_respond(
                    stage=stage,
                    responded_on=dt.date(2025, 4, 30),
                    response="Sorry.",
                    points=[{"summary": "Missed", "decision": "not_upheld", "reasons": "None"}],
                    remedies=[remedy],
                )


class TestRecording:
    def test_a_service_request_becomes_a_complaint_in_one_step_and_carries_on(self) -> None:
        in_nation(Nation.ENGLAND_AND_WALES)
        request = record(kind=CaseKind.SERVICE_REQUEST)
        assert request.reference.startswith("SR-") and not request.stages.exists()
        complaint = request_to_complaint(
            request=request,
            what_went_wrong="Nobody has come to fix the boiler.",
            received_on=dt.date(2025, 4, 24),
            received_by=ReceivedBy.EMAIL,
        )
        request.refresh_from_db()
        assert request.status == CaseStatus.OPEN
        assert complaint.from_request == request and complaint.resident == request.resident
        assert complaint.stages.get().acknowledge_due == dt.date(2025, 5, 1)

    def test_a_new_issue_during_stage_1_is_joined_or_logged_as_a_new_complaint(self) -> None:
        in_nation(Nation.ENGLAND_AND_WALES)
        complaint = record()
        new_issue_raise(
            complaint=complaint,
            detail="The boiler cupboard door is broken too.",
            related=True,
            received_on=dt.date(2025, 4, 22),
        )
        complaint.refresh_from_db()
        assert "cupboard door" in complaint.what_went_wrong
        other = new_issue_raise(
            complaint=complaint,
            detail="My neighbour is noisy.",
            related=False,
            received_on=dt.date(2025, 4, 22),
        )
        assert other.pk != complaint.pk and other.raised_during == complaint
        assert other.stages.get().acknowledge_due == dt.date(2025, 4, 29)

    def test_a_representative_is_named(self) -> None:
        in_nation(Nation.ENGLAND_AND_WALES)
        with pytest.raises(ComplaintError, match="representative"):
            record(received_by=ReceivedBy.REPRESENTATIVE)

    def test_a_refusal_gives_the_reasons_and_the_right_to_go_to_the_ombudsman(self) -> None:
        in_nation(Nation.ENGLAND_AND_WALES)
        complaint = record(matter_on=dt.date(2023, 1, 10))
        complaint_refuse(
            complaint=complaint,
            reason="time_limit",
            detail="The repair you describe was in January 2023, more than 12 months before you told us.",
            refused_on=dt.date(2025, 4, 23),
        )
        complaint.refresh_from_db()
        assert complaint.status == CaseStatus.REFUSED
        letter = Message.objects.get(template="complaint_refused")
        assert "12 months" in letter.body and "Housing Ombudsman" in letter.body
        assert AuditEvent.objects.filter(object_type="complaint", summary__contains="not accepted").exists()


def test_no_procedure_lets_a_clock_pause_and_every_timescale_has_a_source_or_says_it_was_chosen() -> None:
    with DATA.open("rb") as f:
        raw = tomllib.load(f)["procedures"]
    for key, procedure in raw.items():
        for stage in procedure["stages"]:
            assert stage.get("can_pause") is False, key
            for name in ("acknowledge_working_days", "respond_working_days", "max_extension_working_days"):
                if name in stage:
                    assert name in stage.get("sources", {}) or name in stage.get("chosen", []), (key, name)


class TestScotland:
    def test_frontline_is_answered_without_an_acknowledgement_then_investigated_on_request(self) -> None:
        in_nation(Nation.SCOTLAND)
        complaint = record()
        frontline = complaint.stages.get()
        with pytest.raises(ComplaintError, match="no acknowledgement step"):
            stage_acknowledge(stage=frontline, acknowledged_on=dt.date(2025, 4, 22), defined_as="x")
        stage_assign(stage=frontline, handler=UserFactory())
        stage_respond(
            stage=frontline,
            responded_on=dt.date(2025, 4, 24),
            response="Frontline answer",
            points=[{"summary": "Missed repair", "decision": "not_upheld", "reasons": "No access given"}],
        )
        investigation = stage_escalate(complaint=complaint, requested_on=dt.date(2025, 4, 28))
        assert investigation.key == "investigation"
        # Acknowledged within 3 working days and answered within 20 of the request (the early
        # May and spring bank holidays, 5 and 26 May, are Scotland's too).
        assert investigation.acknowledge_due == dt.date(2025, 5, 1)
        assert investigation.respond_by == dt.date(2025, 5, 28)
        frontline.refresh_from_db()
        assert "Stage 2: investigation" in frontline.how_to_escalate
        assert "Scottish Public Services Ombudsman" in complaint_refused_words(Nation.SCOTLAND)


def complaint_refused_words(nation: str) -> str:
    """The refusal letter's words for a complaint in ``nation``."""
    in_nation(nation)
    complaint = record()
    complaint_refuse(complaint=complaint, reason="other", detail="Explained", refused_on=dt.date(2025, 4, 18))
    return Message.objects.filter(template="complaint_refused").latest("pk").body


def test_the_response_goes_by_the_residents_channel_and_in_their_format() -> None:
    in_nation(Nation.ENGLAND_AND_WALES)
    resident = make_resident(preferred_channel="letter", accepts_letter=True, large_print=True, braille=True)
    complaint = record(resident=resident)
    answer_stage_1(complaint, UserFactory())
    letter = Message.objects.get(template="complaint_response")
    assert letter.recipient == resident and letter.channel == "letter"
    assert letter.format_notes == "Large print, Braille"


@pytest.mark.parametrize(
    ("matter_on", "outside"),
    [
        (dt.date(2024, 4, 17), False),  # exactly 12 months before it was received
        (dt.date(2024, 4, 16), True),
        (None, False),
        (dt.date(2025, 1, 1), False),
    ],
)
def test_a_complaint_made_more_than_12_months_after_the_matter_is_flagged(
    matter_on: dt.date | None, outside: bool
) -> None:
    in_nation(Nation.ENGLAND_AND_WALES)
    assert outside_time_limit(record(matter_on=matter_on)) is outside
