"""The action tracker's rules, through its services: progress rolled up from sub-actions by
weight, done needs evidence, closing without doing needs a reason, overdue, and a change of
status told to those whose views led to the action and to the group that asked for it."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tenantvoice.actions.models import Action, ActionStatus, weighted_progress
from tenantvoice.actions.services import ActionError, action_change, action_create, action_progress
from tenantvoice.comms.models import Message
from tests.factories import (
    ActivityFactory,
    GroupFactory,
    ParticipantFactory,
    ResidentFactory,
    SeatCategoryFactory,
    SeatHoldingFactory,
)

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 12, 7)


def plan_action(**kwargs: object) -> Action:
    return action_create(title="Improve the repairs service", owner_name="Head of Repairs", **kwargs)  # type: ignore[arg-type]


def test_a_parents_progress_is_the_weighted_mean_of_its_childrens() -> None:
    parent = plan_action()
    first = action_create(title="Survey", parent=parent, owner_name="Olive")
    second = action_create(title="Report", parent=parent, owner_name="Olive", weight=3)
    action_progress(action=first, status=ActionStatus.IN_PROGRESS, progress=100)
    parent.refresh_from_db()
    assert parent.progress == 25  # (1 x 100 + 3 x 0) / 4
    action_progress(action=second, status=ActionStatus.IN_PROGRESS, progress=50)
    parent.refresh_from_db()
    assert parent.progress == 62  # (100 + 150) / 4 = 62.5, rounded half to even


def test_equal_weights_give_the_plain_mean_and_grandparents_follow() -> None:
    top = plan_action()
    middle = action_create(title="Middle", parent=top, owner_name="A")
    action_create(title="Sibling", parent=top, owner_name="A")
    leaf = action_create(title="Leaf", parent=middle, owner_name="A")
    action_progress(action=leaf, status=ActionStatus.IN_PROGRESS, progress=80)
    middle.refresh_from_db()
    top.refresh_from_db()
    assert (middle.progress, top.progress) == (80, 40)


def test_a_sub_action_not_going_ahead_is_left_out_so_the_parent_can_finish() -> None:
    parent = plan_action()
    done = action_create(title="Do it", parent=parent, owner_name="A")
    dropped = action_create(title="Drop it", parent=parent, owner_name="A")
    action_progress(action=dropped, status=ActionStatus.NOT_DOING, note="The contractor changed")
    action_progress(action=done, status=ActionStatus.DONE, evidence="Report to the panel, 3 March")
    parent.refresh_from_db()
    assert parent.progress == 100


def test_a_parent_cannot_be_done_while_a_sub_action_is_open() -> None:
    parent = plan_action()
    action_create(title="Still open", parent=parent, owner_name="A")
    with pytest.raises(ActionError, match="sub-action"):
        action_progress(action=parent, status=ActionStatus.DONE, evidence="All of it")


def test_done_needs_the_evidence_and_not_going_ahead_needs_the_reason() -> None:
    action = plan_action()
    with pytest.raises(ActionError, match="evidence") as caught:
        action_progress(action=action, status=ActionStatus.DONE)
    assert caught.value.field == "evidence"
    with pytest.raises(ActionError, match="why"):
        action_progress(action=action, status=ActionStatus.NOT_DOING)
    action_progress(action=action, status=ActionStatus.DONE, evidence="New contract signed", on=TODAY)
    action.refresh_from_db()
    assert (action.status, action.progress, action.done_on) == (ActionStatus.DONE, 100, TODAY)
    assert [u.status for u in action.updates.all()] == [ActionStatus.DONE]


def test_an_open_action_past_its_date_is_overdue_and_one_without_a_date_never_is() -> None:
    late = plan_action(due_on=TODAY - dt.timedelta(days=1))
    ongoing = plan_action(due_note="Ongoing")
    assert late.is_overdue(TODAY) and not ongoing.is_overdue(TODAY)
    assert list(Action.objects.overdue(TODAY)) == [late]
    action_progress(action=late, status=ActionStatus.DONE, evidence="Done at last")
    assert not Action.objects.overdue(TODAY).exists()


def test_a_change_of_status_tells_the_meetings_people_and_the_groups_members_once() -> None:
    group = GroupFactory(name="Residents Panel")
    member = SeatHoldingFactory(seat_category=SeatCategoryFactory(group=group)).resident
    meeting = ActivityFactory(group=group)
    attendee = ParticipantFactory(activity=meeting).resident
    ParticipantFactory(activity=meeting, resident=member)
    bystander = ResidentFactory()
    action = action_create(source=meeting, title="Fix the lift at Elm House", owner_name="Olu")
    assert action.asked_by == group

    action_progress(action=action, status=ActionStatus.IN_PROGRESS, progress=30, note="Parts ordered.")
    told = Message.objects.filter(template="action_status")
    assert set(told.values_list("recipient_id", flat=True)) == {attendee.pk, member.pk}
    assert "Parts ordered." in told.first().body  # type: ignore[union-attr]

    action_progress(action=action, status=ActionStatus.IN_PROGRESS, progress=60, note="Fitted.")
    assert told.count() == 2, "progress without a change of status is not news"
    action_progress(action=action, status=ActionStatus.DONE, evidence="Lift inspected and working")
    assert told.count() == 4 and not told.filter(recipient=bystander).exists()


def test_changing_a_sub_actions_weight_moves_the_parents_progress() -> None:
    parent = plan_action()
    heavy = action_create(title="Heavy", parent=parent, owner_name="A")
    action_create(title="Light", parent=parent, owner_name="A")
    action_progress(action=heavy, status=ActionStatus.IN_PROGRESS, progress=100)
    action_change(action=heavy, weight=3)
    parent.refresh_from_db()
    assert parent.progress == 75


def test_a_sub_action_shares_its_parents_source() -> None:
    meeting = ActivityFactory()
    parent = action_create(source=meeting, title="Parent", owner_name="A")
    child = action_create(title="Child", parent=parent, owner_name="A")
    assert child.activity == meeting and child.source_field == "activity"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 10), st.integers(0, 100)), min_size=1, max_size=8))
def test_weighted_progress_stays_between_the_least_and_most_progressed_child(
    pairs: list[tuple[int, int]],
) -> None:
    mean = weighted_progress(pairs)
    assert mean is not None
    assert min(p for _, p in pairs) <= mean <= max(p for _, p in pairs)
    if len({p for _, p in pairs}) == 1:
        assert mean == pairs[0][1]
