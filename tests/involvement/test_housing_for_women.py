"""Housing for Women's Pyramid of Engagement, tested in the strategy's own words."""

from __future__ import annotations

import datetime as dt

import pytest

from tenantvoice.involvement.models import Level, LevelMembership, MembershipEvent, MembershipStatus
from tenantvoice.involvement.selectors import level_members_on, resident_level_on, waiting_position
from tenantvoice.involvement.services import (
    InvolvementError,
    NotEligible,
    application_decide,
    level_join,
    level_leave,
    offer_respond,
    offers_expire,
)
from tenantvoice.residents.models import MemberRole
from tenantvoice.strategies.loader import strategy_load
from tests.factories import UserFactory

from .conftest import CONSENT, make_resident

pytestmark = pytest.mark.django_db


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
