"""Drafts can be corrected (issue 13): a draft survey's title, introduction, dates, audience
and each question (wording, answers, filter) are edited; once open only its wording is
corrected (title, introduction, question text, answers' labels, never their values), each
correction kept as a version with who and when (decision 0028)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tenantvoice.accounts.models import User
from tenantvoice.audiences.rules import Audience
from tenantvoice.core.models import AuditEvent
from tenantvoice.surveys.models import Answer, Question, Survey, SurveyCorrection, SurveyStatus
from tenantvoice.surveys.services import (
    SurveyError,
    question_add,
    question_update,
    response_record,
    survey_correct,
    survey_create,
    survey_update,
)
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def draft(by: Any = None) -> Survey:
    survey = survey_create(
        survey=Survey(title="Gardens", intro="Two minutes.", closes_on=TODAY + dt.timedelta(days=30)),
        audience=Audience(),
        by=by,
    )
    garden = question_add(survey=survey, kind="yes_no", text="Do you have a garden?")
    question_add(
        survey=survey,
        kind="single",
        text="Which day suits you for cuting the grass?",
        options=[["o1", "Monday"], ["o2", "Tusday"]],
        filter_question=garden,
        filter_values=["yes"],
    )
    question_add(survey=survey, kind="text", text="Anything else?")
    return survey


def opened(survey: Survey) -> Survey:
    Survey.objects.filter(pk=survey.pk).update(status=SurveyStatus.OPEN, opens_on=TODAY, public=True)
    survey.refresh_from_db()
    return survey


def q(survey: Survey, order: int) -> Question:
    return survey.questions.get(order=order)


def edit_url(survey: Survey) -> str:
    return reverse("surveys:survey-edit", args=[survey.pk])


def question_url(question: Question) -> str:
    return reverse("surveys:question-edit", args=[question.pk])


def test_a_draft_is_edited_in_full(officer_client: Client, officer: User) -> None:
    survey = draft(by=officer)
    page = officer_client.get(edit_url(survey)).content.decode()
    assert "Edit the draft" in page and "Gardens" in page

    response = officer_client.post(
        edit_url(survey),
        {
            "step": "draft",
            "s-title": "Gardens and green spaces",
            "s-intro": "Three minutes.",
            "s-closes_on": (TODAY + dt.timedelta(days=45)).strftime("%d/%m/%Y"),
            "s-anonymous": "on",
            "a-tenures": "secure",
        },
    )
    assert response.status_code == 302
    survey.refresh_from_db()
    assert survey.title == "Gardens and green spaces" and survey.intro == "Three minutes."
    assert survey.closes_on == TODAY + dt.timedelta(days=45) and survey.anonymous
    assert survey.audience == {"tenures": ["secure"]}
    event = AuditEvent.objects.filter(object_type="survey", actor=officer).latest("pk")
    assert event.changes["title"] == ["Gardens", "Gardens and green spaces"]
    assert set(event.changes) == {"title", "intro", "closes_on", "anonymous", "audience"}

    past = officer_client.post(
        edit_url(survey),
        {"step": "draft", "s-title": "Gardens", "s-closes_on": TODAY.strftime("%d/%m/%Y")},
    )
    assert past.status_code == 400 and "The closing date must be after today." in past.content.decode()


def test_each_question_of_a_draft_is_edited_wording_answers_and_filter(
    officer_client: Client, officer: User
) -> None:
    survey = draft()
    garden, day = q(survey, 1), q(survey, 2)
    page = officer_client.get(question_url(day)).content.decode()
    assert "Tusday" in page and "Edit question 2" in page

    # Wording, a misspelt answer corrected, an answer added, and the filter changed.
    response = officer_client.post(
        question_url(day),
        {
            "q-kind": "multiple",
            "q-text": "Which days suit you for cutting the grass?",
            "q-help_text": "Choose all that suit you.",
            "q-options": "Monday\nTuesday\nSaturday",
            "q-filter_question": str(garden.pk),
            "q-filter_values": "",
        },
    )
    assert response.status_code == 400 and "Say which answer to that question" in response.content.decode()
    response = officer_client.post(
        question_url(day),
        {
            "q-kind": "multiple",
            "q-text": "Which days suit you for cutting the grass?",
            "q-help_text": "Choose all that suit you.",
            "q-options": "Monday\nTuesday\nSaturday",
            "q-filter_question": "",
        },
    )
    assert response.status_code == 302
    day.refresh_from_db()
    assert day.kind == "multiple" and day.text == "Which days suit you for cutting the grass?"
    assert day.help_text == "Choose all that suit you."
    # Monday keeps its value, the corrected Tuesday takes Tusday's, Saturday is new.
    assert day.options == [["o1", "Monday"], ["o2", "Tuesday"], ["o3", "Saturday"]]
    assert day.filter_question is None and day.filter_values == []
    event = AuditEvent.objects.filter(object_type="survey", actor=officer).latest("pk")
    assert "Edited question 2" in event.summary and "filter_question" in event.changes

    # The filter put back, through the service: asked only of those with a garden.
    question_update(
        question=day,
        kind="multiple",
        text=day.text,
        options=day.options,
        filter_question=garden,
        filter_values=["yes"],
        by=officer,
    )
    day.refresh_from_db()
    assert day.filter_question == garden and day.filter_values == ["yes"]

    # A question others depend on cannot lose the answer they depend on; nor can two depend
    # on each other.
    refused = officer_client.post(question_url(garden), {"q-kind": "text", "q-text": "Your garden?"})
    assert refused.status_code == 400
    assert "Question 2 is asked only after certain answers to this one" in refused.content.decode()
    with pytest.raises(SurveyError, match="each be asked only after"):
        question_update(
            question=garden, kind="yes_no", text=garden.text, filter_question=day, filter_values=["o1"]
        )
    garden.refresh_from_db()
    assert garden.kind == "yes_no" and garden.filter_question is None


def test_once_open_structural_edits_are_refused_with_the_reason(
    officer_client: Client, officer: User
) -> None:
    survey = opened(draft())
    day = q(survey, 2)
    options = list(day.options)

    response = officer_client.post(
        edit_url(survey),
        {
            "step": "draft",
            "s-title": "Gardens",
            "s-closes_on": (TODAY + dt.timedelta(days=90)).strftime("%d/%m/%Y"),
        },
    )
    page = response.content.decode()
    assert response.status_code == 400 and "There is a problem" in page
    assert "only its wording can be corrected" in page
    survey.refresh_from_db()
    assert survey.closes_on == TODAY + dt.timedelta(days=30)

    # The question's edit page sends the officer to correct the wording; a save is refused.
    sent = officer_client.get(question_url(day))
    assert sent.status_code == 302 and sent["Location"] == edit_url(survey)
    saved = officer_client.post(
        question_url(day), {"q-kind": "single", "q-text": "Which day?", "q-options": "Monday\nFriday"}
    )
    assert saved.status_code == 400 and "only its wording can be corrected" in saved.content.decode()
    new = officer_client.post(
        reverse("surveys:question-new", args=[survey.pk]), {"q-kind": "text", "q-text": "Another?"}
    )
    assert new.status_code == 400 and "only its wording can be corrected" in new.content.decode()
    day.refresh_from_db()
    assert day.options == options and day.kind == "single" and survey.questions.count() == 3

    with pytest.raises(SurveyError, match="only its wording can be corrected"):
        survey_update(survey=survey, audience=Audience(tenures=("secure",)), by=officer)
    with pytest.raises(SurveyError, match="only its wording can be corrected"):
        question_update(question=day, kind="text", text="Which day?", by=officer)
    with pytest.raises(SurveyError, match="only its wording can be corrected"):
        survey_correct(survey=survey, questions={day.pk: {"options": {"o9": "Sunday"}}}, by=officer)
    with pytest.raises(SurveyError, match="only its wording can be corrected"):
        survey_correct(survey=survey, questions={day.pk: {"filter_values": ["o1"]}}, by=officer)
    with pytest.raises(SurveyError, match="still a draft"):
        survey_correct(survey=draft(), title="New title", by=officer)


def test_a_wording_correction_is_kept_with_who_and_when_and_answers_keep_their_meaning(
    officer_client: Client, officer: User
) -> None:
    survey = opened(draft())
    garden, day, anything = q(survey, 1), q(survey, 2), q(survey, 3)
    given = response_record(
        survey=survey, answers={garden.pk: ["yes"], day.pk: ["o2"]}, channel="paper", by=officer
    )
    page = officer_client.get(edit_url(survey)).content.decode()
    assert "Correct the wording" in page and "Closing date" not in page
    assert f'name="w-q{day.pk}_o_o2"' in page  # an answer's words, by its value

    words = {
        "step": "correct",
        "w-title": "Gardens",
        "w-intro": "Two minutes.",
        f"w-q{garden.pk}_text": garden.text,
        f"w-q{garden.pk}_help_text": "",
        f"w-q{day.pk}_text": "Which day suits you for cutting the grass?",
        f"w-q{day.pk}_help_text": "",
        f"w-q{day.pk}_o_o1": "Monday",
        f"w-q{day.pk}_o_o2": "Tuesday",
        f"w-q{anything.pk}_text": anything.text,
        f"w-q{anything.pk}_help_text": "",
    }
    assert officer_client.post(edit_url(survey), words).status_code == 302
    versions = {v.field: v for v in SurveyCorrection.objects.filter(survey=survey)}
    assert set(versions) == {"text", "option:o2"}
    assert versions["text"].old_text == "Which day suits you for cuting the grass?"
    assert versions["option:o2"].old_text == "Tusday" and versions["option:o2"].new_text == "Tuesday"
    assert all(v.corrected_by == officer and v.corrected_by_name == str(officer) for v in versions.values())
    assert all((timezone.now() - v.corrected_at).total_seconds() < 60 for v in versions.values())
    day.refresh_from_db()
    assert day.options == [["o1", "Monday"], ["o2", "Tuesday"]]
    # The answer already given keeps its value, and now reads with the corrected words.
    assert Answer.objects.get(response=given, question=day).choice == "o2"
    assert dict(day.choices())["o2"] == "Tuesday"
    event = AuditEvent.objects.filter(object_type="survey", actor=officer).latest("pk")
    assert event.changes["question 2 option:o2"] == ["Tusday", "Tuesday"]

    detail = officer_client.get(reverse("surveys:survey-detail", args=[survey.pk])).content.decode()
    assert "<h2>Corrections</h2>" in detail and str(officer) in detail
    assert "Question 2: an answer" in detail and "Tusday" in detail

    # Residents see the corrected wording.
    public = Client().get(reverse("survey-open", args=[survey.pk])).content.decode()
    assert "Which day suits you for cutting the grass?" in public and "Tuesday" in public
    assert "cuting" not in public and "Tusday" not in public

    # Nothing changed, or a question emptied: refused in plain words.
    same = officer_client.post(edit_url(survey), words)
    assert same.status_code == 400 and "Nothing was changed" in same.content.decode()
    empty = officer_client.post(edit_url(survey), {**words, f"w-q{anything.pk}_text": ""})
    assert empty.status_code == 400 and "Write question 3" in empty.content.decode()

    # The title and introduction, corrected through the service: more versions.
    survey_correct(survey=survey, title="Gardens 2027", intro="About two minutes.", by=officer)
    survey.refresh_from_db()
    assert survey.title == "Gardens 2027" and survey.corrections.count() == 4


def test_board_readers_and_residents_cannot_reach_the_edit_pages(
    board_reader: User, tenant_user: User
) -> None:
    survey = draft()
    for user in (board_reader, tenant_user):
        client = sign_in(Client(), user)
        assert client.get(edit_url(survey)).status_code == 403
        assert client.post(edit_url(survey), {"step": "draft", "s-title": "Mine"}).status_code == 403
        assert client.get(question_url(q(survey, 1))).status_code == 403
        assert (
            client.post(question_url(q(survey, 1)), {"q-kind": "text", "q-text": "Mine"}).status_code == 403
        )
    assert Client().get(edit_url(survey)).status_code == 302  # to sign in
    survey.refresh_from_db()
    assert survey.title == "Gardens" and q(survey, 1).kind == "yes_no"
