"""More of the officers' register pages: who may open each one, search in a linguistic
collation, paging without counting, the record's equality summary, paper equality forms,
the audit log's pages and the staff home."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tenantvoice.accounts.models import User
from tenantvoice.core.audit import audit_record
from tenantvoice.core.models import AuditAction, AuditEvent
from tenantvoice.core.roles import Role
from tenantvoice.residents.models import (
    EqualityProfile,
    ImportRun,
    MemberRole,
    Property,
    Resident,
    ResidentKind,
)
from tests.conftest import sign_in
from tests.factories import ResidentFactory, TenancyMemberFactory, UserFactory, staff_user
from tests.staff.test_residents import names, person

pytestmark = pytest.mark.django_db


# --- Who may open each page ------------------------------------------------------------------

# (url name, takes the resident's number, method, roles allowed)
PAGES = [
    ("staff:home", False, "get", {"administrator", "officer", "manager", "board"}),
    ("staff:resident-search", False, "get", {"administrator", "officer", "manager"}),
    ("staff:resident-detail", True, "get", {"administrator", "officer", "manager"}),
    ("staff:resident-change", True, "get", {"administrator", "officer"}),
    ("staff:resident-preferences", True, "get", {"administrator", "officer"}),
    ("staff:resident-equality", True, "get", {"administrator"}),
    ("staff:resident-invite", True, "post", {"administrator", "officer"}),
    ("staff:audit-log", False, "get", {"administrator"}),
    ("staff:audit-export", False, "get", {"administrator"}),
]
ROLES = ["administrator", "officer", "manager", "board", "resident"]


def visitor(role: str) -> User:
    if role == "resident":
        return UserFactory(role=Role.RESIDENT, email="rita@example.org", resident=ResidentFactory())
    return staff_user(role, f"{role}@example.org")


@pytest.mark.parametrize(("name", "with_pk", "method", "allowed"), PAGES, ids=[p[0] for p in PAGES])
def test_each_page_lets_in_only_the_roles_that_need_it(
    client: Client, name: str, with_pk: bool, method: str, allowed: set[str]
) -> None:
    ann = person("Ann", "Smith", email="ann@example.org")
    url = reverse(name, args=[ann.pk] if with_pk else [])
    call: Callable[..., object] = getattr(client, method)

    anonymous = call(url)
    assert anonymous.status_code == 302 and "next=" in anonymous["Location"]  # type: ignore[attr-defined]

    for role in ROLES:
        signed_in = sign_in(Client(), visitor(role))
        response = getattr(signed_in, method)(url)
        if role in allowed:
            assert response.status_code in (200, 302), (role, response.status_code)
        else:
            assert response.status_code == 403, (role, response.status_code)


# --- Search ----------------------------------------------------------------------------------


def _linguistic_collation() -> None:
    """On PostgreSQL, give the key columns the en-GB collation many servers have by default.

    In it "z" is followed by punctuation that sorts *before* letters, so a prefix range ending
    in z or 9 built by adding one to the last character finds nothing. DDL is transactional in
    PostgreSQL, so the test's rollback undoes this.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_collation WHERE collname = 'en-GB-x-icu'")
        if cursor.fetchone() is None:
            return
        for model, column in (
            (Resident, "first_name_key"),
            (Resident, "last_name_key"),
            (Property, "postcode_key"),
            (Property, "address_key"),
        ):
            length = model._meta.get_field(column).max_length
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(
                f'ALTER TABLE {table} ALTER COLUMN {column} TYPE varchar({length}) COLLATE "en-GB-x-icu"'
            )


def test_names_ending_in_z_and_postcodes_ending_in_9_are_found(officer_client: Client) -> None:
    _linguistic_collation()
    person("Hans", "Lutz", postcode="M19 2AB", address="9 Oak Road")
    person("Zoe", "Zz", postcode="M2 9ZZ", address="1 Elm Street")
    person("Ann", "Smith", postcode="M1 1AA", address="12 Oak Road")

    assert names(officer_client, q="Lutz") == ["Hans Lutz"]
    assert names(officer_client, q="hans lutz") == ["Hans Lutz"]
    assert names(officer_client, q="lutz hans") == ["Hans Lutz"]
    assert names(officer_client, q="zz") == ["Zoe Zz"]
    assert names(officer_client, q="M19") == ["Hans Lutz"]
    assert names(officer_client, q="M2 9zz") == ["Zoe Zz"]
    assert names(officer_client, q="9 oak") == ["Hans Lutz"]


def test_a_prefix_does_not_match_the_next_letters(officer_client: Client) -> None:
    person("Ann", "Smiz")
    person("Bob", "Smj")
    person("Cy", "Smi zed")
    assert names(officer_client, q="smiz") == ["Ann Smiz"]
    assert names(officer_client, q="smi") == ["Cy Smi zed", "Ann Smiz"]


