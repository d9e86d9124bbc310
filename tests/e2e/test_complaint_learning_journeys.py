"""Complaints' learning and numbers in the browser: an officer records a possible complaint found
in a consultation reply, publishes what a complaint taught the landlord in "you said, we did",
reads complaints in numbers and the self-assessment; a resident reads how complaints are
handled. Every page passes axe."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from tenantvoice.accounts.models import User
from tenantvoice.complaints.models import Complaint, PossibleComplaint
from tenantvoice.complaints.possible import possible_complaints_scan
from tenantvoice.complaints.services import category_save, complaint_record, learning_record
from tenantvoice.core.reporting_year import ReportingYear
from tests.factories import RepresentationFactory, make_resident

from .conftest import check_accessibility, follow, sign_in_with_code, submit

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_officer_turns_a_reply_into_a_complaint_and_publishes_what_was_learnt(
    page: Any, live_server: Any, olive: User
) -> None:
    today = timezone.localdate()
    RepresentationFactory(
        resident=make_resident(first_name="Rita", last_name="Rowe"),
        text="I am fed up: nobody came to fix the lift.",
        received_on=today - dt.timedelta(days=2),
    )
    possible_complaints_scan()
    repairs = category_save(name="Repairs")
    complaint = complaint_record(
        what_went_wrong="Missed appointments",
        received_on=today - dt.timedelta(days=20),
        received_by="phone",
        resident=make_resident(),
        categories=[repairs],
    )
    learning_record(
        complaint=complaint, what_learnt="Bookings were lost", change_made="A daily booking check"
    )
    base = live_server.url
    sign_in_with_code(page, base, olive)

    page.goto(f"{base}/staff/complaints/possible/")
    assert page.locator("h1").inner_text() == "Possible complaints"
    text = page.locator("main").inner_text()
    assert "nobody came to fix the lift" in text and "fed up; nobody came" in text
    check_accessibility(page)
    submit(page, "Not a complaint (Rita Rowe)")  # no reason: refused in words, nothing decided
    assert "Say why it is not a complaint" in page.locator(".error-summary").inner_text()
    check_accessibility(page)
    submit(page, "Record as a complaint from Rita Rowe")
    recorded = PossibleComplaint.objects.get().complaint
    assert recorded is not None
    assert page.locator("h1").inner_text() == f"Complaint {recorded.reference}"
    check_accessibility(page)

    page.goto(f"{base}/staff/complaints/{complaint.pk}/")
    follow(page, "Publish it in “You said, we did”", first=True)
    check_accessibility(page)
    page.get_by_label("What residents told us").fill("Repairs appointments were missed.")
    submit(page, "Check and publish")
    check_accessibility(page)
    submit(page, "Publish and tell the resident who complained")
    page.goto(f"{base}/you-said-we-did/")
    assert "Learning from complaints about repairs" in page.locator("main").inner_text()
    check_accessibility(page)
    assert Complaint.objects.count() == 2


def test_complaints_in_numbers_the_self_assessment_and_the_public_page(
    page: Any, live_server: Any, olive: User
) -> None:
    base = live_server.url
    complaint_record(
        what_went_wrong="Noise",
        received_on=timezone.localdate() - dt.timedelta(days=3),
        received_by="phone",
        resident=make_resident(),
    )
    sign_in_with_code(page, base, olive)
    page.goto(f"{base}/staff/reports/complaints/")
    assert "CH01" in page.locator("main").inner_text()
    check_accessibility(page)
    year = ReportingYear.of(timezone.localdate()).first
    page.goto(f"{base}/staff/complaints/self-assessment/{year}/")
    check_accessibility(page)
    page.goto(f"{base}/staff/reports/complaints/annual/{year}/")
    check_accessibility(page)
    page.goto(f"{base}/complaints/reports/")
    assert "Making a complaint" in page.locator("main").inner_text()
    check_accessibility(page)
