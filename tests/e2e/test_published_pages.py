"""The contact page, privacy notice and accessibility statement pass axe, and read on a phone
without JavaScript."""

from __future__ import annotations

from typing import Any

import pytest

from tenantvoice.core.models import Landlord

from .conftest import check_accessibility

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def landlord(transactional_db: None) -> Landlord:
    return Landlord.objects.create(
        name="Riverside Homes",
        phone="0300 123 4567",
        email="hello@riverside.example.org",
        address="1 River Street\nManchester\nM1 1AA",
        opening_hours="Monday to Friday, 9am to 5pm",
    )


@pytest.mark.parametrize("path", ["/contact/", "/privacy/", "/accessibility/"])
def test_the_published_pages_pass_axe(
    landlord: Landlord, page: Any, phone_without_javascript: Any, live_server: Any, path: str
) -> None:
    page.goto(f"{live_server.url}{path}")
    assert "0300 123 4567" in page.locator("footer").inner_text()
    check_accessibility(page)
    phone_without_javascript.goto(f"{live_server.url}{path}")
    assert "Riverside Homes" in phone_without_javascript.locator("main").inner_text()


def test_you_said_we_did_passes_axe_on_each_page_and_filtered(
    landlord: Landlord, page: Any, phone_without_javascript: Any, live_server: Any
) -> None:
    """Issue 14 item 6: the one public page of outcomes, paginated and filtered by service."""
    import datetime as dt

    from tenantvoice.involvement.models import ServiceArea
    from tests.outcomes.factories import ConsultationOutcomeFactory, SurveyOutcomeFactory

    repairs = ServiceArea.objects.create(slug="repairs", name="Repairs")
    for n in range(11):
        SurveyOutcomeFactory(published_on=dt.date(2026, 1, 1) + dt.timedelta(days=n))
        ConsultationOutcomeFactory(published_on=dt.date(2026, 2, 1) + dt.timedelta(days=n)).service_areas.add(
            repairs
        )
    base = f"{live_server.url}/you-said-we-did/"
    page.goto(base)
    check_accessibility(page)
    page.get_by_role("link", name="Next page").click()
    assert "Page 2 of 2" in page.locator("main").inner_text()
    check_accessibility(page)
    page.goto(base)
    page.get_by_label("Service (optional)").select_option("repairs")
    page.get_by_role("button", name="Show").click()
    page.wait_for_load_state("load")
    assert page.locator("main h2").count() == 11
    check_accessibility(page)
    phone_without_javascript.goto(f"{base}?page=2")
    assert "You said, we did" in phone_without_javascript.locator("main").inner_text()
