"""API fixtures: clients signed in by token or by session, and a small register."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tenantvoice.accounts.models import User

from ..conftest import sign_in


def token_client(user: User) -> APIClient:
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def session_client(user: User) -> APIClient:
    """A browser-like session that has passed MFA (staff) or just signed in (residents)."""
    client = APIClient()
    sign_in(client, user)  # type: ignore[arg-type]
    return client


@pytest.fixture
def officer_api(officer: User) -> APIClient:
    return token_client(officer)


@pytest.fixture
def admin_api(administrator: User) -> APIClient:
    return token_client(administrator)


@pytest.fixture
def manager_api(manager: User) -> APIClient:
    return token_client(manager)
