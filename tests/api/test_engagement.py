"""API for levels, groups, level memberships and activities."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from tenantvoice.accounts.models import User
from tenantvoice.activities.models import Activity
from tenantvoice.involvement.models import Level
from tenantvoice.involvement.services import level_join
from tenantvoice.strategies.loader import strategy_load
from tests.involvement.conftest import make_resident

from .conftest import token_client

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def thh() -> None:
    strategy_load("tower-hamlets-homes")


def test_levels_and_groups_with_their_seats(officer_api: APIClient) -> None:
    levels = officer_api.get("/api/v1/levels/").json()["results"]
    assert [level["slug"] for level in levels][0] == "kept-informed"
    groups = officer_api.get("/api/v1/groups/").json()["results"]
    panel = next(g for g in groups if g["slug"] == "residents-panel")
    assert panel["max_members"] == 15 and panel["seat_categories"][0]["seats"] == 15


def test_memberships_filter_by_level_and_refuse_a_bad_filter(officer_api: APIClient) -> None:
    level = Level.objects.get(slug="getting-involved-register")
    level_join(resident=make_resident(), level=level, consent_wording="I agree")
    found = officer_api.get("/api/v1/level-memberships/", {"level": level.pk}).json()
    assert found["count"] == 1 and found["results"][0]["status"] == "active"
    assert officer_api.get("/api/v1/level-memberships/", {"level": "abc"}).status_code == 400


def test_scheduling_inside_the_notice_standard_needs_a_reason(officer_api: APIClient) -> None:
    soon = timezone.now() + dt.timedelta(days=2)
    body = {
        "title": "Urgent panel",
        "starts_at": soon.isoformat(),
        "ends_at": (soon + dt.timedelta(hours=2)).isoformat(),
        "format": "online",
    }
    refused = officer_api.post("/api/v1/activities/", body, format="json")
    assert refused.status_code == 400
    assert "The notice standard is 10 working days" in refused.json()["late_notice_reason"][0]
    body["late_notice_reason"] = "Fire safety works"
    created = officer_api.post("/api/v1/activities/", body, format="json")
    assert created.status_code == 201
    assert Activity.objects.get().late_notice_reason == "Fire safety works"


def test_a_manager_reads_but_cannot_schedule(manager: User) -> None:
    api = token_client(manager)
    assert api.get("/api/v1/activities/").status_code == 200
    soon = timezone.now() + dt.timedelta(days=60)
    body = {
        "title": "X",
        "starts_at": soon.isoformat(),
        "ends_at": (soon + dt.timedelta(hours=1)).isoformat(),
    }
    assert api.post("/api/v1/activities/", body, format="json").status_code == 403
