"""Thenue's structure and rules, in its strategy's own words."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tenantvoice.consultations.services import consultation_create
from tenantvoice.involvement.models import (
    Group,
    Level,
    SeatCategory,
)
from tenantvoice.involvement.services import (
    seat_fill,
)
from tenantvoice.residents.models import Tenure
from tenantvoice.strategies.loader import strategy_load
from tenantvoice.strategies.standards import standards_get
from tests.factories import BEFORE_TENANTVOICE, make_resident

from .conftest import seat

pytestmark = pytest.mark.django_db
DATA_DAY = dt.date(2026, 11, 24)
TODAY = timezone.localdate()
START = dt.date(2026, 4, 1)


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


class TestTheStrategyFileSaysWhatTheStrategySays:
    @pytest.fixture(autouse=True)
    def strategy(self) -> None:
        strategy_load("thenue")

    def test_there_is_no_fixed_consultation_period_the_notice_states_it(self) -> None:
        assert standards_get().consultation_min_days is None
        short = consultation_create(
            title="Repairs policy",
            summary="A change to repairs appointments.",
            likely_effect="Appointments in the morning or afternoon.",
            statutory_s54=True,
            opens_on=DATA_DAY,
            # "such reasonable period as is specified in the notice"
            closes_on=DATA_DAY + dt.timedelta(days=14),
        )
        assert short.pk

    def test_it_is_a_menu_not_a_ladder(self) -> None:
        assert Level.objects.count() == 2  # kept informed, and telling us you are interested
        assert "a menu rather than a ladder" in Level.objects.get(slug="interested").description
        assert not Group.objects.filter(level__isnull=False).exists()

    def test_rest_and_the_associations_have_no_invented_seat_caps(self) -> None:
        assert not SeatCategory.objects.filter(seats__isnull=False).exists()
        rest = Group.objects.get(slug="rest")
        assert (rest.min_members, rest.max_members) == (None, None)

    def test_the_retirement_housing_tenants_association_meets_monthly(self) -> None:
        group = Group.objects.get(slug="retirement-housing-tenants-association")
        assert group.meetings_per_year == "Monthly committee meetings"
        assert group.sources["meetings_per_year"]["quote"] == "The Committee meets on a monthly basis"

    def test_each_area_association_has_the_services_it_is_consulted_on(self) -> None:
        for association in Group.objects.filter(kind="area_association"):
            scope = set(association.consulted_on.values_list("slug", flat=True))
            assert scope and scope <= {"repairs", "housing-management", "regeneration", "asb"}
            assert association.sources["consulted_on"]["chosen"]  # from each Minute of Agreement
