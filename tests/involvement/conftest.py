"""Helpers for the involvement tests: strategies loaded, meetings, seats and birthdays
(residents in homes: ``tests.factories.make_resident``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.utils import timezone

from tenantvoice.involvement.models import Group, SeatCategory
from tenantvoice.strategies.loader import strategy_load
from tests.factories import ActivityFactory

CONSENT = "I agree to Housing for Women keeping my details to contact me about getting involved."


@pytest.fixture
def load(db: None) -> Callable[[str], dict[str, int]]:
    return strategy_load


def names(**filters: object) -> set[str]:
    return set(Group.objects.filter(**filters).values_list("name", flat=True))


def at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(18, 30)))


def meetings(group: Group, count: int, *, days_apart: int = 30) -> list[object]:
    """``count`` meetings of ``group`` in the last year, ``days_apart`` apart."""
    return [
        ActivityFactory(
            group=group,
            kind="meeting",
            starts_at=at(timezone.localdate() - dt.timedelta(days=10 + days_apart * n)),
        )
        for n in range(count)
    ]


def seat(group: str, slug: str) -> SeatCategory:
    """A group's seat category, by their slugs."""
    return SeatCategory.objects.get(group__slug=group, slug=slug)


def born(age: int, on: dt.date) -> dt.date:
    """A birthday that makes someone ``age`` on ``on``."""
    return on.replace(year=on.year - age) - dt.timedelta(days=30)
