"""Strategy action plans and reviews in the browser: an officer reads the action plan report
(RAG table and chart, the printed copy, the downloads), records a strategy review as held at a
meeting, and a board reader reads the report on a phone without JavaScript. Every page passes
axe. One strategy per database, so one test per strategy."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from tenantvoice.accounts.models import User
from tenantvoice.core.roles import Role
from tenantvoice.plans.models import StrategyReview
from tenantvoice.strategies.loader import strategy_load
from tests.factories import ActivityFactory, staff_user

from .conftest import check_accessibility, follow, share_session, sign_in_as, sign_in_with_code, submit

pytestmark = pytest.mark.django_db(transaction=True)

PLAN = "Engagement Strategy Action Plan"


def test_an_officer_reads_the_action_plan_report_and_a_board_reader_reads_it_on_a_phone(
    page: Any, phone_without_javascript: Any, axe_page: Any, live_server: Any, olive: User
) -> None:
    strategy_load("housing-for-women")
    base = live_server.url
    sign_in_with_code(page, base, olive)

    page.goto(f"{base}/staff/reports/action-plans/")
    assert page.locator("h1").inner_text().startswith("Strategy action plans on")
    rag_table = page.locator("table", has=page.locator("caption", has_text="by RAG status"))
    assert rag_table.locator("tbody tr").count() == 4
    assert "Red" in rag_table.inner_text() and "Not rated" in rag_table.inner_text()
    chart = page.locator("svg[role=img]")
    assert chart.count() == 1 and "by RAG status" in (chart.locator("title").text_content() or "")
    assert chart.locator("desc").text_content()  # the chart says in words what it shows
    actions = page.locator("table", has=page.locator("caption", has_text=f"{PLAN}: actions"))
    assert actions.locator("tbody tr").count() == 12
    page.get_by_text("How the RAG status is worked out").click()
    assert page.get_by_text("not done after its target date").is_visible()
    check_accessibility(page)

    # The printed copy: the report without the menus or the download links.
    page.emulate_media(media="print")
    assert page.locator("h1").is_visible() and actions.is_visible()
    assert not page.get_by_role("link", name="CSV").is_visible()
    assert not page.locator(".breadcrumbs").is_visible()
    page.emulate_media(media="screen")

    csv_link = page.get_by_role("link", name="CSV")
    assert csv_link.get_attribute("href") == "?format=csv"
    csv = page.request.get(f"{base}/staff/reports/action-plans/?format=csv")
    assert csv.ok and csv.headers["content-disposition"].startswith('attachment; filename="action-plans-')
    assert f"{PLAN}: actions" in csv.text()
    xlsx = page.request.get(f"{base}/staff/reports/action-plans/?format=xlsx")
    assert xlsx.ok and xlsx.body()[:2] == b"PK"

    follow(page, "Invite applications to become members of the Level 4 Tenant Scrutiny Panel")
    check_accessibility(page)

    bea = staff_user(Role.BOARD_READER, "bea.board@example.org")
    phone = phone_without_javascript
    sign_in_as(phone, base, bea)
    phone.goto(f"{base}/staff/reports/action-plans/")
    text = phone.locator("main").inner_text()
    assert PLAN in text and "by RAG status" in text
    assert phone.locator("svg[role=img]").count() == 1
    share_session(phone, axe_page)
    axe_page.goto(phone.url)
    check_accessibility(axe_page)


def test_an_officer_records_a_strategy_review_held_at_a_meeting(
    page: Any, live_server: Any, olive: User
) -> None:
    strategy_load("thenue")
    review = StrategyReview.objects.get()
    starts = timezone.now() - dt.timedelta(days=5)
    meeting = ActivityFactory(title="Board", starts_at=starts, ends_at=starts + dt.timedelta(hours=2))
    base = live_server.url
    sign_in_with_code(page, base, olive)

    page.goto(f"{base}/staff/reports/action-plans/")
    assert "No action plan was published with this strategy." in page.locator("main").inner_text()
    check_accessibility(page)

    page.goto(f"{base}/staff/strategy-reviews/")
    assert page.locator("h1").inner_text() == "Strategy reviews"
    check_accessibility(page)
    follow(page, "Record as held", first=True)
    check_accessibility(page)
    submit(page, "Record the review as held")  # nothing filled in: the error summary
    assert "Choose the meeting it was held at." in page.locator(".error-summary").inner_text()
    check_accessibility(page)
    page.get_by_label("The meeting it was held at").select_option(str(meeting.pk))
    page.get_by_label("What the review found and decided").fill("The plan is on track; keep the objectives.")
    page.get_by_label("Actions it agreed (optional)").fill("Publish the review in the newsletter")
    submit(page, "Record the review as held")
    assert "Review recorded. The next review of" in page.locator("main").inner_text()
    held = page.locator("table", has=page.locator("caption", has_text="Strategy reviews held"))
    text = held.inner_text()
    assert (
        "The plan is on track" in text and "Publish the review in the newsletter" in text and "Board" in text
    )
    check_accessibility(page)
    review.refresh_from_db()
    assert review.is_held and review.activity == meeting
