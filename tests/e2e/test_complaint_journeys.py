"""Complaints end to end in the browser: an officer records a complaint made by phone for a
resident found with the picker, acknowledges it and answers it point by point (a refusal shown
first); a resident makes a complaint in the portal on a phone without JavaScript, reads the
answer and asks for stage 2 in one step. Every page passes axe."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from tenantvoice.accounts.models import User
from tenantvoice.complaints.models import Complaint
from tenantvoice.complaints.services import stage_acknowledge, stage_assign, stage_respond
from tenantvoice.core.roles import Role
from tests.factories import ResidentFactory, TenancyMemberFactory, UserFactory

from .conftest import check_accessibility, follow, share_session, sign_in_as, sign_in_with_code, submit

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_officer_records_acknowledges_and_answers_a_complaint(
    page: Any, live_server: Any, olive: User
) -> None:
    today = timezone.localdate()
    TenancyMemberFactory(resident=ResidentFactory(first_name="Rita", last_name="Rowe"))
    base = live_server.url
    sign_in_with_code(page, base, olive)

    page.goto(f"{base}/staff/complaints/")
    assert page.locator("h1").inner_text() == "Complaints and service requests"
    check_accessibility(page)
    follow(page, "Record a complaint or service request")
    check_accessibility(page)
    submit(page, "Record it")  # nothing filled in: the error summary
    assert "Choose how it was made" in page.locator(".error-summary").inner_text()
    check_accessibility(page)
    page.get_by_role("searchbox", name="Resident").press_sequentially("rowe", delay=30)
    rita = page.get_by_role("radio", name="Rowe, Rita")
    rita.wait_for()
    rita.check()
    page.get_by_label("How it was made").select_option(label="Phone")
    page.get_by_label("Received on").fill(f"{today:%d/%m/%Y}")
    page.get_by_label("What went wrong").fill("Nobody came to fix the broken front door lock.")
    page.get_by_label("Handled by").select_option(str(olive.pk))
    submit(page, "Record it")
    complaint = Complaint.objects.get()
    assert page.locator("h1").inner_text() == f"Complaint {complaint.reference}"
    assert "Acknowledge by" in page.locator("main").inner_text()
    check_accessibility(page)

    page.get_by_label("The complaint as understood").fill("The front door lock was not repaired.")
    submit(page, "Acknowledge it")
    assert "Acknowledged." in page.locator("main").inner_text()
    check_accessibility(page)

    follow(page, "Record the response to Stage 1")
    check_accessibility(page)
    page.get_by_label("The response to the resident").fill("We are sorry the lock was not fixed.")
    page.get_by_label("Point 1: what the resident complained of").fill("The lock was not repaired")
    page.get_by_label("Point 1: decision").select_option(label="Upheld")
    page.get_by_label("Point 1: reasons").fill("The job was closed by mistake.")
    submit(page, "Record and send the response")  # upheld without learning: refused in words
    assert "say what was learnt" in page.locator(".error-summary").inner_text()
    check_accessibility(page)
    page.get_by_label("What was learnt").fill("Jobs were closed before the work was done.")
    page.get_by_label("The change made or planned").fill("A job is closed only with the resident's say-so.")
    submit(page, "Record and send the response")
    text = page.locator("main").inner_text()
    assert "The job was closed by mistake." in text and "Upheld" in text
    assert "Jobs were closed before the work was done." in text
    check_accessibility(page)


def test_a_resident_makes_a_complaint_and_asks_for_stage_2(
    phone_without_javascript: Any, axe_page: Any, live_server: Any
) -> None:
    today = timezone.localdate()
    member = TenancyMemberFactory(resident=ResidentFactory(first_name="Pat", last_name="Portal"))
    pat = UserFactory(role=Role.RESIDENT, email="pat@example.org", resident=member.resident)
    handler = UserFactory(role=Role.ENGAGEMENT_OFFICER, email="handler@example.org")
    base = live_server.url
    phone = phone_without_javascript
    sign_in_as(phone, base, pat)
    share_session(phone, axe_page)

    phone.goto(f"{base}/my/")
    follow(phone, "Complaints", exact=True)
    follow(phone, "Make a complaint")
    submit(phone, "Send my complaint")  # nothing said: the error summary
    assert "Tell us what went wrong." in phone.locator(".error-summary").inner_text()
    axe_page.goto(phone.url)
    check_accessibility(axe_page)
    phone.get_by_label("What went wrong?").fill("The communal lights on my landing have been out for weeks.")
    phone.get_by_label("What would put it right?").fill("Fix the lights.")
    submit(phone, "Send my complaint")
    complaint = Complaint.objects.get()
    assert phone.locator("h1").inner_text() == "We have your complaint"
    assert complaint.reference in phone.locator("main").inner_text()
    for url in (phone.url, f"{base}/my/complaints/", f"{base}/my/complaints/new/"):
        axe_page.goto(url)
        check_accessibility(axe_page)

    stage = complaint.stages.get()
    stage_assign(stage=stage, handler=handler)
    stage_acknowledge(stage=stage, acknowledged_on=today, defined_as="Landing lights out")
    stage_respond(
        stage=stage,
        responded_on=today,
        response="We have checked the lights.",
        points=[
            {"summary": "Lights out", "decision": "not_upheld", "reasons": "They were fixed on the day."}
        ],
    )
    phone.goto(f"{base}/my/complaints/{complaint.pk}/")
    text = phone.locator("main").inner_text()
    assert "Not upheld" in text and "They were fixed on the day." in text
    axe_page.goto(phone.url)
    check_accessibility(axe_page)
    submit(phone, "Ask for Stage 2")
    assert "You have asked for Stage 2 of your complaint" in phone.locator("main").inner_text()
    assert complaint.stages.count() == 2
    axe_page.goto(phone.url)
    check_accessibility(axe_page)
