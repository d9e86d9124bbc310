"""Equality impact assessments end to end in the browser: an officer starts one of a group
(a refusal shown first), reads the figures of who is affected, records a negative impact on
age with its evidence, adds a mitigation to the tracker and finds it in the register. Every
page passes axe."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from tenantvoice.accounts.models import User
from tenantvoice.actions.models import Action
from tenantvoice.equality_impact.models import Assessment
from tests.equality_impact.helpers import panel_with_members

from .conftest import check_accessibility, follow, sign_in_with_code, submit

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_officer_assesses_a_group_and_adds_a_mitigation(page: Any, live_server: Any, olive: User) -> None:
    panel_with_members(seats=6, residents=20)
    base = live_server.url
    sign_in_with_code(page, base, olive)

    page.goto(f"{base}/staff/equality-impact/")
    assert page.locator("h1").inner_text() == "Equality impact assessments"
    check_accessibility(page)
    follow(page, "Start an assessment")
    check_accessibility(page)
    page.get_by_label("Title").fill("Residents Panel EIA")
    page.get_by_label("A group").check()
    submit(page, "Start the assessment")  # no group chosen: refused in words
    assert "Choose the group the assessment is of." in page.locator(".error-summary").inner_text()
    check_accessibility(page)
    page.get_by_label("The group").select_option(label="Residents Panel")
    submit(page, "Start the assessment")
    assert page.locator("h1").inner_text() == "Residents Panel EIA"
    assert "Residents holding a seat on Residents Panel" in page.locator("main").inner_text()
    check_accessibility(page)

    age = page.locator("section#age")
    age.get_by_label("Negative").check()
    age.get_by_label("Evidence", exact=True).fill("Nobody under 35 holds a seat.")
    submit(page, "Save: Age")
    assert "Impact saved." in page.locator("main").inner_text()
    check_accessibility(page)

    mitigation = page.locator("section#mitigations")
    mitigation.get_by_label("For", exact=True).select_option(label="Age")
    mitigation.get_by_label("What will be done").fill("Hold an evening meeting for younger residents")
    due = timezone.localdate() + dt.timedelta(days=60)
    mitigation.get_by_label("Done by").fill(f"{due:%d/%m/%Y}")
    mitigation.get_by_label("Or a post or a name").fill("Engagement lead")
    submit(page, "Add it to the tracker")
    assert "Hold an evening meeting for younger residents" in page.locator("section#age").inner_text()
    check_accessibility(page)
    assert Action.objects.get().impact_finding.assessment == Assessment.objects.get()

    page.goto(f"{base}/staff/equality-impact/")
    assert "Residents Panel EIA" in page.locator("main").inner_text()
    assert "In progress" in page.locator("main").inner_text()
