"""Surveys through the API: reading questions, and systems posting responses with clear errors."""

from __future__ import annotations

import pytest

from tenantvoice.core.roles import Role
from tenantvoice.surveys.models import Response, Survey
from tenantvoice.surveys.services import tsm_add
from tests.factories import UserFactory

from .conftest import token_client

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
