"""Rules the strategies state in words, enforced (issue 12 item 4, decision 0024): a group that is a
level, seats filled by ballot or by a body's nomination, an officer's override with a reason, and
meetings a year, fewest members and commitments checked and shown."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tenantvoice.core.models import AuditEvent
from tenantvoice.involvement.elections import (
    election_count,
    election_create,
    election_publish,
    nomination_add,
    vote_cast,
    voting_open,
)
from tenantvoice.involvement.group_rules import group_rules
from tenantvoice.involvement.models import (
    Election,
    Group,
    GroupRole,
    Level,
    LevelMembership,
    MembershipStatus,
    SeatCategory,
    SeatHolding,
    SeatNomination,
    meetings_from_words,
)
from tenantvoice.involvement.services import (
    InvolvementError,
    RuleNotMet,
    application_decide,
    level_join,
    level_leave,
    role_assign,
    seat_end,
    seat_fill,
    seat_nomination_record,
)
from tenantvoice.residents.models import Resident, Tenure
from tenantvoice.strategies.loader import strategy_load
from tests.factories import ActivityFactory, ParticipantFactory, UserFactory

from .conftest import CONSENT, make_resident

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(18, 30)))


def meetings(group: Group, count: int, *, days_apart: int = 30) -> list[object]:
    return [
        ActivityFactory(
            group=group, kind="meeting", starts_at=at(TODAY - dt.timedelta(days=10 + days_apart * n))
        )
        for n in range(count)
    ]


# --- Housing for Women: the Tenant Scrutiny Panel is level 4 --------------------------------


class TestHousingForWomen:
    @pytest.fixture(autouse=True)
    def strategy(self) -> None:
        strategy_load("housing-for-women")

    def test_the_strategy_file_says_the_panel_is_level_4_and_meets_4_to_6_times(self) -> None:
        panel = Group.objects.get(slug="tenant-scrutiny-panel")
        assert panel.is_level and panel.level == self.level_4
        assert panel.meetings_range == (4, 6)
        assert "Level 4 Tenant Scrutiny Panel" in panel.sources["is_level"]["quote"]

    @property
    def panel(self) -> SeatCategory:
        return SeatCategory.objects.get(group__slug="tenant-scrutiny-panel", slug="tenant-members")

    @property
    def level_4(self) -> Level:
        return Level.objects.get(order=4)

    def on_level_4(self, resident: Resident | None = None) -> Resident:
        resident = resident or make_resident()
        applied = level_join(resident=resident, level=self.level_4, consent_wording=CONSENT)
        application_decide(membership=applied, accept=True, reason="Strong application", by=UserFactory())
        return resident

    def test_a_place_on_the_tenant_scrutiny_panel_needs_level_4(self) -> None:
        with pytest.raises(RuleNotMet) as refused:
            seat_fill(category=self.panel, resident=make_resident(), started_on=TODAY)
        assert refused.value.problems[0].startswith(
            "A place on Tenant Scrutiny Panel needs Level 4: Substantial involvement (Tenant Scrutiny Panel)"
        )
        assert not SeatHolding.objects.exists()

        holding = seat_fill(category=self.panel, resident=self.on_level_4(), started_on=TODAY)

        assert holding.overridden_rules == [] and holding.override_reason == ""

    def test_an_officer_may_seat_someone_without_level_4_only_with_a_reason_which_is_kept(self) -> None:
        officer = UserFactory(role="officer")
        with pytest.raises(RuleNotMet, match="give the reason"):
            seat_fill(category=self.panel, resident=make_resident(), started_on=TODAY, override_reason="  ")

        holding = seat_fill(
            category=self.panel,
            resident=make_resident(),
            started_on=TODAY,
            override_reason="Co-opted by the panel while her application is decided",
            by=officer,
        )

        assert holding.override_reason == "Co-opted by the panel while her application is decided"
        assert "needs Level 4" in holding.overridden_rules[0]
        event = AuditEvent.objects.filter(object_type="seat_holding", object_id=str(holding.pk)).get()
        assert event.actor == officer and "overriding the rules: Co-opted" in event.summary

    def test_a_reason_is_not_kept_when_no_rule_needed_overriding(self) -> None:
        holding = seat_fill(
            category=self.panel, resident=self.on_level_4(), started_on=TODAY, override_reason="Just in case"
        )
        assert holding.override_reason == "" and holding.overridden_rules == []

    def test_leaving_level_4_ends_the_seat_on_the_panel_and_its_roles(self) -> None:
        resident = self.on_level_4()
        holding = seat_fill(category=self.panel, resident=resident, started_on=TODAY)
        role_assign(holding=holding, role=GroupRole.CHAIR, started_on=TODAY)

        level_leave(membership=LevelMembership.objects.get(resident=resident, status="active"), on=TODAY)

        holding.refresh_from_db()
        assert holding.ended_on == TODAY
        assert holding.end_reason == "Left Level 4: Substantial involvement (Tenant Scrutiny Panel)"
        assert holding.roles.get().ended_on == TODAY

    def test_moving_from_level_4_to_level_3_ends_the_panel_seat_the_day_before(self) -> None:
        resident = self.on_level_4()
        start = TODAY - dt.timedelta(days=30)
        LevelMembership.objects.filter(resident=resident).update(started_on=start)
        holding = seat_fill(category=self.panel, resident=resident, started_on=start)

        level_join(resident=resident, level=Level.objects.get(order=3), consent_wording=CONSENT, on=TODAY)

        holding.refresh_from_db()
        assert holding.ended_on == TODAY - dt.timedelta(days=1)

    def test_leaving_another_level_leaves_the_panel_seat_alone(self) -> None:
        resident = self.on_level_4()
        holding = seat_fill(category=self.panel, resident=resident, started_on=TODAY)
        other = make_resident()
        level_leave(
            membership=level_join(resident=other, level=Level.objects.get(order=2), consent_wording=CONSENT)
        )
        holding.refresh_from_db()
        assert holding.ended_on is None

    def test_nobody_waits_for_level_4_when_they_hold_it_through_a_seat_on_the_panel(self) -> None:
        seated = make_resident()
        seat_fill(category=self.panel, resident=seated, started_on=TODAY, override_reason="Chosen in 2017")
        for _ in range(12):
            self.on_level_4()  # level 4 is full (12 places)

        with pytest.raises(InvolvementError, match="already holds 'Level 4.*' through their seat on Tenant"):
            level_join(resident=seated, level=self.level_4, consent_wording=CONSENT)
        assert level_join(resident=make_resident(), level=self.level_4, consent_wording=CONSENT).status == (
            MembershipStatus.WAITING
        )

    def test_someone_waiting_for_level_4_who_is_given_a_panel_seat_stops_waiting(self) -> None:
        for _ in range(12):
            self.on_level_4()
        resident = make_resident()
        waiting = level_join(resident=resident, level=self.level_4, consent_wording=CONSENT)
        assert waiting.status == MembershipStatus.WAITING

        seat_fill(category=self.panel, resident=resident, started_on=TODAY, override_reason="Board decision")

        waiting.refresh_from_db()
        assert waiting.status == MembershipStatus.WITHDRAWN
        assert "through a seat on Tenant Scrutiny Panel" in waiting.events.last().note  # type: ignore[union-attr]

    def test_the_panel_meets_4_to_6_times_a_year_and_3_is_below_the_minimum(self) -> None:
        group = Group.objects.get(slug="tenant-scrutiny-panel")
        assert group.meetings_range == (4, 6)  # "4 to 6, preferably evenings"
        meetings(group, 3)
        ActivityFactory(
            group=group, kind="meeting", starts_at=at(TODAY - dt.timedelta(days=20)), cancelled=True
        )

        rules = group_rules(group, TODAY)

        assert rules.meetings_held == 3 and rules.meetings_below
        assert rules.problems()[0].startswith("Below the strategy's minimum: 3 meetings in the 12 months")
        assert "the strategy says 4 to 6 meetings a year" in rules.problems()[0]

    def test_seven_meetings_is_more_than_the_strategy_says(self) -> None:
        group = Group.objects.get(slug="tenant-scrutiny-panel")
        meetings(group, 7, days_apart=40)
        rules = group_rules(group, TODAY)
        assert rules.meetings_above and not rules.meetings_below

    def test_members_below_the_80_percent_attendance_commitment_are_named_on_the_group_page(
        self, officer_client: Client
    ) -> None:
        group = Group.objects.get(slug="tenant-scrutiny-panel")
        keen = self.on_level_4(make_resident(first_name="Keen", last_name="Member"))
        absent = self.on_level_4(make_resident(first_name="Absent", last_name="Member"))
        LevelMembership.objects.filter(resident__in=[keen, absent]).update(
            started_on=TODAY - dt.timedelta(days=200)
        )
        for resident in (keen, absent):
            seat_fill(category=self.panel, resident=resident, started_on=TODAY - dt.timedelta(days=200))
        for n, activity in enumerate(meetings(group, 5)):
            ParticipantFactory(activity=activity, resident=keen, attendance="present")
            ParticipantFactory(
                activity=activity, resident=absent, attendance="present" if n < 2 else "absent"
            )

        rules = group_rules(group, TODAY)
        assert rules.below_attendance == ["Absent Member"]

        page = officer_client.get(
            reverse("staff:group-detail", args=["tenant-scrutiny-panel"])
        ).content.decode()
        assert "Below their attendance commitment" in page and "Absent Member" in page
        assert "This group is" in page and "a seat needs the level" in page


# --- Southway: elected and nominated seats on the Consultative Group -------------------------


class TestSouthway:
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


# --- Winchester: the Tenants Panel has at least 9 members and meets at least 5 times ----------


class TestWinchester:
    @pytest.fixture(autouse=True)
    def strategy(self) -> None:
        strategy_load("winchester")

    @property
    def group(self) -> Group:
        return Group.objects.get(slug="tenant-panel")

    def member(self, started_on: dt.date, **kwargs: object) -> SeatHolding:
        resident = make_resident(tenure=Tenure.SECURE, **kwargs)
        level_join(
            resident=resident,
            level=Level.objects.get(slug="involved-tenant"),
            consent_wording=CONSENT,
            on=started_on - dt.timedelta(days=30),
        )
        return seat_fill(
            category=self.group.seat_categories.get(),
            resident=resident,
            started_on=started_on,
            override_reason="Elected in the 2024 ballot, before TenantVoice",
        )

    def test_the_tenants_panel_with_3_members_and_4_meetings_is_below_the_strategys_minimum(self) -> None:
        assert self.group.meetings_range == (5, None)  # "At least 5, timed to feed into ..."
        for _ in range(3):
            self.member(TODAY - dt.timedelta(days=100))
        meetings(self.group, 4)

        problems = group_rules(self.group, TODAY).problems()

        assert problems[0].startswith("Below the strategy's minimum: 4 meetings")
        assert "at least 5 meetings a year" in problems[0]
        assert problems[1] == (
            f"Below the strategy's minimum: 3 members on {TODAY:%d/%m/%Y}; the strategy says at least 9."
        )

    def test_the_group_page_shows_the_tenants_panel_below_the_minimum(self, officer_client: Client) -> None:
        for _ in range(3):
            self.member(TODAY - dt.timedelta(days=100))
        meetings(self.group, 5)

        page = officer_client.get(reverse("staff:group-detail", args=["tenant-panel"])).content.decode()

        assert "Members now</dt><dd>3 (the strategy: at least 9)" in page
        assert "Meetings held</dt><dd>5 (the strategy: at least 5 meetings a year) " in page
        assert page.count("Below the strategy's minimum") == 1  # members, not meetings

    def test_a_member_who_leaves_before_the_2_year_commitment_is_counted(self) -> None:
        early = self.member(TODAY - dt.timedelta(days=200), first_name="Early", last_name="Leaver")
        seat_end(holding=early, on=TODAY - dt.timedelta(days=10), reason="Resigned")
        rules = group_rules(self.group, TODAY)
        assert rules.left_early == ["Early Leaver"]
        assert "Members who left before the commitment of 24 months" in " ".join(rules.problems())

    def test_the_service_standards_report_shows_the_panel_below_the_minimum_without_small_counts(
        self, officer_client: Client
    ) -> None:
        for _ in range(3):
            self.member(TODAY - dt.timedelta(days=100))
        meetings(self.group, 6)

        page = officer_client.get(reverse("staff:standards-report")).content.decode()

        assert (
            "Groups against the strategy&#x27;s rules" in page
            or "Groups against the strategy's rules" in page
        )
        assert "Tenants Panel" in page
        # 3 members is a small number of people (decision 0017): not printed.
        assert "Below the strategy&#x27;s minimum: fewer than 5 members" in page
        assert "at least 5 meetings a year" in page.lower()


# --- Residents see their seats and roles ------------------------------------------------------


def test_a_resident_sees_their_seats_and_roles_under_their_own_involvement(
    tenant_client: Client, tess: Resident
) -> None:
    strategy_load("southway")
    category = SeatCategory.objects.get(group__slug="southway-consultative-group", slug="elected-tenants")
    holding = seat_fill(
        category=category, resident=tess, started_on=dt.date(2026, 4, 1), override_reason="Elected on paper"
    )
    role_assign(holding=holding, role=GroupRole.CHAIR, started_on=dt.date(2026, 4, 1))

    page = tenant_client.get(reverse("involvement:mine")).content.decode()

    assert "Your seats on groups" in page and "Southway Consultative Group" in page
    assert "Tenants directly elected by Southway tenants, since 1 April 2026" in page
    assert "Your term ends on 31 March 2029" in page
    assert "You are chair until 31 March 2029" in page


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("4 to 6, preferably evenings", (4, 6)),  # Housing for Women, level 4
        ("At least 5, timed to feed into Cabinet (Housing) Committee papers", (5, None)),  # Winchester
        ("Min 5 meetings per annum", (5, None)),
        ("6", (6, 6)),
        ("6 meetings a year", (6, 6)),
        ("Bi-monthly", (None, None)),  # too loose to read: set meetings_min in the strategy
        ("4 formal meetings plus 2 socials", (None, None)),
        ("6 to 4", (None, None)),
    ],
)
def test_meetings_a_year_are_read_from_the_strategys_words_only_when_plain(
    words: str, expected: tuple[int | None, int | None]
) -> None:
    assert meetings_from_words(words) == expected


def test_numbers_set_in_the_strategy_win_over_the_words() -> None:
    group = Group(meetings_per_year="4 to 6", meetings_min=5)
    assert group.meetings_range == (5, None)
