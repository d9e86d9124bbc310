"""Crafted input gets a plain 4xx, never a 500 (issue 11, item 10)."""

from __future__ import annotations

import base64
import json

import pytest
from django.test import Client
from rest_framework.test import APIClient

from tenantvoice.accounts.models import User
from tenantvoice.core.roles import Role
from tenantvoice.surveys.services import question_add
from tests.api.conftest import token_client
from tests.factories import PASSWORD, SurveyFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def raising(client: Client) -> Client:
    """A client that answers a server error as the server would (a 500), not by raising."""
    client.raise_request_exception = False
    return client


@pytest.mark.parametrize(
    "target", ["1:2", "javascript:alert(1)", "//evil.example/", "/\\evil.example", "http://[::1", "/ok\x00"]
)
def test_sign_in_with_a_crafted_next_is_not_a_server_error(
    raising: Client, tenant_user: User, target: str
) -> None:
    assert raising.get("/accounts/sign-in/", {"next": target}).status_code == 200
    signed_in = raising.post(
        "/accounts/sign-in/", {"email": tenant_user.email, "password": PASSWORD, "next": target}
    )
    assert signed_in.status_code == 302 and signed_in["Location"] == "/"


def _cursor(value: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode()


@pytest.mark.parametrize(
    "cursor",
    [
        "not base64!",
        "e30",  # {} without its padding
        _cursor({"a": 1}),
        _cursor(["a", "b", 10**30]),
        _cursor(["a", "b", -(10**30)]),
        _cursor(["a\x00", "b", 1]),
        base64.urlsafe_b64encode(b'["a", "b", Infinity]').decode(),
        base64.urlsafe_b64encode(b"\xff\xfe").decode(),
        "\u00e9t\u00e9",
    ],
)
def test_a_crafted_search_cursor_is_refused_with_400(officer_client: Client, cursor: str) -> None:
    officer_client.raise_request_exception = False
    answer = officer_client.get("/staff/residents/", {"q": "smith", "after": cursor})
    assert answer.status_code == 400
    assert "This page link does not work" in answer.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/tenancies/?property=99999999999999999999",
        "/api/v1/tenancies/?property=-99999999999999999999",
        "/api/v1/tenancies/?property=1e400",
        "/api/v1/properties/?area=99999999999999999999",
        "/api/v1/residents/?area=99999999999999999999",
        "/api/v1/areas/?parent=99999999999999999999",
        "/api/v1/residents/99999999999999999999/",
        "/api/v1/surveys/99999999999999999999/results/",
    ],
)
def test_an_out_of_range_number_is_refused_not_a_server_error(url: str) -> None:
    client = token_client(UserFactory(role=Role.ADMINISTRATOR))
    client.raise_request_exception = False
    assert client.get(url).status_code in (400, 404)


@pytest.mark.parametrize("suffix", ["results.json", "responses.json", "results.api", "responses.csv"])
def test_a_format_suffix_on_survey_results_and_responses_is_not_a_server_error(suffix: str) -> None:
    survey = SurveyFactory(title="Bins", status="open")
    question_add(survey=survey, kind="yes_no", text="Do you like the new bins?")
    client: APIClient = token_client(UserFactory(role=Role.ADMINISTRATOR))
    client.raise_request_exception = False
    answer = client.get(f"/api/v1/surveys/{survey.pk}/{suffix}")
    assert answer.status_code in (200, 404)
    if suffix.endswith(".json"):
        assert answer.status_code == 200 and answer.json()


def test_every_extra_api_action_takes_the_format_suffix() -> None:
    """The router adds a .json form of every URL; an action without ``format`` would fail on it."""
    import inspect

    from tenantvoice.api.urls import router

    for _, viewset, _ in router.registry:
        for extra in viewset.get_extra_actions():
            assert "format" in inspect.signature(extra).parameters, f"{viewset.__name__}.{extra.__name__}"
