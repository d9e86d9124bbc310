"""Who takes part end to end in the browser: an officer opens the comparison from the Reports
menu, chooses a level (refused in words first, with no level chosen), reads the tables and
charts, looks at the equality characteristics, and follows the same comparison over time; a
Board reader reads the printable report. Every page passes axe."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tenantvoice.accounts.models import User
from tenantvoice.core.roles import Role
from tests.factories import LevelFactory, LevelMembershipFactory, PropertyFactory, make_resident, staff_user
from tests.representation.test_compare import born_aged

from .conftest import check_accessibility, follow, sign_in_as, sign_in_with_code, submit

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_officer_compares_a_level_and_the_board_reads_its_report(
    page: Any, live_server: Any, olive: User
) -> None:
    home = PropertyFactory()
    people = [make_resident(home=home, date_of_birth=born_aged(30 + 30 * (n % 2))) for n in range(12)]
    panel = LevelFactory(name="Tenant panel")
    for person in people[:5]:
        LevelMembershipFactory(resident=person, level=panel, started_on=dt.date(2026, 1, 1))
    base = live_server.url
    sign_in_with_code(page, base, olive)

    page.goto(f"{base}/staff/reports/")
    follow(page, "Who takes part", exact=True, first=True)
    assert page.locator("h1").inner_text() == "Who takes part"
    assert "Age: share of residents" in page.locator("main").inner_text()
    check_accessibility(page)
    page.get_by_label("Residents on a level").check()
    submit(page, "Show the comparison")
    assert "Choose the level" in page.locator(".error-summary").inner_text()
    check_accessibility(page)
    page.get_by_label("Level (optional)", exact=True).select_option(label="Tenant panel")
    page.get_by_label("Show the equality characteristics too", exact=False).check()
    submit(page, "Show the comparison")
    text = page.locator("main").inner_text()
    assert "Residents on the level “Tenant panel”" in text
    assert "Equality characteristics" in text and "count only residents who agreed" in text
    check_accessibility(page)
    follow(page, "The same comparison over time")
    assert "Who takes part over time" in page.locator("h1").inner_text()
    check_accessibility(page)

    board = staff_user(Role.BOARD_READER, "bea@example.org")
    page.context.clear_cookies()
    sign_in_as(page, base, board)
    page.goto(f"{base}/staff/reports/who-takes-part/board/")
    assert "Who takes part: report for the Board" in page.locator("h1").inner_text()
    assert "Representation scores over time" in page.locator("main").inner_text()
    check_accessibility(page)
