"""Everything held about me: a readable page and a JSON file with the same contents,
only ever about the signed-in resident."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.utils import timezone

from tenantvoice.accounts.models import Invitation, User
from tenantvoice.core.audit import audit_record
from tenantvoice.core.models import AuditAction, AuditEvent
from tenantvoice.core.personal_data import section_specs
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
        by=tenant_user,
        data={"language": "so", "large_print": True, "support_needs": "Step-free access"},
    )
    equality_profile_save(
        resident=tess,
        answers={"religion": "buddhist"},
        consent=True,
        consent_method="portal",
        by=tenant_user,
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
        by=officer,
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
    sections = response.json()["sections"]
    assert list(sections) == [spec.key for spec in section_specs()]
    details = sections["details"]["records"][0]
    assert details["First name"] == "Tess" and details["Date of birth"] == "1970-05-17"
    assert sections["household"]["records"][0]["Other people in the household"] == [
        "Tom Tenant (other household member)"
    ]
    assert sections["contact"]["records"][0]["Language"] == "Somali"
    equality = sections["equality"]["records"][0]
    assert equality["Religion"] == "Buddhist" and equality["Sex"] == "Not answered"
    assert equality["What you agreed to"].startswith("I agree that Oakfield Homes")
    assert sections["account"]["records"][0]["Email address you sign in with"] == "tess@example.org"
    assert len(sections["account_invitations"]["records"]) == 1
    roles = {event["Who"] for event in sections["audit_trail"]["records"]}
    assert "Engagement officer" in roles and "You" in roles
    assert all(section["why_we_hold_it"] for section in sections.values())
    text = response.content.decode()
    for absent in ("Samira", "samira@example.org", "Jewish", "olive.officer", "secret thing"):
        assert absent not in text, absent


def test_looking_at_my_data_is_itself_recorded(tenant_client: Client, tess: Resident) -> None:
    tenant_client.get("/my/data.json")
    trail = tenant_client.get("/my/data.json").json()["sections"]["audit_trail"]["records"]
    assert trail[0]["What they did"] == "Downloaded (your record)" and trail[0]["Who"] == "You"


def test_reading_equality_answers_in_the_export_is_audited_as_an_equality_read(
    tenant_client: Client, tess: Resident, tenant_user: User, officer: User
) -> None:
    _fill_record(tess, tenant_user, officer)
    before = AuditEvent.objects.filter(action=AuditAction.VIEW_EQUALITY, resident_id=tess.pk).count()
    tenant_client.get("/my/data/")
    assert (
        AuditEvent.objects.filter(
            action=AuditAction.VIEW_EQUALITY, resident_id=tess.pk, actor=tenant_user
        ).count()
        == before + 1
    )


def test_without_equality_answers_the_page_says_so_and_nothing_is_audited_as_read(
    tenant_client: Client, tess: Resident
) -> None:
    assert "We do not hold any equality answers for you." in tenant_client.get("/my/data/").content.decode()
    assert tenant_client.get("/my/data.json").json()["sections"]["equality"]["records"] == []
    assert not AuditEvent.objects.filter(action=AuditAction.VIEW_EQUALITY).exists()
