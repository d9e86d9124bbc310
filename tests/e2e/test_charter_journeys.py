"""The annual Charter report to tenants end to end (issue 19 item 2, decision 0053): a tenant
on a phone without JavaScript finds the published report from their account, reads our figures
against last year and the Scottish average in words, sends a comment (a refusal shown first)
and is told what happens next; an officer then sees the comment. Every page passes axe."""

from __future__ import annotations

import datetime as dt
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tenantvoice.accounts.models import User
from tenantvoice.core.models import Landlord, Nation
from tenantvoice.core.roles import Role
from tenantvoice.core.selectors import landlord_get
from tenantvoice.indicators.models import CharterComment, Framework, Unit
from tenantvoice.indicators.services import (
    charter_report_publish,
    charter_report_save,
    indicator_create,
    peers_import,
    value_record,
)
from tests.factories import ResidentFactory, TenancyMemberFactory, UserFactory

from .conftest import check_accessibility, follow, share_session, sign_in_as, sign_in_with_code, submit

pytestmark = pytest.mark.django_db(transaction=True)


def _report() -> None:
    # The Charter is shown to a landlord in Scotland only.
    Landlord.objects.filter(pk=landlord_get().pk).update(nation=Nation.SCOTLAND)
    informed = indicator_create(
        name="Tenants who feel well informed", unit=Unit.PERCENT, framework=Framework.CHARTER, outcome=2
    )
    for start, value in ((dt.date(2024, 4, 1), 80), (dt.date(2025, 4, 1), 85)):
        value_record(
            indicator=informed,
            period_start=start,
            period_end=dt.date(start.year + 1, 3, 31),
            value=Decimal(value),
        )
    path = Path(tempfile.mkdtemp()) / "peers.csv"
    path.write_text(
        "landlord,average,Tenants who feel well informed\nScottish average,yes,82\nA,,70\n", encoding="utf-8"
    )
    peers_import(path, name="Scottish landlords 2025/26", year=2025)
    charter_report_publish(
        report=charter_report_save(year=2025, introduction="This year we held more open days than before.")
    )


def test_a_tenant_reads_the_charter_report_on_a_phone_and_comments(
    phone_without_javascript: Any, axe_page: Any, page: Any, live_server: Any, olive: User
) -> None:
    _report()
    member = TenancyMemberFactory(resident=ResidentFactory(first_name="Cara", last_name="Charter"))
    cara = UserFactory(role=Role.RESIDENT, email="cara@example.org", resident=member.resident)
    base = live_server.url
    phone = phone_without_javascript
    sign_in_as(phone, base, cara)
    share_session(phone, axe_page)

    phone.goto(f"{base}/my/")
    follow(phone, "How we are doing")
    axe_page.goto(phone.url)
    check_accessibility(axe_page)
    follow(phone, "Charter report 2025/26")
    text = phone.locator("main").inner_text()
    assert "How we did in 2025/26" in phone.locator("h1").inner_text()
    assert "This year we held more open days than before." in text
    assert "Outcome 2: Communication" in text
    assert "85%" in text and "80%" in text and "82%" in text
    assert "Better than the Scottish average." in text
    axe_page.goto(phone.url)
    check_accessibility(axe_page)

    submit(phone, "Send my comment")  # nothing written: the error summary
    assert "Write your comment." in phone.locator(".error-summary").inner_text()
    phone.get_by_label("Your comment on the report").fill("Please tell us more about the open days.")
    phone.get_by_label("I would like a reply").check()
    submit(phone, "Send my comment")
    text = phone.locator("main").inner_text()
    assert "we have your comment" in text and "An officer will write back to you." in text
    assert "Not read yet" in text
    axe_page.goto(phone.url)
    check_accessibility(axe_page)
    comment = CharterComment.objects.get()
    assert comment.resident == member.resident and comment.wants_reply

    sign_in_with_code(page, base, olive)
    page.goto(f"{base}/staff/reports/charter/?year=2025")
    assert "Please tell us more about the open days." in page.locator("main").inner_text()
    check_accessibility(page)
    submit(page, "Mark as read")
    assert "Comment marked as read." in page.locator("main").inner_text()
