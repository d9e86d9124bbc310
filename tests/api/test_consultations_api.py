"""Consultations and the survey programme through the API: counts, never repliers' names."""

from __future__ import annotations

import datetime as dt

import pytest

from tenantvoice.core.roles import Role
from tenantvoice.programme.services import programme_create
from tests.factories import ConsultationFactory, RepresentationFactory, ResidentFactory, UserFactory

from .conftest import token_client

pytestmark = pytest.mark.django_db


def test_board_readers_get_consultations_with_counts_but_no_names() -> None:
    consultation = ConsultationFactory(
        title="Rent setting", summary="s", likely_effect="e", closes_on=dt.date(2027, 1, 31), status="open"
    )
    RepresentationFactory(
        consultation=consultation,
        resident=ResidentFactory(first_name="Zed"),
        text="No",
        received_on=dt.date(2027, 1, 2),
    )
    client = token_client(UserFactory(role=Role.BOARD_READER))
    body = client.get("/api/v1/consultations/").json()
    [row] = body["results"]
    assert row["title"] == "Rent setting" and row["replies"] == 1 and row["notices_given"] == 0
    assert "Zed" not in str(body)


def test_survey_programme_with_milestones() -> None:
    programme_create(title="TenantLink", starts_on=dt.date(2027, 1, 4), count=2, cycle_weeks=4)
    client = token_client(UserFactory(role=Role.ENGAGEMENT_OFFICER))
    [programme] = client.get("/api/v1/survey-programmes/").json()["results"]
    assert [s["order"] for s in programme["surveys"]] == [1, 2]
    assert [m["step"] for m in programme["surveys"][0]["milestones"]] == [
        "survey",
        "report",
        "feedback",
        "prepare",
    ]
