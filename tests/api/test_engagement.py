"""API for levels, groups, level memberships and activities."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from tenantvoice.accounts.models import User
from tenantvoice.activities.models import Activity
from tenantvoice.involvement.elections import election_create, nomination_add
from tenantvoice.involvement.models import Election, Level, SeatCategory
from tenantvoice.involvement.services import level_join
from tenantvoice.residents.models import Tenure
from tenantvoice.strategies.loader import strategy_load
from tests.factories import make_resident

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
    assert len(found["results"]) == 1 and found["results"][0]["status"] == "active"
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


def test_the_menu_of_opportunities_filters_by_kind(officer_api: APIClient) -> None:
    everything = officer_api.get("/api/v1/opportunities/").json()
    youth = next(o for o in everything["results"] if o["slug"] == "youth-forum")
    assert youth["eligibility"] == {"min_age": 18, "max_age": 24} and youth["level"] == "formal-engagement"
    forums = officer_api.get("/api/v1/opportunities/", {"kind": youth["kind"]}).json()["results"]
    assert forums and all(o["kind"] == youth["kind"] for o in forums)


def test_an_officer_records_a_phone_request_to_join_the_register(officer_api: APIClient) -> None:
    resident = make_resident()
    body = {
        "resident": resident.pk,
        "level": Level.objects.get(slug="getting-involved-register").pk,
        "channel": "phone",
        "ways": ["surveys", "meetings"],
        "interests": ["repairs-investment"],
        "consent_wording": "I agree to THH keeping my details to contact me about getting involved.",
    }
    created = officer_api.post("/api/v1/level-memberships/", body, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["status"] == "active" and created.json()["interests"] == ["repairs-investment"]
    again = officer_api.post("/api/v1/level-memberships/", body, format="json")
    assert again.status_code == 400 and "already on" in again.json()["non_field_errors"][0]
    body["ways"] = ["juggling"]
    assert "ways" in officer_api.post("/api/v1/level-memberships/", body, format="json").json()


def test_filling_a_seat_through_the_api_keeps_the_rules(officer_api: APIClient) -> None:
    youth = SeatCategory.objects.get(group__slug="youth-forum", slug="members")
    young = make_resident(date_of_birth=dt.date(2005, 1, 1))
    older = make_resident(date_of_birth=dt.date(1960, 1, 1))
    body = {"seat_category": youth.pk, "started_on": "2026-04-01"}
    refused = officer_api.post("/api/v1/seat-holdings/", {**body, "resident": older.pk}, format="json")
    assert refused.status_code == 400 and "24" in refused.json()["non_field_errors"][0]
    filled = officer_api.post("/api/v1/seat-holdings/", {**body, "resident": young.pk}, format="json")
    assert filled.status_code == 201 and filled.json()["group"] == "youth-forum"
    current = officer_api.get(
        "/api/v1/seat-holdings/", {"seat_category__group": youth.group_id, "ended_on__isnull": True}
    )
    assert [h["resident"] for h in current.json()["results"]] == [young.pk]


def test_elections_show_candidates_and_results_only_once_counted(officer_api: APIClient) -> None:
    panel = SeatCategory.objects.get(group__slug="residents-panel", slug="residents")
    election = election_create(
        category=panel,
        title="Residents Panel 2026",
        seats=1,
        nominations_close_on=dt.date(2026, 3, 1),
        voting_opens_on=dt.date(2026, 3, 2),
        voting_closes_on=dt.date(2026, 3, 20),
    )
    candidate = make_resident(tenure=Tenure.SECURE)
    nomination_add(election=election, resident=candidate, on=dt.date(2026, 2, 1))
    shown = officer_api.get(f"/api/v1/elections/{election.pk}/").json()
    assert (
        shown["candidates"] == [candidate.pk]
        and shown["results"] == []
        and shown["group"] == "residents-panel"
    )
    Election.objects.filter(pk=election.pk).update(
        status="counted", results=[{"nomination": 1, "name": "A", "votes": 3, "elected": True}]
    )
    assert officer_api.get(f"/api/v1/elections/{election.pk}/").json()["results"][0]["votes"] == 3


def test_a_manager_cannot_record_a_join_or_fill_a_seat(manager: User) -> None:
    client = token_client(manager)
    assert client.get("/api/v1/seat-holdings/").status_code == 200
    assert client.post("/api/v1/seat-holdings/", {}, format="json").status_code == 403
    assert client.post("/api/v1/level-memberships/", {}, format="json").status_code == 403
