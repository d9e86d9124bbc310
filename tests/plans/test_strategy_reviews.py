"""Strategy reviews on the strategy's cycle (Thenue twice a year, Tower Hamlets Homes and Southway
every year): scheduled when the strategy loads, held at a meeting with an outcome, and the next
one scheduled as each is recorded (decision 0043)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from tenantvoice.actions.models import Action
from tenantvoice.plans.models import ReviewCycle, StrategyReview
from tenantvoice.plans.schedule import add_months, next_review_due
from tenantvoice.plans.services import ReviewError, strategy_review_record
from tenantvoice.staff.work import todays_work
from tenantvoice.strategies.loader import strategy_load
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db


def _meeting(days_ago: int = 1, **kwargs: object) -> object:
    starts = timezone.now() - dt.timedelta(days=days_ago)
    return ActivityFactory(
        title="Board meeting", starts_at=starts, ends_at=starts + dt.timedelta(hours=2), **kwargs
    )


def test_thenues_action_plan_review_falls_due_twice_a_year_from_the_load_date() -> None:
    strategy_load("thenue")
    cycle = ReviewCycle.objects.get(slug="thenue-action-plan-review")
    today = timezone.localdate()
    assert cycle.months == 6 and cycle.starts_on == today
    assert cycle.sources["months"]["quote"].startswith(
        "Monitor and review the Community Engagement action plan"
    )
    assert cycle.sources["starts_on"]["chosen"] is True  # the start is the landlord's, not the strategy's
    assert StrategyReview.objects.get(cycle=cycle).due_on == add_months(today, 6)


@pytest.mark.parametrize(
    ("strategy", "slug"),
    [("tower-hamlets-homes", "thh-agreement-annual-review"), ("southway", "southway-strategy-review")],
)
def test_annual_reviews_fall_due_a_year_on(strategy: str, slug: str) -> None:
    strategy_load(strategy)
    review = StrategyReview.objects.get(cycle__slug=slug)
    assert review.due_on == add_months(timezone.localdate(), 12)
    strategy_load(strategy)  # loading again schedules nothing more
    assert StrategyReview.objects.filter(cycle__slug=slug).count() == 1


def test_no_review_cycle_is_loaded_where_the_strategy_states_none() -> None:
    strategy_load("housing-for-women")
    strategy_load("winchester")
    assert not ReviewCycle.objects.exists()


def test_the_next_review_is_a_cycle_after_the_due_date_or_after_a_very_late_one_was_held() -> None:
    assert add_months(dt.date(2026, 8, 31), 6) == dt.date(2027, 2, 28)
    assert next_review_due(dt.date(2026, 4, 1), dt.date(2026, 4, 20), 6) == dt.date(2026, 10, 1)
    assert next_review_due(dt.date(2026, 4, 1), dt.date(2026, 11, 2), 6) == dt.date(2027, 5, 2)
    assert next_review_due(dt.date(2026, 4, 1), dt.date(2026, 3, 20), 12) == dt.date(2027, 4, 1)


def test_recording_a_review_keeps_the_outcome_adds_actions_and_schedules_the_next() -> None:
    strategy_load("thenue")
    review = StrategyReview.objects.get()
    meeting = _meeting()
    following = strategy_review_record(
        review=review,
        activity=meeting,
        outcome="The plan is on track; profiling to be speeded up.",
        actions=["Run the customer profiling survey", ""],
    )
    review.refresh_from_db()
    assert review.held_on == meeting.date and review.activity == meeting
    assert following.due_on == add_months(review.due_on, 6) and not following.is_held
    added = Action.objects.get(title="Run the customer profiling survey")
    assert added.plan == review.cycle.plan and list(review.actions_added.all()) == [added]
    with pytest.raises(ReviewError, match="was recorded as held"):
        strategy_review_record(review=review, activity=meeting, outcome="Again")


def test_it_refuses_a_review_without_an_outcome_or_at_a_meeting_still_to_come() -> None:
    strategy_load("southway")
    review = StrategyReview.objects.get()
    with pytest.raises(ReviewError, match="Say what the review found"):
        strategy_review_record(review=review, activity=_meeting(), outcome="  ")
    with pytest.raises(ReviewError, match="still to come"):
        strategy_review_record(review=review, activity=_meeting(days_ago=-3), outcome="Fine")
    assert StrategyReview.objects.count() == 1


def test_an_officer_records_a_review_on_its_page(officer_client: Client) -> None:
    strategy_load("tower-hamlets-homes")
    review = StrategyReview.objects.get()
    meeting = _meeting()
    page = officer_client.get(f"/staff/strategy-reviews/{review.pk}/").content.decode()
    assert "The Residents Panel and the Board will review the Agreement annually" in page
    response = officer_client.post(
        f"/staff/strategy-reviews/{review.pk}/",
        {
            "activity": meeting.pk,
            "outcome": "Agreement still fit for purpose.",
            "actions": "Publish in Open Door",
        },
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.is_held
    listing = officer_client.get("/staff/strategy-reviews/").content.decode()
    assert "Agreement still fit for purpose." in listing and "Publish in Open Door" in listing
    assert "<caption>Strategy reviews due</caption>" in listing


def test_an_empty_form_is_refused_in_plain_words(officer_client: Client) -> None:
    strategy_load("southway")
    review = StrategyReview.objects.get()
    response = officer_client.post(f"/staff/strategy-reviews/{review.pk}/", {})
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()


def test_reviews_due_within_a_month_or_overdue_are_on_the_staff_home(officer: object) -> None:
    officer.is_verified = lambda: True  # type: ignore[attr-defined]  # past the second factor
    strategy_load("southway")
    review = StrategyReview.objects.get()
    assert not [k for k in todays_work(officer) if k.key == "strategy-reviews"]
    StrategyReview.objects.filter(pk=review.pk).update(due_on=timezone.localdate() - dt.timedelta(days=3))
    (kind,) = [k for k in todays_work(officer) if k.key == "strategy-reviews"]
    assert kind.heading == "Strategy reviews due" and kind.total == 1
    assert kind.items[0].late and kind.items[0].url == f"/staff/strategy-reviews/{review.pk}/"


def test_a_board_reader_sees_the_reviews_but_cannot_record_one(client: Client, board_reader: object) -> None:
    from tests.conftest import sign_in

    strategy_load("southway")
    review = StrategyReview.objects.get()
    sign_in(client, board_reader)  # type: ignore[arg-type]
    page = client.get("/staff/strategy-reviews/").content.decode()
    assert "The Customer Involvement Strategy" in page and "Record as held" not in page
    assert client.get(f"/staff/strategy-reviews/{review.pk}/").status_code == 403
