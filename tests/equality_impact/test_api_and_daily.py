"""The API, the strategy's annual assessment and the daily job (issue 18 item 4; decision 0049)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tenantvoice.accounts.models import User
from tenantvoice.core.models import AuditEvent
from tenantvoice.core.selectors import landlord_get
from tenantvoice.equality_impact.models import Assessment
from tenantvoice.equality_impact.services import mitigation_add, scheduled_assessments_make
from tenantvoice.strategies.loader import StrategyError, _load, strategy_load, strategy_read
from tenantvoice.strategies.standards import standards_get
from tests.api.conftest import token_client

from .helpers import group_assessment, panel_with_members

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def test_a_system_makes_and_reads_assessments(officer: User, board_reader: User) -> None:
    group = panel_with_members(seats=5, residents=10)
    client = token_client(officer)
    made = client.post(
        "/api/v1/equality-impact-assessments/",
        {"title": "Panel EIA", "subject_kind": "group", "group": group.pk, "owner": officer.pk},
        format="json",
    )
    assert made.status_code == 201, made.content
    body = made.json()
    assert body["subject"] == "A group: Residents Panel"
    assert body["state"] == "draft"
    assert [f["characteristic"] for f in body["findings"]][:3] == ["Age", "Disability", "Gender reassignment"]
    assert body["profile"]["population"] == "Residents holding a seat on Residents Panel"
    assessment = Assessment.objects.get()
    mitigation_add(
        assessment=assessment, aspect="age", title="Evening meetings", due_on=TODAY, owner_name="Lead"
    )
    reader = token_client(board_reader)
    listed = reader.get("/api/v1/equality-impact-assessments/", {"state": "draft"})
    assert [a["id"] for a in listed.json()["results"]] == [assessment.pk]
    one = reader.get(f"/api/v1/equality-impact-assessments/{assessment.pk}/").json()
    age = next(f for f in one["findings"] if f["aspect"] == "age")
    assert [a["title"] for a in age["actions"]] == ["Evening meetings"]
    assert reader.post("/api/v1/equality-impact-assessments/", {}, format="json").status_code == 403


def test_the_api_refuses_an_assessment_without_its_subject_naming_the_field(officer: User) -> None:
    refused = token_client(officer).post(
        "/api/v1/equality-impact-assessments/",
        {"title": "EIA", "subject_kind": "consultation", "owner": officer.pk},
        format="json",
    )
    assert refused.status_code == 400
    assert "consultation" in refused.json()
    assert not Assessment.objects.exists()


def test_tower_hamlets_homes_strategy_asks_for_an_annual_assessment() -> None:
    strategy_load("tower-hamlets-homes")
    assert standards_get().equality_impact_assessment_months == 12
    source = landlord_get().standards_sources["equality_impact_assessment_months"]
    assert source["quote"] == "An annual Equalities Impact Assessment"


def test_a_strategy_silent_on_it_asks_for_none() -> None:
    strategy_load("southway")
    assert standards_get().equality_impact_assessment_months is None
    assert scheduled_assessments_make() == 0
    assert not Assessment.objects.exists()


def test_the_daily_job_makes_the_years_draft_once() -> None:
    strategy_load("tower-hamlets-homes")
    call_command("daily")
    call_command("daily")
    made = Assessment.objects.get()
    assert made.subject_kind == "strategy"
    assert made.status == "draft"
    assert made.scheduled_for == TODAY
    assert made.owner is None
    assert made.title.startswith("Annual equality impact assessment of the engagement strategy")
    assert made.profile["population"] == "All involved residents"
    assert AuditEvent.objects.filter(object_type="equality_impact_assessment", actor=None).exists()


def test_the_next_one_falls_due_a_cycle_later_and_missed_cycles_make_one() -> None:
    strategy_load("tower-hamlets-homes")
    start = dt.date(2026, 4, 1)
    assert scheduled_assessments_make(today=start) == 1
    assert scheduled_assessments_make(today=dt.date(2027, 3, 31)) == 0
    assert scheduled_assessments_make(today=dt.date(2027, 4, 1)) == 1
    # Three years without the job: one assessment, for the cycle now due.
    assert scheduled_assessments_make(today=dt.date(2030, 5, 1)) == 1
    assert list(Assessment.objects.order_by("scheduled_for").values_list("scheduled_for", flat=True)) == [
        start,
        dt.date(2027, 4, 1),
        dt.date(2030, 4, 1),
    ]


def test_it_shows_in_the_register(officer_client: Client, officer: User) -> None:
    strategy_load("tower-hamlets-homes")
    scheduled_assessments_make()
    group_assessment(officer)
    text = officer_client.get(reverse("staff:equality-assessments")).content.decode()
    assert "Annual equality impact assessment of the engagement strategy" in text
    assert "No owner yet" in text


def test_the_loader_refuses_the_standard_without_a_source() -> None:
    data = strategy_read("tower-hamlets-homes")
    del data["standards"]["sources"]["equality_impact_assessment_months"]
    with pytest.raises(StrategyError, match="equality_impact_assessment_months"):
        _load("tower-hamlets-homes", data, landlord_get())


def test_the_public_page_of_rules_says_the_strategy_asks_for_one_and_where(client: Client) -> None:
    strategy_load("tower-hamlets-homes")
    text = client.get(reverse("involvement:how")).content.decode()
    assert "An equality impact assessment of the strategy every" in text
    assert "An annual Equalities Impact Assessment" in text
