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
