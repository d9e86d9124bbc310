"""The scrutiny tracker's figures: issue 16's worked example, the year's reviews against the
strategy's target, implemented by the due date, overdue actions, and the public version
(published reviews only, no names)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse

from tenantvoice.actions.models import Action
from tenantvoice.actions.services import action_progress
from tenantvoice.scrutiny.report import tracker
from tenantvoice.scrutiny.services import review_publish, review_report_save, review_stage_set
from tenantvoice.strategies.loader import strategy_load

from .helpers import review_with, worked_example

pytestmark = pytest.mark.django_db

ON = dt.date(2026, 12, 7)


def test_the_worked_example_shows_71_accepted_and_29_awaiting() -> None:
    worked_example()
    figures = tracker(ON)
    assert (figures.recommendations, figures.accepted, figures.awaiting) == (7, 5, 2)
    assert figures.accepted_share == 71 and figures.awaiting_share == 29
    responses = {row[0]: row[1:] for row in figures.tables[1].rows}
    assert responses["Accepted"] == [4, "57%"]
    assert responses["Partly accepted"] == [1, "14%"]
    assert responses["Still under consideration"] == [2, "29%"]
    assert responses["Not accepted"] == [0, "0%"]
    assert Action.objects.filter(recommendation__isnull=False).count() == 5


def test_the_worked_example_on_the_officers_page(client: object, board_reader: object) -> None:
    from tests.conftest import sign_in

    worked_example()
    page = sign_in(client, board_reader).get(reverse("staff:scrutiny-tracker"))  # type: ignore[arg-type]
    text = page.content.decode()
    assert page.status_code == 200
    assert "71% accepted or partly accepted" in text and "29% awaiting a response" in text
    assert "<svg" in text and "<caption>Recommendations by the landlord&#x27;s response</caption>" in text


def test_the_tracker_downloads_as_csv_and_xlsx(officer_client: object) -> None:
    worked_example()
    csv_answer = officer_client.get(reverse("staff:scrutiny-tracker"), {"format": "csv"})  # type: ignore[attr-defined]
    rows = list(csv.reader(io.StringIO(csv_answer.content.decode())))
    assert ["Accepted or partly accepted", "5", "7", "71%"] in rows
    xlsx = officer_client.get(reverse("staff:scrutiny-tracker"), {"format": "xlsx"})  # type: ignore[attr-defined]
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_reviews_are_counted_by_stage() -> None:
    first, _ = review_with(1)
    review_with(0)
    review_stage_set(review=first, stage="scoping")
    stages = dict(tracker(ON).tables[0].rows)  # type: ignore[arg-type]
    assert stages["Proposed"] == 1 and stages["Scoping"] == 1 and stages["Closed"] == 0


def test_the_years_reviews_are_checked_against_housing_for_womens_three() -> None:
    strategy_load("housing-for-women")
    for n in range(2):
        review, _ = review_with(0, title=f"Review {n}")
        review_stage_set(review=review, stage="scoping", on=dt.date(2026, 3 + n, 1))
    last_year, _ = review_with(0, title="Last year's")
    review_stage_set(review=last_year, stage="scoping", on=dt.date(2025, 6, 1))
    review_with(0, title="Only proposed")
    target = tracker(ON).target
    assert target.words == "2 of 3 this year"
    assert target.source["quote"] == "3 areas of service reviewed annually"


def test_without_a_target_the_count_says_so() -> None:
    review, _ = review_with(0)
    review_stage_set(review=review, stage="scoping", on=dt.date(2026, 5, 1))
    assert tracker(ON).target.words == "1 started in 2026 (the strategy sets no yearly target)"


def test_implemented_by_the_due_date_and_overdue_actions() -> None:
    worked_example(due_on=dt.date(2026, 11, 30))
    actions = list(Action.objects.filter(recommendation__isnull=False).order_by("pk"))
    # Two done on time, one done late, two still open after the due date (overdue).
    for action in actions[:2]:
        action_progress(action=action, status="done", evidence="Letters changed", on=dt.date(2026, 11, 20))
    action_progress(action=actions[2], status="done", evidence="Done", on=dt.date(2026, 12, 3))
    figures = tracker(ON)
    assert (figures.on_time, figures.due, figures.on_time_share) == (2, 5, 40)
    overdue = figures.tables[-1]
    assert len(overdue.rows) == 2 and "Owner" in overdue.headers


def test_the_public_tracker_counts_published_reviews_and_names_nobody(client: object) -> None:
    review, _ = worked_example(due_on=dt.date(2026, 11, 30))
    review_with(3, title="Not published")
    assert tracker(ON, public=True).recommendations == 0
    review_report_save(review=review, report="Voids are slow.")
    review_publish(review=review)
    figures = tracker(ON, public=True)
    assert figures.recommendations == 7 and figures.accepted_share == 71
    assert "Owner" not in figures.tables[-1].headers
    page = client.get(reverse("scrutiny-tracker"))  # type: ignore[attr-defined]
    assert page.status_code == 200 and "Head of Repairs" not in page.content.decode()
    assert "71% accepted or partly accepted" in page.content.decode()
