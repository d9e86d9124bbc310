"""Uploads that help: a contractor's file uses the resident import's column names, every
problem names the file's own column and the question's code, and a paper form is taken as it
is, skipped questions and all."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tenantvoice.residents.models import Resident
from tenantvoice.surveys.importing import responses_import
from tenantvoice.surveys.models import Response, Survey
from tenantvoice.surveys.services import AnswersInvalid, response_record
from tenantvoice.surveys.services import question_add as add
from tests.factories import SurveyFactory, TenancyMemberFactory


@pytest.fixture
def survey(db: None) -> Survey:
    survey = SurveyFactory(title="Estate survey", status="open")
    add(survey=survey, kind="satisfaction", text="How satisfied?", code="SAT", required=True)
    add(survey=survey, kind="yes_no", text="New bins?", code="BINS", required=True)
    add(survey=survey, kind="number", text="How many children?", code="KIDS")
    return survey


@pytest.fixture
def person(db: None) -> Resident:
    return TenancyMemberFactory().resident


def upload(tmp_path: Path, survey: Survey, text: str, **options: bool) -> object:
    path = tmp_path / "contractor.csv"
    path.write_text(text)
    return responses_import(survey, path, **options)


def messages(outcome: object) -> list[str]:
    return [p.message for p in outcome.problems]  # type: ignore[attr-defined]


def test_person_ref_links_a_row_to_the_resident_as_in_the_resident_import(
    tmp_path: Path, survey: Survey, person: Resident
) -> None:
    outcome = upload(tmp_path, survey, f"person_ref,SAT,BINS\n{person.hms_ref},Very satisfied,Yes\n")
    assert messages(outcome) == [] and Response.objects.get().resident == person


def test_the_old_reference_column_still_works(tmp_path: Path, survey: Survey, person: Resident) -> None:
    outcome = upload(tmp_path, survey, f"reference,SAT,BINS\n{person.hms_ref},very_satisfied,yes\n")
    assert messages(outcome) == [] and Response.objects.get().resident == person


def test_every_problem_of_a_row_is_reported_by_the_files_own_column_and_the_question_code(
    tmp_path: Path, survey: Survey
) -> None:
    text = "Person_Ref,Channel,Q1,bins,Q3\nNOPE,pigeon,Brilliant,Maybe,three\n"
    outcome = upload(tmp_path, survey, text)
    assert messages(outcome) == [
        'Row 2, column Channel: "pigeon" is not a way of answering. Use paper, phone, link or portal.',
        'Row 2, column Person_Ref: No one on the register has the person reference "NOPE".',
        'Row 2, column Q1 (question SAT): "Brilliant" is not an answer to this question. Use one of: '
        "Very satisfied; Fairly satisfied; Neither satisfied nor dissatisfied; Fairly dissatisfied; "
        "Very dissatisfied.",
        'Row 2, column bins: "Maybe" is not an answer to this question. Use one of: Yes; No.',
        'Row 2, column Q3 (question KIDS): "three" is not a number. Enter a number, like 3.',
    ]
    assert not Response.objects.exists()


def test_a_paper_row_may_skip_a_question_and_a_file_row_may_not(tmp_path: Path, survey: Survey) -> None:
    text = "channel,SAT,BINS\npaper,Fairly satisfied,\n,Fairly satisfied,\n"
    outcome = upload(tmp_path, survey, text, good_rows_only=True)
    assert messages(outcome) == ["Row 3, column BINS: Answer this question."]
    assert Response.objects.get().channel == "paper"


def test_the_upload_page_lists_the_problems_and_names_person_ref(
    officer_client: Client, survey: Survey
) -> None:
    url = reverse("surveys:responses-upload", args=[survey.pk])
    assert "<code>person_ref</code>" in officer_client.get(url).content.decode()
    refused = officer_client.post(url, {"file": SimpleUploadedFile("c.csv", b"Q1,Q2\nGreat,Maybe\n")})
    page = refused.content.decode()
    assert refused.status_code == 400
    assert "Row 2, column Q1 (question SAT): &quot;Great&quot; is not an answer" in page
    assert "Row 2, column Q2 (question BINS): &quot;Maybe&quot; is not an answer" in page


def test_paper_entry_takes_a_form_with_a_skipped_question_as_it_is(
    officer_client: Client, survey: Survey
) -> None:
    sat, bins, kids = survey.questions.order_by("order")
    url = reverse("surveys:paper-entry", args=[survey.pk])
    entered = officer_client.post(
        url, {"e-channel": "paper", f"q-{sat.pk}": "fairly_satisfied", f"q-{kids.pk}": ""}
    )
    assert entered.status_code == 302
    response = Response.objects.get()
    assert response.channel == "paper"
    assert list(response.answers.values_list("question__code", flat=True)) == ["SAT"]
    wrong = officer_client.post(url, {"e-channel": "phone", f"q-{sat.pk}": "smashing", f"q-{kids.pk}": "x"})
    assert wrong.status_code == 400 and "2 answers need another look" in wrong.content.decode()


def test_online_a_required_question_is_still_required(survey: Survey) -> None:
    sat = survey.questions.get(code="SAT")
    with pytest.raises(AnswersInvalid) as refused:
        response_record(survey=survey, answers={sat.pk: ["very_satisfied"]}, channel="portal")
    assert list(refused.value.problems.values()) == ["Answer this question."]
