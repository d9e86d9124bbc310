"""Officers record that a resident left a level or a group, with the date and the reason;
leaving a level that is a group ends the seat on it too (decision 0024)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tenantvoice.core.models import AuditEvent
from tenantvoice.involvement.models import (
    GroupRole,
    Level,
    LevelMembership,
    MembershipEvent,
    SeatCategory,
    SeatHolding,
)
from tenantvoice.involvement.services import (
    InvolvementError,
    application_decide,
    level_join,
    level_leaving_record,
    role_assign,
    seat_end,
    seat_fill,
)
from tenantvoice.residents.models import Resident
from tenantvoice.strategies.loader import strategy_load
from tests.factories import SeatHoldingFactory, UserFactory, make_resident

from .conftest import CONSENT

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
START = TODAY - dt.timedelta(days=100)


@pytest.fixture(autouse=True)
def housing_for_women() -> None:
    strategy_load("housing-for-women")


def on_level_4() -> tuple[Resident, LevelMembership]:
    resident = make_resident(first_name="Lena", last_name="Leaver")
    applied = level_join(resident=resident, level=Level.objects.get(order=4), consent_wording=CONSENT)
    application_decide(membership=applied, accept=True, reason="Strong application", by=UserFactory())
    LevelMembership.objects.filter(pk=applied.pk).update(started_on=START)
    return resident, LevelMembership.objects.get(pk=applied.pk)


def panel() -> SeatCategory:
    return SeatCategory.objects.get(group__slug="tenant-scrutiny-panel", slug="tenant-members")


def test_an_officer_records_a_resident_left_a_level_with_date_and_reason(
    officer_client: Client, officer: object
) -> None:
    resident, membership = on_level_4()
    page = officer_client.get(reverse("staff:resident-involvement", args=[resident.pk])).content.decode()
    leave_url = reverse("staff:level-leaving", args=[membership.pk])
    assert leave_url in page

    last_day = TODAY - dt.timedelta(days=3)
    done = officer_client.post(leave_url, {"ended_on": f"{last_day:%d/%m/%Y}", "reason": "Moved away"})
    assert done.status_code == 302
    membership.refresh_from_db()
    assert membership.status == "left" and membership.ended_on == last_day
    event = MembershipEvent.objects.filter(membership=membership).latest("pk")
    assert event.note == "Moved away" and event.by == officer
    audit = AuditEvent.objects.filter(object_type="level_membership", object_id=str(membership.pk)).latest(
        "pk"
    )
    assert audit.actor == officer
    history = officer_client.get(reverse("staff:resident-involvement", args=[resident.pk])).content.decode()
    assert "Moved away" in history


def test_leaving_the_level_ends_the_seat_on_the_group_that_is_the_level(officer_client: Client) -> None:
    resident, membership = on_level_4()
    holding = seat_fill(category=panel(), resident=resident, started_on=START)
    role_assign(holding=holding, role=GroupRole.CHAIR, started_on=START)
    page = officer_client.get(reverse("staff:level-leaving", args=[membership.pk])).content.decode()
    assert "Tenant Scrutiny Panel" in page and "end" in page

    level_leaving_record(membership=membership, on=TODAY, reason="Stood down", by=None)
    holding.refresh_from_db()
    assert holding.ended_on == TODAY and holding.end_reason.startswith("Left Level 4")
    assert holding.roles.get().ended_on == TODAY


@pytest.mark.parametrize(
    ("days", "reason", "refusal"),
    [
        (1, "Moved away", "cannot be in the future"),
        (-200, "Moved away", "cannot be before they joined"),
        (0, "  ", "Say why they left"),
    ],
)
def test_a_leaving_the_rules_do_not_allow_is_refused_in_plain_words(
    officer_client: Client, days: int, reason: str, refusal: str
) -> None:
    _, membership = on_level_4()
    on = TODAY + dt.timedelta(days=days)
    with pytest.raises(InvolvementError, match=refusal):
        level_leaving_record(membership=membership, on=on, reason=reason, by=None)
    if reason.strip():
        page = officer_client.post(
            reverse("staff:level-leaving", args=[membership.pk]),
            {"ended_on": f"{on:%d/%m/%Y}", "reason": reason},
        )
        assert page.status_code == 400 and refusal in page.content.decode()
    membership.refresh_from_db()
    assert membership.status == "active"


def test_an_empty_form_is_refused_with_an_error_summary(officer_client: Client) -> None:
    _, membership = on_level_4()
    page = officer_client.post(reverse("staff:level-leaving", args=[membership.pk]), {})
    assert page.status_code == 400
    body = page.content.decode()
    assert "There is a problem" in body and "Enter their last day." in body


def test_an_officer_records_a_resident_left_a_group_from_their_record(officer_client: Client) -> None:
    holding = SeatHoldingFactory(resident=make_resident(), started_on=START)
    record = officer_client.get(reverse("staff:resident-involvement", args=[holding.resident_id]))
    end_url = reverse("staff:seat-end", args=[holding.pk])
    assert f"{end_url}?back=resident" in record.content.decode()

    form = officer_client.get(end_url + "?back=resident").content.decode()
    assert "Record that" in form and 'value="resident"' in form
    done = officer_client.post(
        end_url, {"ended_on": f"{TODAY:%d/%m/%Y}", "reason": "Resigned", "back": "resident"}
    )
    assert done["Location"] == reverse("staff:resident-involvement", args=[holding.resident_id])
    holding.refresh_from_db()
    assert holding.ended_on == TODAY and holding.end_reason == "Resigned"


def test_a_group_leaving_before_the_seat_began_is_refused_on_the_page(officer_client: Client) -> None:
    holding = SeatHoldingFactory(resident=make_resident(), started_on=START)
    before = START - dt.timedelta(days=1)
    page = officer_client.post(
        reverse("staff:seat-end", args=[holding.pk]), {"ended_on": f"{before:%d/%m/%Y}", "reason": "Resigned"}
    )
    assert page.status_code == 400 and "cannot be before the seat was filled" in page.content.decode()
    with pytest.raises(InvolvementError, match="Say why"):
        seat_end(holding=holding, on=TODAY, reason="")
    assert SeatHolding.objects.get().ended_on is None
