"""Caps and seat counts hold when many people press the button at the same moment.

These run real parallel requests, each thread on its own database connection, so they only
mean something on PostgreSQL (SQLite serialises every writer, and production runs on PostgreSQL).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from tenantvoice.core.roles import Role
from tenantvoice.involvement.models import LevelMembership, MembershipStatus, SeatCategory, SeatHolding
from tenantvoice.involvement.selectors import waiting_position
from tenantvoice.residents.models import Tenure
from tenantvoice.strategies.loader import strategy_load
from tests.conftest import sign_in
from tests.factories import BEFORE_TENANTVOICE, UserFactory, make_resident, staff_user

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="parallel writers need PostgreSQL"),
]


def at_once(requests: list[Callable[[], int]]) -> list[int]:
    """Run every request in its own thread, released together; return their status codes."""
    start = threading.Barrier(len(requests))
    codes: list[int] = [0] * len(requests)

    def run(index: int) -> None:
        try:
            start.wait()
            codes[index] = requests[index]()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(requests))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return codes


def test_thirty_residents_joining_a_level_of_20_at_once_fill_it_and_queue_the_rest() -> None:
    strategy_load("housing-for-women")
    clients = [
        sign_in(Client(), UserFactory(role=Role.RESIDENT, resident=make_resident())) for _ in range(30)
    ]
    url = reverse("involvement:join", args=["peripheral-involvement"])

    codes = at_once(
        [lambda c=c: c.post(url, {"ways": ["meetings"], "consent": "on"}).status_code for c in clients]
    )

    assert all(code == 302 for code in codes), codes
    memberships = LevelMembership.objects.filter(level__slug="peripheral-involvement")
    assert memberships.filter(status=MembershipStatus.ACTIVE).count() == 20
    waiting = memberships.filter(status=MembershipStatus.WAITING)
    assert waiting.count() == 10
    assert sorted(waiting_position(m) or 0 for m in waiting) == list(range(1, 11))


def test_ten_officers_filling_7_elected_seats_at_once_fill_exactly_7() -> None:
    strategy_load("southway")
    officers = [staff_user(Role.ENGAGEMENT_OFFICER, f"officer{i}@example.org") for i in range(10)]
    clients = [sign_in(Client(), officer) for officer in officers]
    seat = SeatCategory.objects.get(group__slug="southway-consultative-group", slug="elected-tenants")
    residents = [make_resident(tenure=Tenure.ASSURED) for _ in range(10)]
    url = reverse("staff:seat-new", args=["southway-consultative-group"])

    def fill(client: Client, resident_pk: int) -> Callable[[], int]:
        data = {
            "seat_category": seat.pk,
            "resident": resident_pk,
            "started_on": "1/4/2026",
            # Elected before TenantVoice: no ballot here to fill them from (decision 0024).
            "override_reason": BEFORE_TENANTVOICE,
        }
        return lambda: client.post(url, data).status_code

    codes = at_once([fill(c, r.pk) for c, r in zip(clients, residents, strict=True)])

    # 3 told "all taken": the form again with its error summary, status 400 (decision 0032).
    assert sorted(codes) == [302, 302, 302, 302, 302, 302, 302, 400, 400, 400]
    assert SeatHolding.objects.filter(seat_category=seat, ended_on__isnull=True).count() == 7


def test_a_group_cap_holds_across_seat_categories_filled_at_once() -> None:
    """Southway's group has 19 seats in 5 categories; with a cap of 8 members, 8 is the most."""
    strategy_load("southway")
    seat_tra = SeatCategory.objects.get(
        group__slug="southway-consultative-group", slug="tra-nominated-tenants"
    )
    seat_elected = SeatCategory.objects.get(group__slug="southway-consultative-group", slug="elected-tenants")
    group = seat_tra.group
    group.max_members = 8
    group.save()
    clients = [sign_in(Client(), staff_user(Role.ENGAGEMENT_OFFICER, f"o{i}@example.org")) for i in range(24)]
    url = reverse("staff:seat-new", args=[group.slug])
    requests = []
    for index, client in enumerate(clients):
        data = {
            "seat_category": (seat_tra if index % 2 else seat_elected).pk,
            "resident": make_resident(tenure=Tenure.SECURE).pk,
            "started_on": dt.date(2026, 4, 1).strftime("%d/%m/%Y"),
            "override_reason": BEFORE_TENANTVOICE,  # no ballot or nomination recorded here
        }
        requests.append(lambda c=client, d=data: c.post(url, d).status_code)

    at_once(requests)

    assert SeatHolding.objects.filter(seat_category__group=group, ended_on__isnull=True).count() == 8
