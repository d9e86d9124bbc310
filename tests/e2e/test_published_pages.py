"""The contact page, privacy notice and accessibility statement pass axe, on a desktop and on a
phone without JavaScript."""

from __future__ import annotations

from typing import Any

import pytest

from tenantvoice.core.selectors import landlord_get

from .conftest import check_accessibility

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("path", ["/contact/", "/privacy/", "/accessibility/"])
def test_the_published_pages_pass_axe(
    page: Any, phone_without_javascript: Any, live_server: Any, path: str
) -> None:
    landlord = landlord_get()
    landlord.phone, landlord.email = "0300 123 4567", "hello@riverside.example.org"
    landlord.address, landlord.opening_hours = (
        "1 River Street\nManchester\nM1 1AA",
        "Monday to Friday, 9am to 5pm",
    )
    landlord.save()
    for browser_page in (page, phone_without_javascript):
        browser_page.goto(f"{live_server.url}{path}")
        assert "0300 123 4567" in browser_page.locator("footer").inner_text()
        check_accessibility(browser_page)
