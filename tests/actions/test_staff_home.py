"""The officer's home lists overdue actions, counted up to the cap like other work, linking
to the tracker filtered to overdue; the staff menu has the tracker."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tenantvoice.accounts.models import User
from tenantvoice.actions.models import ActionStatus
from tenantvoice.actions.services import action_create, action_progress
from tenantvoice.staff.work import COUNT_UP_TO, ITEMS_SHOWN, todays_work
from tests.conftest import sign_in

from .helpers import days, own_action

pytestmark = pytest.mark.django_db


def overdue_kind(user: User) -> object:
    user.is_verified = lambda: True  # type: ignore[attr-defined]  # as after the second factor
    return next((k for k in todays_work(user) if k.key == "actions"), None)


def test_the_officers_home_lists_overdue_actions_linking_to_the_overdue_list(officer_client: Client) -> None:
    late = own_action("Send the newsletter", due_on=days(-7))
    own_action("Not yet due", due_on=days(7))
    done = own_action("Done late", due_on=days(-7))
    action_progress(action=done, status=ActionStatus.DONE, evidence="Sent")
    page = officer_client.get(reverse("staff:home")).content.decode()
    assert "Overdue actions" in page and "Send the newsletter" in page
    assert reverse("staff:action-detail", args=[late.pk]) in page
    assert "Not yet due" not in page and "Done late" not in page


def test_the_count_stops_at_the_cap_and_sub_actions_are_left_to_their_parent(
    officer: User, officer_client: Client
) -> None:
    parent = own_action("Parent", due_on=days(-1))
    action_create(title="Late step", parent=parent, owner_name="A", due_on=days(-1))
    kind = overdue_kind(officer)
    assert kind is not None and kind.total == 1  # type: ignore[attr-defined]
    for n in range(COUNT_UP_TO + 5):
        own_action(f"Late {n}", due_on=days(-2))
    kind = overdue_kind(officer)
    assert len(kind.items) == ITEMS_SHOWN  # type: ignore[union-attr]
    assert kind.total == COUNT_UP_TO + 1 and kind.total_words == f"more than {COUNT_UP_TO}"  # type: ignore[union-attr]
    page = officer_client.get(reverse("staff:home")).content.decode()
    assert f"Overdue actions (more than {COUNT_UP_TO})" in page
    assert f'href="{reverse("staff:actions")}?status=overdue"' in page


def test_board_readers_have_no_work_list_of_actions_but_the_menu_has_the_tracker(board_reader: User) -> None:
    own_action("Late", due_on=days(-1))
    assert overdue_kind(board_reader) is None
    page = sign_in(Client(), board_reader).get(reverse("staff:home")).content.decode()
    assert f'href="{reverse("staff:actions")}"' in page