def test_an_empty_search_shows_a_hint_and_searches_nothing(officer_client: Client) -> None:
    person("Ann", "Smith")
    response = officer_client.get(reverse("staff:resident-search"), {"q": "  "})
    assert response.context["page"] is None
    assert "Type a name, reference, postcode or address" in response.content.decode()
    assert not AuditEvent.objects.filter(action=AuditAction.SEARCH).exists()


def test_kind_narrows_the_search(officer_client: Client) -> None:
    person("Ann", "Smith")
    ResidentFactory(
        first_name="Ali",
        last_name="Smith",
        last_name_key="smith",
        first_name_key="ali",
        kind=ResidentKind.APPLICANT,
    )
    assert names(officer_client, q="smith", kind=ResidentKind.APPLICANT) == ["Ali Smith"]
    assert names(officer_client, q="smith") == ["Ali Smith", "Ann Smith"]


def test_result_rows_link_to_the_record_and_show_the_home(officer_client: Client) -> None:
    ann = person("Ann", "Smith", postcode="M15 4AB", address="12 Oak Road")
    page = officer_client.get(reverse("staff:resident-search"), {"q": "smith"}).content.decode()
    assert reverse("staff:resident-detail", args=[ann.pk]) in page
    assert "12 Oak Road" in page and "M15 4AB" in page and "Secure" in page
    assert '<th scope="col">Postcode</th>' in page and "<caption" in page


def test_later_pages_link_back_to_the_first_and_nothing_is_counted(officer_client: Client) -> None:
    for n in range(27):
        person(f"P{n:02d}", "Jones")
    first = officer_client.get(reverse("staff:resident-search"), {"q": "jones"})
    assert "First 25 residents" not in first.content.decode()

    with CaptureQueriesContext(connection) as queries:
        second = officer_client.get(
            reverse("staff:resident-search"), {"q": "jones", "after": first.context["page"].next_cursor}
        )
    page = second.content.decode()
    assert [r.first_name for r in second.context["page"].residents] == ["P25", "P26"]
    assert "First 25 residents" in page and "Next 25 residents" not in page
    assert not [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]


def test_a_damaged_next_link_says_so_and_keeps_the_search_to_start_again(officer_client: Client) -> None:
    person("Ann", "Smith")
    damaged = officer_client.get(reverse("staff:resident-search"), {"q": "smith", "after": "not-a-cursor"})
    assert damaged.status_code == 400 and "This page link does not work" in damaged.content.decode()
    assert 'value="smith"' in damaged.content.decode()
    assert names(officer_client, q="smith") == ["Ann Smith"]


# --- The record ------------------------------------------------------------------------------


def test_the_record_takes_the_same_few_queries_however_big_the_household(officer_client: Client) -> None:
    ann = person("Ann", "Smith", email="ann@example.org")
    url = reverse("staff:resident-detail", args=[ann.pk])
    officer_client.get(url)  # the landlord's settings row is made on first use
    with CaptureQueriesContext(connection) as alone:
        officer_client.get(url)

    tenancy = ann.memberships.get().tenancy
    for n in range(5):
        TenancyMemberFactory(
            tenancy=tenancy, role=MemberRole.HOUSEHOLD_MEMBER, resident=ResidentFactory(first_name=f"K{n}")
        )
    with CaptureQueriesContext(connection) as household:
        response = officer_client.get(url)

    assert response.status_code == 200 and "K4" in response.content.decode()
    assert len(household) == len(alone) <= 16


def test_the_record_says_when_equality_consent_was_given_but_not_the_answers(
    officer_client: Client,
) -> None:
    ann = person("Ann", "Smith")
    page = officer_client.get(reverse("staff:resident-detail", args=[ann.pk])).content.decode()
    assert "Not answered" in page

    EqualityProfile.objects.create(
        resident=ann,
        consent_given_at=dt.datetime(2026, 3, 2, 12, tzinfo=dt.UTC),
        consent_wording="I agree",
        consent_method="portal",
        religion="buddhist",
    )
    page = officer_client.get(reverse("staff:resident-detail", args=[ann.pk])).content.decode()
    assert "consent given on 2 March 2026 (on this website)" in page
    assert "Buddhist" not in page
    assert not AuditEvent.objects.filter(action=AuditAction.VIEW_EQUALITY).exists()


def test_the_record_lists_earlier_homes(officer_client: Client) -> None:
    ann = person("Ann", "Smith", ended=True, address="3 Old Lane")
    page = officer_client.get(reverse("staff:resident-detail", args=[ann.pk])).content.decode()
    assert "Earlier homes" in page and "3 Old Lane" in page and "No current tenancy" in page


# --- Equality answers ------------------------------------------------------------------------


