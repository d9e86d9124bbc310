"""The tracker's API: actions listed with the page's filters and read one at a time by staff
tokens that read reports; progress recorded by officers through the same service, its refusals
answered as 400s naming the field; every role against every endpoint."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rest_framework.test import APIClient

from tenantvoice.accounts.models import User
from tenantvoice.actions.models import Action, ActionStatus
from tenantvoice.actions.services import action_create
from tenantvoice.comms.models import Message
from tests.api.conftest import session_client, token_client
from tests.factories import ActivityFactory, GroupFactory, ParticipantFactory, ResidentFactory

from .helpers import days, own_action

pytestmark = pytest.mark.django_db

BASE = "/api/v1/actions/"


@pytest.fixture
def officer_api(officer: User) -> APIClient:
    return token_client(officer)


@pytest.fixture
def action(db: None) -> Action:
    return own_action("Publish repairs timescales", due_on=days(-2), public=True)


def test_board_readers_list_and_read_actions_with_the_trackers_filters(board_reader: User) -> None:
    api = token_client(board_reader)
    meeting = ActivityFactory(title="Residents Panel")
    from_meeting = action_create(
        title="From the meeting", source=meeting, owner_group=GroupFactory(name="Panel")
    )
    late = own_action("Late", due_on=days(-2))
    child = action_create(title="A step", parent=late, owner_name="Olu")
    body = api.get(BASE).json()
    assert {r["id"] for r in body["results"]} == {late.pk, child.pk, from_meeting.pk}
    assert [r["id"] for r in api.get(BASE, {"source": "activity"}).json()["results"]] == [from_meeting.pk]
    assert [r["id"] for r in api.get(BASE, {"status": "overdue", "top_level": "true"}).json()["results"]] == [
        late.pk
    ]
    assert [r["id"] for r in api.get(BASE, {"owner": "pan"}).json()["results"]] == [from_meeting.pk]
    assert [r["id"] for r in api.get(BASE, {"parent": late.pk}).json()["results"]] == [child.pk]
    one = api.get(f"{BASE}{from_meeting.pk}/").json()
    assert one["source_kind"] == "activity" and one["source_label"] == "Meeting action point"
    assert one["source_title"] == str(meeting) and one["owner"] == "Panel" and one["overdue"] is False
    assert "raised_by" not in one
    assert api.get(f"{BASE}{late.pk}/").json()["overdue"] is True


def test_it_refuses_an_unknown_filter_value(officer_api: APIClient) -> None:
    assert officer_api.get(BASE, {"status": "finished"}).status_code == 400
    assert officer_api.get(BASE, {"source": "gossip"}).status_code == 400
    assert officer_api.get(BASE, {"due_from": "soon"}).status_code == 400


def test_an_officer_records_progress_and_those_told_are_sent_one_message(officer_api: APIClient) -> None:
    meeting = ActivityFactory()
    ParticipantFactory(activity=meeting, resident=ResidentFactory())
    action = action_create(title="Fix the lift", source=meeting, owner_name="Olu")
    answer = officer_api.post(
        f"{BASE}{action.pk}/progress/",
        {"status": "in_progress", "progress": 30, "note": "Ordered"},
        format="json",
    )
    assert answer.status_code == 201, answer.content
    assert answer.json()["status"] == "in_progress" and answer.json()["progress"] == 30
    assert Message.objects.filter(template="action_status").count() == 1
    history = officer_api.get(f"{BASE}{action.pk}/progress/").json()["results"]
    assert history[0]["note"] == "Ordered" and history[0]["progress"] == 30


def test_a_refusal_is_a_400_naming_the_field(officer_api: APIClient, action: Action) -> None:
    refused = officer_api.post(f"{BASE}{action.pk}/progress/", {"status": "done"}, format="json")
    assert refused.status_code == 400
    assert "evidence" in refused.json()
    assert (
        officer_api.post(f"{BASE}{action.pk}/progress/", {"status": "maybe"}, format="json").status_code
        == 400
    )
    action.refresh_from_db()
    assert action.status == ActionStatus.NOT_STARTED


ROLES = [
    ("officer", 200, 201),
    ("administrator", 200, 201),
    ("manager", 200, 403),
    ("board_reader", 200, 403),
]


@pytest.mark.parametrize(
    ("persona", "read", "write", "make_client"),
    [(*role, client) for role in ROLES for client in (token_client, session_client)]
    # Residents cannot hold a token (tests/api/test_token_expiry.py): by session only.
    + [("tenant_user", 403, 403, session_client)],
)
def test_each_role_reads_and_writes_as_its_capabilities_allow(
    request: pytest.FixtureRequest,
    action: Action,
    persona: str,
    read: int,
    write: int,
    make_client: Callable[[User], APIClient],
) -> None:
    api = make_client(request.getfixturevalue(persona))
    assert api.get(BASE).status_code == read
    assert api.get(f"{BASE}{action.pk}/").status_code == read
    assert api.get(f"{BASE}{action.pk}/progress/").status_code == read
    body = {"status": "in_progress", "progress": 10}
    assert api.post(f"{BASE}{action.pk}/progress/", body, format="json").status_code == write


def test_anonymous_callers_get_401_and_nothing_can_be_created_or_deleted(
    officer_api: APIClient, action: Action
) -> None:
    assert APIClient().get(BASE).status_code == 401
    assert APIClient().post(f"{BASE}{action.pk}/progress/", {"status": "done"}).status_code == 401
    assert officer_api.post(BASE, {"title": "New"}, format="json").status_code == 405
    assert officer_api.delete(f"{BASE}{action.pk}/").status_code == 405


def test_the_schema_describes_the_actions_endpoints(officer_api: APIClient) -> None:
    paths = officer_api.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()["paths"]
    assert {"get"} <= set(paths["/api/v1/actions/"])
    assert {"get", "post"} <= set(paths["/api/v1/actions/{id}/progress/"])


def test_a_page_of_actions_takes_a_fixed_number_of_queries(
    officer_api: APIClient, django_assert_max_num_queries: object
) -> None:
    for n in range(30):
        parent = action_create(title=f"Top {n}", source=ActivityFactory(), owner_group=GroupFactory())
        action_create(title=f"Child {n}", parent=parent, owner_name="B")
    with django_assert_max_num_queries(6):  # type: ignore[operator]
        assert len(officer_api.get(BASE, {"page_size": 100}).json()["results"]) == 60
