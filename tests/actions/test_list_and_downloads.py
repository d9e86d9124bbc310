"""The tracker's list: filters by owner, source, status and due date; overdue flagged and
counted; CSV and XLSX of exactly the filtered list, sub-actions included."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from tenantvoice.accounts.models import User
from tenantvoice.actions.models import ActionStatus
from tenantvoice.actions.services import action_create, action_progress
from tests.factories import ActivityFactory, GroupFactory

from .helpers import days, own_action

pytestmark = pytest.mark.django_db

LIST = reverse("staff:actions")


def titles(response: object) -> list[str]:
    rows = response.context["rows"]  # type: ignore[attr-defined]
    return [a.title for a, _ in rows]


def test_it_filters_by_owner_staff_group_or_post(officer_client: Client, officer: User) -> None:
    panel = GroupFactory(name="Repairs Panel")
    own_action("Staff owned", owner_user=officer, owner_name="")
    own_action("Group owned", owner_group=panel, owner_name="")
    own_action("Post owned", owner_name="Director of Operations")
    assert titles(officer_client.get(LIST, {"owner_user": officer.pk})) == ["Staff owned"]
    assert titles(officer_client.get(LIST, {"owner_group": panel.pk})) == ["Group owned"]
    assert titles(officer_client.get(LIST, {"owner": "operations"})) == ["Post owned"]
    assert titles(officer_client.get(LIST, {"owner": "repairs pan"})) == ["Group owned"]


def test_it_filters_by_source_status_and_due_date(officer_client: Client) -> None:
    meeting = ActivityFactory()
    from_meeting = action_create(title="From the meeting", source=meeting, owner_name="Olu", due_on=days(30))
    own_action("Own early", due_on=days(5))
    late = own_action("Own late", due_on=days(-3))
    done = own_action("Own done", due_on=days(-10))
    action_progress(action=done, status=ActionStatus.DONE, evidence="Letter sent")

    assert titles(officer_client.get(LIST, {"source": "activity"})) == [from_meeting.title]
    assert titles(officer_client.get(LIST, {"source": "own"})) == ["Own done", "Own late", "Own early"]
    assert titles(officer_client.get(LIST, {"status": "overdue"})) == [late.title]
    assert titles(officer_client.get(LIST, {"status": "open"})) == [
        "Own late",
        "Own early",
        "From the meeting",
    ]
    assert titles(officer_client.get(LIST, {"status": "done"})) == ["Own done"]
    window = {"due_from": days(0).strftime("%d/%m/%Y"), "due_to": days(10).strftime("%d/%m/%Y")}
    assert titles(officer_client.get(LIST, window)) == ["Own early"]


def test_it_refuses_a_due_date_range_that_ends_before_it_starts(officer_client: Client) -> None:
    response = officer_client.get(LIST, {"due_from": "1/4/2027", "due_to": "1/3/2027"})
    assert response.status_code == 400
    assert "The second date must be on or after the first." in response.content.decode()


def test_overdue_actions_are_flagged_and_counted_at_the_top_soonest_due_first(officer_client: Client) -> None:
    own_action("Undated", due_note="Ongoing")
    own_action("Later", due_on=days(20))
    own_action("Late", due_on=days(-2))
    response = officer_client.get(LIST)
    page = response.content.decode()
    assert titles(response) == ["Late", "Later", "Undated"]
    assert response.context["counts"] == {"total": 3, "open": 3, "overdue": 1}
    assert "3 actions</strong>: 3 open," in page and "1 overdue</a>" in page
    assert page.count('<strong class="tag tag--red">Overdue</strong>') == 1
    assert "Ongoing" in page


def test_the_list_is_paginated(officer_client: Client) -> None:
    for n in range(51):
        own_action(f"Action {n:02d}", due_on=days(n))
    first = officer_client.get(LIST)
    assert len(titles(first)) == 50 and 'rel="next"' in first.content.decode()
    assert titles(officer_client.get(LIST, {"page": 2})) == ["Action 50"]


def test_the_csv_holds_every_filtered_action_with_its_sub_actions_indented(officer_client: Client) -> None:
    meeting = ActivityFactory(title="Residents Panel")
    parent = action_create(title="Improve voids", source=meeting, owner_name="Head of Voids", due_on=days(-1))
    child = action_create(title="Survey new tenants", parent=parent, owner_name="Olu", weight=2)
    own_action("Not from a meeting", public=True)
    response = officer_client.get(LIST, {"source": "activity", "format": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert 'filename="actions-' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[1] == [
        "Id",
        "Sub-action of",
        "Title",
        "From",
        "Source title",
        "Owner",
        "Due",
        "Status",
        "Progress (%)",
        "Evidence",
        "Done on",
        "Re-test by",
        "Public",
    ]
    body = rows[2:-1]
    assert [r[0] for r in body] == [str(parent.pk), str(child.pk)]
    assert body[0][2:5] == ["Improve voids", "Meeting action point", str(meeting)]
    assert body[0][7] == "Not started (overdue)"
    assert body[1][1] == str(parent.pk) and body[1][2] == "    Survey new tenants"
    assert "Not from a meeting" not in response.content.decode()


def test_the_xlsx_holds_the_same_rows(officer_client: Client) -> None:
    parent = own_action("Parent", due_on=days(3))
    action_create(title="Child", parent=parent, owner_name="A")
    response = officer_client.get(LIST, {"format": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [row for row in sheet.iter_rows(min_row=3, values_only=True) if row[0] is not None]
    assert [(r[0], r[1], r[2].strip()) for r in values[:2]] == [
        (parent.pk, None, "Parent"),
        (values[1][0], parent.pk, "Child"),
    ]


def test_the_download_takes_as_many_queries_for_many_actions_as_for_few(officer_client: Client) -> None:
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert officer_client.get(LIST, {"format": "csv"}).status_code == 200
        return len(captured)

    meeting = ActivityFactory()
    top = action_create(title="Top", source=meeting, owner_name="A")
    action_create(title="Child", parent=top, owner_name="A")
    few = queries()
    for n in range(10):
        parent = action_create(title=f"Top {n}", source=ActivityFactory(), owner_group=GroupFactory())
        action_create(title=f"Child {n}", parent=parent, owner_name="B")
    assert queries() == few
