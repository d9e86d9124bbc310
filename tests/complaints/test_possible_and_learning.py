"""Possible complaints found in what residents wrote (issue 17 item 1) and a complaint's
learning published in "you said, we did" (item 5)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tenantvoice.comms.models import Message
from tenantvoice.complaints.models import CaseStatus, PossibleComplaint, PossibleStatus, ReceivedBy
from tenantvoice.complaints.possible import (
    dissatisfaction_in,
    possible_complaint_dismiss,
    possible_complaint_record,
    possible_complaints_scan,
)
from tenantvoice.complaints.services import ComplaintError, category_save, complaint_record, learning_record
from tenantvoice.outcomes.models import Outcome
from tenantvoice.outcomes.services import outcome_publish
from tenantvoice.residents.models import Resident
from tenantvoice.surveys.models import QuestionKind
from tests.conftest import run_sends
from tests.factories import (
    AnswerFactory,
    QuestionFactory,
    RepresentationFactory,
    SurveyFactory,
    make_resident,
)

pytestmark = pytest.mark.django_db


def free_text_answer(text: str, *, anonymous: bool = False, resident: object = "new") -> object:
    survey = SurveyFactory(anonymous=anonymous)
    question = QuestionFactory(survey=survey, kind=QuestionKind.TEXT)
    kwargs: dict[str, object] = {"response__survey": survey, "question": question, "choice": "", "text": text}
    kwargs["response__resident"] = make_resident() if resident == "new" else resident
    return AnswerFactory(**kwargs)


class TestTheRule:
    @pytest.mark.parametrize(
        ("text", "found"),
        [
            (
                "I am unhappy that the repair is STILL NOT FIXED after 3 months",
                ["unhappy", "still not fixed"],
            ),
            ("Nobody came to fix the light, and I'm fed up.", ["nobody came", "fed up"]),
            ("The staff were lovely and helpful", []),
            # Whole words only: "rudely" is not "rude", "complaints" is not "complaint".
            ("The gardener spoke rudely; no complaints otherwise", []),
        ],
    )
    def test_phrases_are_found_as_whole_words_ignoring_case(self, text: str, found: list[str]) -> None:
        assert dissatisfaction_in(text) == found


class TestScanning:
    def test_a_scan_offers_identified_answers_and_replies_that_match_and_reads_each_once(self) -> None:
        unhappy = free_text_answer("Really disappointed, nobody came.")
        free_text_answer("All good, thanks.")
        free_text_answer("Awful service", anonymous=True)
        free_text_answer("Awful service", resident=None)
        reply = RepresentationFactory(text="This is unacceptable: you ignored the last consultation.")
        RepresentationFactory(text="Unacceptable", resident=None, from_name="A neighbour")

        first = possible_complaints_scan()
        offered = list(PossibleComplaint.objects.order_by("pk"))
        assert [(p.answer_id, p.representation_id) for p in offered] == [(unhappy.pk, None), (None, reply.pk)]
        assert offered[0].matched == "disappointed; nobody came"
        assert offered[1].said_on == reply.received_on and first.found == 2

        free_text_answer("Fed up with the damp")
        second = possible_complaints_scan()
        assert second.found == 1 and PossibleComplaint.objects.count() == 3

    def test_recording_one_makes_a_complaint_received_when_the_resident_wrote_it(self) -> None:
        reply = RepresentationFactory(
            text="I complained twice and nobody came.", received_on=dt.date(2026, 5, 10)
        )
        possible_complaints_scan()
        possible = PossibleComplaint.objects.get()
        complaint = possible_complaint_record(possible=possible)
        assert complaint.received_by == ReceivedBy.SURVEY and complaint.received_on == dt.date(2026, 5, 10)
        assert complaint.resident == reply.resident and "nobody came" in complaint.what_went_wrong
        possible.refresh_from_db()
        assert possible.status == PossibleStatus.RECORDED and possible.complaint == complaint
        with pytest.raises(ComplaintError, match="already been decided"):
            possible_complaint_dismiss(possible=possible, reason="Praise")

    def test_setting_one_aside_needs_a_reason(self) -> None:
        RepresentationFactory(text="Not happy with the proposal's cost.")
        possible_complaints_scan()
        possible = PossibleComplaint.objects.get()
        with pytest.raises(ComplaintError, match="why"):
            possible_complaint_dismiss(possible=possible, reason=" ")
        possible_complaint_dismiss(possible=possible, reason="A view on the proposal, not on a service")
        possible.refresh_from_db()
        assert possible.status == PossibleStatus.DISMISSED


class TestLearningInYouSaidWeDid:
    def test_learning_is_published_without_the_complainant_and_they_are_told(self) -> None:
        resident = make_resident(first_name="Winifred")
        complaint = complaint_record(
            what_went_wrong="Three missed repair appointments",
            received_on=dt.date(2026, 5, 1),
            received_by=ReceivedBy.PHONE,
            resident=resident,
            categories=[category_save(name="Repairs")],
        )
        learning = learning_record(
            complaint=complaint, what_learnt="Appointments were not passed on", change_made="A daily check"
        )
        outcome_publish(source=learning, you_said="Repairs appointments were missed", we_did="A daily check")
        outcome = Outcome.objects.get(learning=learning)
        assert outcome.title == "Learning from complaints about repairs"
        assert "Winifred" not in outcome.title + outcome.you_said + outcome.we_did
        assert run_sends() == 1
        assert Message.objects.get(recipient=resident).template == "you_said_we_did"
        assert complaint.status == CaseStatus.OPEN

    def test_learning_not_for_residents_is_not_published(self) -> None:
        complaint = complaint_record(
            what_went_wrong="x",
            received_on=dt.date(2026, 5, 1),
            received_by=ReceivedBy.PHONE,
            resident=make_resident(),
        )
        learning = learning_record(complaint=complaint, what_learnt="a", change_made="b", public=False)
        with pytest.raises(Exception, match="not for residents"):
            outcome_publish(source=learning, you_said="a", we_did="b")


class TestLearningGoesToTheScrutinyPanel:
    def test_a_review_chosen_from_complaints_shows_the_panel_their_numbers_and_learning(
        self, tenant_client: Client, tess: Resident
    ) -> None:
        from tests.scrutiny.helpers import panel_with, review_with

        repairs = category_save(name="Repairs")
        complainant = make_resident(first_name="Winifred", last_name="Oddbody")
        complaint = complaint_record(
            what_went_wrong="Missed appointments",
            received_on=timezone.localdate() - dt.timedelta(days=30),
            received_by=ReceivedBy.PHONE,
            resident=complainant,
            categories=[repairs],
        )
        learning_record(complaint=complaint, what_learnt="Bookings were lost", change_made="A daily check")
        review, _ = review_with(1, panel=panel_with(tess), complaint_category=repairs)
        page = tenant_client.get(reverse("portal:scrutiny-review", args=[review.pk])).content.decode()
        assert "Complaints about repairs" in page and "1 complaint received" in page
        assert "Bookings were lost" in page and "A daily check" in page
        assert "Oddbody" not in page and "Winifred" not in page
