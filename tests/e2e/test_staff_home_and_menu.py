"""On a phone, without JavaScript, an officer reads today's work and moves through the grouped
staff menu; a board reader's home lists the reports. Every page passes axe."""

from __future__ import annotations

from typing import Any

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from tenantvoice.core.roles import Role
from tenantvoice.core.working_days import add_working_days, landlord_nation
from tenantvoice.strategies.loader import strategy_load
from tests.factories import ConsultationFactory, InformationRequestFactory, ResidentFactory, UserFactory

from .conftest import check_accessibility, follow, share_session, sign_in_as

pytestmark = pytest.mark.django_db(transaction=True)


def staff(role: str, email: str) -> Any:
    user = UserFactory(role=role, email=email)
    TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    return user


def test_an_officer_on_a_phone_reads_todays_work_and_uses_the_menu(
    phone_without_javascript: Any, axe_page: Any, live_server: Any
) -> None:
    from django.utils import timezone

    strategy_load("tower-hamlets-homes")
    today = timezone.localdate()
    due = add_working_days(today, 3, landlord_nation())
    InformationRequestFactory(
        resident=ResidentFactory(), received_on=today, question="How many repairs?", due_on=due
    )
    ConsultationFactory(title="Repairs policy", closes_on=add_working_days(today, 2, landlord_nation()))
    officer = staff(Role.ENGAGEMENT_OFFICER, "olive@example.org")
    page, base = phone_without_javascript, live_server.url
    sign_in_as(page, base, officer)
    share_session(page, axe_page)

    page.goto(f"{base}/staff/")
    assert "Requests for information to answer (1)" in page.content()
    assert "Due in 3 working days" in page.content()
    assert "Repairs policy" in page.content()
    menu = page.get_by_role("navigation", name="Staff menu")
    assert menu.is_visible()
    # Every section link is a comfortable target on a phone.
    for link in menu.get_by_role("link").all():
        box = link.bounding_box()
        assert box is not None and box["height"] >= 24
    axe_page.goto(page.url)
    axe_page.set_viewport_size({"width": 390, "height": 844})
    check_accessibility(axe_page)

    with page.expect_navigation(wait_until="load"):
        menu.get_by_role("link", name="Have your say").click()
    assert menu.get_by_role("link", name="Have your say").get_attribute("aria-current") == "page"
    subnav = page.get_by_role("navigation", name="Have your say pages")
    assert subnav.get_by_role("link", name="Consultations").get_attribute("aria-current") == "page"
    assert page.get_by_role("navigation", name="Breadcrumb").is_visible()
    follow(page, "Surveys", exact=True)
    assert menu.get_by_role("link", name="Have your say").get_attribute("aria-current") == "true"
    axe_page.goto(page.url)
    check_accessibility(axe_page)

    with page.expect_navigation(wait_until="load"):
        menu.get_by_role("link", name="Reports").click()
    assert page.locator("h1").inner_text() == "Reports"
    axe_page.goto(page.url)
    check_accessibility(axe_page)


def test_a_board_readers_home_lists_the_reports_and_passes_axe(
    phone_without_javascript: Any, axe_page: Any, live_server: Any
) -> None:
    reader = staff(Role.BOARD_READER, "bea@example.org")
    page, base = phone_without_javascript, live_server.url
    sign_in_as(page, base, reader)
    share_session(page, axe_page)
    page.goto(f"{base}/staff/")
    assert page.get_by_role("link", name="Quarterly return").is_visible()
    assert "Today's work" not in page.content()
    menu = page.get_by_role("navigation", name="Staff menu")
    assert [link.inner_text() for link in menu.get_by_role("link").all()] == ["Accountability", "Reports"]
    axe_page.set_viewport_size({"width": 390, "height": 844})
    axe_page.goto(page.url)
    check_accessibility(axe_page)
    follow(page, "Quarterly return")
    assert page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="Reports").is_visible()
    axe_page.goto(page.url)
    check_accessibility(axe_page)
