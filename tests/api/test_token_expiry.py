"""API tokens expire, administrators list and revoke them in a page, and residents' accounts
cannot hold one (refused when made, and when used)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tenantvoice.accounts.models import User
from tenantvoice.accounts.tokens import TokenNotAllowed
from tenantvoice.core.models import AuditEvent
from tenantvoice.core.roles import Role

from ..factories import UserFactory
from .conftest import token_client


def test_a_token_expires_after_the_configured_days(officer: User, settings: object) -> None:
    settings.TENANTVOICE_API_TOKEN_DAYS = 30  # type: ignore[attr-defined]
    client = token_client(officer)
    assert client.get("/api/v1/areas/").status_code == 200
    Token.objects.filter(user=officer).update(created=timezone.now() - dt.timedelta(days=30, minutes=1))
    response = client.get("/api/v1/areas/")
    assert response.status_code == 401 and "expired" in response.json()["detail"]


def test_rotating_gives_a_fresh_token(officer: User) -> None:
    Token.objects.create(user=officer)
    Token.objects.filter(user=officer).update(created=timezone.now() - dt.timedelta(days=365))
    call_command("drf_create_token", "-r", officer.email)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get(user=officer).key}")
    assert client.get("/api/v1/areas/").status_code == 200


def test_a_residents_account_cannot_be_given_a_token(tenant_user: User) -> None:
    with pytest.raises(TokenNotAllowed, match="cannot hold an API token"):
        call_command("drf_create_token", tenant_user.email)
    with pytest.raises(TokenNotAllowed):
        Token.objects.create(user=tenant_user)
    assert not Token.objects.exists()


def test_a_token_that_reaches_a_residents_account_anyway_is_refused(db: None) -> None:
    user = UserFactory(role=Role.ENGAGEMENT_OFFICER, email="was.staff@example.org")
    token = Token.objects.create(user=user)
    User.objects.filter(pk=user.pk).update(role=Role.RESIDENT)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert client.get("/api/v1/areas/").status_code == 401


def test_administrators_list_tokens_without_their_keys_and_revoke_them(
    admin_client: Client, administrator: User, officer: User
) -> None:
    token = Token.objects.create(user=officer)
    page = admin_client.get("/staff/accounts/tokens/").content.decode()
    assert officer.email in page and token.key not in page
    expires = (token.created + dt.timedelta(days=90)).strftime("%-d %b %Y")
    assert expires in page
    admin_client.post(f"/staff/accounts/{officer.pk}/token/revoke/")
    assert not Token.objects.exists()
    assert AuditEvent.objects.get(object_type="api_token", action="delete").actor == administrator
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert client.get("/api/v1/areas/").status_code == 401


def test_officers_cannot_see_or_revoke_tokens(officer_client: Client, manager: User) -> None:
    Token.objects.create(user=manager)
    assert officer_client.get("/staff/accounts/tokens/").status_code == 403
    assert officer_client.post(f"/staff/accounts/{manager.pk}/token/revoke/").status_code == 403
    assert Token.objects.exists()
