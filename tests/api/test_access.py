"""Every endpoint and method against every role, by token and by session."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

from tenantvoice.accounts.models import User
from tenantvoice.residents.models import TenancyMember

from ..factories import AreaFactory, TenancyMemberFactory, UserFactory
from .conftest import session_client, token_client

RESOURCES = ["areas", "properties", "tenancies", "residents"]
METHODS = ["list", "retrieve", "create", "partial_update", "update"]
WRITES = {"create", "partial_update", "update"}


@pytest.fixture
def member(db: None) -> TenancyMember:
    return TenancyMemberFactory()


def _target(resource: str, member: TenancyMember) -> int:
    tenancy = member.tenancy
    return {
        "areas": tenancy.property.area_id,
        "properties": tenancy.property_id,
        "tenancies": tenancy.pk,
        "residents": member.resident_id,
    }[resource]  # type: ignore[return-value]


def _body(resource: str, member: TenancyMember, n: int) -> dict[str, Any]:
    return {
        "areas": {"name": f"New area {n}", "level": "estate"},
        "properties": {"hms_ref": f"PNEW{n}", "address_line_1": "1 New Street", "postcode": "m1 1aa"},
        "tenancies": {
            "hms_ref": f"TNEW{n}",
            "property": member.tenancy.property_id,
            "tenure": "secure",
            "start_date": "2024-01-01",
        },
        "residents": {"hms_ref": f"RNEW{n}", "first_name": "Nia", "last_name": "Newcomer"},
    }[resource]


def _call(client: APIClient, resource: str, method: str, member: TenancyMember, n: int = 1) -> int:
    base = f"/api/v1/{resource}/"
    detail = f"{base}{_target(resource, member)}/"
    body = _body(resource, member, n)
    if method == "list":
        return client.get(base).status_code
    if method == "retrieve":
        return client.get(detail).status_code
    if method == "create":
        return client.post(base, body, format="json").status_code
    if method == "partial_update":
        return client.patch(detail, body, format="json").status_code
    if resource == "areas":  # a PUT must keep the area where it is to stay valid
        body = {"name": "Renamed", "level": "area"}
    return client.put(detail, body, format="json").status_code


EXPECTED_OK = {"list": 200, "retrieve": 200, "create": 201, "partial_update": 200, "update": 200}


@pytest.mark.parametrize("resource", RESOURCES)
@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("persona", ["officer", "administrator"])
@pytest.mark.parametrize("make_client", [token_client, session_client], ids=["token", "session"])
def test_officers_and_administrators_may_read_and_write(
    request: pytest.FixtureRequest,
    member: TenancyMember,
    resource: str,
    method: str,
    persona: str,
    make_client: Callable[[User], APIClient],
) -> None:
    client = make_client(request.getfixturevalue(persona))
    assert _call(client, resource, method, member) == EXPECTED_OK[method]


@pytest.mark.parametrize("resource", RESOURCES)
@pytest.mark.parametrize("method", METHODS)
def test_a_manager_may_read_but_not_write(
    manager: User, member: TenancyMember, resource: str, method: str
) -> None:
    expected = 403 if method in WRITES else 200
    assert _call(token_client(manager), resource, method, member) == expected


@pytest.mark.parametrize("resource", RESOURCES)
@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize(
    ("persona", "make_client"),
    [
        ("board_reader", token_client),
        ("board_reader", session_client),
        # Residents cannot hold a token at all (tests/api/test_token_expiry.py).
        ("tenant_user", session_client),
    ],
    ids=["board_reader-token", "board_reader-session", "tenant_user-session"],
)
def test_it_refuses_board_readers_and_residents(
    request: pytest.FixtureRequest,
    member: TenancyMember,
    resource: str,
    method: str,
    persona: str,
    make_client: Callable[[User], APIClient],
) -> None:
    client = make_client(request.getfixturevalue(persona))
    assert _call(client, resource, method, member) == 403


@pytest.mark.parametrize("resource", RESOURCES)
@pytest.mark.parametrize("method", METHODS)
def test_it_refuses_anonymous_callers_with_401(member: TenancyMember, resource: str, method: str) -> None:
    assert _call(APIClient(), resource, method, member) == 401


@pytest.mark.parametrize("resource", RESOURCES)
@pytest.mark.parametrize("method", METHODS)
def test_it_refuses_a_staff_session_that_has_not_passed_mfa(
    officer: User, member: TenancyMember, resource: str, method: str
) -> None:
    client = APIClient()
    client.force_login(officer)  # password only: no authenticator code this session
    assert _call(client, resource, method, member) == 403


def test_it_refuses_a_wrong_token(member: TenancyMember) -> None:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert client.get("/api/v1/residents/").status_code == 401


def test_it_refuses_the_token_of_a_deactivated_account(officer: User, member: TenancyMember) -> None:
    client = token_client(officer)
    officer.is_active = False
    officer.save(update_fields=["is_active"])
    assert client.get("/api/v1/residents/").status_code == 401


def test_it_refuses_a_token_for_an_account_with_no_role_capability(db: None) -> None:
    reader = UserFactory(role="board", email="sam@example.org")
    AreaFactory()
    assert token_client(reader).get("/api/v1/areas/").status_code == 403


@pytest.mark.parametrize("method", ["delete"])
def test_nothing_can_be_deleted_even_by_an_administrator(
    administrator: User, member: TenancyMember, method: str
) -> None:
    client = token_client(administrator)
    for resource in RESOURCES:
        response = client.delete(f"/api/v1/{resource}/{_target(resource, member)}/")
        assert response.status_code == 405
    assert TenancyMember.objects.filter(pk=member.pk).exists()
