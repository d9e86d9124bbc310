"""The Value for Money statement end to end in the browser: an officer opens it from the
reports, records staff time (refused first, without its hours), and finds the cost in the
statement's figures and its list. Every page passes axe."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from tenantvoice.accounts.models import User
from tenantvoice.value_for_money.models import InvolvementCost

from .conftest import check_accessibility, follow, sign_in_with_code, submit

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_officer_records_staff_time_and_reads_the_statement(
    page: Any, live_server: Any, olive: User
) -> None:
    base = live_server.url
    sign_in_with_code(page, base, olive)

    page.goto(f"{base}/staff/reports/")
    follow(page, "Value for money of involvement")
    assert page.locator("h1").inner_text().startswith("Value for money of involvement")
    check_accessibility(page)
    follow(page, "Record a cost")
    check_accessibility(page)
    page.get_by_label("What kind of cost").select_option(label="Staff time")
    page.get_by_label("Date of the cost").fill(f"{timezone.localdate():%d/%m/%Y}")
    page.get_by_label("Amount in pounds").fill("420")
    page.get_by_label("What it was for").fill("Supporting the Residents Panel")
    submit(page, "Record the cost")  # no hours: refused in words
    refusal = page.locator(".error-summary").inner_text()
    assert "For staff time, give the hours the amount pays for." in refusal
    check_accessibility(page)
    page.get_by_label("Staff hours").fill("21")
    submit(page, "Record the cost")
    main = page.locator("main").inner_text()
    assert "Cost recorded." in main
    assert "Supporting the Residents Panel (21 hours)" in main
    assert "Staff gave 21 hours to involvement" in main
    check_accessibility(page)
    assert InvolvementCost.objects.get().staff_hours == 21
