"""Getting involved in the browser: a resident compares levels and joins on a phone; an
officer decides an application and fills a seat. Every page passes axe."""

from __future__ import annotations

from typing import Any

import pytest

from tenantvoice.accounts.models import User
from tenantvoice.core.roles import Role
from tenantvoice.involvement.models import LevelMembership, MembershipStatus
from tenantvoice.residents.models import MemberRole
from tenantvoice.strategies.loader import strategy_load
from tests.factories import PASSWORD, ResidentFactory, TenancyMemberFactory, UserFactory

from .conftest import check_accessibility, follow, sign_in_with_code, submit

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def southway(transactional_db: None) -> None:
    strategy_load("southway")


def test_a_resident_compares_levels_and_joins_on_a_phone(
    browser: Any, live_server: Any, southway: None
) -> None:
    member = TenancyMemberFactory(role=MemberRole.TENANT)
    UserFactory(role=Role.RESIDENT, email="rita@example.org", resident=member.resident)
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, locale="en-GB")
    page = context.new_page()
    base = live_server.url
    page.goto(f"{base}/get-involved/")
    check_accessibility(page)
    page.goto(f"{base}/get-involved/levels/")
    check_accessibility(page)
    page.goto(f"{base}/get-involved/how-we-involve-residents/")
    check_accessibility(page)

    page.goto(f"{base}/accounts/sign-in/")
    page.get_by_label("Email address").fill("rita@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    submit(page, "Sign in")
    page.goto(f"{base}/get-involved/levels/individual/join/")
    check_accessibility(page)
    page.get_by_label("Answering surveys").check()
    page.locator("#id_consent").check()
    submit(page, "Join")
    assert "You have joined Individual involvement" in page.content()
    check_accessibility(page)
    assert LevelMembership.objects.get(resident=member.resident).status == MembershipStatus.ACTIVE
    context.close()


def test_an_officer_records_involvement_and_fills_a_seat(
    page: Any, live_server: Any, southway: None, olive: User
) -> None:  # noqa: F811
    resident = TenancyMemberFactory(
        resident=ResidentFactory(first_name="Sam", last_name="Tenant"), role=MemberRole.TENANT
    ).resident
    base = live_server.url
    sign_in_with_code(page, base, olive)
    page.goto(f"{base}/staff/involvement/")
    check_accessibility(page)

    page.goto(f"{base}/staff/residents/{resident.pk}/involvement/")
    check_accessibility(page)
    page.get_by_label("Level", exact=True).select_option(label="Individual involvement")
    page.get_by_label("By phone").check()
    page.locator("#id_consent").check()
    submit(page, "Record")
    assert "Recorded." in page.content()
    check_accessibility(page)

    page.goto(f"{base}/staff/involvement/levels/individual/")
    check_accessibility(page)
    page.goto(f"{base}/staff/groups/southway-consultative-group/seats/new/")
    check_accessibility(page)
    page.get_by_label("Seat").select_option(label="Local ward councillors (one from each political party)")
    page.get_by_label("Name, if not a resident").fill("Cllr Jo Bloggs")
    page.get_by_label("Start of their term").fill("1/4/2026")
    submit(page, "Fill the seat")
    assert "Cllr Jo Bloggs" in page.content()
    check_accessibility(page)

    page.goto(f"{base}/staff/involvement/")
    follow(page, "Involvement in numbers, with charts and downloads")
    assert "Local ward councillors" not in page.content()  # groups, not seats, are listed
    assert page.locator("svg[role=img]").count() == 2
    check_accessibility(page)
    page.get_by_label("Figures on").fill("31/3/2026")
    submit(page, "Show these figures")
    assert "Involvement in numbers on 31 March 2026" in page.content()
    check_accessibility(page)


def test_election_pages_pass_axe(page: Any, live_server: Any, olive: User) -> None:
    import datetime as dt

    from tenantvoice.involvement.elections import (
        election_count,
        election_create,
        election_publish,
        nomination_add,
        voting_open,
    )
    from tenantvoice.involvement.models import Level, SeatCategory

    strategy_load("winchester")
    level = Level.objects.get(slug="involved-tenant")
    from tenantvoice.involvement.services import level_join

    people = []
    for name in ("Ann", "Bob"):
        resident = TenancyMemberFactory(
            resident=ResidentFactory(first_name=name, last_name="Voter"), tenancy__tenure="secure"
        ).resident
        level_join(
            resident=resident,
            level=level,
            consent_wording="I agree",
            on=dt.date.today() - dt.timedelta(days=5),
        )
        people.append(resident)
    panel = SeatCategory.objects.get(group__slug="tenant-panel")
    today = dt.date.today()
    election = election_create(
        category=panel,
        title="Tenants Panel 2026",
        seats=1,
        nominations_close_on=today - dt.timedelta(days=1),
        voting_opens_on=today,
        voting_closes_on=today + dt.timedelta(days=1),
    )
    nomination_add(
        election=election, resident=people[0], statement="I will listen.", on=today - dt.timedelta(days=2)
    )
    voting_open(election=election)
    base = live_server.url
    sign_in_with_code(page, base, olive)
    page.goto(f"{base}/staff/elections/")
    check_accessibility(page)
    page.goto(f"{base}/staff/elections/{election.pk}/")
    check_accessibility(page)
    page.context.clear_cookies()

    UserFactory(role=Role.RESIDENT, email="bob@example.org", resident=people[1])
    page.goto(f"{base}/accounts/sign-in/")
    page.get_by_label("Email address").fill("bob@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    submit(page, "Sign in")
    page.goto(f"{base}/get-involved/elections/")
    check_accessibility(page)
    follow(page, "Vote in Tenants Panel 2026")
    check_accessibility(page)
    page.get_by_label("Ann Voter").check()
    submit(page, "Cast my vote")
    assert "your vote has been counted in" in page.content().lower()

    election_count(election=election, by=None, on=today + dt.timedelta(days=2))
    election_publish(election=election)
    page.goto(f"{base}/get-involved/elections/{election.pk}/results/")
    assert "Elected" in page.content()
    check_accessibility(page)