def test_every_look_at_equality_answers_is_audited(admin_client: Client, administrator: User) -> None:
    ann = person("Ann", "Smith")
    EqualityProfile.objects.create(
        resident=ann,
        consent_given_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        consent_wording="I agree",
        consent_method="portal",
        religion="buddhist",
    )
    url = reverse("staff:resident-equality", args=[ann.pk])
    admin_client.get(url)
    admin_client.get(url)
    events = AuditEvent.objects.filter(action=AuditAction.VIEW_EQUALITY, resident_id=ann.pk)
    assert events.count() == 2
    assert all("buddhist" not in (e.summary + str(e.changes)).lower() for e in events)


def test_a_paper_form_keeps_the_date_it_was_signed(admin_client: Client, administrator: User) -> None:
    ann = person("Ann", "Smith")
    url = reverse("staff:resident-equality", args=[ann.pk])

    response = admin_client.post(
        url, {"religion": "christian", "consent": "on", "consent_date": "20/10/2026"}, follow=True
    )

    profile = EqualityProfile.objects.get(resident=ann)
    assert profile.consent_method == "paper" and profile.recorded_by == administrator
    assert profile.consent_given_at.date() == dt.date(2026, 10, 20)
    assert "Consent given on 20 October 2026 (paper form)" in response.content.decode()
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_type="equality_profile", resident_id=ann.pk
    ).exists()


def test_a_paper_form_cannot_be_dated_in_the_future(admin_client: Client) -> None:
    ann = person("Ann", "Smith")
    response = admin_client.post(
        reverse("staff:resident-equality", args=[ann.pk]),
        {"religion": "christian", "consent": "on", "consent_date": "01/01/2999"},
    )
    assert "The date cannot be in the future." in response.content.decode()
    assert not EqualityProfile.objects.exists()


# --- Audit log -------------------------------------------------------------------------------


def test_the_audit_log_pages_back_without_counting(admin_client: Client, officer: User) -> None:
    for n in range(60):
        audit_record(actor=officer, action=AuditAction.VIEW, object_type="resident", summary=f"look {n:02d}")

    first = admin_client.get(reverse("staff:audit-log"), {"actor": officer.email})
    events = first.context["events"]
    assert len(events) == 50 and events[0].summary == "look 59"
    with CaptureQueriesContext(connection) as queries:
        older = admin_client.get(
            reverse("staff:audit-log"), {"actor": officer.email, "before": first.context["next_before"]}
        )
    assert [e.summary for e in older.context["events"]] == [f"look {n:02d}" for n in range(9, -1, -1)]
    assert older.context["next_before"] is None
    assert not [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]


def test_the_audit_log_filters_by_resident_and_date(admin_client: Client, officer: User) -> None:
    ann = person("Ann", "Smith")
    bob = person("Bob", "Brown")
    audit_record(actor=officer, action=AuditAction.VIEW, object_type="resident", resident_id=ann.pk)
    audit_record(actor=officer, action=AuditAction.VIEW, object_type="resident", resident_id=bob.pk)

    by_resident = admin_client.get(reverse("staff:audit-log"), {"resident": str(ann.pk)})
    assert {e.resident_id for e in by_resident.context["events"]} == {ann.pk}

    tomorrow = (dt.date.today() + dt.timedelta(days=2)).isoformat()
    later = admin_client.get(reverse("staff:audit-log"), {"date_from": tomorrow})
    assert list(later.context["events"]) == []

    bad = admin_client.get(reverse("staff:audit-log"), {"resident": "ann"})
    assert "Enter the resident&#x27;s number, like 1234." in bad.content.decode()


def test_the_csv_export_is_safe_to_open_in_a_spreadsheet(admin_client: Client, officer: User) -> None:
    audit_record(actor=officer, action=AuditAction.SEARCH, object_type="resident", summary="=HYPERLINK(1)")
    export = admin_client.get(reverse("staff:audit-export"))
    body = b"".join(export.streaming_content).decode()  # type: ignore[attr-defined]
    assert "'=HYPERLINK(1)" in body
    assert export["Content-Disposition"].startswith("attachment")


# --- Staff home ------------------------------------------------------------------------------


def test_home_lists_recent_imports_and_offers_the_audit_log_to_administrators(
    admin_client: Client, officer: User
) -> None:
    for n in range(7):
        ImportRun.objects.create(original_name=f"extract-{n}.csv", file="imports/x.csv")
    page = admin_client.get(reverse("staff:home")).content.decode()
    assert "extract-6.csv" in page and "extract-2.csv" in page and "extract-1.csv" not in page
    assert reverse("staff:audit-log") in page

    officer_page = sign_in(Client(), officer).get(reverse("staff:home")).content.decode()
    assert "Recent imports" in officer_page
    assert f'href="{reverse("staff:audit-log")}"' not in officer_page
