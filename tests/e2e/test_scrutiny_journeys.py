"""A scrutiny review end to end in the browser: an officer proposes it, adds a milestone, a
request for evidence, a finding and a recommendation, records the landlord's response (which
becomes an action) and publishes it; the public read it and the tracker; a panel member reads
it in the portal on a phone without JavaScript. Every page passes axe."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from tenantvoice.accounts.models import User
from tenantvoice.actions.models import Action
from tenantvoice.core.roles import Role
from tenantvoice.scrutiny.models import Review
from tests.factories import ResidentFactory, UserFactory
from tests.scrutiny.helpers import board_meeting, panel_with

from .conftest import check_accessibility, follow, share_session, sign_in_as, sign_in_with_code, submit

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_officer_runs_a_review_and_the_panel_and_the_public_read_it(
    page: Any, phone_without_javascript: Any, axe_page: Any, live_server: Any, olive: User
) -> None:
    today = timezone.localdate()
    member = ResidentFactory(first_name="Priya", last_name="Panelmember")
    panel_with(member)
    meeting = board_meeting(today - dt.timedelta(days=3))
    base = live_server.url
    sign_in_with_code(page, base, olive)

    page.goto(f"{base}/staff/scrutiny/")
    assert page.locator("h1").inner_text() == "Scrutiny reviews"
    check_accessibility(page)
    follow(page, "Propose a review")
    check_accessibility(page)
    submit(page, "Save")  # nothing filled in: the error summary
    assert "Give the review's topic." in page.locator(".error-summary").inner_text()
    check_accessibility(page)
    page.get_by_label("Topic").fill("Void repairs")
    page.get_by_label("Why the panel chose it").fill("Satisfaction with repairs fell to 61%.")
    page.get_by_label("Panel", exact=True).select_option(label="Tenant Scrutiny Panel")
    submit(page, "Save")
    assert page.locator("h1").inner_text() == "Void repairs"
    assert "Priya Panelmember" in page.locator("main").inner_text()
    check_accessibility(page)
    review = Review.objects.get()

    page.get_by_label("Milestone").fill("Site visit to Elm Court")
    page.get_by_label("Due by").fill(f"{today + dt.timedelta(days=30):%d/%m/%Y}")
    submit(page, "Add the milestone")
    assert "Site visit to Elm Court" in page.locator("main").inner_text()
    page.get_by_label("What the panel asks for").fill("Void times for the last year")
    page.get_by_label("Or the officer's name").fill("Head of Repairs")
    submit(page, "Record the request")
    assert "Void times for the last year" in page.locator("main").inner_text()
    page.locator("#id_fd-text").fill("Voids take 40 days against a target of 20.")
    submit(page, "Add the finding")
    page.get_by_label("Recommendation", exact=True).fill("Tell tenants the date their home will be ready.")
    page.get_by_label("1. Voids take 40 days against a target of 20.").check()
    submit(page, "Add the recommendation")
    text = page.locator("main").inner_text()
    assert "Voids take 40 days" in text and "Tell tenants the date" in text
    check_accessibility(page)

    follow(page, "Record the response to recommendation 1")
    check_accessibility(page)
    # Not accepted without reasons: the error summary, and nothing recorded.
    page.get_by_label("The landlord's response").select_option(label="Not accepted")
    page.get_by_label("Board or committee meeting that considered it").select_option(str(meeting.pk))
    submit(page, "Record the response")
    assert "Give the reasons" in page.locator(".error-summary").inner_text()
    check_accessibility(page)
    page.get_by_label("The landlord's response").select_option(label="Accepted")
    page.get_by_label("Or a post or name").fill("Head of Repairs")
    page.get_by_label("Done by").fill(f"{today + dt.timedelta(days=120):%d/%m/%Y}")
    page.get_by_label("Re-test by").fill(f"{today + dt.timedelta(days=300):%d/%m/%Y}")
    submit(page, "Record the response")
    assert page.locator("h1").inner_text() == "Void repairs"
    # The action's link names its recommendation, not just its status, for a screen reader.
    link = page.get_by_role("link", name="the action for recommendation 1")
    assert link.inner_text().startswith("Not started")
    check_accessibility(page)
    action = Action.objects.get(recommendation__review=review)
    assert action.owner_name == "Head of Repairs"

    page.locator("#id_rep-report").fill("Voids take too long; tenants are not told when to move in.")
    submit(page, "Save the report")
    submit(page, "Publish the review")
    review.refresh_from_db()
    assert review.published_on == today
    check_accessibility(page)

    public = page.context.browser.new_context(locale="en-GB").new_page()
    public.goto(f"{base}/scrutiny/")
    check_accessibility(public)
    follow(public, "Void repairs")
    text = public.locator("main").inner_text()
    assert "tenants are not told when to move in" in text and "Accepted" in text
    assert "Head of Repairs" not in text and "Panelmember" not in text
    check_accessibility(public)
    public.goto(f"{base}/scrutiny/tracker/")
    assert "100% accepted or partly accepted (1 of 1 recommendations)" in public.locator("main").inner_text()
    check_accessibility(public)
    public.context.close()

    page.goto(f"{base}/staff/scrutiny/tracker/")
    check_accessibility(page)

    priya = UserFactory(role=Role.RESIDENT, email="priya@example.org", resident=member)
    phone = phone_without_javascript
    sign_in_as(phone, base, priya)
    phone.goto(f"{base}/my/scrutiny/")
    follow(phone, "Void repairs")
    text = phone.locator("main").inner_text()
    assert "Site visit to Elm Court" in text and "Void times for the last year" in text
    share_session(phone, axe_page)
    for url in (f"{base}/my/scrutiny/", phone.url):
        axe_page.goto(url)
        check_accessibility(axe_page)
