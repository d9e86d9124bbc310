"""Customer profiles and targeting end to end in the browser (decision 0048): an officer saves a
customer profile with the new criteria, reads the profile report, and goes from a
representation category to a campaign with its audience filled in, in two clicks. Every page
passes axe."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from tenantvoice.accounts.models import User
from tenantvoice.audiences.models import Segment
from tenantvoice.audiences.targeting import target_url
from tenantvoice.surveys.population import years_before
from tests.factories import make_resident

from .conftest import check_accessibility, follow, sign_in_with_code, submit

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_officer_keeps_a_profile_reads_the_report_and_reaches_a_group(
    page: Any, live_server: Any, olive: User
) -> None:
    today = timezone.localdate()
    for _ in range(6):
        make_resident(
            date_of_birth=years_before(today, 80) - dt.timedelta(days=5), preferred_channel="letter"
        )
    make_resident(date_of_birth=years_before(today, 20) - dt.timedelta(days=5))
    base = live_server.url
    sign_in_with_code(page, base, olive)

    page.goto(f"{base}/staff/audiences/new/")
    check_accessibility(page)
    page.get_by_label("Name", exact=True).fill("Prefers letters and over 75")
    page.get_by_label("A customer profile: show it in the customer profile report").check()
    page.get_by_label("75 and over", exact=True).check()
    page.get_by_role("group", name="Prefers to hear from us by").get_by_label("Letter").check()
    submit(page, "Save the group")
    text = page.locator("main").inner_text()
    assert "Aged 75 and over on the day" in text and "As a customer profile" in text
    assert Segment.objects.get().is_profile
    check_accessibility(page)

    follow(page, "See every customer profile")
    assert page.locator("h1").inner_text().startswith("Customer profiles on")
    assert "All residents by age" in page.locator("main").inner_text()
    check_accessibility(page)

    url = target_url("age", "16-24")
    assert url is not None
    page.goto(f"{base}{url}")
    assert page.locator("h1").inner_text() == "Residents aged 16 to 24 who are not involved yet"
    check_accessibility(page)
    follow(page, "Start a campaign to them")
    assert page.get_by_label("16 to 24", exact=True).is_checked()
    assert page.get_by_label("Name of the campaign").input_value() == "Residents aged 16 to 24"
    check_accessibility(page)
