"""The strategy action plan report: each plan's actions with owner, target date, status, progress
and RAG status, counts by RAG with a chart and the table beside it, CSV and XLSX (decision 0043)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.test import Client, override_settings
from django.utils import timezone
from openpyxl import load_workbook

from tenantvoice.actions.models import Action, ActionStatus
from tenantvoice.actions.services import action_progress
from tenantvoice.plans.report import AMBER, GREEN, NOT_RATED, RED, plan_reports, rag
from tenantvoice.strategies.loader import strategy_load

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 1)


def _action(**kwargs: object) -> Action:
    values: dict[str, object] = {
        "title": "A",
        "status": ActionStatus.NOT_STARTED,
        "progress": 0,
        "due_on": None,
    }
    values.update(kwargs)
    action = Action(**values)
    action.created_at = timezone.make_aware(dt.datetime(2026, 1, 1))
    return action


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"status": ActionStatus.DONE, "progress": 100, "due_on": dt.date(2026, 1, 2)}, GREEN),
        ({"due_on": dt.date(2026, 5, 31)}, RED),  # open after its date
        ({"due_on": dt.date(2026, 6, 30)}, AMBER),  # due within 30 days
        ({"due_on": dt.date(2026, 12, 31), "progress": 10}, AMBER),  # 5 of 12 months gone, 10% done
        ({"due_on": dt.date(2026, 12, 31), "progress": 50, "status": ActionStatus.IN_PROGRESS}, GREEN),
        ({"due_note": "Ongoing"}, NOT_RATED),
        ({"status": ActionStatus.NOT_DOING, "due_on": dt.date(2026, 1, 2)}, NOT_RATED),
    ],
)
def test_the_rag_rule(kwargs: dict[str, object], expected: str) -> None:
    assert rag(_action(**kwargs), TODAY, 30) == expected


@override_settings(TENANTVOICE_PLAN_AMBER_DAYS=60)
def test_the_amber_window_is_a_setting() -> None:
    assert rag(_action(due_on=dt.date(2026, 7, 20), progress=90), TODAY) == AMBER


def test_housing_for_womens_plan_counts_by_rag() -> None:
    strategy_load("housing-for-women")
    third = Action.objects.get(plan_item__key="3")
    action_progress(action=third, status=ActionStatus.DONE, evidence="Applications invited")
    (report,) = plan_reports(dt.date(2026, 6, 1))
    # Done: rows 1, 2 and 3; overdue: rows 4, 5, 6 (dated 2018); no date: the other six.
    assert report.counts == {RED: 3, AMBER: 0, GREEN: 3, NOT_RATED: 6}
    counts = report.tables()[1]
    assert counts.rows == [["Red", 3, 25], ["Amber", 0, 0], ["Green", 3, 25], ["Not rated", 6, 50]]
    assert [bar.value for bar in report.chart.bars] == [3, 0, 3, 6]


def test_the_page_shows_each_plan_its_chart_and_table_and_the_rule(
    client: Client, board_reader: object
) -> None:
    from tests.conftest import sign_in

    strategy_load("winchester")
    sign_in(client, board_reader)  # type: ignore[arg-type]
    page = client.get("/staff/reports/action-plans/").content.decode()
    assert "<h1>Strategy action plans on" in page
    assert "Tenant Engagement Strategy Action Plan" in page
    assert "<caption>Tenant Engagement Strategy Action Plan: by RAG status</caption>" in page
    assert '<svg role="img"' in page and 'class="printable-report"' in page
    assert "Part time (PT) Tenant Engagement Officer (tbd)" in page and "Apr 2018 – March 2019" in page
    assert "due within 30 days" in page and "TenantVoice's, not the strategy's" in page
    assert "<script" not in page


def test_a_plan_not_published_says_so(officer_client: Client) -> None:
    strategy_load("thenue")
    page = officer_client.get("/staff/reports/action-plans/").content.decode()
    assert "No action plan was published with this strategy." in page
    assert "Strategic objective" in page and "Not given" in page


def test_the_report_downloads_as_csv_and_xlsx(officer_client: Client) -> None:
    strategy_load("housing-for-women")
    csv = officer_client.get("/staff/reports/action-plans/?format=csv")
    assert csv["Content-Disposition"].startswith('attachment; filename="action-plans-')
    text = csv.content.decode()
    assert "Engagement Strategy Action Plan: actions" in text
    assert (
        "Invite applications to become members of the Level 4 Tenant Scrutiny Panel,Action,,"
        "Director of Operations,31/12/2017,Not started,0,Red" in text
    )
    xlsx = officer_client.get("/staff/reports/action-plans/?format=xlsx")
    book = load_workbook(io.BytesIO(xlsx.content))
    sheet = book.worksheets[1]
    assert [c.value for c in next(sheet.iter_rows(min_row=2, max_row=2))] == [
        "RAG status",
        "Actions",
        "Share (%)",
    ]
