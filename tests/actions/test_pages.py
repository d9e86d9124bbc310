"""The tracker's pages for officers: add an action, change it, add a sub-action, record the
re-test; the detail page's "who is told", the source's link and the history; and what board
readers may and may not do."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tenantvoice.accounts.models import User
from tenantvoice.actions.models import Action, ActionStatus
from tenantvoice.actions.services import action_create, action_progress
from tenantvoice.core.models import AuditEvent
from tests.conftest import sign_in
from tests.factories import (
    ActivityFactory,
    GroupFactory,
    ParticipantFactory,
    ResidentFactory,
    SeatCategoryFactory,
    SeatHoldingFactory,
)

from .helpers import days, own_action

pytestmark = pytest.mark.django_db


def test_an_officer_adds_their_own_action_owned_by_staff_a_group_and_a_post(
    officer_client: Client, officer: User
) -> None:
    panel = GroupFactory(name="Repairs Panel")
    response = officer_client.post(
        reverse("staff:action-new"),
        {
            "title": "Publish repairs timescales",
            "detail": "On the website and in the newsletter.",
            "owner_user": officer.pk,
            "owner_group": panel.pk,
            "owner_name": "Head of Repairs",
            "due_note": "Ongoing",
            "retest_on": "31/3/2028",
            "public": "on",
        },
    )
    action = Action.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "staff:action-detail", args=[action.pk]
    )
    assert (action.owner_user, action.owner_group, action.owner_name) == (officer, panel, "Head of Repairs")
    assert action.source is None and action.public and action.due_note == "Ongoing"
    assert action.created_by == officer
    assert AuditEvent.objects.filter(object_type="action", object_id=str(action.pk), action="create").exists()


def test_it_refuses_an_action_with_no_owner(officer_client: Client) -> None:
    response = officer_client.post(reverse("staff:action-new"), {"title": "Nobody's job"})
    assert response.status_code == 400
    assert "Choose who owns it" in response.content.decode()
    assert not Action.objects.exists()


def test_the_change_page_changes_what_who_and_when_and_audits_each_change(
    officer_client: Client, officer: User
) -> None:
    action = own_action("Old title", due_on=days(10))
    response = officer_client.post(
        reverse("staff:action-change", args=[action.pk]),
        {
            "title": "New title",
            "owner_user": officer.pk,
            "owner_name": "",
            "due_on": days(20).strftime("%d/%m/%Y"),
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.title, action.owner_user, action.owner_name, action.due_on) == (
        "New title",
        officer,
        "",
        days(20),
    )
    event = AuditEvent.objects.filter(object_type="action", action="update").latest("pk")
    assert event.changes["title"] == ["Old title", "New title"]
    assert "due_on" in event.changes and "owner_name" in event.changes


def test_a_plans_action_without_an_owner_may_be_changed_without_naming_one(officer_client: Client) -> None:
    action = action_create(title="From a plan that names no owner")
    response = officer_client.post(reverse("staff:action-change", args=[action.pk]), {"title": "Renamed"})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.title == "Renamed" and action.owner_display == "No owner yet"


def test_a_sub_action_is_added_with_its_weight_and_counts_towards_its_parent(officer_client: Client) -> None:
    parent = own_action("Improve voids")
    first = action_create(title="First step", parent=parent, owner_name="A")
    action_progress(action=first, status=ActionStatus.IN_PROGRESS, progress=100)
    response = officer_client.post(
        reverse("staff:action-sub-action-new", args=[parent.pk]),
        {"title": "Second step", "owner_name": "Olu", "weight": "3"},
    )
    assert response.status_code == 302
    second = parent.children.get(title="Second step")
    assert second.weight == 3
    parent.refresh_from_db()
    assert parent.progress == 25  # (1 x 100 + 3 x 0) / 4
    detail = officer_client.get(reverse("staff:action-detail", args=[parent.pk])).content.decode()
    assert "Second step" in detail and "(from its sub-actions)" in detail
    assert 'name="progress"' not in detail, "a parent's progress is not typed in"
    assert (
        'name="progress"'
        in officer_client.get(reverse("staff:action-detail", args=[second.pk])).content.decode()
    )


def test_a_sub_actions_weight_is_changed_on_its_change_page(officer_client: Client) -> None:
    parent = own_action("Parent")
    heavy = action_create(title="Heavy", parent=parent, owner_name="A")
    action_create(title="Light", parent=parent, owner_name="A")
    action_progress(action=heavy, status=ActionStatus.IN_PROGRESS, progress=100)
    page = officer_client.get(reverse("staff:action-change", args=[heavy.pk])).content.decode()
    assert 'name="weight"' in page
    assert (
        'name="weight"'
        not in officer_client.get(reverse("staff:action-change", args=[parent.pk])).content.decode()
    )
    officer_client.post(
        reverse("staff:action-change", args=[heavy.pk]), {"title": "Heavy", "owner_name": "A", "weight": "3"}
    )
    parent.refresh_from_db()
    assert parent.progress == 75


def test_progress_recorded_on_the_page_needs_evidence_to_be_done(officer_client: Client) -> None:
    action = own_action()
    url = reverse("staff:action-detail", args=[action.pk])
    refused = officer_client.post(url, {"status": "done"})
    assert refused.status_code == 400 and "Say what shows it is done" in refused.content.decode()
    assert officer_client.post(url, {"status": "done", "evidence": "Published on 1 March"}).status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE
    assert "Published on 1 March" in officer_client.get(url).content.decode()


def test_the_retest_is_recorded_for_a_done_action_with_a_retest_date(officer_client: Client) -> None:
    action = own_action(retest_on=days(90))
    detail = reverse("staff:action-detail", args=[action.pk])
    retest = reverse("staff:action-retest", args=[action.pk])
    assert retest not in officer_client.get(detail).content.decode()
    refused = officer_client.post(retest, {"result": "Checked too soon"})
    assert refused.status_code == 400 and "once it is done" in refused.content.decode()

    action_progress(action=action, status=ActionStatus.DONE, evidence="New contract")
    assert retest in officer_client.get(detail).content.decode()
    response = officer_client.post(retest, {"result": "Still answered within 5 days", "on": "1/2/2027"})
    assert response.status_code == 302
    action.refresh_from_db()
    assert (
        action.retest_result == "Still answered within 5 days"
        and action.retested_on.isoformat() == "2027-02-01"
    )
    assert "re-tested on 1 February 2027" in officer_client.get(detail).content.decode()


def _told_world() -> Action:
    group = GroupFactory(name="Residents Panel")
    member = SeatHoldingFactory(
        seat_category=SeatCategoryFactory(group=group),
        resident=ResidentFactory(first_name="Marta", last_name="Member"),
    ).resident
    meeting = ActivityFactory(group=group)
    ParticipantFactory(activity=meeting, resident=ResidentFactory(first_name="Arlo", last_name="Attender"))
    action = action_create(source=meeting, title="Fix the lift", owner_name="Olu")
    action.raised_by.add(ResidentFactory(first_name="Rae", last_name="Raiser"), member)
    return action


def test_officers_see_who_will_be_told_by_name(officer_client: Client) -> None:
    action = _told_world()
    page = officer_client.get(reverse("staff:action-detail", args=[action.pk])).content.decode()
    assert "3 residents will be told" in page and "Residents Panel" in page
    for name in ("Marta Member", "Arlo Attender", "Rae Raiser"):
        assert name in page


def test_board_readers_see_how_many_are_told_but_no_names_and_no_forms(board_reader: User) -> None:
    action = _told_world()
    client = sign_in(Client(), board_reader)
    page = client.get(reverse("staff:action-detail", args=[action.pk])).content.decode()
    assert "3 residents will be told" in page
    for name in ("Marta", "Arlo", "Rae"):
        assert name not in page
    assert "Record progress" not in page and reverse("staff:action-change", args=[action.pk]) not in page
    # The meeting's minutes are an officer's page: named, not linked.
    assert reverse("staff:activity-minutes", args=[action.activity_id]) not in page
    assert (
        client.post(reverse("staff:action-detail", args=[action.pk]), {"status": "done"}).status_code == 403
    )
    assert client.get(reverse("staff:action-new")).status_code == 403
    assert client.get(reverse("staff:action-change", args=[action.pk])).status_code == 403


def test_officers_follow_the_link_to_the_source_and_read_the_history(officer_client: Client) -> None:
    action = _told_world()
    action_progress(action=action, status=ActionStatus.IN_PROGRESS, progress=40, note="Parts ordered")
    page = officer_client.get(reverse("staff:action-detail", args=[action.pk])).content.decode()
    assert f'href="{reverse("staff:activity-minutes", args=[action.activity_id])}"' in page
    assert "In progress, 40%. Parts ordered" in page


def test_an_unknown_action_is_not_found(officer_client: Client) -> None:
    assert officer_client.get(reverse("staff:action-detail", args=[999999])).status_code == 404
    assert officer_client.get(reverse("staff:action-change", args=[999999])).status_code == 404


def test_a_plans_action_opens_with_a_link_to_its_place_in_the_report(officer_client: Client) -> None:
    """The plan's page is the report with the plan's fragment; the link still opens."""
    from tenantvoice.strategies.loader import strategy_load

    strategy_load("housing-for-women")
    action = Action.objects.filter(plan__isnull=False, parent__isnull=True).order_by("pk").first()
    assert action is not None
    page = officer_client.get(reverse("staff:action-detail", args=[action.pk]))
    assert page.status_code == 200
    assert f"/staff/reports/action-plans/#plan-{action.plan_id}" in page.content.decode()
