"""Surveys through the API: reading questions, and systems posting responses with clear errors."""

from __future__ import annotations

import pytest

from tenantvoice.core.roles import Role
from tenantvoice.surveys.models import Response, Survey
from tenantvoice.surveys.services import tsm_add
from tests.factories import UserFactory

from .conftest import session_client, token_client

pytestmark = pytest.mark.django_db


def test_a_system_posts_responses_by_question_code() -> None:
    survey = Survey.objects.create(title="TSM", status="open")
    tsm_add(survey=survey, landlord="Riverside")
    officer = token_client(UserFactory(role=Role.ENGAGEMENT_OFFICER))
    [row] = officer.get("/api/v1/surveys/").json()["results"]
    assert row["questions"][0]["code"] == "TP01" and row["questions"][0]["choices"][0] == [
        "very_satisfied",
        "Very satisfied",
    ]
    url = f"/api/v1/surveys/{survey.pk}/responses/"
    missing = officer.post(url, {"answers": {"TP01": ["very_satisfied"]}}, format="json")
    assert missing.status_code == 400 and missing.json()["answers"]["TP04"] == ["Answer this question."]
    unknown = officer.post(url, {"answers": {"TP99": ["x"]}}, format="json")
    assert unknown.status_code == 400 and "TP99" in unknown.json()["answers"][0]
    board = token_client(UserFactory(role=Role.BOARD_READER))
    assert board.post(url, {"answers": {}}, format="json").status_code == 403
    assert board.get(url).json()["count"] == 0
    assert Response.objects.count() == 0


@pytest.mark.django_db
def test_results_come_as_the_pages_tables_weighted_when_asked() -> None:
    from tests.surveys.test_weighting import _wave

    survey = _wave("Tenant survey 2026", satisfied=6, dissatisfied=2)
    client = token_client(UserFactory(role=Role.MANAGER))
    url = f"/api/v1/surveys/{survey.pk}/results/"
    plain = client.get(url).json()
    assert plain["responses"] == 8 and plain["weighting"] is None and plain["suppression_threshold"] == 5
    glance = next(t for t in plain["tables"] if t["title"] == "Satisfaction at a glance")
    tp01 = next(row for row in glance["rows"] if row[0].startswith("TP01"))
    assert tp01[1:3] == [8, 75.0]

    weighted = client.get(url, {"weight": "tenure_group"}).json()
    assert weighted["weighting"]["variables"] == ["tenure_group"]
    assert client.get(url, {"weight": "shoe_size"}).status_code == 400
    assert "whole number" in client.get(url, {"compare": "last"}).json()["compare"][0]
    assert session_client(UserFactory(role=Role.RESIDENT)).get(url).status_code == 403
