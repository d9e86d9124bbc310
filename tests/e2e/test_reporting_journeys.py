"""The reporting timetable in the browser (issue 19 item 3): an officer sees Tower Hamlets
Homes' standards report to the Residents Panel overdue, reads its draft, records it as presented
at the panel's meeting (a refusal first, in words), and the record shows it; a board reader
reads the timetable on a phone without JavaScript. Every page passes axe."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from tenantvoice.accounts.models import User
from tenantvoice.core.roles import Role
from tenantvoice.involvement.models import Group
from tenantvoice.reporting.models import ReportingDuty, ReportPresentation
from tenantvoice.strategies.loader import strategy_load
from tests.factories import ActivityFactory, staff_user

from .conftest import check_accessibility, follow, share_session, sign_in_as, sign_in_with_code, submit

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_officer_sees_a_report_due_and_records_its_presentation(
    page: Any, phone_without_javascript: Any, axe_page: Any, live_server: Any, olive: User
) -> None:
    strategy_load("tower-hamlets-homes")
    today = timezone.localdate()
    duty = ReportingDuty.objects.get(slug="standards-to-the-residents-panel")
    # The timetable started over a year ago, so its first quarter is long overdue.
    duty.starts_on = today - dt.timedelta(days=400)
    duty.save(update_fields=["starts_on"])
    oldest = duty.periods_until(today)[0]
    panel = Group.objects.get(slug="residents-panel")
    starts = timezone.now() - dt.timedelta(days=5)
    meeting = ActivityFactory(
        title="Residents Panel meeting", group=panel, starts_at=starts, ends_at=starts + dt.timedelta(hours=2)
    )
    base = live_server.url
    sign_in_with_code(page, base, olive)

    page.goto(f"{base}/staff/reports/")
    follow(page, "Reports due", first=True)
    assert page.locator("h1").inner_text() == "Reports due"
    overdue = page.get_by_role("region", name="reports overdue", exact=False)
    assert f"Service standards for {oldest.label}" in overdue.inner_text()
    record = page.locator(
        "table", has=page.locator("caption", has_text="Reports the strategy says go to someone")
    )
    assert "Monitored and reviewed by the residents Panel quarterly" in record.inner_text()
    check_accessibility(page)

    follow(page, f"Service standards for {oldest.label}")
    assert page.locator("h1").inner_text() == f"Service standards, {oldest.label}"
    assert page.locator("caption", has_text="Service standards").count() >= 1
    check_accessibility(page)

    follow(page, "Record it as presented")
    check_accessibility(page)
    submit(page, "Record it")  # nothing chosen: the error summary says what to do
    assert "Choose the meeting of Residents Panel" in page.locator(".error-summary").inner_text()
    check_accessibility(page)
    page.get_by_label("The meeting of Residents Panel it was presented at").select_option(str(meeting.pk))
    page.get_by_label("What was decided").fill("Noted; the panel asked for minutes to go out sooner.")
    page.get_by_label("Where it is recorded (optional)").fill("Minutes, item 3")
    submit(page, "Record it")
    main = page.locator("main").inner_text()
    assert f"Recorded: Service standards for {oldest.label} presented." in main
    assert "Presented for 1 of the" in main and "Residents Panel meeting" in main
    check_accessibility(page)
    presented = ReportPresentation.objects.get()
    assert presented.meeting == meeting and presented.period_start == oldest.start

    follow(page, f"{meeting.date:%-d %B %Y}, Residents Panel meeting", first=True)
    assert "The figures as presented" in page.locator("main").inner_text()
    check_accessibility(page)

    bea = staff_user(Role.BOARD_READER, "bea.board@example.org")
    phone = phone_without_javascript
    sign_in_as(phone, base, bea)
    phone.goto(f"{base}/staff/reports/timetable/")
    text = phone.locator("main").inner_text()
    assert "Presented for 1 of the" in text and "Record it as presented" not in text
    share_session(phone, axe_page)
    axe_page.goto(phone.url)
    check_accessibility(axe_page)
