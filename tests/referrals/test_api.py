"""The referrals API: staff tokens that read reports list referrals, awaiting or answered, one
group's or all, each with the Board's response and the actions it agreed; residents' and
strangers' requests are refused."""

from __future__ import annotations

import pytest

from tenantvoice.accounts.models import User
from tenantvoice.actions.services import action_create
from tests.api.conftest import token_client
from tests.factories import ReferralFactory, UserFactory

pytestmark = pytest.mark.django_db

BASE = "/api/v1/referrals/"


def test_board_readers_list_referrals_with_the_response_and_the_actions_agreed(board_reader: User) -> None:
    api = token_client(board_reader)
    waiting = ReferralFactory(title="Bins")
    answered = ReferralFactory(title="Lighting", decision="agreed", response="Yes, in May.")
    action_create(source=answered, title="Fit brighter lights", owner_name="Estates")
    body = api.get(BASE).json()
    assert {r["id"] for r in body["results"]} == {waiting.pk, answered.pk}
    assert [r["id"] for r in api.get(BASE, {"state": "awaiting"}).json()["results"]] == [waiting.pk]
    assert [r["id"] for r in api.get(BASE, {"group": waiting.group_id}).json()["results"]] == [waiting.pk]
    one = api.get(f"{BASE}{answered.pk}/").json()
    assert one["decision"] == "agreed" and one["group_name"] == answered.group.name
    assert [a["title"] for a in one["actions"]] == ["Fit brighter lights"]


def test_it_refuses_an_unknown_state(board_reader: User) -> None:
    assert token_client(board_reader).get(BASE, {"state": "lost"}).status_code == 400


def test_a_resident_signed_in_cannot_read_referrals(db: None) -> None:
    from tests.api.conftest import session_client

    resident_user = UserFactory(role="resident", email="r@example.org")
    assert session_client(resident_user).get(BASE).status_code == 403
