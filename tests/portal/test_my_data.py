"""Everything held about me: a readable page and a JSON file with the same contents,
only ever about the signed-in resident."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.utils import timezone

from tenantvoice.accounts.models import Invitation, User
from tenantvoice.core.audit import audit_record
from tenantvoice.core.models import AuditAction
from tenantvoice.portal.selectors import resident_data_export
from tenantvoice.residents.models import MemberRole, Resident
from tenantvoice.residents.services import equality_profile_save, resident_update

from ..factories import ResidentFactory, TenancyMemberFactory, household


def _fill_record(tess: Resident, tenant_user: User, officer: User) -> Resident:
    """Tess's record with preferences, equality answers, a household member and a trail,
    and a second resident, Sam, whose data must never appear."""
    tenancy = tess.memberships.get().tenancy
    TenancyMemberFactory(
        tenancy=tenancy,
        role=MemberRole.HOUSEHOLD_MEMBER,
        resident=ResidentFactory(first_name="Tom", last_name="Tenant"),
    )
    resident_update(
        resident=tess,
        actor=tenant_user,
        data={"language": "so", "large_print": True, "support_needs": "Step-free access"},
    )
    equality_profile_save(
        resident=tess,
        answers={"religion": "buddhist"},
        consent=True,
        consent_method="portal",
        actor=tenant_user,
        landlord_name="Oakfield Homes",
    )
    audit_record(
        actor=officer,
        action=AuditAction.VIEW,
        object_type="resident",
        object_id=tess.pk,
        resident_id=tess.pk,
        summary="Viewed the resident",
    )
    # An invitation she was sent before she made her account.
    Invitation.objects.create(
        resident=tess, token_hash="0" * 64, created_by=officer, expires_at=timezone.now(), sent_by="email"
    )
    sam = (
        household(
            first_name="Samira",
            last_name="Stranger",
            email="samira@example.org",
            date_of_birth=dt.date(1988, 8, 8),
        )
        .members.get()
        .resident
    )
    equality_profile_save(
        resident=sam,
        answers={"religion": "jewish"},
        consent=True,
        consent_method="paper",
        actor=officer,
        landlord_name="Oakfield Homes",
    )
    audit_record(
        actor=officer,
        action=AuditAction.UPDATE,
        object_type="resident",
        object_id=sam.pk,
        resident_id=sam.pk,
        summary="Changed Samira's secret thing",
    )
    return sam


def test_the_page_lists_everything_held_and_nothing_about_anyone_else(
    tenant_client: Client, tess: Resident, tenant_user: User, officer: User
) -> None:
    _fill_record(tess, tenant_user, officer)
    page = tenant_client.get("/my/data/").content.decode()
    tenancy = tess.memberships.get().tenancy
    for expected in (
        "Tess",
        "17 May 1970",
        tess.email,
        tenancy.hms_ref,
        "Assured tenancy",
        tenancy.property.address_line_1,
        "Tom Tenant",
        "Somali",
        "Large print",
        "Step-free access",
        "Buddhist",
        "I agree that Oakfield Homes may keep",
        "tess@example.org",
        "Engagement officer",
        "Viewed the resident",
        "You",
        'href="/my/data.json"',
    ):
        assert expected in page, expected
    # The staff member is shown by role, never by name or email.
    assert "olive.officer@example.org" not in page
    for absent in ("Samira", "Stranger", "samira@example.org", "Jewish", "1988", "secret thing"):
        assert absent not in page, absent


def test_the_json_file_has_the_same_contents_as_an_attachment(
    tenant_client: Client, tess: Resident, tenant_user: User, officer: User
) -> None:
    _fill_record(tess, tenant_user, officer)
    response = tenant_client.get("/my/data.json")
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="my-data-')
    assert "no-store" in response["Cache-Control"]
    data = response.json()
    assert set(data) == set(resident_data_export(tess))
    assert data["details"]["first_name"] == "Tess" and data["details"]["date_of_birth"] == "1970-05-17"
    assert data["tenancies"][0]["other_household_members"] == [
        {"name": "Tom Tenant", "role": "Other household member"}
    ]
    assert data["preferences"]["language"] == "Somali"
    assert data["equality"]["answers"]["religion"] == "Buddhist"
    assert data["equality"]["consent_wording"].startswith("I agree that Oakfield Homes")
    assert data["account"]["sign_in_email"] == "tess@example.org"
    assert len(data["invitations"]) == 1
    roles = {event["by"] for event in data["audit_trail"]}
    assert "Engagement officer" in roles and "You" in roles
    text = response.content.decode()
    for absent in ("Samira", "samira@example.org", "Jewish", "olive.officer", "secret thing"):
        assert absent not in text, absent


def test_looking_at_my_data_is_itself_recorded(tenant_client: Client, tess: Resident) -> None:
    tenant_client.get("/my/data.json")
    trail = tenant_client.get("/my/data.json").json()["audit_trail"]
    assert trail[0]["action"] == "Downloaded" and trail[0]["by"] == "You"


def test_without_equality_answers_the_page_says_so(tenant_client: Client, tess: Resident) -> None:
    assert "We do not hold any equality answers for you." in tenant_client.get("/my/data/").content.decode()
    assert tenant_client.get("/my/data.json").json()["equality"] is None
