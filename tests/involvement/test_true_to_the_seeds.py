"""The five strategies say what their landlords' published strategies say, and no more
(issue 12, items 2 and 3; decision 0022)."""

from __future__ import annotations

import datetime as dt

import pytest

from tenantvoice.consultations.services import consultation_create
from tenantvoice.involvement.eligibility import eligibility_problems
from tenantvoice.involvement.models import Group, Level, Opportunity, SeatCategory
from tenantvoice.involvement.selectors import resident_facts
from tenantvoice.involvement.services import level_join, seat_fill
from tenantvoice.residents.models import Tenure
from tenantvoice.strategies.loader import strategy_load
from tenantvoice.strategies.standards import standards_get

from .conftest import CONSENT, make_resident

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 24)


def names(**filters: object) -> set[str]:
    return set(Group.objects.filter(**filters).values_list("name", flat=True))


class TestSouthway:
    @pytest.fixture(autouse=True)
    def strategy(self) -> None:
        strategy_load("southway")

    def test_its_three_service_improvement_groups_have_customers_and_staff_on_the_individual_routes(
        self,
    ) -> None:
        sigs = Group.objects.filter(kind="service_improvement_group")
        assert {g.name for g in sigs} == {
            "Service Improvement Group: Repair and Maintenance",
            "Service Improvement Group: The Improvement Programme",
            "Service Improvement Group: Service Delivery",
        }
        for sig in sigs:
            assert sig.level is not None and sig.level.slug == "individual"
            seats = {s.slug: s for s in sig.seat_categories.all()}
            assert set(seats) == {"customers", "staff"}
            assert seats["customers"].seats is None and not seats["staff"].for_residents

    def test_the_voice_panel_is_a_meeting_panel_that_reports_to_the_board(self) -> None:
        assert not Level.objects.filter(name="Voice Panel").exists()  # not a survey list
        panel = Group.objects.get(slug="voice-panel")
        assert panel.kind == "panel" and panel.level is not None and panel.level.slug == "collective"
        assert "one main issue or service area" in panel.purpose and "Board" in panel.purpose
        assert Opportunity.objects.get(slug="voice-panel").collective

    def test_four_board_places_are_reserved_for_tenants(self) -> None:
        places = SeatCategory.objects.get(group__slug="board", slug="tenant-board-members")
        assert places.seats == 4 and places.sources["seats"]["section"] == "5.2.1"
        assert places.sources["how_filled"]["chosen"]  # the strategy does not say how

    def test_the_leaseholder_forum_has_no_invented_cap(self) -> None:
        assert SeatCategory.objects.get(group__slug="leaseholder-forum").seats is None

    def test_the_consultative_group_s_break_between_terms_is_the_landlord_s_choice(self) -> None:
        group = Group.objects.get(slug="southway-consultative-group")
        assert group.sources["term_break_days"] == {"chosen": True, "default": 365}
        assert group.max_members is None  # the seats (up to 19) are the limit; no total is stated


class TestThenue:
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
            opens_on=TODAY,
            closes_on=TODAY + dt.timedelta(days=14),  # "such reasonable period as is specified in the notice"
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


class TestTowerHamletsHomes:
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


class TestWinchester:
    @pytest.fixture(autouse=True)
    def strategy(self) -> None:
        strategy_load("winchester")

    def test_answering_tenantlink_surveys_does_not_make_a_tenant_involved(self) -> None:
        seats = SeatCategory.objects.get(group__slug="tenant-panel")
        resident = make_resident(tenure=Tenure.SECURE)
        level_join(resident=resident, level=Level.objects.get(slug="tenantlink"), consent_wording=CONSENT)
        assert eligibility_problems(seats.electorate_rule, resident_facts(resident))

    def test_tact_is_open_to_all_tenants_and_its_members_are_involved(self) -> None:
        tact = Group.objects.get(slug="tact")
        assert tact.level is None and tact.how_chosen == "open"
        members = tact.seat_categories.get(slug="members")
        assert members.seats is None and not members.eligibility
        resident = make_resident(tenure=Tenure.SECURE)
        seat_fill(category=members, resident=resident, started_on=dt.date.today())
        seats = SeatCategory.objects.get(group__slug="tenant-panel")
        assert eligibility_problems(seats.electorate_rule, resident_facts(resident)) == []
        assert eligibility_problems(seats.rule, resident_facts(resident)) == []  # and may stand

    def test_the_two_years_are_a_commitment_not_a_term_of_office(self) -> None:
        panel = Group.objects.get(slug="tenant-panel")
        assert panel.term_years is None and panel.min_commitment_months == 24


class TestHousingForWomen:
    @pytest.fixture(autouse=True)
    def strategy(self) -> None:
        strategy_load("housing-for-women")

    def test_the_panel_has_its_terms_of_reference_lead_officer_and_supporting_officers(self) -> None:
        panel = Group.objects.get(slug="tenant-scrutiny-panel")
        assert panel.lead_officer == "Director of Operations"
        assert panel.supporting_officers == [
            "Head of Property Services",
            "Head of Housing and Income Services",
            "A Housing Assistant",
        ]
        assert "80% attendance" in panel.terms_of_reference
        assert panel.max_members is None  # 12 tenant members and 1 Board member, no stated total

    def test_joint_tenants_reading_of_the_named_primary_tenant_is_recorded(self) -> None:
        level = Level.objects.get(order=4)
        assert "joint tenant" in level.sources["eligibility"]["note"]
