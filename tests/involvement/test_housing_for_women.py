"""Housing for Women's Pyramid of Engagement, tested in the strategy's own words."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tenantvoice.core.models import AuditEvent
from tenantvoice.involvement.group_rules import group_rules
from tenantvoice.involvement.models import (
    Group,
    GroupRole,
    Level,
    LevelMembership,
    MembershipEvent,
    MembershipStatus,
    SeatCategory,
    SeatHolding,
)
from tenantvoice.involvement.selectors import (
    level_members_on,
    resident_level_on,
    waiting_position,
)
from tenantvoice.involvement.services import (
    InvolvementError,
    NotEligible,
    RuleNotMet,
    application_decide,
    level_join,
    level_leave,
    offer_respond,
    offers_expire,
    role_assign,
    seat_fill,
)
from tenantvoice.residents.models import MemberRole, Resident
from tenantvoice.strategies.loader import strategy_load
from tests.factories import ActivityFactory, ParticipantFactory, UserFactory, make_resident

from .conftest import CONSENT, at, meetings

pytestmark = pytest.mark.django_db
DATA_DAY = dt.date(2026, 11, 24)
TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def strategy() -> None:
    strategy_load("housing-for-women")


def level(order: int) -> Level:
    return Level.objects.get(order=order)


def join(resident: object, order: int, **kwargs: object) -> LevelMembership:
    return level_join(resident=resident, level=level(order), consent_wording=CONSENT, **kwargs)  # type: ignore[arg-type]


def fill_level_4(count: int) -> list[LevelMembership]:
    officer = UserFactory(role="officer")
    members = []
    for _ in range(count):
        applied = join(make_resident(), 4, application="I want to help improve repairs.")
        members.append(
            application_decide(membership=applied, accept=True, reason="Strong application", by=officer)
        )
    return members


def test_the_pyramid_has_four_levels_with_caps_of_100_20_and_12() -> None:
    assert [(lv.order, lv.cap) for lv in Level.objects.all()] == [(1, None), (2, 100), (3, 20), (4, 12)]
    assert level(1).is_default
    assert level(4).needs_application and not level(2).needs_application


def test_level_1_is_the_default_that_everyone_is_on_without_joining() -> None:
    resident = make_resident()
    assert resident_level_on(resident, dt.date.today()) == level(1)
    with pytest.raises(InvolvementError, match="Everyone is on 'Level 1: Kept informed' already"):
        join(resident, 1)


def test_another_householder_may_join_levels_2_and_3() -> None:
    householder = make_resident(role=MemberRole.HOUSEHOLD_MEMBER)
    assert join(householder, 2).status == MembershipStatus.ACTIVE
    assert join(householder, 3).status == MembershipStatus.ACTIVE


def test_another_householder_is_refused_level_4_because_only_the_named_primary_tenant_may() -> None:
    householder = make_resident(role=MemberRole.HOUSEHOLD_MEMBER)
    with pytest.raises(NotEligible) as refused:
        join(householder, 4)
    assert refused.value.problems == [
        "Only the named tenant (or a joint tenant) can join this. Other people in the household are very "
        "welcome at the other levels."
    ]
    assert not LevelMembership.objects.exists()


def test_a_joint_tenant_is_a_named_primary_tenant() -> None:
    assert join(make_resident(role=MemberRole.JOINT_TENANT), 4).status == MembershipStatus.APPLIED


def test_residents_of_properties_managed_for_other_organisations_may_join_any_level() -> None:
    householder = make_resident(role=MemberRole.HOUSEHOLD_MEMBER, managed_for="Women's Pioneer Housing")
    assert join(householder, 4).status == MembershipStatus.APPLIED


def test_level_4_needs_an_application_decided_by_an_officer_with_a_reason() -> None:
    applied = join(make_resident(), 4, application="I chair my block's residents' group.")
    officer = UserFactory(role="officer")

    with pytest.raises(InvolvementError, match="Give the reason"):
        application_decide(membership=applied, accept=True, reason=" ", by=officer)
    decided = application_decide(
        membership=applied, accept=False, reason="Panel full of repairs experts", by=officer
    )

    assert decided.status == MembershipStatus.REFUSED
    assert decided.decision_reason == "Panel full of repairs experts" and decided.decided_by == officer


def test_the_13th_level_4_applicant_goes_on_the_waiting_list() -> None:
    fill_level_4(12)

    thirteenth = join(make_resident(), 4, application="Please consider me.")

    assert thirteenth.status == MembershipStatus.WAITING
    assert waiting_position(thirteenth) == 1
    fourteenth = join(make_resident(), 4)
    assert waiting_position(fourteenth) == 2


def test_a_freed_place_is_offered_in_order_of_the_waiting_list() -> None:
    members = fill_level_4(12)
    thirteenth = join(make_resident(), 4)
    fourteenth = join(make_resident(), 4)

    level_leave(membership=members[0])

    thirteenth.refresh_from_db()
    fourteenth.refresh_from_db()
    # Level 4 needs selection: the first in line goes to the officer, and keeps their turn.
    assert thirteenth.status == MembershipStatus.APPLIED
    assert fourteenth.status == MembershipStatus.WAITING and waiting_position(fourteenth) == 1
    accepted = application_decide(membership=thirteenth, accept=True, reason="Good fit", by=None)
    assert accepted.status == MembershipStatus.ACTIVE


def test_on_an_open_level_a_freed_place_is_offered_and_can_be_accepted() -> None:
    Level.objects.filter(order=3).update(cap=1)
    first = join(make_resident(), 3)
    waiting = join(make_resident(), 3)
    assert waiting.status == MembershipStatus.WAITING

    level_leave(membership=first)
    waiting.refresh_from_db()
    assert waiting.status == MembershipStatus.OFFERED and waiting.offer_expires_on is not None

    assert offer_respond(membership=waiting, accept=True).status == MembershipStatus.ACTIVE


def test_an_unanswered_offer_runs_out_and_passes_down_the_list() -> None:
    Level.objects.filter(order=3).update(cap=1)
    first = join(make_resident(), 3)
    second, third = join(make_resident(), 3), join(make_resident(), 3)
    level_leave(membership=first)
    second.refresh_from_db()

    assert offers_expire(on=second.offer_expires_on + dt.timedelta(days=1)) == 1

    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == MembershipStatus.DECLINED
    assert third.status == MembershipStatus.OFFERED


def test_moving_up_a_level_ends_the_old_one_and_history_answers_who_was_where_on_any_date() -> None:
    resident = make_resident()
    join(resident, 2, on=dt.date(2026, 1, 5))
    join(resident, 3, on=dt.date(2026, 3, 2))

    assert resident_level_on(resident, dt.date(2025, 12, 31)) == level(1)
    assert resident_level_on(resident, dt.date(2026, 2, 1)) == level(2)
    assert resident_level_on(resident, dt.date(2026, 3, 1)) == level(2)
    assert resident_level_on(resident, dt.date(2026, 3, 2)) == level(3)
    assert list(level_members_on(level(2), dt.date(2026, 2, 1)).values_list("resident", flat=True)) == [
        resident.pk
    ]


def test_leaving_takes_one_step_and_is_kept() -> None:
    membership = join(make_resident(), 2)

    left = level_leave(membership=membership)

    assert left.status == MembershipStatus.LEFT and left.ended_on is not None
    assert list(
        MembershipEvent.objects.filter(membership=membership).values_list("to_status", flat=True)
    ) == [MembershipStatus.ACTIVE, MembershipStatus.LEFT]


def test_joining_records_interests_ways_consent_and_who_recorded_it() -> None:
    from tenantvoice.involvement.models import ServiceArea

    officer = UserFactory(role="officer")
    membership = join(
        make_resident(),
        2,
        interests=ServiceArea.objects.filter(slug="repairs"),
        ways=["surveys", "reading"],
        channel="phone",
        by=officer,
    )

    assert list(membership.interests.values_list("slug", flat=True)) == ["repairs"]
    assert membership.ways == ["reading", "surveys"]
    assert membership.consent_wording == CONSENT and membership.consent_at is not None
    assert membership.channel == "phone" and membership.recorded_by == officer


def test_asking_twice_is_refused_in_plain_words() -> None:
    resident = make_resident()
    join(resident, 2)
    with pytest.raises(InvolvementError, match="is already on 'Level 2: Armchair commentator'"):
        join(resident, 2)


def test_joining_needs_consent_wording() -> None:
    with pytest.raises(InvolvementError, match="agreement"):
        level_join(resident=make_resident(), level=level(2), consent_wording="")


def test_residents_are_told_of_offers_and_decisions_by_their_own_channel() -> None:
    from tenantvoice.comms.models import Message

    applied = join(make_resident(), 4, application="Keen.")
    application_decide(membership=applied, accept=False, reason="Places filled by experience", by=None)
    refusal = Message.objects.get(recipient=applied.resident)
    assert "Places filled by experience" in refusal.body

    Level.objects.filter(order=3).update(cap=1)
    first, second = join(make_resident(), 3), join(make_resident(), 3)
    level_leave(membership=first)
    offer = Message.objects.get(recipient=second.resident)
    assert offer.subject == "A place for you: Level 3: Peripheral involvement"


class TestTheStrategyFileSaysWhatTheStrategySays:
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


class TestRulesStatedInWordsAreEnforced:
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

    def test_seven_panel_meetings_in_a_year_is_more_than_the_4_to_6_the_strategy_sets(self) -> None:
        """"4 - 6 meetings per annum - preferably evenings"."""
        from tenantvoice.involvement.group_rules import group_rules

        panel = Group.objects.get(slug="tenant-scrutiny-panel")
        meetings(panel, 7, days_apart=40)
        rules = group_rules(panel, TODAY)
        assert rules.meetings_above and not rules.meetings_below
        assert any(p.startswith("Above the strategy's most: 7 meetings") for p in rules.problems())
