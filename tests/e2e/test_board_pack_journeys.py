"""Board packs in the browser: an officer makes a pack for a meeting with two sections, orders
them, writes a narrative, reads it as the Board will, downloads the PDF and marks it final; a
board reader reads it on a phone without JavaScript. Every page passes axe."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from tenantvoice.accounts.models import User
from tenantvoice.boardpacks.models import BoardPack
from tenantvoice.core.roles import Role
from tests.factories import ActivityFactory, IndicatorValueFactory, staff_user

from .conftest import check_accessibility, follow, share_session, sign_in_as, sign_in_with_code, submit

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_officer_makes_a_pack_with_two_sections_and_a_board_reader_reads_it(
    page: Any, phone_without_javascript: Any, axe_page: Any, live_server: Any, olive: User
) -> None:
    today = timezone.localdate()
    starts = timezone.now() + dt.timedelta(days=10)
    ActivityFactory(title="Board meeting", starts_at=starts, ends_at=starts + dt.timedelta(hours=2))
    IndicatorValueFactory(
        indicator__name="Repairs done on time",
        period_start=today - dt.timedelta(days=30),
        period_end=today,
        value=87,
    )
    base = live_server.url
    sign_in_with_code(page, base, olive)

    page.goto(f"{base}/staff/reports/board-packs/")
    check_accessibility(page)
    follow(page, "Make a Board pack")
    page.get_by_label("Title").fill("Board, next month")
    page.get_by_label("Meeting").select_option(label=f"Board meeting, {timezone.localtime(starts):%d/%m/%Y}")
    page.get_by_label("Period from").fill(f"{today - dt.timedelta(days=90):%d/%m/%Y}")
    page.get_by_label("Period to").fill(f"{today:%d/%m/%Y}")
    check_accessibility(page)
    submit(page, "Save")
    assert "Pack started" in page.locator("main").inner_text()
    check_accessibility(page)

    page.get_by_label("Service standards").check()
    submit(page, "Add the section")
    page.get_by_label("Indicators against targets").check()
    submit(page, "Add the section")
    assert "Added “Indicators against targets”" in page.locator("main").inner_text()
    # Indicators first: move it up.
    submit(page, "Move up Indicators against targets")
    assert "Moved" in page.locator("main").inner_text()
    follow(page, "Write the narrative for Indicators against targets")
    check_accessibility(page)
    page.get_by_label("What the Board should know").fill("Repairs are ahead of target this quarter.")
    submit(page, "Save")
    check_accessibility(page)

    follow(page, "Read the pack as the Board will")
    headings = page.locator("main h2").all_inner_texts()
    assert headings[1:] == ["1. Indicators against targets", "2. Service standards"]
    main = page.locator("main").inner_text()
    assert "Repairs are ahead of target this quarter." in main and "Where these figures came from" in main
    chart = page.locator("svg[role=img]").first
    assert "Repairs done on time: 87%" in (chart.locator("desc").text_content() or "")
    check_accessibility(page)
    href = page.get_by_role("link", name="Download the pack as a PDF").get_attribute("href") or ""
    pdf = page.request.get(f"{base}{href}")
    assert pdf.ok and pdf.body().startswith(b"%PDF-")

    follow(page, "Change the pack")
    submit(page, "Mark the pack final")
    assert "The pack is final" in page.locator("main").inner_text()
    pack = BoardPack.objects.get()
    assert pack.is_final

    bea = staff_user(Role.BOARD_READER, "bea.board@example.org")
    phone = phone_without_javascript
    sign_in_as(phone, base, bea)
    phone.goto(f"{base}/staff/reports/board-packs/{pack.pk}/")
    text = phone.locator("main").inner_text()
    assert "Repairs are ahead of target this quarter." in text and "Final" in text
    assert "Change the pack" not in text
    share_session(phone, axe_page)
    axe_page.goto(phone.url)
    check_accessibility(axe_page)
