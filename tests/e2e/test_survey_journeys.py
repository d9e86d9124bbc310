"""Surveys in the browser: an officer builds a TSM survey; a resident answers by their personal
link on a phone without JavaScript; results pass axe."""

from __future__ import annotations

from typing import Any

import pytest

from tenantvoice.accounts.models import User
from tenantvoice.surveys.models import Response, Survey
from tests.factories import ResidentFactory, SurveyFactory, SurveyInvitationFactory, TenancyMemberFactory

from .conftest import check_accessibility, sign_in_with_code, submit
from .test_resident_journeys import check_without_javascript

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_officer_builds_a_tsm_survey(page: Any, live_server: Any, olive: User) -> None:
    base = live_server.url
    TenancyMemberFactory()
    sign_in_with_code(page, base, olive)
    page.goto(f"{base}/staff/surveys/new/")
    check_accessibility(page)
    page.get_by_label("Title").fill("Tenant survey 2026")
    submit(page, "Save the draft")
    check_accessibility(page)
    submit(page, "Add the Tenant Satisfaction Measures questions (TP01 to TP12)")
    assert "TP12" in page.content()
    check_accessibility(page)
    survey = Survey.objects.get()
    page.goto(f"{base}/staff/surveys/{survey.pk}/preview/")
    check_accessibility(page)
    page.goto(f"{base}/staff/surveys/{survey.pk}/")
    submit(page, "Check who will be invited")
    check_accessibility(page)  # the confirmation page: how many each channel reaches
    submit(page, "Open the survey and send the invitations")
    page.goto(f"{base}/staff/surveys/{survey.pk}/entry/")
    check_accessibility(page)
    page.goto(f"{base}/staff/surveys/{survey.pk}/results/")
    check_accessibility(page)


def test_a_resident_answers_by_their_link_on_a_phone(
    phone_without_javascript: Any, axe_page: Any, live_server: Any
) -> None:
    from tenantvoice.surveys.services import question_add

    page, base = phone_without_javascript, live_server.url
    survey = SurveyFactory(title="Repairs", status="open")
    hall = question_add(survey=survey, kind="yes_no", text="Do you have a communal hallway?", required=True)
    question_add(
        survey=survey, kind="satisfaction", text="Is it clean?", filter_question=hall, filter_values=["yes"]
    )
    question_add(survey=survey, kind="text", text="Anything else?")
    invitation = SurveyInvitationFactory(survey=survey, resident=ResidentFactory())
    page.goto(f"{base}/s/{invitation.token}/")
    check_without_javascript(page, axe_page, base)
    submit(page, "Send my answers")
    assert "There is a problem" in page.content()
    check_without_javascript(page, axe_page, base)
    page.get_by_label("Yes").check()
    page.get_by_label("Fairly satisfied").check()
    page.get_by_label("Anything else?").fill("More bins please")
    submit(page, "Send my answers")
    assert "Thank you" in page.content()
    check_without_javascript(page, axe_page, base)
    assert Response.objects.get().answers.count() == 3


def test_an_insight_officer_weighs_compares_benchmarks_and_translates(
    page: Any, live_server: Any, olive: User, tmp_path: Any
) -> None:
    from tests.surveys.test_weighting import _wave

    before = _wave("Tenant survey 2025", satisfied=10, dissatisfied=30)
    now = _wave("Tenant survey 2026", satisfied=30, dissatisfied=10)
    base = live_server.url
    sign_in_with_code(page, base, olive)

    page.goto(f"{base}/staff/surveys/peers/")
    check_accessibility(page)
    peers = tmp_path / "peers.csv"
    peers.write_text("landlord,TP01\nA,60\nB,70\nC,80\nD,90\n")
    page.get_by_label("Name of the peer group").fill("London peers")
    page.get_by_label("The file (CSV or Excel)").set_input_files(str(peers))
    submit(page, "Import")
    assert "Imported 4 figures" in page.content()
    check_accessibility(page)

    page.goto(f"{base}/staff/surveys/{now.pk}/results/")
    page.get_by_label("Tenure group (TSM)").check()
    page.get_by_label("Compare with an earlier survey").select_option(label=before.title)
    page.get_by_label("Show the TSMs' quartiles among a peer group").select_option(label="London peers")
    submit(page, "Show these results")
    content = page.content()
    assert "Weighted %" in content and "Change more than chance?" in content and "Second quartile" in content
    check_accessibility(page)
    submit(page, "Break it down")
    assert "by type of home" in page.content()
    check_accessibility(page)
    page.get_by_role("link", name="Printable report with the survey approach").click()
    page.wait_for_load_state()
    assert "Survey approach" in page.content()
    check_accessibility(page)

    page.goto(f"{base}/staff/surveys/{now.pk}/translate/")
    check_accessibility(page)
    page.get_by_label("Language").select_option(label="Polish")
    submit(page, "Choose")
    page.locator(f"#t-{now.questions.get(code='TP01').pk}").fill(
        "Ogólnie, jak bardzo jest Pan/Pani zadowolony?"
    )
    submit(page, "Save the Polish translation")
    assert "in Polish" in page.content()
    check_accessibility(page)
