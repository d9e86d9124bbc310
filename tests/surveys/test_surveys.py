"""Surveys end to end: design with the TSM bank, invitations, every channel, honest results."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from tenantvoice.comms.models import Message
from tenantvoice.comms.sends import send_run_process
from tenantvoice.core.roles import Role
from tenantvoice.core.suppression import HIDDEN
from tenantvoice.surveys.models import Answer, Invitation, Question, Response, Survey
from tenantvoice.surveys.results import breakdown, survey_results
from tenantvoice.surveys.services import (
    AnswersInvalid,
    SurveyError,
    question_add,
    response_record,
    survey_open,
    tsm_add,
)
from tests.conftest import run_sends, sign_in
from tests.factories import (
    ActivityFactory,
    ParticipantFactory,
    SurveyFactory,
    SurveyInvitationFactory,
    UserFactory,
    make_resident,
)

pytestmark = pytest.mark.django_db


def tsm_survey() -> Survey:
    survey = SurveyFactory(title="Tenant survey 2026", status="draft")
    assert tsm_add(survey=survey, landlord="Riverside Homes") == 15
    return survey


def q(survey: Survey, code: str) -> Question:
    return survey.questions.get(code=code)


def test_the_tsm_bank_has_the_regulators_questions_and_filters() -> None:
    survey = tsm_survey()
    tp01 = q(survey, "TP01")
    assert tp01.text == (
        "Taking everything into account, how satisfied or dissatisfied are you with the service provided by "
        "Riverside Homes?"
    )
    assert [label for _, label in tp01.choices()] == [
        "Very satisfied",
        "Fairly satisfied",
        "Neither satisfied nor dissatisfied",
        "Fairly dissatisfied",
        "Very dissatisfied",
    ]
    assert q(survey, "TP02").filter_question == q(survey, "REPAIR") and q(survey, "TP02").filter_values == [
        "yes"
    ]
    assert q(survey, "TP09").filter_question == q(survey, "COMPLAINT")
    assert q(survey, "TP10").filter_question == q(survey, "COMMUNAL")
    assert q(survey, "TP08").kind == "agreement"
    with pytest.raises(SurveyError, match="already has"):
        tsm_add(survey=survey, landlord="X")


def answers(survey: Survey, **by_code: str | list[str]) -> dict[int, list[str]]:
    return {
        q(survey, code).pk: value if isinstance(value, list) else [value] for code, value in by_code.items()
    }


FULL = {
    "TP01": "fairly_satisfied",
    "REPAIR": "no",
    "TP04": "neither",
    "TP05": "very_satisfied",
    "TP06": "fairly_dissatisfied",
    "TP07": "very_satisfied",
    "TP08": "agree",
    "COMPLAINT": "no",
    "COMMUNAL": "no",
    "TP11": "neither",
    "TP12": "very_satisfied",
}


def test_answers_to_a_question_whose_filter_was_not_passed_never_count() -> None:
    survey = tsm_survey()
    survey.status = "open"
    survey.save()
    response = response_record(
        survey=survey,
        answers=answers(survey, **FULL, TP02="very_satisfied"),
        channel="portal",
        resident=make_resident(tenure="secure"),
    )
    assert not response.answers.filter(question__code="TP02").exists()  # they had no repair
    with pytest.raises(AnswersInvalid) as problems:
        response_record(survey=survey, answers=answers(survey, **{**FULL, "REPAIR": "yes"}), channel="portal")
    assert set(problems.value.problems) == {q(survey, "TP02").pk, q(survey, "TP03").pk}  # now needed
    with pytest.raises(AnswersInvalid):
        response_record(
            survey=survey, answers=answers(survey, **{**FULL, "TP01": "brilliant"}), channel="portal"
        )
    assert Response.objects.count() == 1  # nothing half-written


def test_opening_invites_the_audience_or_a_sample_and_each_link_answers_once(client: Client) -> None:
    for n in range(20):
        make_resident(tenure="secure", first_name=f"T{n}", preferred_channel="letter")
    survey = SurveyFactory(title="Repairs", closes_on=dt.date.today() + dt.timedelta(days=20), status="draft")
    with pytest.raises(SurveyError, match="Add questions first"):
        survey_open(survey=survey)
    question = question_add(survey=survey, kind="satisfaction", text="How were your repairs?", required=True)
    run = survey_open(survey=survey, sample_size=8)
    assert run is not None and not Message.objects.exists()  # queued by the worker, not the request
    assert send_run_process(run.pk) == 8
    assert Message.objects.filter(template="survey_invitation").count() == 8
    invitation = Invitation.objects.first()
    assert invitation is not None
    letter = Message.objects.get(recipient=invitation.resident)
    assert f"/s/{invitation.token}/" in letter.body

    url = reverse("survey-link", args=[invitation.token])
    assert "How were your repairs?" in client.get(url).content.decode()
    missing = client.post(url, {})
    assert missing.status_code == 400 and "Answer this question" in missing.content.decode()
    assert "Thank you" in client.post(url, {f"q-{question.pk}": "very_satisfied"}).content.decode()
    again = client.get(url).content.decode()
    assert "already been answered" in again
    response = Response.objects.get()
    assert (
        response.channel == "link"
        and response.tenure_group == "lcra"
        and response.resident == invitation.resident
    )
    assert client.get(reverse("survey-link", args=["made-up"])).status_code == 404


def test_the_open_link_is_rate_limited(client: Client) -> None:
    cache.clear()
    survey = SurveyFactory(title="Open", status="open", public=True)
    question = question_add(survey=survey, kind="yes_no", text="Do you like the new bins?")
    url = reverse("survey-open", args=[survey.pk])
    for _ in range(20):
        assert client.post(url, {f"q-{question.pk}": "yes"}).status_code == 200
    limited = client.post(url, {f"q-{question.pk}": "yes"})
    assert limited.status_code == 429 and "wait 1 minute and try again" in limited.content.decode()
    assert Response.objects.filter(channel="open").count() == 20


def test_officers_enter_paper_and_phone_responses_and_all_channels_count(officer_client: Client) -> None:
    survey = SurveyFactory(title="Estate", status="open")
    question = question_add(survey=survey, kind="satisfaction", text="Is the estate clean?", required=True)
    person = make_resident(tenure="secure")
    url = reverse("surveys:paper-entry", args=[survey.pk])
    bad = officer_client.post(
        url, {"e-channel": "paper", "e-resident": "999999", f"q-{question.pk}": "fairly_satisfied"}
    )
    assert bad.status_code == 400 and "That resident is no longer on the register" in bad.content.decode()
    officer_client.post(
        url, {"e-channel": "paper", "e-resident": person.pk, f"q-{question.pk}": "fairly_satisfied"}
    )
    officer_client.post(url, {"e-channel": "phone", f"q-{question.pk}": "very_dissatisfied"})
    response_record(survey=survey, answers={question.pk: ["very_satisfied"]}, channel="portal")
    results = survey_results(survey)
    assert results.responses == 3
    assert {line.label for line in results.by_channel} == {"Paper form", "Telephone", "Website, signed in"}
    [result] = results.questions
    assert result.positive is not None and result.positive.positive == 2 and result.positive.base == 3


def test_tsm_results_are_split_by_tenure_group_over_valid_answers() -> None:
    survey = tsm_survey()
    survey.status = "open"
    survey.save()
    for n in range(6):
        response_record(
            survey=survey,
            answers=answers(survey, **{**FULL, "TP01": "very_satisfied" if n < 4 else "neither"}),
            channel="portal",
            resident=make_resident(tenure="secure"),
        )
    response_record(
        survey=survey,
        answers=answers(survey, **{**FULL, "TP01": "fairly_dissatisfied"}),
        channel="portal",
        resident=make_resident(tenure="shared_ownership"),
    )
    response_record(
        survey=survey,
        answers=answers(survey, **FULL),
        channel="portal",
        resident=make_resident(tenure="leasehold"),
    )  # neither
    rows = {code: (lcra, lcho) for code, _, lcra, lcho in survey_results(survey).tsm}
    lcra, lcho = rows["TP01"]
    assert (lcra.positive, lcra.base) == (4, 6) and (lcho.positive, lcho.base) == (0, 1)
    assert rows["TP02"][0].base == 0  # nobody had a repair: no base, not 0%


def test_breakdowns_hide_small_groups_and_the_one_that_would_give_them_away() -> None:
    survey = SurveyFactory(title="B", status="open")
    question = question_add(survey=survey, kind="satisfaction", text="Overall?")
    for tenure, n in (("secure", 12), ("assured", 7), ("shared_ownership", 2)):
        for _ in range(n):
            response_record(
                survey=survey,
                answers={question.pk: ["fairly_satisfied"]},
                channel="portal",
                resident=make_resident(tenure=tenure),
            )
    rows = {row.group: row for row in breakdown(question, "tenure")}
    owners, assured, secure = rows["Shared ownership"], rows["Assured tenancy"], rows["Secure tenancy"]
    assert owners.percent is HIDDEN and owners.base is HIDDEN
    # Secondary suppression: else 21 answers less 12 and 7 would give the 2 away. Hidden cells
    # look alike, so that a reader cannot tell the small one from the one protecting it.
    assert assured.percent is HIDDEN and assured.base is HIDDEN
    assert secure.percent == 100.0 and secure.base == 12


def test_officer_designs_and_opens_a_survey_through_the_pages(officer_client: Client) -> None:
    make_resident(tenure="secure", preferred_channel="letter")
    officer_client.post(reverse("surveys:new"), {"s-title": "Communal cleaning", "s-intro": "Five minutes."})
    survey = Survey.objects.get()
    detail = reverse("surveys:survey-detail", args=[survey.pk])
    assert "you need about" in officer_client.get(detail).content.decode()
    bad = officer_client.post(
        reverse("surveys:question-new", args=[survey.pk]),
        {"q-kind": "single", "q-text": "Which day?", "q-options": "Monday"},
    )
    assert bad.status_code == 400 and "at least two answers" in bad.content.decode()
    officer_client.post(
        reverse("surveys:question-new", args=[survey.pk]),
        {"q-kind": "yes_no", "q-text": "Do you have a communal hallway?"},
    )
    hall = survey.questions.get()
    officer_client.post(
        reverse("surveys:question-new", args=[survey.pk]),
        {
            "q-kind": "satisfaction",
            "q-text": "Is it clean?",
            "q-filter_question": hall.pk,
            "q-filter_values": "Yes",
        },
    )
    clean = survey.questions.get(text="Is it clean?")
    assert clean.filter_question == hall and clean.filter_values == ["yes"]
    officer_client.post(
        reverse("surveys:survey-action", args=[survey.pk]), {"action": "up", "question": clean.pk}
    )
    assert list(survey.questions.values_list("text", flat=True))[0] == "Is it clean?"
    officer_client.post(
        reverse("surveys:survey-action", args=[survey.pk]),
        {"action": "open", "o-sample_size": "", "confirm": "yes"},
    )
    run_sends()
    survey.refresh_from_db()
    assert survey.status == "open" and survey.invitations.count() == 1

    resident = survey.invitations.get().resident
    portal = sign_in(Client(), UserFactory(role=Role.RESIDENT, resident=resident))
    assert "Communal cleaning" in portal.get(reverse("portal:surveys")).content.decode()
    page = portal.get(reverse("portal:survey", args=[survey.pk])).content.decode()
    assert "Only answer this if you said &quot;Yes&quot; to question 2." in page
    portal.post(
        reverse("portal:survey", args=[survey.pk]),
        {f"q-{hall.pk}": "yes", f"q-{clean.pk}": "fairly_satisfied"},
    )
    assert Answer.objects.count() == 2
    results = officer_client.get(reverse("surveys:survey-results", args=[survey.pk])).content.decode()
    # One response from one invited: both are small numbers, and so is the rate made from them.
    assert (
        "Fewer than 5 responses, or a number hidden to protect a small one from a hidden number invited."
        in results
    )
    assert "100.0%" not in results


def test_you_said_we_did_goes_to_each_respondent_and_is_published(officer_client: Client) -> None:
    survey = SurveyFactory(title="Bins", status="open", anonymous=True)
    question = question_add(survey=survey, kind="yes_no", text="Are the bins emptied on time?")
    person = make_resident(tenure="secure", preferred_channel="letter", first_name="Ola")
    invitation = SurveyInvitationFactory(survey=survey, resident=person)
    response_record(survey=survey, answers={question.pk: ["no"]}, channel="link", invitation=invitation)
    assert Response.objects.get().resident is None  # anonymous: the response keeps no name
    action = reverse("surveys:survey-action", args=[survey.pk])
    early = officer_client.post(
        action, {"action": "feedback", "you_said": "Late", "we_did": "New rota"}, follow=True
    )
    assert "Close the survey first" in early.content.decode()
    officer_client.post(action, {"action": "close"})
    officer_client.post(
        action,
        {
            "action": "feedback",
            "you_said": "Bins are late.",
            "we_did": "A new rota from May.",
            "confirm": "yes",
        },
    )
    run_sends()
    letter = Message.objects.get(template="you_said_we_did")
    assert letter.recipient == person and "A new rota from May." in letter.body
    public = Client().get(reverse("you-said-we-did")).content.decode()
    assert "Bins are late." in public and "A new rota from May." in public


def test_exit_surveys_go_to_those_present_the_day_after_once() -> None:
    from django.core.management import call_command
    from django.utils import timezone

    survey = SurveyFactory(title="How was the event?", after_activities=True, status="draft")
    question_add(survey=survey, kind="rating", text="Out of 10?")
    assert survey_open(survey=survey) is None  # nobody is invited when it opens
    yesterday = timezone.now() - dt.timedelta(days=1)
    event = ActivityFactory(title="Fun day", starts_at=yesterday, ends_at=yesterday + dt.timedelta(hours=3))
    there = ParticipantFactory(
        activity=event,
        resident=make_resident(tenure="secure", preferred_channel="letter"),
        attendance="present",
    )
    ParticipantFactory(activity=event, resident=make_resident(tenure="secure"), attendance="apologies")
    call_command("daily")
    run_sends()
    call_command("daily")
    run_sends()
    invitation = Invitation.objects.get()
    assert invitation.resident == there.resident and invitation.activity == event
    assert Message.objects.filter(template="survey_invitation").count() == 1


def test_a_contractors_file_is_all_or_nothing_with_a_report_by_row(officer_client: Client) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    survey = tsm_survey()
    survey.status = "open"
    survey.save()
    person = make_resident(tenure="secure")
    heading = "reference,channel,TP01,REPAIR,TP04,TP05,TP06,TP07,TP08,COMPLAINT,COMMUNAL,TP11,TP12\n"
    rest = "No,neither,Very satisfied,Fairly dissatisfied,Very satisfied,Agree,No,No,"
    neither = "Neither satisfied nor dissatisfied"
    good = f"{person.hms_ref},phone,Fairly satisfied,{rest}{neither},very_satisfied\n"
    bad = f",paper,Brilliant,{rest}neither,very_satisfied\n"
    url = reverse("surveys:responses-upload", args=[survey.pk])
    refused = officer_client.post(url, {"file": SimpleUploadedFile("c.csv", (heading + good + bad).encode())})
    page = refused.content.decode()
    assert refused.status_code == 400
    assert "Row 3, column TP01: &quot;Brilliant&quot; is not an answer to this question." in page
    assert Response.objects.count() == 0  # nothing saved
    kept = officer_client.post(
        url, {"file": SimpleUploadedFile("c.csv", (heading + good + bad).encode()), "good_rows_only": "on"}
    )
    assert "1 response added" in kept.content.decode()
    response = Response.objects.get()
    assert response.channel == "phone" and response.resident == person
    wrong_heading = officer_client.post(url, {"file": SimpleUploadedFile("c.csv", b"TP99\nyes\n")})
    assert "This column is not a question of the survey" in wrong_heading.content.decode()


def test_results_download_and_free_text_search(officer_client: Client) -> None:
    survey = SurveyFactory(title="Free", status="open")
    rating = question_add(survey=survey, kind="satisfaction", text="Overall?")
    words = question_add(survey=survey, kind="text", text="Anything else?")
    for text in ("The lift is broken again", "Lovely gardens"):
        response_record(
            survey=survey, answers={rating.pk: ["very_satisfied"], words.pk: [text]}, channel="portal"
        )
    url = reverse("surveys:survey-results", args=[survey.pk])
    found = officer_client.get(url, {"search": "lift"}).content.decode()
    assert "The lift is broken again" in found and "Lovely gardens" not in found
    csv = officer_client.get(url, {"format": "csv"}).content.decode()
    assert "Overall?,,Very satisfied,[c],[c]" in csv  # 2 answers: hidden, and so is the %


def test_a_stratified_sample_gives_each_group_its_fair_share(officer_client: Client) -> None:
    renters = [make_resident(tenure="secure") for _ in range(20)]
    owners = [make_resident(tenure="shared_ownership") for _ in range(10)]
    survey = SurveyFactory(
        title="Stratified", closes_on=dt.date.today() + dt.timedelta(days=20), status="draft"
    )
    question_add(survey=survey, kind="satisfaction", text="Overall?")
    url = reverse("surveys:survey-action", args=[survey.pk])

    refused = officer_client.post(url, {"action": "open", "o-stratify_by": "tenure_group"})
    assert refused.status_code == 400
    assert "Enter the size of the sample to share out" in refused.content.decode()

    officer_client.post(
        url, {"action": "open", "o-sample_size": "9", "o-stratify_by": "tenure_group", "confirm": "yes"}
    )
    run_sends()
    invited = set(Invitation.objects.values_list("resident_id", flat=True))
    assert len(invited & {r.pk for r in renters}) == 6 and len(invited & {r.pk for r in owners}) == 3
    survey.refresh_from_db()
    assert survey.sample_size == 9
    report = officer_client.get(reverse("surveys:survey-report", args=[survey.pk])).content.decode()
    assert (
        "A stratified random sample (stratified by tenure group (tsm): Low-cost home ownership 3, "
        "Low-cost rental 6) of 9" in report
    )


def test_officers_translate_questions_and_residents_see_them_with_english_where_empty(
    officer_client: Client,
) -> None:
    for _ in range(3):
        make_resident(tenure="secure", language="pl")
    survey = SurveyFactory(title="Translated", status="draft")
    overall = question_add(survey=survey, kind="satisfaction", text="Overall?")
    other = question_add(survey=survey, kind="text", text="Anything else?")
    url = reverse("surveys:survey-translate", args=[survey.pk])
    page = officer_client.get(url, {"language": "pl"}).content.decode()
    assert "Polish (3)" in page and 'Answer "Very satisfied" in Polish' in page

    saved = officer_client.post(
        url,
        {
            "language": "pl",
            f"t-{overall.pk}": "Ogólnie?",
            f"o-{overall.pk}-very_satisfied": "Bardzo zadowolony",
        },
    )
    assert saved.status_code == 302
    overall.refresh_from_db()
    other.refresh_from_db()
    assert overall.translations == {
        "pl": {"text": "Ogólnie?", "options": {"very_satisfied": "Bardzo zadowolony"}}
    }
    assert other.translations == {}  # nothing typed: residents see the English
    text, choices = overall.in_language("pl")
    assert text == "Ogólnie?" and choices[0][1] == "Bardzo zadowolony" and choices[1][1] == "Fairly satisfied"
    preview = officer_client.get(reverse("surveys:survey-preview", args=[survey.pk]), {"lang": "pl"})
    assert "Ogólnie?" in preview.content.decode() and "Anything else?" in preview.content.decode()

    too_long = officer_client.post(url, {"language": "pl", f"t-{overall.pk}": "x" * 2001})
    assert (
        too_long.status_code == 400
        and "Keep the question under 2000 characters." in too_long.content.decode()
    )
    overall.refresh_from_db()
    assert overall.translations["pl"]["text"] == "Ogólnie?"  # nothing half-written

    officer_client.post(url, {"language": "pl"})  # every box emptied: the translation goes
    overall.refresh_from_db()
    assert overall.translations == {}
