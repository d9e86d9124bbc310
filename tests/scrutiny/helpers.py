"""A review run from topic to response, shared by the scrutiny tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tenantvoice.activities.models import Activity
from tenantvoice.involvement.models import Group
from tenantvoice.residents.models import Resident
from tenantvoice.scrutiny.models import Recommendation, Review
from tenantvoice.scrutiny.services import recommendation_add, recommendation_respond, review_create
from tests.factories import ActivityFactory, GroupFactory, ResidentFactory, SeatHoldingFactory

BOARD_DAY = dt.date(2026, 11, 18)


def panel_with(*members: Resident) -> Group:
    panel = GroupFactory(name="Tenant Scrutiny Panel")
    for member in members:
        SeatHoldingFactory(seat_category__group=panel, resident=member, started_on=dt.date(2025, 4, 1))
    return panel


def board_meeting(on: dt.date = BOARD_DAY) -> Activity:
    starts = dt.datetime.combine(on, dt.time(18, 0), tzinfo=dt.UTC)
    return ActivityFactory(title="Board", starts_at=starts, ends_at=starts + dt.timedelta(hours=2))


def review_with(
    count: int, *, panel: Group | None = None, **kwargs: Any
) -> tuple[Review, list[Recommendation]]:
    review = review_create(
        title=kwargs.pop("title", "Void repairs"),
        reason="Satisfaction with repairs fell to 61% in the last survey.",
        panel=panel or panel_with(ResidentFactory()),
        **kwargs,
    )
    recommendations = [
        recommendation_add(review=review, text=f"Recommendation {n + 1}") for n in range(count)
    ]
    return review, recommendations


def worked_example(*, due_on: dt.date = dt.date(2027, 3, 31)) -> tuple[Review, list[Recommendation]]:
    """Issue 16's worked example: seven recommendations; the Board accepts four, partly accepts
    one and has two under consideration."""
    review, recommendations = review_with(7)
    meeting = board_meeting()
    responses = ["accepted"] * 4 + ["partly"] + ["considering"] * 2
    for rec, response in zip(recommendations, responses, strict=True):
        recommendation_respond(
            recommendation=rec,
            response=response,
            meeting=meeting,
            reasons="" if response == "accepted" else "Costs are being worked out.",
            owner_name="Head of Repairs",
            due_on=due_on,
            retest_on=due_on + dt.timedelta(days=180),
        )
    return review, recommendations
