""" "You said, we did" is one thing (issue 14 item 6, decision 0036): published from a survey's or
a consultation's officer page through one confirmation page and one service, sent to the
source's own residents, corrected as versions, and read by the API."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from tenantvoice.comms.models import Message, SendKind, SendRun
from tenantvoice.consultations.models import Consultation
from tenantvoice.core.models import AuditEvent
from tenantvoice.core.roles import Role
from tenantvoice.involvement.models import ServiceArea
from tenantvoice.outcomes.models import SOURCE_FIELDS, Outcome, OutcomeCorrection
from tenantvoice.outcomes.services import OutcomeError, outcome_publish
from tenantvoice.outcomes.sources import SOURCES, source_kind
from tenantvoice.residents.models import Resident
from tenantvoice.surveys.models import Survey
from tests.api.conftest import token_client
from tests.conftest import run_sends
from tests.factories import (
    ConsultationFactory,
    RepresentationFactory,
    ResidentFactory,
    ResponseFactory,
    SurveyFactory,
    UserFactory,
)

from .factories import ConsultationOutcomeFactory, SurveyOutcomeFactory

pytestmark = pytest.mark.django_db


def answered_survey() -> tuple[Survey, Resident]:
    survey = SurveyFactory(title="Bin collections", status="closed")
    resident = ResidentFactory(first_name="Ola")
    ResponseFactory(survey=survey, resident=resident)
    ResponseFactory(survey=SurveyFactory(status="closed"))  # answered another survey: not told
    return survey, resident


def decided_consultation() -> tuple[Consultation, Resident]:
    consultation = ConsultationFactory(
        title="Local office", status="decided", decision="It stays open.", decided_on=dt.date(2026, 7, 1)
    )
    consultation.service_areas.add(ServiceArea.objects.create(slug="housing", name="Housing management"))
    resident = ResidentFactory(first_name="Ade")
    RepresentationFactory(consultation=consultation, resident=resident)
    RepresentationFactory(consultation=ConsultationFactory(status="decided"))  # not told
    return consultation, resident


def test_an_officer_publishes_a_surveys_outcome_after_a_confirmation(officer_client: Client) -> None:
    survey, resident = answered_survey()
    action = reverse("surveys:survey-action", args=[survey.pk])
    said = {"action": "feedback", "you_said": "Bins are late.", "we_did": "A new rota from May."}

    confirm = officer_client.post(action, said)
    page = confirm.content.decode()
    assert confirm.status_code == 200 and "Publish and tell everyone who answered" in page
    assert "You said: Bins are late." in page and "A new rota from May." in page  # the wording
    assert not Outcome.objects.exists()  # nothing is kept or sent before the button

    done = officer_client.post(action, {**said, "confirm": "yes"})
    outcome = Outcome.objects.get()
    run = SendRun.objects.get()
    assert done.status_code == 302 and done["Location"] == reverse("sends:progress", args=[run.pk])
    assert (outcome.survey, outcome.title, outcome.you_said, outcome.we_did) == (
        survey,
        "Bin collections",
        "Bins are late.",
        "A new rota from May.",
    )
    assert outcome.published_by is not None and outcome.published_by.role == Role.ENGAGEMENT_OFFICER
    assert (run.kind, run.object_id, run.title) == (
        SendKind.OUTCOME,
        outcome.pk,
        "You said, we did: Bin collections",
    )
    assert run_sends() == 1
    [message] = Message.objects.filter(template="you_said_we_did")
    assert message.recipient == resident and message.dedupe_key.startswith(f"yswd:survey:{survey.pk}:")
    assert (
        "You said: Bins are late." in message.body and "What we decided: A new rota from May." in message.body
    )
    assert reverse("you-said-we-did") in message.body
    audit = AuditEvent.objects.get(object_type="outcome")
    assert audit.actor == outcome.published_by and audit.object_id == str(outcome.pk)
    assert "survey Bin collections" in audit.summary
    progress = officer_client.get(reverse("sends:progress", args=[run.pk])).content.decode()
    assert reverse("surveys:survey-detail", args=[survey.pk]) in progress  # back to the survey


def test_an_officer_publishes_a_consultations_outcome_after_a_confirmation(officer_client: Client) -> None:
    consultation, resident = decided_consultation()
    url = reverse("staff-consultations:feedback", args=[consultation.pk])

    confirm = officer_client.post(url, {"f-feedback": "You asked us to keep the office."})
    assert confirm.status_code == 200
    assert "Publish and tell everyone who replied" in confirm.content.decode()
    assert not Outcome.objects.exists()

    officer_client.post(url, {"f-feedback": "You asked us to keep the office.", "confirm": "yes"})
    outcome = Outcome.objects.get()
    assert outcome.consultation == consultation and outcome.kind == "Consultation"
    assert (outcome.you_said, outcome.we_did) == ("You asked us to keep the office.", "It stays open.")
    assert [s.slug for s in outcome.service_areas.all()] == ["housing"]
    assert run_sends() == 1
    [message] = Message.objects.filter(template="you_said_we_did")
    assert message.recipient == resident and "What we decided: It stays open." in message.body
    assert reverse("consultation", args=[consultation.pk]) in message.body  # its own page, as before
    public = Client().get(reverse("consultation", args=[consultation.pk])).content.decode()
    assert "You asked us to keep the office." in public and "It stays open." in public
    listed = Client().get(reverse("consultations")).content.decode()
    assert "You said, we did: published" in listed
    staff = officer_client.get(reverse("staff-consultations:consultation-detail", args=[consultation.pk]))
    assert "You asked us to keep the office." in staff.content.decode()  # the form starts from it


def test_what_cannot_be_published_is_refused_before_the_confirmation(officer_client: Client) -> None:
    survey = SurveyFactory(status="open")
    action = reverse("surveys:survey-action", args=[survey.pk])
    early = officer_client.post(action, {"action": "feedback", "you_said": "a", "we_did": "b"}, follow=True)
    assert "Close the survey first" in early.content.decode()
    empty = officer_client.post(
        reverse("surveys:survey-action", args=[SurveyFactory(status="closed").pk]),
        {"action": "feedback", "you_said": "Late", "we_did": " "},
        follow=True,
    )
    assert "Write what residents said and what you did." in empty.content.decode()
    consultation = ConsultationFactory(status="closed")
    refused = officer_client.post(
        reverse("staff-consultations:feedback", args=[consultation.pk]), {"f-feedback": "Thanks"}
    )
    assert refused.status_code == 400 and "Record the decision first" in refused.content.decode()
    assert not Outcome.objects.exists() and not SendRun.objects.exists()
    with pytest.raises(OutcomeError, match="has no outcome"):
        outcome_publish(source=ResidentFactory(), you_said="a", we_did="b")


def test_publishing_again_corrects_it_keeps_each_version_and_tells_nobody_twice(
    officer_client: Client,
) -> None:
    survey, first = answered_survey()
    officer = UserFactory(role=Role.ENGAGEMENT_OFFICER, full_name="Olu Officer")
    outcome_publish(
        source=survey, you_said="Bins late.", we_did="New rota.", by=officer, today=dt.date(2026, 5, 4)
    )
    run_sends()
    later = ResidentFactory()
    ResponseFactory(survey=survey, resident=later)  # a paper form entered since
    survey.title = "Bin collections 2026"
    survey.save(update_fields=["title"])

    outcome_publish(source=survey, you_said="Bins are late.", we_did="New rota.", by=officer)
    outcome = Outcome.objects.get()
    assert outcome.published_on == dt.date(2026, 5, 4)  # the first date stays
    assert (outcome.title, outcome.you_said) == ("Bin collections 2026", "Bins are late.")
    versions = {c.field: (c.old_text, c.new_text) for c in OutcomeCorrection.objects.all()}
    assert versions == {
        "title": ("Bin collections", "Bin collections 2026"),
        "you_said": ("Bins late.", "Bins are late."),
    }
    assert {c.corrected_by_name for c in OutcomeCorrection.objects.all()} == {str(officer)}
    audit = AuditEvent.objects.filter(object_type="outcome").latest("pk")
    assert audit.action == "update" and audit.changes["you_said"] == ["Bins late.", "Bins are late."]
    assert run_sends() == 1  # only the resident not told before
    told = Message.objects.filter(template="you_said_we_did").values_list("recipient", flat=True)
    assert sorted(told) == sorted([first.pk, later.pk])
    page = officer_client.get(reverse("surveys:survey-detail", args=[survey.pk])).content.decode()
    assert "Corrections of what was published" in page and "Bins late." in page
    confirm = officer_client.post(
        reverse("surveys:survey-action", args=[survey.pk]),
        {"action": "feedback", "you_said": "Bins are late.", "we_did": "A rota."},
    )
    assert "this corrects it" in confirm.content.decode()


def test_an_outcome_is_about_exactly_one_source() -> None:
    survey, consultation = SurveyFactory(), ConsultationFactory()
    for sources in ({}, {"survey": survey, "consultation": consultation}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Outcome.objects.create(
                title="T", you_said="a", we_did="b", published_on=dt.date(2026, 1, 1), **sources
            )
    SurveyOutcomeFactory(survey=survey)
    with pytest.raises(IntegrityError), transaction.atomic():
        SurveyOutcomeFactory(survey=survey)  # one outcome per survey


def test_every_kind_of_source_says_what_publishing_it_needs() -> None:
    """A key on Outcome without its entry in SOURCES (or the other way round) would publish
    nothing, or fail only when an officer first tried."""
    assert set(SOURCES) == set(SOURCE_FIELDS)
    for field in SOURCE_FIELDS:
        model = Outcome._meta.get_field(field).related_model
        assert Outcome._meta.get_field(field).one_to_one, field
        kind = source_kind(model())
        # Read as "Publish and tell <told>": a group of people in words, starting lower case.
        assert kind.told and kind.told[0].islower(), field
        assert callable(kind.recipients) and callable(kind.link) and callable(kind.back_url)


def test_the_api_reads_a_consultations_outcome_under_its_old_names() -> None:
    outcome = ConsultationOutcomeFactory(you_said="Thank you", published_on=dt.date(2026, 2, 20))
    ConsultationFactory(title="Not yet")
    client = token_client(UserFactory(role=Role.BOARD_READER))
    rows = {row["title"]: row for row in client.get("/api/v1/consultations/").json()["results"]}
    assert rows[outcome.consultation.title]["feedback"] == "Thank you"
    assert rows[outcome.consultation.title]["feedback_published_on"] == "2026-02-20"
    assert (rows["Not yet"]["feedback"], rows["Not yet"]["feedback_published_on"]) == ("", None)
