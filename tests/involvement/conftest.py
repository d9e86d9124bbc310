"""Helpers for the involvement tests: residents in households, strategies loaded."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.utils import timezone

from tenantvoice.involvement.models import Group, SeatCategory
from tenantvoice.residents.models import MemberRole, Resident, Tenure
from tenantvoice.strategies.loader import strategy_load
from tests.factories import (
    ActivityFactory,
    PropertyFactory,
    ResidentFactory,
    TenancyFactory,
    TenancyMemberFactory,
)

CONSENT = "I agree to Housing for Women keeping my details to contact me about getting involved."


def make_resident(
    *, tenure: str = Tenure.ASSURED, role: str = MemberRole.TENANT, managed_for: str = "", **kwargs: object
) -> Resident:
    """A resident in a current tenancy of the given tenure, as named tenant or household member."""
    tenancy = TenancyFactory(tenure=tenure, property=PropertyFactory(managed_for=managed_for))
    return TenancyMemberFactory(tenancy=tenancy, role=role, resident=ResidentFactory(**kwargs)).resident


@pytest.fixture
def resident_maker(db: None) -> Callable[..., Resident]:
    return make_resident


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
