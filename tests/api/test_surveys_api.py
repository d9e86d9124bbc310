"""Surveys through the API: reading questions, and systems posting responses with clear errors."""

from __future__ import annotations

import pytest

from tenantvoice.core.roles import Role
from tenantvoice.surveys.models import Response
from tenantvoice.surveys.services import tsm_add
from tests.factories import SurveyFactory, UserFactory

from .conftest import session_client, token_client

pytestmark = pytest.mark.django_db


def test_a_system_posts_responses_by_question_code() -> None:
    survey = SurveyFactory(title="TSM", status="open")
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

    survey = _wave("Tenant survey 2026", satisfied=30, dissatisfied=10)
    client = token_client(UserFactory(role=Role.MANAGER))
    url = f"/api/v1/surveys/{survey.pk}/results/"
    plain = client.get(url).json()
    assert plain["responses"] == 40 and plain["weighting"] is None and plain["suppression_threshold"] == 5
    glance = next(t for t in plain["tables"] if t["title"] == "Satisfaction at a glance")
    tp01 = next(row for row in glance["rows"] if row[0].startswith("TP01"))
    assert tp01[1:3] == [40, 75.0]

    weighted = client.get(url, {"weight": "tenure_group"}).json()
    assert weighted["weighting"]["variables"] == ["tenure_group"]
    assert client.get(url, {"weight": "shoe_size"}).status_code == 400
    assert "whole number" in client.get(url, {"compare": "last"}).json()["compare"][0]
    assert session_client(UserFactory(role=Role.RESIDENT)).get(url).status_code == 403


@pytest.mark.django_db
def test_hidden_figures_come_as_null_with_the_reason_never_as_numbers() -> None:
    from tests.surveys.test_weighting import _wave

    # 6 satisfied and 2 dissatisfied: 75% of 8 would give the 2 away, so the % is hidden too.
    survey = _wave("Small survey", satisfied=6, dissatisfied=2)
    body = token_client(UserFactory(role=Role.MANAGER)).get(f"/api/v1/surveys/{survey.pk}/results/").json()
    glance = next(t for t in body["tables"] if t["title"] == "Satisfaction at a glance")
    row = next(i for i, r in enumerate(glance["rows"]) if r[0].startswith("TP01"))
    assert glance["rows"][row][2] is None
    hidden = {(cell["row"], cell["column"]) for cell in glance["hidden"]}
    assert (row, 2) in hidden and "small numbers" in glance["hidden"][0]["reason"]
    tsm = next(t for t in body["tables"] if t["title"] == "Tenant Satisfaction Measures")
    # Groups of 4 in each tenure group: no answers count and no % for either.
    answered = [r for r in tsm["rows"] if r[2] != 0]
    assert answered and all(r[2] is None and r[3] is None for r in answered)
    assert 4 not in [c for r in tsm["rows"] for c in r]
