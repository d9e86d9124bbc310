"""Rules the strategies state in words, enforced for every landlord (issue 12 item 4, decision
0024): residents see their seats and roles, and meetings a year are read from the strategy's
numbers or its plain words. Each landlord's own sentences are tested in its module
(test_housing_for_women.py, test_southway.py, test_thenue.py, test_tower_hamlets_homes.py,
test_winchester.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tenantvoice.involvement.models import (
    Group,
    GroupRole,
    SeatCategory,
    meetings_from_words,
)
from tenantvoice.involvement.services import (
    role_assign,
    seat_fill,
)
from tenantvoice.residents.models import Resident
from tenantvoice.strategies.loader import strategy_load

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()






def test_a_resident_sees_their_seats_and_roles_under_their_own_involvement(
    tenant_client: Client, tess: Resident
) -> None:
    strategy_load("southway")
    category = SeatCategory.objects.get(group__slug="southway-consultative-group", slug="elected-tenants")
    holding = seat_fill(
        category=category, resident=tess, started_on=dt.date(2026, 4, 1), override_reason="Elected on paper"
    )
    role_assign(holding=holding, role=GroupRole.CHAIR, started_on=dt.date(2026, 4, 1))

    page = tenant_client.get(reverse("involvement:mine")).content.decode()

    assert "Your seats on groups" in page and "Southway Consultative Group" in page
    assert "Tenants directly elected by Southway tenants, since 1 April 2026" in page
    assert "Your term ends on 31 March 2029" in page
    assert "You are chair until 31 March 2029" in page


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("4 to 6, preferably evenings", (4, 6)),  # Housing for Women, level 4
        ("At least 5, timed to feed into Cabinet (Housing) Committee papers", (5, None)),  # Winchester
        ("Min 5 meetings per annum", (5, None)),
        ("6", (6, 6)),
        ("6 meetings a year", (6, 6)),
        ("Bi-monthly", (None, None)),  # too loose to read: set meetings_min in the strategy
        ("4 formal meetings plus 2 socials", (None, None)),
        ("6 to 4", (None, None)),
    ],
)
def test_meetings_a_year_are_read_from_the_strategys_words_only_when_plain(
    words: str, expected: tuple[int | None, int | None]
) -> None:
    assert meetings_from_words(words) == expected


def test_numbers_set_in_the_strategy_win_over_the_words() -> None:
    group = Group(meetings_per_year="4 to 6", meetings_min=5)
    assert group.meetings_range == (5, None)
