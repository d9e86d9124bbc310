"""My account, my details and changing them: only ever the signed-in resident's own record."""

from __future__ import annotations

from typing import Any

from django.test import Client

from tenantvoice.accounts.models import User
from tenantvoice.core.models import AuditEvent
from tenantvoice.core.roles import Role
from tenantvoice.residents.models import MemberRole, Resident

from ..conftest import sign_in
from ..factories import ResidentFactory, TenancyMemberFactory, UserFactory


def _change(client: Client, tess: Resident, **overrides: str) -> Any:
    data = {
        "title": tess.title,
        "first_name": tess.first_name,
        "last_name": tess.last_name,
        "preferred_name": tess.preferred_name,
        "email": tess.email,
        "mobile_phone": tess.mobile_phone,
        "other_phone": tess.other_phone,
        "correspondence_address": "",
        "correspondence_postcode": "",
    }
    data.update(overrides)
    return client.post("/my/details/change/", data)


def test_my_account_greets_the_resident_and_links_to_every_page(tenant_client: Client) -> None:
    page = tenant_client.get("/my/").content.decode()
    assert "Hello, Tess" in page
    for url in ("/my/details/", "/my/preferences/", "/my/equality/", "/my/data/"):
        assert f'href="{url}"' in page


def test_my_details_show_household_home_and_tenancy(tenant_client: Client, tess: Resident) -> None:
    membership = tess.memberships.get()
    TenancyMemberFactory(
        tenancy=membership.tenancy,
        role=MemberRole.HOUSEHOLD_MEMBER,
        resident=ResidentFactory(first_name="Tom", last_name="Tenant"),
    )
    page = tenant_client.get("/my/details/").content.decode()
    assert "Tess Tenant" in page and "17 May 1970" in page
    assert membership.tenancy.hms_ref in page and "Assured tenancy" in page
    assert membership.tenancy.property.address_line_1 in page
    assert "Tom Tenant (other household member)" in page
    assert "Named tenant" in page
    assert "no-store" in tenant_client.get("/my/details/")["Cache-Control"]


def test_changing_my_details_saves_them_and_writes_an_audit_row(
    tenant_client: Client, tess: Resident, tenant_user: User
) -> None:
    response = _change(
        tenant_client,
        tess,
        preferred_name="Tessa",
        mobile_phone="07700 900123",
        correspondence_address="Flat 2\nThe Crescent",
        correspondence_postcode="m15 4ab",
    )
    assert response["Location"] == "/my/details/"
    tess.refresh_from_db()
    # Stored in E.164 (decision 0033), shown as people write it.
    assert tess.preferred_name == "Tessa" and tess.mobile_phone == "+447700900123"
    assert "07700 900123" in tenant_client.get("/my/details/").content.decode()
    assert tess.correspondence_postcode == "M15 4AB"
    event = AuditEvent.objects.get(action="update", resident_id=tess.pk)
    assert event.actor == tenant_user
    assert set(event.changes) == {
        "preferred_name",
        "mobile_phone",
        "correspondence_address",
        "correspondence_postcode",
    }


def test_it_explains_bad_details_and_saves_nothing(tenant_client: Client, tess: Resident) -> None:
    page = _change(
        tenant_client, tess, first_name="", mobile_phone="12345", correspondence_postcode="nonsense"
    ).content.decode()
    assert "Enter your first name." in page
    assert "Enter a phone number with 10 or 11 numbers" in page
    assert "Enter a real postcode" in page
    assert not AuditEvent.objects.filter(action="update").exists()


def test_it_keeps_the_email_address_while_email_is_a_chosen_channel(
    tenant_client: Client, tess: Resident
) -> None:
    page = _change(tenant_client, tess, email="").content.decode()
    assert "we need an email address" in page
    tess.refresh_from_db()
    assert tess.email


def test_a_resident_account_without_a_record_gets_a_friendly_page(client: Client, db: None) -> None:
    sign_in(client, UserFactory(role=Role.RESIDENT, resident=None, email="lost@example.org"))
    for url in ("/my/", "/my/details/", "/my/data/", "/my/data.json"):
        response = client.get(url)
        assert response.status_code == 200
        assert "We cannot find your record" in response.content.decode()
