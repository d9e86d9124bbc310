"""Consultations, campaigns and the survey programme in the browser; every page passes axe.
A resident replies to a consultation on a phone without JavaScript."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tenantvoice.accounts.models import User
from tenantvoice.consultations.models import Consultation, Representation
from tenantvoice.core.roles import Role
from tenantvoice.programme.services import programme_create
from tests.factories import (
    ConsultationFactory,
    GroupFactory,
    ReviewFactory,
    TenancyMemberFactory,
    UserFactory,
)

from .conftest import check_accessibility, sign_in_as, sign_in_with_code, submit
from .test_resident_journeys import check_without_javascript

pytestmark = pytest.mark.django_db(transaction=True)


def test_officer_runs_a_consultation_and_a_campaign(page: Any, live_server: Any, olive: User) -> None:
    base = live_server.url
    TenancyMemberFactory()
    sign_in_with_code(page, base, olive)
    page.goto(f"{base}/staff/consultations/new/")
    check_accessibility(page)
    submit(page, "Save the draft")
    assert "There is a problem" in page.content()
    check_accessibility(page)
    page.get_by_label("Title").fill("Estate parking")
    page.get_by_label("Summary").fill("Permits for the car park.")
    page.get_by_label("Likely effect").fill("A permit costs nothing.")
    page.get_by_label("Closing date").fill((dt.date.today() + dt.timedelta(days=30)).strftime("%d/%m/%Y"))
    submit(page, "Save the draft")
    assert "Consultation saved as a draft" in page.content()
    check_accessibility(page)
    submit(page, "Check who will get notice")
    check_accessibility(page)  # the confirmation page: how many each channel reaches
    submit(page, "Open it and send notice")
    assert Consultation.objects.get().status == "open"
    check_accessibility(page)

    page.goto(f"{base}/staff/campaigns/new/")
    check_accessibility(page)
    page.get_by_label("Name of the campaign").fill("Winter newsletter")
    submit(page, "Save and check who it reaches")
    assert "Who it will reach" in page.content()
    check_accessibility(page)

    programme = programme_create(
        title="TenantLink 2027", starts_on=dt.date(2027, 1, 4), count=2, cycle_weeks=4
    )
    page.goto(f"{base}/staff/programme/{programme.pk}/")
    check_accessibility(page)


def test_a_resident_replies_on_a_phone_without_javascript(
    phone_without_javascript: Any, axe_page: Any, live_server: Any
) -> None:
    page, base = phone_without_javascript, live_server.url
    consultation = ConsultationFactory(
        title="Estate parking",
        summary="Permits for the car park.",
        likely_effect="A permit costs nothing.",
        closes_on=dt.date.today() + dt.timedelta(days=21),
        status="open",
    )
    resident = TenancyMemberFactory().resident
    sign_in_as(page, base, UserFactory(role=Role.RESIDENT, resident=resident))
    page.goto(f"{base}/consultations/")
    check_without_javascript(page, axe_page, base)
    page.goto(f"{base}/consultations/{consultation.pk}/")
    check_without_javascript(page, axe_page, base)
    submit(page, "Send my views")
    assert "Write your views before sending them" in page.content()
    check_without_javascript(page, axe_page, base)
    page.get_by_label("Your views").fill("Yes, but keep two bays for visitors.")
    submit(page, "Send my views")
    assert Representation.objects.get().resident == resident
    check_without_javascript(page, axe_page, base)


def test_templates_and_the_readers_panel_pages(page: Any, live_server: Any, olive: User) -> None:

    base = live_server.url
    group = GroupFactory(slug="readers", name="Readers panel", kind="readers_panel")
    review = ReviewFactory(title="Leaflet", group=group, closes_on=dt.date(2099, 1, 1), text="Draft")
    sign_in_with_code(page, base, olive)
    for path in (
        "/staff/campaigns/templates/",
        "/staff/campaigns/templates/activity_invitation/",
        "/staff/campaigns/templates/activity_invitation/preview/?channel=sms",
        "/staff/campaigns/reviews/",
        "/staff/campaigns/reviews/new/",
        f"/staff/campaigns/reviews/{review.pk}/",
        "/staff/campaigns/outbox/",
        "/staff/audiences/new/",
    ):
        page.goto(f"{base}{path}")
        check_accessibility(page)
    page.goto(f"{base}/staff/campaigns/templates/level_accepted/")
    page.get_by_label("Subject (and heading of a letter)").fill("Hi ((nmae))")
    submit(page, "Save as a new version")
    assert "We cannot fill in ((nmae))" in page.content()
    check_accessibility(page)
