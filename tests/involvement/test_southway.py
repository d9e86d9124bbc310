"""The Southway Consultative Group's seats and terms, in the strategy's own words."""

from __future__ import annotations

import datetime as dt

import pytest

from tenantvoice.involvement.models import Group, GroupRole, SeatCategory
from tenantvoice.involvement.services import (
    InvolvementError,
    NotEligible,
    role_assign,
    seat_end,
    seat_fill,
)
from tenantvoice.residents.models import Tenure
from tenantvoice.strategies.loader import strategy_load
from tests.factories import BEFORE_TENANTVOICE

from .conftest import make_resident

pytestmark = pytest.mark.django_db
START = dt.date(2020, 4, 1)


@pytest.fixture(autouse=True)
def strategy() -> None:
    strategy_load("southway")


def seat(slug: str) -> SeatCategory:
    return SeatCategory.objects.get(group__slug="southway-consultative-group", slug=slug)


def test_the_consultative_group_has_the_seats_the_strategy_lists() -> None:
    group = Group.objects.get(slug="southway-consultative-group")
    seats = {s.slug: (s.seats, s.voting, s.how_filled) for s in group.seat_categories.all()}
    assert seats == {
        "tra-nominated-tenants": (7, True, "nomination"),  # up to 7 nominated by recognised TRAs
        "elected-tenants": (7, True, "election"),  # up to 7 directly elected tenants
        "owner-occupiers": (2, True, "election"),  # 2 owner occupiers elected by owner occupiers
        "leaseholder": (1, True, "nomination"),  # 1 leaseholder nominated by the Forum
        "ward-councillors": (2, False, "nomination"),  # 2 ward councillors who cannot vote
    }
    assert seat("leaseholder").nominated_by == Group.objects.get(slug="leaseholder-forum")
    assert seat("owner-occupiers").electorate_rule.tenures == {Tenure.FREEHOLD}


def test_an_eighth_elected_tenant_is_refused() -> None:
    for _ in range(7):
        seat_fill(
            category=seat("elected-tenants"),
            resident=make_resident(tenure=Tenure.ASSURED),
            started_on=START,
            override_reason=BEFORE_TENANTVOICE,
        )
    with pytest.raises(InvolvementError, match="All 7 'Tenants directly elected"):
        seat_fill(
            category=seat("elected-tenants"),
            resident=make_resident(),
            started_on=START,
            override_reason=BEFORE_TENANTVOICE,
        )


def test_owner_occupier_seats_are_for_owner_occupiers() -> None:
    with pytest.raises(NotEligible, match="owner occupier"):
        seat_fill(
            category=seat("owner-occupiers"),
            resident=make_resident(tenure=Tenure.ASSURED),
            started_on=START,
            override_reason=BEFORE_TENANTVOICE,
        )
    holding = seat_fill(
        category=seat("owner-occupiers"),
        resident=make_resident(tenure=Tenure.FREEHOLD),
        started_on=START,
        override_reason=BEFORE_TENANTVOICE,
    )
    assert holding.seat_category.voting


def test_ward_councillors_are_not_residents_and_cannot_vote() -> None:
    holding = seat_fill(
        category=seat("ward-councillors"),
        person_name="Cllr A. Jones",
        organisation="Labour",
        started_on=START,
    )
    assert holding.resident is None and not holding.seat_category.voting


def test_the_chair_comes_from_the_tenant_members_for_3_years() -> None:
    tenant = seat_fill(
        category=seat("elected-tenants"),
        resident=make_resident(),
        started_on=START,
        override_reason=BEFORE_TENANTVOICE,
    )
    owner = seat_fill(
        category=seat("owner-occupiers"),
        resident=make_resident(tenure=Tenure.FREEHOLD),
        started_on=START,
        override_reason=BEFORE_TENANTVOICE,
    )

    with pytest.raises(InvolvementError, match="The chair of Southway Consultative Group is chosen from"):
        role_assign(holding=owner, role=GroupRole.CHAIR, started_on=START)
    chair = role_assign(holding=tenant, role=GroupRole.CHAIR, started_on=START)

    assert chair.term_ends_on == dt.date(2023, 3, 31)


def test_a_third_consecutive_term_is_refused() -> None:
    resident = make_resident()
    first = seat_fill(
        category=seat("elected-tenants"),
        resident=resident,
        started_on=dt.date(2017, 4, 1),
        override_reason=BEFORE_TENANTVOICE,
    )
    assert first.term_ends_on == dt.date(2020, 3, 31)
    seat_end(holding=first, on=dt.date(2020, 3, 31), reason="End of term")
    second = seat_fill(
        category=seat("tra-nominated-tenants"),
        resident=resident,
        started_on=dt.date(2020, 4, 1),
        override_reason=BEFORE_TENANTVOICE,
    )
    assert second.consecutive_term == 2
    seat_end(holding=second, on=dt.date(2023, 3, 31), reason="End of term")

    with pytest.raises(
        InvolvementError, match=r"third consecutive term .* at most 2 consecutive terms \(6 years\)"
    ):
        seat_fill(
            category=seat("elected-tenants"),
            resident=resident,
            started_on=dt.date(2023, 4, 1),
            override_reason=BEFORE_TENANTVOICE,
        )


def test_after_a_break_of_a_year_a_former_member_may_serve_again() -> None:
    resident = make_resident()
    for start in (dt.date(2016, 4, 1), dt.date(2019, 4, 1)):
        holding = seat_fill(
            category=seat("elected-tenants"),
            resident=resident,
            started_on=start,
            override_reason=BEFORE_TENANTVOICE,
        )
        seat_end(holding=holding, on=holding.term_ends_on, reason="End of term")  # type: ignore[arg-type]

    again = seat_fill(
        category=seat("elected-tenants"),
        resident=resident,
        started_on=dt.date(2023, 6, 1),
        override_reason=BEFORE_TENANTVOICE,
    )

    assert again.consecutive_term == 1
