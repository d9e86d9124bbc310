"""Activities in the browser: the public calendar and an officer scheduling a meeting and
taking the register. Every page passes axe."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone

from tenantvoice.accounts.models import User
from tenantvoice.activities.models import Participant
from tests.factories import ActivityFactory, ParticipantFactory, ResidentFactory, VenueFactory

from .conftest import check_accessibility, sign_in_with_code, submit

pytestmark = pytest.mark.django_db(transaction=True)


def test_calendar_and_activity_pages(page: Any, live_server: Any, olive: User) -> None:
    venue = VenueFactory(name="Community Hall", postcode="M15 4AB", step_free=True, hearing_loop=True)
    base = live_server.url
    yesterday = timezone.now() - dt.timedelta(days=1)
    past = ActivityFactory(
        title="Estate walkabout",
        starts_at=yesterday,
        ends_at=yesterday + dt.timedelta(hours=2),
        public=True,
        venue=venue,
    )
    ParticipantFactory(activity=past, resident=ResidentFactory(first_name="Pat", last_name="Walker"))
    soon = timezone.now() + dt.timedelta(days=30)
    ActivityFactory(
        title="Open day", starts_at=soon, ends_at=soon + dt.timedelta(hours=3), public=True, venue=venue
    )
    page.goto(f"{base}/calendar/")
    assert "Open day" in page.content()
    check_accessibility(page)

    sign_in_with_code(page, base, olive)
    page.goto(f"{base}/staff/activities/")
    check_accessibility(page)
    page.goto(f"{base}/staff/activities/new/")
    check_accessibility(page)
    submit(page, "Schedule")
    assert "There is a problem" in page.content()
    check_accessibility(page)

    page.goto(f"{base}/staff/activities/{past.pk}/")
    check_accessibility(page)
    page.get_by_label("Present").check()
    submit(page, "Save the register")
    assert Participant.objects.get().attendance == "present"
    check_accessibility(page)


def test_minutes_requests_and_the_standards_report(page: Any, live_server: Any, olive: User) -> None:
    from tenantvoice.strategies.loader import strategy_load

    strategy_load("tower-hamlets-homes")
    yesterday = timezone.now() - dt.timedelta(days=1)
    held = ActivityFactory(
        title="Residents Panel", starts_at=yesterday, ends_at=yesterday + dt.timedelta(hours=2)
    )
    base = live_server.url
    sign_in_with_code(page, base, olive)
    page.goto(f"{base}/staff/activities/{held.pk}/minutes/")
    check_accessibility(page)
    page.get_by_label("Minutes", exact=True).fill("Present: the panel. Agreed: repairs review.")
    submit(page, "Save the draft and preview it")
    assert "Check the minutes" in page.content() and "Agreed: repairs review." in page.content()
    check_accessibility(page)
    submit(page, "Send to every participant")
    assert "Sent on" in page.content()
    check_accessibility(page)
    page.goto(f"{base}/staff/information-requests/")
    check_accessibility(page)
    page.goto(f"{base}/staff/expenses/")
    check_accessibility(page)
    page.goto(f"{base}/staff/letters/")
    check_accessibility(page)
    page.goto(f"{base}/staff/venues/")
    check_accessibility(page)
    page.goto(f"{base}/staff/reports/service-standards/")
    assert "Notice of meetings" in page.content()
    check_accessibility(page)


def test_the_quarterly_return_page(page: Any, live_server: Any, olive: User) -> None:
    base = live_server.url
    sign_in_with_code(page, base, olive)
    page.goto(f"{base}/staff/reports/quarterly-return/")
    assert "Policies subject to consultation" in page.content()
    check_accessibility(page)


def test_a_resident_replies_asks_for_help_and_claims_expenses(
    page: Any, live_server: Any, tmp_path: Any, settings: Any
) -> None:
    from tenantvoice.core.roles import Role
    from tests.factories import PASSWORD, UserFactory

    settings.MEDIA_ROOT = tmp_path
    resident = ResidentFactory(first_name="Rita")
    UserFactory(role=Role.RESIDENT, email="rita@example.org", resident=resident)
    soon = timezone.now() + dt.timedelta(days=14)
    activity = ActivityFactory(
        title="Repairs focus group", starts_at=soon, ends_at=soon + dt.timedelta(hours=2)
    )
    place = ParticipantFactory(activity=activity, resident=resident)
    base = live_server.url
    page.goto(f"{base}/accounts/sign-in/")
    page.get_by_label("Email address").fill("rita@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    submit(page, "Sign in")
    page.goto(f"{base}/my/activities/")
    check_accessibility(page)
    page.goto(f"{base}/my/activities/{place.pk}/")
    check_accessibility(page)
    submit(page, "Yes, I am coming")
    page.get_by_label("A hearing loop").check()
    submit(page, "Ask for this help")
    assert "We will let you know" in page.content()
    check_accessibility(page)
    page.goto(f"{base}/my/expenses/")
    check_accessibility(page)
    submit(page, "Send my claim")
    assert "There is a problem" in page.content()
    check_accessibility(page)


def test_the_governance_timetable_page(page: Any, live_server: Any, olive: User) -> None:
    from tenantvoice.strategies.loader import strategy_load

    strategy_load("winchester")
    base = live_server.url
    sign_in_with_code(page, base, olive)
    page.goto(f"{base}/staff/reports/governance-timetable/")
    check_accessibility(page)
    page.get_by_label("Committee dates, one a line").fill("4/10/2017\n22/11/2017")
    submit(page, "Make the timetable")
    assert "Wed 13 Sep 2017" in page.content()
    check_accessibility(page)


def test_papers_changes_and_the_expenses_report(page: Any, live_server: Any, olive: User) -> None:
    base = live_server.url
    soon = timezone.now() + dt.timedelta(days=40)
    meeting = ActivityFactory(
        title="Residents Panel",
        starts_at=soon,
        ends_at=soon + dt.timedelta(hours=2),
        format="online",
        online_details="Zoom 123",
    )
    ParticipantFactory(activity=meeting, resident=ResidentFactory(first_name="Pam"))
    sign_in_with_code(page, base, olive)
    page.goto(f"{base}/staff/activities/{meeting.pk}/papers/new/")
    check_accessibility(page)
    page.get_by_label("Title").fill("Agenda")
    page.locator("#id_file").set_input_files(
        files=[{"name": "agenda.txt", "mimeType": "text/plain", "buffer": b"1."}]
    )
    submit(page, "Add the paper")
    assert "Paper added" in page.content()
    check_accessibility(page)
    page.goto(f"{base}/staff/activities/{meeting.pk}/change/")
    check_accessibility(page)
    page.get_by_label("Ends at").fill("17:00")
    submit(page, "Save the changes")
    assert "There is a problem" in page.content()
    check_accessibility(page)
    page.goto(f"{base}/staff/reports/expenses/")
    check_accessibility(page)


def test_walk_ins_and_inviting_people_to_an_open_day(page: Any, live_server: Any, olive: User) -> None:
    from tests.factories import TenancyMemberFactory

    base = live_server.url
    yesterday = timezone.now() - dt.timedelta(days=1)
    held = ActivityFactory(
        title="Estate walkabout", starts_at=yesterday, ends_at=yesterday + dt.timedelta(hours=2)
    )
    soon = timezone.now() + dt.timedelta(days=30)
    open_day = ActivityFactory(
        title="Open day",
        kind="open_day",
        description="Meet the repairs team.",
        starts_at=soon,
        ends_at=soon + dt.timedelta(hours=3),
        format="online",
        online_details="A video call",
    )
    TenancyMemberFactory(
        resident=ResidentFactory(
            first_name="Wendy", last_name="Walker", first_name_key="wendy", last_name_key="walker"
        )
    )
    sign_in_with_code(page, base, olive)

    page.goto(f"{base}/staff/activities/{held.pk}/walk-in/?q=Walker")
    check_accessibility(page)
    page.get_by_role("radio", name=re.compile("Walker, Wendy")).check()
    submit(page, "Add as present")
    assert Participant.objects.get(activity=held).attendance == "present"
    page.goto(f"{base}/staff/activities/{held.pk}/walk-in/")
    submit(page, "Add this visitor as present")  # nothing filled in
    assert "There is a problem" in page.content()
    check_accessibility(page)
    page.get_by_label("First name").fill("Vera")
    page.get_by_label("Last name").fill("Visitor")
    submit(page, "Add this visitor as present")
    assert held.participants.count() == 2

    page.goto(f"{base}/staff/activities/{open_day.pk}/")
    assert "Meet the repairs team." in page.content()
    page.goto(f"{base}/staff/activities/{open_day.pk}/people/?q=Walker")
    check_accessibility(page)
    page.get_by_role("radio", name=re.compile("Walker, Wendy")).check()
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name="Add", exact=True).click()
    assert open_day.participants.count() == 1
    check_accessibility(page)


def test_an_officer_records_leaving_a_level_and_a_group(page: Any, live_server: Any, olive: User) -> None:
    from tests.factories import LevelMembershipFactory, SeatHoldingFactory

    base = live_server.url
    membership = LevelMembershipFactory(started_on=dt.date(2025, 4, 1))
    holding = SeatHoldingFactory(resident=membership.resident)
    sign_in_with_code(page, base, olive)
    page.goto(f"{base}/staff/residents/{membership.resident_id}/involvement/")
    check_accessibility(page)
    page.goto(f"{base}/staff/level-memberships/{membership.pk}/leave/")
    check_accessibility(page)
    page.get_by_label("Last day on the level").fill("")
    submit(page, "Record that they left")
    assert "There is a problem" in page.content()
    check_accessibility(page)
    page.get_by_label("Last day on the level").fill(timezone.localdate().strftime("%d/%m/%Y"))
    page.get_by_label("Why they left").fill("Moved away")
    submit(page, "Record that they left")
    membership.refresh_from_db()
    assert membership.status == "left"
    page.goto(f"{base}/staff/seats/{holding.pk}/end/?back=resident")
    check_accessibility(page)
    page.get_by_label("Why").fill("Resigned")
    submit(page, "Record that they left")
    holding.refresh_from_db()
    assert holding.end_reason == "Resigned"
