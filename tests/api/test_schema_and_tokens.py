"""The OpenAPI document, and issuing tokens from the command line."""

from __future__ import annotations

import pytest
import yaml
from django.core.management import CommandError, call_command
from drf_spectacular.validation import validate_schema
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tenantvoice.accounts.models import User

from .conftest import session_client, token_client


def test_the_schema_is_a_valid_openapi_3_document_listing_the_four_resources(officer: User) -> None:
    response = token_client(officer).get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    document = response.json()
    validate_schema(document)  # raises on anything that is not OpenAPI 3
    assert document["openapi"].startswith("3.")
    for resource in ("areas", "properties", "tenancies", "residents"):
        assert f"/api/v1/{resource}/" in document["paths"]
        assert f"/api/v1/{resource}/{{id}}/" in document["paths"]
        assert "delete" not in document["paths"][f"/api/v1/{resource}/{{id}}/"]
    assert "tokenAuth" in document["components"]["securitySchemes"]


def test_the_schema_names_no_equality_field(officer: User) -> None:
    document = yaml.safe_load(token_client(officer).get("/api/v1/schema/").content)
    resident = document["components"]["schemas"]["Resident"]["properties"]
    assert not {"ethnicity", "religion", "sexual_orientation", "disability", "sex", "equality_profile"} & set(
        resident
    )


def test_the_schema_needs_a_staff_account_or_a_token(officer: User, tenant_user: User) -> None:
    assert APIClient().get("/api/v1/schema/").status_code == 401
    assert session_client(tenant_user).get("/api/v1/schema/").status_code == 403
    assert session_client(officer).get("/api/v1/schema/").status_code == 200


def test_drf_create_token_issues_a_token_by_email_that_the_api_accepts(officer: User) -> None:
    call_command("drf_create_token", "olive.officer@example.org")
    token = Token.objects.get(user=officer)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert client.get("/api/v1/residents/").status_code == 200


def test_drf_create_token_can_replace_a_token(officer: User) -> None:
    call_command("drf_create_token", "olive.officer@example.org")
    old = Token.objects.get(user=officer).key
    call_command("drf_create_token", "-r", "olive.officer@example.org")
    assert Token.objects.get(user=officer).key != old


def test_drf_create_token_refuses_an_unknown_email(db: None) -> None:
    with pytest.raises(CommandError):
        call_command("drf_create_token", "nobody@example.org")
