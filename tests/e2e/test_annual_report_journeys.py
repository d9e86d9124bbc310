"""The annual report to residents end to end (issue 19 item 5, decision 0057): an officer starts
the year's report, writes the officer's and the panel's words, records the panel's approval at
its meeting and publishes it; a tenant on a phone without JavaScript finds it from their
account, reads the main points and the figures, opens the easy-read version and comments on it.
Every page passes axe."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from tenantvoice.accounts.models import User
from tenantvoice.activities.models import ActivityKind
from tenantvoice.annual_reports.models import AnnualReport, AnnualReportComment
from tenantvoice.core.roles import Role
from tests.factories import ActivityFactory, GroupFactory, ResidentFactory, TenancyMemberFactory, UserFactory

from .conftest import check_accessibility, follow, share_session, sign_in_as, sign_in_with_code, submit

pytestmark = pytest.mark.django_db(transaction=True)

YEAR = 2025  # 1 April 2025 to 31 March 2026: ended


def _choose_the_meeting(page: Any) -> None:
    meeting = page.get_by_label("The panel's meeting")
    meeting.select_option(label=meeting.locator("option").nth(1).inner_text())


def test_an_officer_makes_the_report_the_panel_approves_it_and_a_tenant_reads_it_on_a_phone(
    page: Any, phone_without_javascript: Any, axe_page: Any, live_server: Any, olive: User
) -> None:
    ActivityFactory(
        title="Residents Panel meeting",
        kind=ActivityKind.MEETING,
        group=GroupFactory(name="Residents Panel"),
        starts_at=timezone.now() - dt.timedelta(days=1),
    )
    base = live_server.url
    sign_in_with_code(page, base, olive)
    page.goto(f"{base}/staff/reports/annual-report/")
    check_accessibility(page)
    page.get_by_label("Year").select_option(value=str(YEAR))
    submit(page, "Start the report")
    assert "Report started" in page.locator("main").inner_text()
    assert "Who took part and how" in page.locator("main").inner_text()
    check_accessibility(page)

    # The panel cannot approve it before both voices are written.
    _choose_the_meeting(page)
    page.get_by_label("What the panel decided").fill("Approved.")
    submit(page, "Record the panel's approval")
    assert "Write the officer's words" in page.locator(".error-summary").inner_text()

    follow(page, "Write or change the words")
    check_accessibility(page)
    page.get_by_label("A word from us").fill("This year more of you took part than ever.")
    page.get_by_label("Who the panel's words are from").fill("The Residents Panel")
    panel_words = page.get_by_role("textbox", name="The panel's words (optional)")
    panel_words.fill("We checked this report and it is fair.")
    submit(page, "Save")
    _choose_the_meeting(page)
    page.get_by_label("What the panel decided").fill("Approved with no changes.")
    submit(page, "Record the panel's approval")
    assert "approval is recorded" in page.locator("main").inner_text()
    submit(page, "Publish to residents")
    assert "Published" in page.locator("main").inner_text()
    assert AnnualReport.objects.get().is_published

    member = TenancyMemberFactory(resident=ResidentFactory(first_name="Rhys", last_name="Reader"))
    rhys = UserFactory(role=Role.RESIDENT, email="rhys@example.org", resident=member.resident)
    phone = phone_without_javascript
    sign_in_as(phone, base, rhys)
    share_session(phone, axe_page)
    phone.goto(f"{base}/my/")
    follow(phone, "Our annual report")
    text = phone.locator("main").inner_text()
    assert "This year more of you took part than ever." in text
    assert "From The Residents Panel" in text and "We checked this report and it is fair." in text
    assert "Who took part and how" in text and "What involvement cost and what it achieved" in text
    phone.locator("summary").first.click()  # the figures open without JavaScript (details)
    assert phone.locator("details").first.locator("table").first.is_visible()
    axe_page.goto(phone.url)
    check_accessibility(axe_page)

    follow(phone, "Read the easy-read version")
    assert "This is the easy-read version of our report." in phone.locator("main").inner_text()
    axe_page.goto(phone.url)
    check_accessibility(axe_page)

    follow(phone, "tell us on this website")
    submit(phone, "Send my comment")
    assert "Write your comment." in phone.locator(".error-summary").inner_text()
    phone.get_by_label("Your comment on the report").fill("Please say more about repairs next year.")
    submit(phone, "Send my comment")
    assert "we have your comment" in phone.locator("main").inner_text()
    axe_page.goto(phone.url)
    check_accessibility(axe_page)
    assert AnnualReportComment.objects.get().resident == member.resident

    page.goto(f"{base}/staff/reports/annual-report/{AnnualReport.objects.get().pk}/")
    assert "Please say more about repairs next year." in page.locator("main").inner_text()
    submit(page, "Mark as read")
    assert "Marked as read." in page.locator("main").inner_text()
