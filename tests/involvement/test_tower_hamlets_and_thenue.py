"""Tower Hamlets Homes' and Thenue's structures, in their strategies' own words."""

from __future__ import annotations

import datetime as dt

import pytest

from tenantvoice.involvement.eligibility import eligibility_problems
from tenantvoice.involvement.models import Group, Opportunity, SeatCategory
from tenantvoice.involvement.selectors import resident_facts
from tenantvoice.involvement.services import InvolvementError, NotEligible, seat_fill
from tenantvoice.residents.models import Tenure
from tenantvoice.strategies.loader import strategy_load
from tests.factories import BEFORE_TENANTVOICE

from .conftest import make_resident

pytestmark = pytest.mark.django_db
START = dt.date(2026, 4, 1)


def seat(group: str, slug: str) -> SeatCategory:
    return SeatCategory.objects.get(group__slug=group, slug=slug)


def born(age: int) -> dt.date:
    """A birthday that makes someone ``age`` on START."""
    return START.replace(year=START.year - age) - dt.timedelta(days=30)


class TestTowerHamletsHomes:
    @pytest.fixture(autouse=True)
    def strategy(self) -> None:
        strategy_load("tower-hamlets-homes")

    def test_the_youth_forum_is_only_for_ages_18_to_24(self) -> None:
        members = seat("youth-forum", "members")
        for age in (18, 24):
            seat_fill(
                category=members,
                resident=make_resident(date_of_birth=born(age)),
                started_on=START,
                override_reason=BEFORE_TENANTVOICE,
            )
        for age in (17, 25):
            with pytest.raises(NotEligible, match="18"):
                seat_fill(
                    category=members,
                    resident=make_resident(date_of_birth=born(age)),
                    started_on=START,
                    override_reason=BEFORE_TENANTVOICE,
                )

    def test_the_youth_forum_on_the_menu_tells_a_25_year_old_why_not(self) -> None:
        forum = Opportunity.objects.get(slug="youth-forum")
        older = resident_facts(make_resident(date_of_birth=born(25)), START)
        younger = resident_facts(make_resident(date_of_birth=born(20)), START)
        assert eligibility_problems(forum.rule, older) and not eligibility_problems(forum.rule, younger)

    def test_the_leasehold_forum_is_only_for_leaseholders(self) -> None:
        leaseholders = seat("leasehold-forum", "leaseholders")
        with pytest.raises(NotEligible, match="leasehold"):
            seat_fill(
                category=leaseholders,
                resident=make_resident(tenure=Tenure.SECURE),
                started_on=START,
                override_reason=BEFORE_TENANTVOICE,
            )
        holding = seat_fill(
            category=leaseholders,
            resident=make_resident(tenure=Tenure.LEASEHOLD),
            started_on=START,
            override_reason=BEFORE_TENANTVOICE,
        )
        assert holding.resident is not None

    def test_the_residents_panel_has_15_members(self) -> None:
        panel = Group.objects.get(slug="residents-panel")
        assert panel.max_members == 15
        members = seat("residents-panel", "residents")
        for _ in range(15):
            seat_fill(
                category=members,
                resident=make_resident(tenure=Tenure.SECURE),
                started_on=START,
                override_reason=BEFORE_TENANTVOICE,
            )
        with pytest.raises(InvolvementError, match="15"):
            seat_fill(
                category=members,
                resident=make_resident(tenure=Tenure.SECURE),
                started_on=START,
                override_reason=BEFORE_TENANTVOICE,
            )

    def test_the_board_has_5_resident_members(self) -> None:
        board = seat("board", "resident-board-members")
        assert board.seats == 5
        for _ in range(5):
            seat_fill(
                category=board,
                resident=make_resident(tenure=Tenure.SECURE),
                started_on=START,
                override_reason=BEFORE_TENANTVOICE,
            )
        with pytest.raises(InvolvementError, match="All 5"):
            seat_fill(
                category=board,
                resident=make_resident(tenure=Tenure.SECURE),
                started_on=START,
                override_reason=BEFORE_TENANTVOICE,
            )


class TestThenue:
    @pytest.fixture(autouse=True)
    def strategy(self) -> None:
        strategy_load("thenue")

    def test_it_has_its_four_area_associations(self) -> None:
        names = set(Group.objects.filter(kind="area_association").values_list("name", flat=True))
        assert names == {
            "Calton Area Association",
            "Bridgeton and Dalmarnock Area Association",
            "Cranhill Area Association",
            "Netherholm Area Association",
        }

    def test_rest_members_need_not_belong_to_an_area_association(self) -> None:
        resident = make_resident(tenure=Tenure.SCOTTISH_SECURE)
        holding = seat_fill(
            category=seat("rest", "members"),
            resident=resident,
            started_on=START,
            override_reason=BEFORE_TENANTVOICE,
        )
        assert holding.resident == resident
        assert not resident.seat_holdings.exclude(seat_category__group__slug="rest").exists()

    def test_a_rest_member_may_also_sit_on_an_area_association(self) -> None:
        resident = make_resident(tenure=Tenure.SCOTTISH_SECURE)
        seat_fill(
            category=seat("rest", "members"),
            resident=resident,
            started_on=START,
            override_reason=BEFORE_TENANTVOICE,
        )
        seat_fill(
            category=seat("calton-area-association", "committee"),
            resident=resident,
            started_on=START,
            override_reason=BEFORE_TENANTVOICE,
        )
        assert resident.seat_holdings.count() == 2
