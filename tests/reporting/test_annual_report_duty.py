"""The annual report to residents on the reporting timetable (decision 0058): Tower Hamlets
Homes' strategy says "Each year we will work with residents to develop our Annual Report for
residents" (seed 002, section 3), so its timetable has the annual report to all residents each
year. The draft is the year's annual report as drawn, draft or published, or says plainly that
there is none yet; a kind that needs more than a period (a survey) is never a duty's."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from tenantvoice.accounts.models import User
from tenantvoice.annual_reports.services import report_create
from tenantvoice.reporting.models import ReportingDuty
from tenantvoice.reporting.services import presentation_record
from tenantvoice.strategies.loader import StrategyError, strategy_load
from tests.conftest import sign_in
from tests.factories import ReportingDutyFactory

pytestmark = pytest.mark.django_db

TODAY = dt.datetime(2026, 12, 7, 9, tzinfo=dt.UTC)
YEAR = "2025-04-01"  # the reporting year 2025/26, ended by TODAY


def _duty() -> ReportingDuty:
    return ReportingDutyFactory(
        kind="annual_report", group=None, audience="All residents", cadence="annually"
    )


@time_machine.travel(TODAY, tick=False)
def test_tower_hamlets_homes_reports_its_annual_report_to_all_residents_each_year() -> None:
    strategy_load("tower-hamlets-homes")
    duty = ReportingDuty.objects.get(slug="annual-report-to-residents")
    assert (duty.kind, duty.audience, duty.cadence, duty.group) == (
        "annual_report",
        "All residents",
        "annually",
        None,
    )
    assert duty.title == "Annual report to residents"
    assert duty.year_starts == 4 and duty.sources["year_starts"] == {"default": 4}
    assert duty.source_words() == (
        "Strategy, section 3 (Annual Report): “Each year we will work with residents to develop "
        "our Annual Report for residents”."
    )


@time_machine.travel(TODAY, tick=False)
def test_the_draft_says_plainly_when_there_is_no_annual_report_for_the_year(
    client: Client, board_reader: User
) -> None:
    duty = _duty()
    sign_in(client, board_reader)
    text = client.get(reverse("staff:reporting-draft", args=[duty.pk]), {"start": YEAR}).content.decode()
    assert "Annual report to residents, 2025/26" in text
    assert "No annual report to residents exists for 2025/26 yet" in text


@time_machine.travel(TODAY, tick=False)
def test_the_draft_is_the_years_annual_report_as_drawn_and_is_kept_when_presented(
    client: Client, board_reader: User, officer: User
) -> None:
    report = report_create(year=2025, by=officer)
    chapters = list(report.chapters.filter(included=True).order_by("order"))
    first = chapters[0]
    duty = _duty()
    sign_in(client, board_reader)
    text = client.get(reverse("staff:reporting-draft", args=[duty.pk]), {"start": YEAR}).content.decode()
    assert f"{report.title} (draft)" in text and "not published yet" in text
    assert f"Who took part and how: {first.tables[0]['title']}" in text
    csv = client.get(
        reverse("staff:reporting-draft", args=[duty.pk]), {"start": YEAR, "format": "csv"}
    ).content.decode()
    assert f"Who took part and how: {first.tables[0]['title']}" in csv

    presentation = presentation_record(
        duty=duty,
        period_start=dt.date(2025, 4, 1),
        presented_on=dt.date(2026, 7, 1),
        where="Published on the website and sent to every household",
        decided="Published",
        by=officer,
    )
    titles = [table["title"] for table in presentation.figures]
    assert titles[0] == f"{report.title} (draft)"
    assert len(titles) == 1 + sum(len(chapter.tables) for chapter in chapters)


def _strategy(kind: str, cadence: str = "annually") -> str:
    return f"""
[strategy]
title = "Test"
[[reporting]]
slug = "to-residents"
kind = "{kind}"
audience = "All residents"
cadence = "{cadence}"
[reporting.sources]
kind = {{ section = "3", quote = "our Annual Report for residents" }}
audience = {{ section = "3", quote = "our Annual Report for residents" }}
cadence = {{ section = "3", quote = "Each year" }}
"""


@pytest.mark.parametrize(
    ("kind", "cadence", "message"),
    [
        ("survey", "annually", "field 'kind': 'survey' is not one of"),
        ("annual_report", "quarterly", "drawn for a reporting year of 1 April to 31 March only"),
    ],
)
def test_a_kind_that_needs_a_choice_or_a_whole_year_is_refused_otherwise(
    strategy_file: Any, kind: str, cadence: str, message: str
) -> None:
    with pytest.raises(StrategyError, match=message):
        strategy_load(strategy_file(_strategy(kind, cadence)))
    assert not ReportingDuty.objects.exists()
    strategy_load(strategy_file(_strategy("scrutiny", "quarterly")))
    assert ReportingDuty.objects.get().title == "Scrutiny tracker and action plan"
