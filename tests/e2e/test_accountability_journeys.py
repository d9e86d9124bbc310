"""A group's referral to the Board, end to end in the browser: an officer records it and the
Board's response, adds the action the Board agreed, and a member of the group reads the answer
and the action's progress on a phone without JavaScript; every page passes axe."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from tenantvoice.accounts.models import User
from tenantvoice.core.roles import Role
from tenantvoice.referrals.models import Referral
from tests.factories import (
    GroupFactory,
    ResidentFactory,
    SeatCategoryFactory,
    SeatHoldingFactory,
    UserFactory,
)

from .conftest import check_accessibility, share_session, sign_in_as, sign_in_with_code, submit

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_referral_is_answered_and_the_group_follows_it(
    page: Any, phone_without_javascript: Any, axe_page: Any, live_server: Any, olive: User
) -> None:
    today = timezone.localdate()
    panel = GroupFactory(name="Voice Panel")
    member = ResidentFactory(first_name="Vic", last_name="Voice")
    SeatHoldingFactory(
        seat_category=SeatCategoryFactory(group=panel),
        resident=member,
        started_on=today - dt.timedelta(days=60),
    )
    base = live_server.url
    sign_in_with_code(page, base, olive)

    page.goto(f"{base}/staff/referrals/new/")
    check_accessibility(page)
    page.get_by_label("Group that refers it").select_option(label="Voice Panel")
    page.get_by_label("Title").fill("Repairs open day")
    page.get_by_label("What the group asks the Board").fill(
        "Hold an open day to meet the repairs contractor."
    )
    page.get_by_label("Date referred").fill(f"{today:%d/%m/%Y}")
    submit(page, "Record the referral")
    assert page.locator("h1").inner_text() == "Repairs open day"
    check_accessibility(page)

    # Not agreed without reasons: the error summary, in plain words, and nothing recorded.
    page.get_by_label("The Board's decision").select_option(label="Not agreed")
    page.get_by_label("The response to the group").fill("")
    submit(page, "Record and send the response")
    assert "the group needs to know why" in page.locator(".error-summary").inner_text()
    check_accessibility(page)

    page.get_by_label("The Board's decision").select_option(label="Agreed")
    page.get_by_label("The response to the group").fill("Agreed: the first open day will be in the spring.")
    submit(page, "Record and send the response")
    page.get_by_label("What will be done").fill("Hold a repairs open day")
    page.get_by_label("Owner: a post or a name").fill("Head of Repairs")
    page.get_by_label("Due by").fill(f"{today + dt.timedelta(days=90):%d/%m/%Y}")
    submit(page, "Add the action")
    assert "Hold a repairs open day" in page.content()
    check_accessibility(page)
    assert Referral.objects.get().decision == "agreed"

    vic = UserFactory(role=Role.RESIDENT, email="vic@example.org", resident=member)
    sign_in_as(phone_without_javascript, base, vic)
    phone_without_javascript.goto(f"{base}/my/referrals/")
    phone_without_javascript.get_by_role("link", name="Repairs open day").click()
    text = phone_without_javascript.content()
    assert "the first open day will be in the spring" in text and "Hold a repairs open day" in text
    share_session(phone_without_javascript, axe_page)
    axe_page.goto(phone_without_javascript.url)
    check_accessibility(axe_page)
