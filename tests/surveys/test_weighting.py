"""Weighting by raking, change between waves, and weighted results beside unweighted ones."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tenantvoice.core.suppression import HIDDEN
from tenantvoice.surveys.models import Survey
from tenantvoice.surveys.results import survey_results, weighted_results
from tenantvoice.surveys.services import response_record, tsm_add
from tenantvoice.surveys.statistics import change_test, wilson
from tenantvoice.surveys.weighting import rake
from tests.factories import SurveyFactory, make_resident

from .test_surveys import FULL, answers


def test_one_variable_weights_each_group_to_its_population_share() -> None:
    # Population half renters, half shared owners; respondents 80 renters, 20 owners.
    weighting = rake(
        ["tenure_group"], {("lcra",): 80, ("lcho",): 20}, {"tenure_group": {"lcra": 500, "lcho": 500}}
    )
    assert weighting.weights[("lcra",)] == pytest.approx(50 / 80)
    assert weighting.weights[("lcho",)] == pytest.approx(50 / 20)
    assert weighting.converged and weighting.trimmed_respondents == 0
    # Kish: n * sum(w^2) / (sum w)^2 = 100 * (80*0.390625 + 20*6.25) / 100^2
    assert weighting.design_effect == pytest.approx((80 * 0.625**2 + 20 * 2.5**2) / 100)
    assert weighting.effective_respondents == pytest.approx(100 / weighting.design_effect)


def test_two_variables_match_both_margins() -> None:
    cells = {("lcra", "16-24"): 10, ("lcra", "65-74"): 50, ("lcho", "16-24"): 25, ("lcho", "65-74"): 15}
    margins = {"tenure_group": {"lcra": 700, "lcho": 300}, "age_band": {"16-24": 400, "65-74": 600}}
    weighting = rake(["tenure_group", "age_band"], cells, margins)
    total = sum(n * weighting.weights[c] for c, n in cells.items())
    renters = sum(n * weighting.weights[c] for c, n in cells.items() if c[0] == "lcra")
    young = sum(n * weighting.weights[c] for c, n in cells.items() if c[1] == "16-24")
    assert total == pytest.approx(100)
    assert renters / total == pytest.approx(0.7, abs=1e-5) and young / total == pytest.approx(0.4, abs=1e-5)


def test_a_group_nobody_in_answered_is_named_not_invented() -> None:
    weighting = rake(
        ["age_band"],
        {("25-34",): 30, ("75+",): 30, ("",): 40},
        {"age_band": {"25-34": 100, "75+": 300, "16-24": 600}},
    )
    assert weighting.not_represented == [("age_band", "16-24")]
    assert weighting.weights[("",)] == pytest.approx(1.0)  # age not known: left as it is
    # The known-age respondents are weighted 1:3 as in the population without 16-24s.
    assert weighting.weights[("75+",)] / weighting.weights[("25-34",)] == pytest.approx(3.0)


def test_extreme_weights_are_trimmed_and_the_trim_reported() -> None:
    weighting = rake(
        ["tenure_group"], {("lcra",): 99, ("lcho",): 1}, {"tenure_group": {"lcra": 50, "lcho": 50}}
    )
    # Raked, the one shared owner would count as 50 people; held at 5 times the average instead.
    assert weighting.largest == pytest.approx(5.0) and weighting.trimmed_respondents == 1
    assert sum(n * weighting.weights[c] for c, n in {("lcra",): 99, ("lcho",): 1}.items()) == pytest.approx(
        100
    )


def test_a_change_between_waves_is_tested_for_chance() -> None:
    clear = change_test(wilson(300, 500), wilson(250, 500))  # 60% against 50%
    assert clear is not None and clear.significant and clear.points == pytest.approx(10.0)
    assert clear.p_value == pytest.approx(0.0014, abs=0.0002)
    noise = change_test(wilson(52, 100), wilson(50, 100))
    assert noise is not None and not noise.significant and noise.p_value > 0.7
    assert change_test(wilson(1, 2), wilson(0, 0)) is None


@pytest.mark.django_db
def test_weighted_results_stand_beside_unweighted_and_move_towards_the_population() -> None:
    survey = SurveyFactory(title="Tenant survey 2026", status="draft")
    tsm_add(survey=survey, landlord="Riverside Homes")
    survey.status = "open"
    survey.save()
    # Population: 6 renters and 6 shared owners (the respondents plus those who did not answer).
    renters = [make_resident(tenure="secure") for _ in range(6)]
    owners = [make_resident(tenure="shared_ownership") for _ in range(6)]
    for resident in renters[:4]:  # 4 renters answer, all satisfied
        response_record(survey=survey, answers=answers(survey, **FULL), channel="portal", resident=resident)
    dissatisfied = {**FULL, "TP01": "very_dissatisfied"}
    response_record(
        survey=survey, answers=answers(survey, **dissatisfied), channel="portal", resident=owners[0]
    )

    unweighted = next(r for r in survey_results(survey).questions if r.question.code == "TP01").positive
    assert unweighted is not None and unweighted.percent == pytest.approx(80.0)
    weighted = weighted_results(survey, ["tenure_group"], threshold=1)
    tp01 = survey.questions.get(code="TP01").pk
    # Weighted to 50:50, renters (100% satisfied) and owners (0%) count equally.
    assert weighted.by_question[tp01].percent == pytest.approx(50.0)
    assert weighted.by_question[tp01].low < 0.5 < weighted.by_question[tp01].high
    assert weighted.tsm[("TP01", "lcra")].percent == pytest.approx(100.0)
    # The TSMs read from the weighting's scan are the same as those read on their own.
    assert survey_results(survey, weight_by=["tenure_group", "age_band"]).tsm == survey_results(survey).tsm
    profile = {(row.variable, row.category): row for row in weighted.profile}
    renter_row = profile[("Tenure group (TSM)", "Low-cost rental")]
    assert renter_row.population == pytest.approx(50.0) and renter_row.respondents == pytest.approx(80.0)
    assert renter_row.weighted == pytest.approx(50.0)
    # With the usual threshold of 5, groups of 4 and 1 respondents show no percentages of respondents.
    hidden = survey_results(survey, weight_by=["tenure_group"]).weighted.profile
    assert all(row.respondents is HIDDEN and row.weighted is HIDDEN for row in hidden if row.population)


def _wave(title: str, satisfied: int, dissatisfied: int) -> Survey:
    survey = SurveyFactory(title=title, status="draft")
    tsm_add(survey=survey, landlord="Riverside Homes")
    survey.status = "open"
    survey.save()
    for n in range(satisfied + dissatisfied):
        choice = "very_satisfied" if n < satisfied else "very_dissatisfied"
        resident = make_resident(tenure="secure" if n % 2 else "shared_ownership")
        response_record(
            survey=survey,
            answers=answers(survey, **{**FULL, "TP01": choice}),
            channel="portal",
            resident=resident,
        )
    return survey


@pytest.mark.django_db
def test_the_results_page_weights_compares_waves_and_downloads_the_same_tables(
    officer_client: Client,
) -> None:
    before = _wave("Tenant survey 2025", satisfied=10, dissatisfied=30)
    now = _wave("Tenant survey 2026", satisfied=30, dissatisfied=10)
    url = reverse("surveys:survey-results", args=[now.pk])
    page = officer_client.get(
        url, {"weight": ["tenure_group", "nonsense"], "compare": before.pk}
    ).content.decode()
    assert "Design effect" in page and "Weighted %" in page
    assert '<svg role="img"' in page and "TP01 Overall satisfaction: 75%" in page  # the chart's text
    assert "Respondents and the population" in page
    # TP01: 75% now against 25% before, 40 answers each: a real change.
    assert "<td>75.0</td>" in page and "<td>25.0</td>" in page and "<td>50.0</td>" in page
    assert "Yes (p = 0.000)" in page

    book = load_workbook(
        io.BytesIO(officer_client.get(url, {"compare": before.pk, "format": "xlsx"}).content)
    )
    assert "Satisfaction at a glance" in book.sheetnames
    rows = [list(r) for r in book["Satisfaction at a glance"].iter_rows(values_only=True)]
    tp01 = next(r for r in rows if str(r[0]).startswith("TP01"))
    assert tp01[1:3] == [40, 75.0] and tp01[5:7] == [25.0, 50.0]


@pytest.mark.django_db
def test_the_printable_report_gives_the_survey_approach(officer_client: Client) -> None:
    survey = _wave("Tenant survey 2026", satisfied=6, dissatisfied=2)
    saved = officer_client.post(
        reverse("surveys:survey-action", args=[survey.pk]),
        {"action": "approach", "a-contractor": "Acme Research Ltd", "a-incentives": "A £50 prize draw"},
    )
    assert saved.status_code == 302
    report = officer_client.get(reverse("surveys:survey-report", args=[survey.pk])).content.decode()
    for words in (
        "Survey approach",
        # Groups of 4: hidden, here as in every table.
        "8 responses: low-cost rental hidden, low-cost home ownership hidden.",
        "Website, signed in: 8",
        "Open to everyone (no invitation list).",
        "No weighting applied",
        "Acme Research Ltd",
        "A £50 prize draw",
        "Those who answered compared with the population",
    ):
        assert words in report, words


@pytest.mark.django_db
def test_a_survey_with_more_questions_than_one_bit_mask_holds_counts_every_question() -> None:
    from tenantvoice.surveys.results import MASK_BITS, scale_counts_by_cell
    from tenantvoice.surveys.services import question_add

    survey = SurveyFactory(title="Long", status="open")
    questions = [
        question_add(survey=survey, kind="satisfaction", text=f"Q{n}?") for n in range(MASK_BITS + 8)
    ]
    for n in range(3):
        given = {q.pk: ["very_satisfied" if (i + n) % 3 else "neither"] for i, q in enumerate(questions)}
        response_record(
            survey=survey, answers=given, channel="portal", resident=make_resident(tenure="secure")
        )
    counts = scale_counts_by_cell(survey, questions, ["tenure_group"])
    for i, question in enumerate(questions):
        satisfied = sum(1 for n in range(3) if (i + n) % 3)
        assert counts[(question.pk, ("lcra",))] == (3, satisfied), i


@pytest.mark.django_db
def test_a_survey_nobody_has_answered_yet_shows_its_pages_without_figures(officer_client: Client) -> None:
    survey = SurveyFactory(title="Just opened", status="open")
    tsm_add(survey=survey, landlord="Riverside Homes")
    results = reverse("surveys:survey-results", args=[survey.pk])
    page = officer_client.get(
        results, {"weight": "age_band", "question": survey.questions.get(code="TP01").pk}
    )
    assert page.status_code == 200 and "0 responses" in page.content.decode()
    assert officer_client.get(results, {"format": "xlsx"}).status_code == 200
    report = officer_client.get(reverse("surveys:survey-report", args=[survey.pk])).content.decode()
    assert "0 responses: low-cost rental 0, low-cost home ownership 0." in report
