"""The Southway Consultative Group's seats and terms, in the strategy's own words."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tenantvoice.involvement.elections import (
    election_count,
    election_create,
    election_publish,
    nomination_add,
    vote_cast,
    voting_open,
)
from tenantvoice.involvement.models import (
    Election,
    Group,
    GroupRole,
    Level,
    Opportunity,
    SeatCategory,
    SeatHolding,
    SeatNomination,
)
from tenantvoice.involvement.services import (
    InvolvementError,
    NotEligible,
    RuleNotMet,
    role_assign,
    seat_end,
    seat_fill,
    seat_nomination_record,
)
from tenantvoice.residents.models import Resident, Tenure
from tenantvoice.strategies.loader import strategy_load
from tests.factories import BEFORE_TENANTVOICE, UserFactory, make_resident

pytestmark = pytest.mark.django_db
DATA_DAY = dt.date(2026, 11, 24)
TODAY = timezone.localdate()
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


class TestTheStrategyFileSaysWhatTheStrategySays:
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


class TestRulesStatedInWordsAreEnforced:
    @pytest.fixture(autouse=True)
    def strategy(self) -> None:
        strategy_load("southway")

    def seat(self, slug: str) -> SeatCategory:
        return SeatCategory.objects.get(group__slug="southway-consultative-group", slug=slug)

    def counted_ballot(self, candidates: list[Resident], votes: dict[int, int]) -> Election:
        closes = TODAY - dt.timedelta(days=5)
        election = election_create(
            category=self.seat("elected-tenants"),
            title="Consultative Group 2026",
            seats=1,
            nominations_close_on=closes - dt.timedelta(days=20),
            voting_opens_on=closes - dt.timedelta(days=10),
            voting_closes_on=closes,
        )
        nominations = [
            nomination_add(election=election, resident=c, on=closes - dt.timedelta(days=25))
            for c in candidates
        ]
        voting_open(election=election)
        for index, count in votes.items():
            for _ in range(count):
                vote_cast(
                    election=election,
                    voter=make_resident(),
                    choices=[nominations[index].pk],
                    on=closes - dt.timedelta(days=1),
                )
        return election_count(election=election, by=None, seed=1, on=TODAY)

    def test_an_elected_tenant_seat_needs_a_counted_ballot_that_elected_them(self) -> None:
        winner, loser = make_resident(), make_resident()
        with pytest.raises(RuleNotMet, match="filled by election"):
            seat_fill(category=self.seat("elected-tenants"), resident=winner, started_on=TODAY)

        election = self.counted_ballot([winner, loser], {0: 3, 1: 1})

        with pytest.raises(RuleNotMet, match="has not been elected"):
            seat_fill(category=self.seat("elected-tenants"), resident=loser, started_on=TODAY)
        holding = seat_fill(category=self.seat("elected-tenants"), resident=winner, started_on=TODAY)
        assert holding.election == election

    def test_publishing_the_result_seats_the_winners_on_the_ballot(self) -> None:
        winner = make_resident()
        election = self.counted_ballot([winner, make_resident()], {0: 2})

        election_publish(election=election, fill_seats_from=TODAY)

        assert SeatHolding.objects.get(resident=winner).election == election

    def test_one_win_gives_one_seat(self) -> None:
        winner = make_resident()
        self.counted_ballot([winner], {0: 1})
        first = seat_fill(category=self.seat("elected-tenants"), resident=winner, started_on=TODAY)
        seat_end(holding=first, on=TODAY, reason="Resigned")
        with pytest.raises(RuleNotMet, match="already taken the seat"):
            seat_fill(
                category=self.seat("elected-tenants"),
                resident=winner,
                started_on=TODAY + dt.timedelta(days=1),
            )

    def test_the_leaseholder_seat_needs_the_leaseholder_forums_recorded_nomination(self) -> None:
        leaseholder = make_resident(tenure=Tenure.LEASEHOLD)
        with pytest.raises(RuleNotMet, match="no nomination of .* by Southway Leaseholder Forum is recorded"):
            seat_fill(category=self.seat("leaseholder"), resident=leaseholder, started_on=TODAY)

        officer = UserFactory(role="officer")
        nomination = seat_nomination_record(
            category=self.seat("leaseholder"),
            resident=leaseholder,
            nominated_on=TODAY - dt.timedelta(days=3),
            note="Forum minutes",
            by=officer,
        )
        assert nomination.nominated_by == Group.objects.get(slug="leaseholder-forum")
        assert nomination.recorded_by == officer

        holding = seat_fill(category=self.seat("leaseholder"), resident=leaseholder, started_on=TODAY)
        assert holding.nomination == nomination

    def test_a_tra_nomination_says_which_association_nominated(self) -> None:
        tenant = make_resident(tenure=Tenure.ASSURED)
        with pytest.raises(InvolvementError, match="Say which body nominated them"):
            seat_nomination_record(
                category=self.seat("tra-nominated-tenants"), resident=tenant, nominated_on=TODAY
            )
        nomination = seat_nomination_record(
            category=self.seat("tra-nominated-tenants"),
            resident=tenant,
            nominated_on=TODAY,
            body_name="Hulme TRA",
        )
        assert nomination.body == "Hulme TRA"

    def test_a_nomination_is_only_for_nominated_seats_and_eligible_residents(self) -> None:
        with pytest.raises(InvolvementError, match="not filled by nomination"):
            seat_nomination_record(
                category=self.seat("elected-tenants"), resident=make_resident(), nominated_on=TODAY
            )
        with pytest.raises(InvolvementError, match="leasehold"):
            seat_nomination_record(
                category=self.seat("leaseholder"),
                resident=make_resident(tenure=Tenure.ASSURED),
                nominated_on=TODAY,
            )
        assert not SeatNomination.objects.exists()

    def test_councillors_seats_are_not_held_by_residents_so_no_ballot_or_nomination_is_asked(self) -> None:
        holding = seat_fill(
            category=self.seat("ward-councillors"), person_name="Cllr Ahmed", started_on=TODAY
        )
        assert holding.overridden_rules == []

    def test_the_officer_records_a_nomination_and_fills_the_seat_from_the_pages(
        self, officer_client: Client
    ) -> None:
        leaseholder = make_resident(tenure=Tenure.LEASEHOLD, first_name="Lena", last_name="Lease")
        url = reverse("staff:seat-new", args=["southway-consultative-group"])
        form = {
            "seat_category": self.seat("leaseholder").pk,
            "resident": leaseholder.pk,
            "started_on": "1/4/2026",
        }

        refused = officer_client.post(url, form).content.decode()
        assert "seats are filled by nomination" in refused and "give the reason" in refused

        officer_client.post(
            reverse("staff:seat-nomination-new", args=["southway-consultative-group"]),
            {
                "seat_category": self.seat("leaseholder").pk,
                "resident": leaseholder.pk,
                "nominated_on": "1/3/2026",
                "note": "Forum AGM",
            },
        )
        group_page = reverse("staff:group-detail", args=["southway-consultative-group"])
        assert "Nominations recorded, not yet seated" in officer_client.get(group_page).content.decode()

        assert officer_client.post(url, form).status_code == 302
        page = officer_client.get(group_page).content.decode()
        assert "Nominated by Southway Leaseholder Forum on 1 Mar 2026" in page

    def test_an_override_reason_is_shown_on_the_group_page_and_the_residents_record(
        self, officer_client: Client
    ) -> None:
        tenant = make_resident(first_name="Olu", last_name="Over")
        response = officer_client.post(
            reverse("staff:seat-new", args=["southway-consultative-group"]),
            {
                "seat_category": self.seat("elected-tenants").pk,
                "resident": tenant.pk,
                "started_on": "1/4/2026",
                "override_reason": "Elected at the 2025 AGM, counted on paper",
            },
        )
        assert response.status_code == 302
        for page in (
            reverse("staff:group-detail", args=["southway-consultative-group"]),
            reverse("staff:resident-involvement", args=[tenant.pk]),
        ):
            html = officer_client.get(page).content.decode()
            assert "Rule overridden" in html and "Elected at the 2025 AGM, counted on paper" in html
