"""Tower Hamlets Homes' structure and rules, in its strategy's own words."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tenantvoice.involvement.eligibility import eligibility_problems
from tenantvoice.involvement.models import (
    Group,
    Opportunity,
    SeatCategory,
)
from tenantvoice.involvement.selectors import resident_facts
from tenantvoice.involvement.services import (
    InvolvementError,
    NotEligible,
    seat_fill,
)
from tenantvoice.residents.models import Tenure
from tenantvoice.strategies.loader import strategy_load
from tests.factories import BEFORE_TENANTVOICE, make_resident

from .conftest import born, names, seat

pytestmark = pytest.mark.django_db
DATA_DAY = dt.date(2026, 11, 24)
TODAY = timezone.localdate()
START = dt.date(2026, 4, 1)


class TestTowerHamletsHomes:
    @pytest.fixture(autouse=True)
    def strategy(self) -> None:
        strategy_load("tower-hamlets-homes")

    def test_the_youth_forum_is_only_for_ages_18_to_24(self) -> None:
        members = seat("youth-forum", "members")
        for age in (18, 24):
            seat_fill(
                category=members,
                resident=make_resident(date_of_birth=born(age, START)),
                started_on=START,
                override_reason=BEFORE_TENANTVOICE,
            )
        for age in (17, 25):
            with pytest.raises(NotEligible, match="18"):
                seat_fill(
                    category=members,
                    resident=make_resident(date_of_birth=born(age, START)),
                    started_on=START,
                    override_reason=BEFORE_TENANTVOICE,
                )

    def test_the_youth_forum_on_the_menu_tells_a_25_year_old_why_not(self) -> None:
        forum = Opportunity.objects.get(slug="youth-forum")
        older = resident_facts(make_resident(date_of_birth=born(25, START)), START)
        younger = resident_facts(make_resident(date_of_birth=born(20, START)), START)
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


class TestTheStrategyFileSaysWhatTheStrategySays:
    @pytest.fixture(autouse=True)
    def strategy(self) -> None:
        strategy_load("tower-hamlets-homes")

    def test_its_four_service_improvement_groups_and_five_tmos(self) -> None:
        assert names(kind="service_improvement_group") == {
            "Service Improvement Group: Repairs and Investment",
            "Service Improvement Group: Estate Services",
            "Service Improvement Group: Anti-social Behaviour",
            "Service Improvement Group: Customer Services",
        }
        assert names(kind="tmo") == {
            "Dennis TMO",
            "Birchfield TMO",
            "Stephen and Matilda TMO",
            "Withy House TMO",
            "Bancroft TMO",
        }

    def test_forums_and_the_readers_panel_have_no_invented_caps(self) -> None:
        for slug in ("leasehold-forum", "youth-forum", "diversity-working-group", "readers-panel"):
            assert SeatCategory.objects.get(group__slug=slug).seats is None

    def test_the_consultation_period_quotes_the_agreement(self) -> None:
        from tenantvoice.core.selectors import landlord_get

        source = landlord_get().standards_sources["consultation_min_days"]
        assert source["quote"] == "Residents will be given at least three weeks to reply to any consultation"


class TestTheResidentsPanelMeetsBiMonthly:
    """"Residents Panel Bi-monthly meetings": every two months, so at least 6 a year."""

    @pytest.fixture(autouse=True)
    def strategy(self) -> None:
        strategy_load("tower-hamlets-homes")

    def test_five_meetings_in_a_year_is_below_the_strategy_and_six_meets_it(self) -> None:
        from tenantvoice.involvement.group_rules import group_rules
        from tenantvoice.involvement.models import Group

        from .conftest import meetings

        panel = Group.objects.get(slug="residents-panel")
        assert panel.meetings_range == (6, None)
        today = timezone.localdate()
        meetings(panel, 5, days_apart=60)
        assert group_rules(panel, today).meetings_below
        meetings(panel, 1, days_apart=1)
        assert not group_rules(panel, today).meetings_below
