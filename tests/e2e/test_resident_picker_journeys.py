"""The resident picker in the browser (decision 0027): with JavaScript the residents appear as
the officer types; without it, "Find" sends the form back with them. Both pass axe."""

from __future__ import annotations

from typing import Any

import pytest

from tenantvoice.accounts.models import User
from tenantvoice.involvement.models import SeatHolding
from tests.factories import GroupFactory, ResidentFactory, SeatCategoryFactory, TenancyMemberFactory

from .conftest import check_accessibility, sign_in_as, sign_in_with_code, submit

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def seat_page(transactional_db: None) -> str:
    SeatCategoryFactory(group=GroupFactory(slug="estate-panel", name="Estate panel"), name="Tenant member")
    for first in ("Ann", "Bob"):
        TenancyMemberFactory(resident=ResidentFactory(first_name=first, last_name="Jolliffe"))
    return "/staff/groups/estate-panel/seats/new/"


def test_with_javascript_residents_appear_as_the_officer_types(
    page: Any, live_server: Any, olive: User, seat_page: str
) -> None:
    base = live_server.url
    sign_in_with_code(page, base, olive)
    page.goto(f"{base}{seat_page}")
    check_accessibility(page)
    page.get_by_role("searchbox", name="Resident").press_sequentially("jolli", delay=30)
    ann = page.get_by_role("radio", name="Jolliffe, Ann")
    ann.wait_for()
    assert "2 residents found by name" in page.get_by_role("status").first.inner_text()
    assert page.url.endswith(seat_page)  # no page load: the list came from the JSON search
    check_accessibility(page)
    ann.check()
    page.get_by_label("Start of their term").fill("1/4/2026")
    submit(page, "Fill the seat")
    assert SeatHolding.objects.get().resident.first_name == "Ann"
    check_accessibility(page)


def test_without_javascript_find_lists_the_residents_to_choose_from(
    phone_without_javascript: Any, axe_page: Any, live_server: Any, olive: User, seat_page: str
) -> None:
    base = live_server.url
    for page in (phone_without_javascript, axe_page):
        sign_in_as(page, base, olive)
    # axe is JavaScript: its page has the picker's script blocked instead, so it sees exactly
    # what a browser without JavaScript gets.
    axe_page.route("**/picker.js", lambda route: route.abort())
    for page in (phone_without_javascript, axe_page):
        page.goto(f"{base}{seat_page}")
        page.get_by_role("searchbox", name="Resident").fill("Jolliffe")
        submit(page, "Find a resident")
        assert "2 residents found by name" in page.content()
        assert not SeatHolding.objects.exists()
    check_accessibility(axe_page)
    phone = phone_without_javascript
    phone.get_by_role("radio", name="Jolliffe, Bob").check()
    phone.get_by_label("Start of their term").fill("1/4/2026")
    submit(phone, "Fill the seat")
    assert SeatHolding.objects.get().resident.first_name == "Bob"
