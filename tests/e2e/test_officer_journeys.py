"""An officer signs in with a real authenticator code, finds a resident, opens their
record and checks an import; every page passes axe."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from tenantvoice.accounts.models import User
from tenantvoice.core.roles import Role
from tenantvoice.demo.synthetic import write_extract
from tenantvoice.residents.models import MemberRole
from tests.factories import ResidentFactory, TenancyMemberFactory, UserFactory

from .conftest import check_accessibility, follow, sign_in_with_code, submit

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_officer_finds_a_resident_and_opens_their_record(page: Any, live_server: Any, olive: User) -> None:
    member = TenancyMemberFactory(
        resident=ResidentFactory(
            first_name="Ann", last_name="Smithson", first_name_key="ann", last_name_key="smithson"
        ),
        role=MemberRole.TENANT,
    )
    base = live_server.url
    sign_in_with_code(page, base, olive)
    assert page.url.rstrip("/").endswith("/staff")
    check_accessibility(page)

    follow(page, "Residents", exact=True)
    page.get_by_label("Name, reference, postcode or address").fill("smith")
    submit(page, "Search")
    check_accessibility(page)
    follow(page, "Smithson, Ann")
    assert "Ann Smithson" in page.locator("h1").inner_text()
    assert member.tenancy.hms_ref in page.content()
    check_accessibility(page)

    follow(page, "Change contact details")
    check_accessibility(page)


def test_an_officer_checks_an_import_before_confirming_it(
    page: Any, live_server: Any, olive: User, tmp_path: Path, settings: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    extract = tmp_path / "hms.csv"
    write_extract(extract, 120, seed=3)
    base = live_server.url
    sign_in_with_code(page, base, olive)

    page.goto(f"{base}/staff/imports/new/")
    check_accessibility(page)
    page.get_by_label("The extract from your housing management system").set_input_files(str(extract))
    submit(page, "Check the file")
    assert "What the import would change" in page.content()
    check_accessibility(page)
    submit(page, "Import hms.csv")
    assert "Imported" in page.content()
    check_accessibility(page)


def test_an_administrator_reads_the_audit_log_and_equality_answers(page: Any, live_server: Any) -> None:
    ada = UserFactory(role=Role.ADMINISTRATOR, email="ada@example.org")
    TOTPDevice.objects.create(user=ada, name="Phone", confirmed=True)
    member = TenancyMemberFactory(resident=ResidentFactory(first_name="Bea", last_name="Brown"))
    base = live_server.url
    sign_in_with_code(page, base, ada)

    page.goto(f"{base}/staff/residents/{member.resident_id}/")
    follow(page, "Enter answers from a paper form")
    check_accessibility(page)
    page.get_by_label("Christian").check()
    page.locator("#id_consent").check()
    submit(page, "Save the answers")
    assert "Christian" in page.content()
    check_accessibility(page)

    follow(page, "Settings", exact=True)  # the staff menu's section, then its page
    follow(page, "Audit log", first=True)
    assert "Viewed equality answers" in page.content()
    check_accessibility(page)
    page.goto(f"{base}/staff/imports/")
    check_accessibility(page)
    page.goto(f"{base}/staff/residents/{member.resident_id}/preferences/")
    check_accessibility(page)
