"""The complaints API: a system records a complaint and runs its stages through the same
services as the pages; reads are audited; managers read but do not write; refusals are 400s
naming the field."""

from __future__ import annotations

import datetime as dt

import pytest

from tenantvoice.actions.models import Action
from tenantvoice.core.models import AuditEvent
from tenantvoice.core.roles import Role
from tests.api.conftest import token_client
from tests.factories import UserFactory, make_resident

pytestmark = pytest.mark.django_db

BASE = "/api/v1/complaints/"


def test_a_system_records_a_complaint_and_takes_it_through_stage_1() -> None:
    officer = UserFactory(role=Role.ENGAGEMENT_OFFICER)
    client = token_client(officer)
    resident = make_resident()
    received = dt.date(2025, 4, 17)
    created = client.post(
        BASE,
        {
            "resident": resident.pk,
            "received_by": "email",
            "received_on": received.isoformat(),
            "what_went_wrong": "My repair was missed twice.",
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["reference"].startswith("CMP-") and body["stages"][0]["acknowledge_due"] == "2025-04-28"
    pk = body["id"]

    late = client.post(
        f"{BASE}{pk}/acknowledge/", {"acknowledged_on": "2025-04-29", "defined_as": "x"}, format="json"
    )
    assert late.status_code == 400 and "late_reason" in late.json()

    acknowledged = client.post(
        f"{BASE}{pk}/acknowledge/",
        {"acknowledged_on": "2025-04-22", "defined_as": "Missed repairs"},
        format="json",
    )
    assert acknowledged.status_code == 200 and acknowledged.json()["stages"][0]["respond_by"] == "2025-05-07"

    assigned = client.post(f"{BASE}{pk}/assign/", {"handler": officer.pk}, format="json")
    assert assigned.status_code == 200 and assigned.json()["stages"][0]["handler"]
    answered = client.post(
        f"{BASE}{pk}/respond/",
        {
            "responded_on": "2025-04-30",
            "response": "We are sorry.",
            "points": [{"summary": "Missed repairs", "decision": "upheld", "reasons": "Two misses"}],
            "remedies": [
                {
                    "kind": "compensation",
                    "description": "Time off",
                    "amount": "50.00",
                    "amount_reason": "A day",
                }
            ],
            "actions": [{"title": "Fix the tap", "due_on": "2025-05-30"}],
            "learning": {"what_learnt": "Lost bookings", "change_made": "A daily check"},
        },
        format="json",
    )
    assert answered.status_code == 200, answered.json()
    stage = answered.json()["stages"][0]
    assert stage["points"][0]["decision"] == "upheld" and stage["answered_in_time"] is True
    assert answered.json()["actions"][0]["title"] == "Fix the tap"
    assert Action.objects.get(complaint_id=pk).due_on == dt.date(2025, 5, 30)

    escalated = client.post(f"{BASE}{pk}/escalate/", {"requested_on": "2025-05-02"}, format="json")
    assert escalated.status_code == 200 and [s["number"] for s in escalated.json()["stages"]] == [1, 2]


def test_reads_are_audited_and_managers_may_read_but_not_record() -> None:
    from tenantvoice.complaints.services import complaint_record

    complaint = complaint_record(
        what_went_wrong="Noise",
        received_on=dt.date(2026, 5, 1),
        received_by="phone",
        resident=make_resident(),
    )
    manager = token_client(UserFactory(role=Role.MANAGER))
    assert manager.get(BASE).status_code == 200
    assert manager.get(f"{BASE}{complaint.pk}/").status_code == 200
    assert AuditEvent.objects.filter(object_type="complaint", action="search").exists()
    viewed = AuditEvent.objects.get(object_type="complaint", action="view")
    assert viewed.resident_id == complaint.resident_id
    refused = manager.post(BASE, {"received_by": "phone"}, format="json")
    assert refused.status_code == 403
    board = token_client(UserFactory(role=Role.BOARD_READER))
    assert board.get(BASE).status_code == 403
    assert board.get("/api/v1/complaint-categories/").status_code == 200


def test_board_readers_read_complaints_in_numbers_for_a_year() -> None:
    from tenantvoice.complaints.services import complaint_record

    complaint_record(
        what_went_wrong="Noise",
        received_on=dt.date(2025, 6, 2),
        received_by="phone",
        resident=make_resident(),
    )
    board = token_client(UserFactory(role=Role.BOARD_READER))
    body = board.get("/api/v1/complaints-report/?year=2025").json()
    assert body["year"] == "2025/26" and body["from"] == "2025-04-01"
    assert body["ch01"]["stage_1_per_1000_homes"] == 1000.0  # one complaint, one home
    assert any(t["title"].startswith("CH01") for t in body["tables"])
    assert board.get("/api/v1/complaints-report/?year=soon").status_code == 400
    assert token_client(UserFactory(role=Role.MANAGER)).get("/api/v1/complaints-report/").status_code == 200
