"""Residents see public actions at /you-said-we-did/ beside the published outcomes, and all of
them on their own page: where each came from, its status, progress and date; never the name
of a member of staff who owns it or of a resident who raised it."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tenantvoice.accounts.models import User
from tenantvoice.actions.models import ActionStatus
from tenantvoice.actions.services import action_create, action_progress
from tenantvoice.core.roles import Role
from tests.factories import ActivityFactory, GroupFactory, ResidentFactory, staff_user

from .helpers import days, own_action

pytestmark = pytest.mark.django_db

OUTCOMES = reverse("you-said-we-did")
ACTIONS = reverse("you-said-we-did-actions")


def test_residents_see_a_public_action_but_never_who_owns_or_raised_it(client: Client) -> None:
    owner = staff_user(Role.ENGAGEMENT_OFFICER, "sam@example.org")
    owner.full_name = "Sam Staffer"
    owner.save()
    meeting = ActivityFactory(title="Estate walkabout", public=True)
    action = action_create(
        title="Mend the fence at Elm Court",
        source=meeting,
        owner_user=owner,
        owner_group=GroupFactory(name="Estate Panel"),
        owner_name="Estates Manager",
        due_on=days(30),
        public=True,
    )
    action.raised_by.add(ResidentFactory(first_name="Rae", last_name="Raiser"))
    action_progress(action=action, status=ActionStatus.IN_PROGRESS, progress=40)
    for url in (OUTCOMES, ACTIONS):
        page = client.get(url).content.decode()
        assert "What we are doing" in page and "Mend the fence at Elm Court" in page
        assert "A meeting: Estate walkabout" in page and "In progress" in page and "40% done" in page
        for name in ("Sam Staffer", "sam@example.org", "Estate Panel", "Estates Manager", "Rae", "Raiser"):
            assert name not in page, f"{name} shown on {url}"


def test_private_actions_and_sub_actions_are_not_shown(client: Client) -> None:
    own_action("Private plan")
    parent = own_action("Public plan", public=True)
    action_create(title="A step of the plan", parent=parent, owner_name="A")
    page = client.get(ACTIONS).content.decode()
    assert "Public plan" in page
    assert "Private plan" not in page and "A step of the plan" not in page


def test_a_late_action_says_honestly_that_it_is_running_late(client: Client) -> None:
    late = own_action("Repaint the stairwell", due_on=days(-5), public=True)
    page = client.get(ACTIONS).content.decode()
    assert f"Running late: it was due by {late.due_on.day} {late.due_on:%B %Y}." in page
    action_progress(action=late, status=ActionStatus.DONE, evidence="Painted")
    assert "Running late" not in client.get(ACTIONS).content.decode()


def test_an_officers_own_action_says_it_came_from_our_own_plans(client: Client) -> None:
    own_action("Answer the phone faster", public=True)
    assert "Our own plans" in client.get(ACTIONS).content.decode()


def test_open_actions_come_first_and_the_actions_page_is_paginated_apart_from_outcomes(
    client: Client,
) -> None:
    done = own_action("Finished first", public=True, due_on=days(-30))
    action_progress(action=done, status=ActionStatus.DONE, evidence="Done")
    for n in range(20):
        own_action(f"Open {n:02d}", public=True, due_on=days(n + 1))
    first = client.get(ACTIONS)
    titles = [a.title for a in first.context["actions"]]
    assert titles[:2] == ["Open 00", "Open 01"] and len(titles) == 20
    assert "Page 1 of 2" in first.content.decode()
    assert [a.title for a in client.get(ACTIONS, {"page": 2}).context["actions"]] == ["Finished first"]
    outcomes = client.get(OUTCOMES)
    assert [a.title for a in outcomes.context["doing"]] == [f"Open {n:02d}" for n in range(5)]
    assert "See all 21 things we are doing" in outcomes.content.decode()


def test_a_signed_in_resident_sees_the_same_public_list(tenant_client: Client, tenant_user: User) -> None:
    own_action("Shown to everyone", public=True)
    assert "Shown to everyone" in tenant_client.get(ACTIONS).content.decode()
