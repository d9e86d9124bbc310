"""Scrutiny reviews through the API: reviews with their plan and requests, the evidence log,
recommendations with the response and the actions they became; read with VIEW_REPORTS, and
never a panel member's name."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tenantvoice.core.roles import Role
from tenantvoice.scrutiny.services import evidence_add, evidence_request_add, finding_add, milestone_add
from tests.factories import ResidentFactory, UserFactory
from tests.scrutiny.helpers import panel_with, worked_example

from .conftest import token_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def review() -> Any:
    review, _ = worked_example()
    review.panel = panel_with(ResidentFactory(first_name="Zelda", last_name="Panelmember"))
    review.save()
    milestone_add(review=review, title="Site visit", due_on=dt.date(2027, 1, 5))
    evidence_request_add(review=review, question="Void times", officer_name="Head of Repairs")
    evidence_add(review=review, kind="data", title="Void times", describes_on=dt.date(2026, 9, 30))
    finding_add(review=review, text="Voids are slow")
    return review


def test_board_readers_read_reviews_without_panel_members_names(review: Any) -> None:
    client = token_client(UserFactory(role=Role.BOARD_READER))
    answer = client.get("/api/v1/scrutiny-reviews/")
    assert answer.status_code == 200
    [row] = answer.json()["results"]
    assert row["title"] == review.title and row["panel_name"] == "Tenant Scrutiny Panel"
    assert row["milestones"][0]["title"] == "Site visit"
    assert row["requests"][0]["officer"] == "Head of Repairs"
    assert "Panelmember" not in answer.content.decode()
    detail = client.get(f"/api/v1/scrutiny-reviews/{review.pk}/")
    assert detail.status_code == 200 and detail.json()["stage"] == "proposed"


def test_the_evidence_log_filters_by_review(review: Any) -> None:
    client = token_client(UserFactory(role=Role.MANAGER))
    worked_example()  # another review's evidence is not listed
    body = client.get("/api/v1/scrutiny-evidence/", {"review": review.pk}).json()
    [row] = body["results"]
    assert (row["kind"], row["describes_on"], row["has_file"]) == ("data", "2026-09-30", False)


def test_recommendations_carry_the_response_and_the_action(review: Any) -> None:
    client = token_client(UserFactory(role=Role.BOARD_READER))
    rows = client.get("/api/v1/scrutiny-recommendations/", {"review": review.pk}).json()["results"]
    assert [r["response"] for r in rows] == ["accepted"] * 4 + ["partly", "considering", "considering"]
    assert rows[4]["reasons"] == "Costs are being worked out." and rows[4]["responded_on"] == "2026-11-18"
    assert (
        rows[0]["actions"][0]["due_on"] == "2027-03-31" and rows[0]["actions"][0]["retest_on"] == "2027-09-27"
    )
    assert rows[5]["actions"] == []
    accepted = client.get("/api/v1/scrutiny-recommendations/", {"review": review.pk, "response": "accepted"})
    assert len(accepted.json()["results"]) == 4


def test_the_scrutiny_api_is_read_only(review: Any) -> None:
    officer = token_client(UserFactory(role=Role.ENGAGEMENT_OFFICER))
    assert officer.post("/api/v1/scrutiny-reviews/", {"title": "x"}).status_code == 405
    assert officer.delete(f"/api/v1/scrutiny-reviews/{review.pk}/").status_code == 405
