"""One response per resident per survey, on every route, enforced by the database (decision 0020)."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tenantvoice.core.models import AuditEvent
from tenantvoice.core.roles import Role
from tenantvoice.residents.models import Resident
from tenantvoice.surveys.models import Answer, Question, Response, Survey
from tenantvoice.surveys.services import AlreadyAnswered, question_add, response_record
from tests.api.conftest import token_client
from tests.factories import (
    ActivityFactory,
    AnswerFactory,
    ResidentFactory,
    ResponseFactory,
    SurveyFactory,
    SurveyInvitationFactory,
    TenancyMemberFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _survey(**fields: object) -> tuple[Survey, Question]:
    survey = SurveyFactory(title="Bins", status="open", **fields)
    return survey, question_add(survey=survey, kind="yes_no", text="Do you like the new bins?")


def _someone() -> Resident:
    return TenancyMemberFactory(resident=ResidentFactory()).resident


def test_a_resident_answers_a_public_survey_in_the_portal_once(tenant_client: Client, tess: Resident) -> None:
    survey, question = _survey(public=True)
    url = reverse("portal:survey", args=[survey.pk])
    assert "Thank you" in tenant_client.post(url, {f"q-{question.pk}": "yes"}).content.decode()
    again = tenant_client.post(url, {f"q-{question.pk}": "no"})
    assert again.status_code == 409
    assert "You have already answered this survey" in again.content.decode()
    assert "already answered" in tenant_client.get(url).content.decode()
    assert survey.title not in tenant_client.get(reverse("portal:surveys")).content.decode()
    assert Response.objects.get().resident == tess
    assert Answer.objects.get().choice == "yes"


def test_an_invited_resident_who_answered_in_the_portal_cannot_answer_by_link(
    tenant_client: Client, tess: Resident
) -> None:
    survey, question = _survey(public=True)
    tenant_client.post(reverse("portal:survey", args=[survey.pk]), {f"q-{question.pk}": "yes"})
    invitation = SurveyInvitationFactory(survey=survey, resident=tess)
    refused = Client().post(reverse("survey-link", args=[invitation.token]), {f"q-{question.pk}": "no"})
    assert refused.status_code == 409 and "already answered" in refused.content.decode()
    assert Response.objects.count() == 1


def test_an_officer_cannot_enter_a_second_paper_response_for_one_resident(officer_client: Client) -> None:
    survey, question = _survey()
    person = _someone()
    url = reverse("surveys:paper-entry", args=[survey.pk])
    entry = {"e-channel": "paper", "e-resident": person.pk, f"q-{question.pk}": "yes"}
    assert officer_client.post(url, entry).status_code == 302
    second = officer_client.post(url, entry | {"e-channel": "phone"})
    assert second.status_code == 400
    assert "This resident has already answered this survey" in second.content.decode()
    assert Response.objects.count() == 1


def test_a_contractors_file_with_the_same_resident_twice_is_refused_by_row(officer_client: Client) -> None:
    survey, question = _survey()
    person = _someone()
    csv = f"reference,Q1\n{person.hms_ref},yes\n{person.hms_ref},no\n".encode()
    url = reverse("surveys:responses-upload", args=[survey.pk])
    refused = officer_client.post(url, {"file": SimpleUploadedFile("c.csv", csv)})
    assert refused.status_code == 400 and "already answered this survey" in refused.content.decode()
    assert Response.objects.count() == 0
    officer_client.post(url, {"file": SimpleUploadedFile("c.csv", csv), "good_rows_only": "on"})
    assert Answer.objects.get().choice == "yes"


def test_the_api_answers_a_second_response_from_a_resident_with_409() -> None:
    survey, question = _survey()
    person = _someone()
    system = token_client(UserFactory(role=Role.ENGAGEMENT_OFFICER))
    url = f"/api/v1/surveys/{survey.pk}/responses/"
    body = {"resident": person.hms_ref, "channel": "import", "answers": {str(question.pk): ["yes"]}}
    assert system.post(url, body, format="json").status_code == 201
    second = system.post(url, body, format="json")
    assert second.status_code == 409
    assert "already answered this survey" in second.json()["non_field_errors"][0]
    assert Response.objects.count() == 1


def test_an_anonymous_survey_keeps_no_resident_but_still_takes_one_response_each(
    tenant_client: Client, tess: Resident
) -> None:
    survey, question = _survey(public=True, anonymous=True)
    url = reverse("portal:survey", args=[survey.pk])
    tenant_client.post(url, {f"q-{question.pk}": "yes"})
    assert tenant_client.post(url, {f"q-{question.pk}": "no"}).status_code == 409
    response = Response.objects.get()
    assert response.resident is None
    with pytest.raises(AlreadyAnswered):
        response_record(survey=survey, answers={question.pk: ["no"]}, channel="paper", resident=tess)


def test_open_link_responses_have_no_resident_and_are_not_limited_to_one(client: Client) -> None:
    survey, question = _survey(public=True)
    url = reverse("survey-open", args=[survey.pk])
    for _ in range(3):
        assert client.post(url, {f"q-{question.pk}": "yes"}).status_code == 200
    assert Response.objects.filter(resident__isnull=True).count() == 3


def test_an_exit_survey_takes_one_response_per_activity_attended() -> None:
    survey, question = _survey(after_activities=True)
    person = _someone()
    when = timezone.now()
    first, second = (
        ActivityFactory(title=title, starts_at=when, ends_at=when + dt.timedelta(hours=1))
        for title in ("Fun day", "Panel")
    )
    for activity in (first, second):
        invitation = SurveyInvitationFactory(survey=survey, resident=person, activity=activity)
        response_record(survey=survey, answers={question.pk: ["yes"]}, channel="link", invitation=invitation)
    assert set(Response.objects.values_list("activity", flat=True)) == {first.pk, second.pk}
    with pytest.raises(AlreadyAnswered):
        response_record(survey=survey, answers={question.pk: ["yes"]}, channel="link", invitation=invitation)


def test_the_database_refuses_a_second_response_from_one_resident() -> None:
    survey, _ = _survey()
    person = _someone()
    ResponseFactory(survey=survey, resident=person, channel="paper")
    with pytest.raises(IntegrityError), transaction.atomic():
        ResponseFactory(survey=survey, resident=person, channel="phone")
    ResponseFactory(survey=survey, channel="open", resident=None)
    ResponseFactory(survey=survey, channel="open", resident=None)  # no resident: not covered


def test_the_data_migration_keeps_each_residents_first_response_and_audits_the_rest() -> None:
    survey, question = _survey()
    person, other = _someone(), _someone()
    with connection.cursor() as cursor:  # as before the constraint: the index is back after the test
        cursor.execute("DROP INDEX one_response_per_resident")
    first = ResponseFactory(survey=survey, resident=person, channel="portal")
    AnswerFactory(response=first, question=question, choice="yes")
    repeats = [ResponseFactory(survey=survey, resident=person, channel="portal") for _ in range(14)]
    AnswerFactory(response=repeats[0], question=question, choice="no")
    theirs = ResponseFactory(survey=survey, resident=other, channel="portal")
    migration = importlib.import_module("tenantvoice.surveys.migrations.0007_i11_limits_one_response_data")
    migration.forwards(apps, None)
    assert set(Response.objects.values_list("pk", flat=True)) == {first.pk, theirs.pk}
    assert Answer.objects.get().choice == "yes"
    audited = AuditEvent.objects.filter(object_type="survey_response", action="delete")
    assert sorted(int(e.object_id) for e in audited) == sorted(r.pk for r in repeats)
    assert {e.resident_id for e in audited} == {person.pk}
