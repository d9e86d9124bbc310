"""The reporting timetable's API (decision 0051): a board reader's system reads the reports due
(by reporting year and status, refused in words when the filter is not one) and the
presentations with the figures as presented; nothing is written through it."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from tenantvoice.accounts.models import User
from tenantvoice.core.roles import Role
from tests.api.conftest import session_client, token_client
from tests.factories import ReportingDutyFactory, ReportPresentationFactory, UserFactory

pytestmark = pytest.mark.django_db


@time_machine.travel(dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC), tick=False)
def test_a_board_readers_system_reads_the_reports_due_and_what_was_presented() -> None:
    duty = ReportingDutyFactory(audience="The Residents Panel")
    presented = ReportPresentationFactory(duty=duty, decided="Noted.")
    reader = token_client(UserFactory(role=Role.BOARD_READER))
    every = reader.get("/api/v1/reports-due/").json()["results"]
    assert [(r["period"], r["status"]) for r in every] == [
        ("Quarter 4 of 2025/26", "under_way"),
        ("Quarter 3 of 2025/26", "due"),
        ("Quarter 2 of 2025/26", "overdue"),
        ("Quarter 1 of 2025/26", "presented"),
    ]
    assert every[3]["presentation"]["decided"] == "Noted." and every[2]["due_on"] == "2025-12-29"
    overdue = reader.get("/api/v1/reports-due/", {"status": "overdue", "year": 2025}).json()["results"]
    assert [r["period_start"] for r in overdue] == ["2025-07-01"]
    assert reader.get("/api/v1/reports-due/", {"year": 2024}).json()["results"] == []
    # Each period says its reporting year as its label; the label is a filter too.
    assert every[0]["year"] == 2025 and every[0]["year_label"] == "2025/26"
    by_label = reader.get("/api/v1/reports-due/", {"year": "2025/26", "status": "overdue"}).json()
    assert [r["period_start"] for r in by_label["results"]] == ["2025-07-01"]
    assert reader.get("/api/v1/reports-due/", {"year": "2025/27"}).status_code == 400
    bad = reader.get("/api/v1/reports-due/", {"status": "late"})
    assert bad.status_code == 400 and "Choose one of" in str(bad.json())
    assert reader.get("/api/v1/reports-due/", {"year": "last"}).status_code == 400

    listed = reader.get("/api/v1/report-presentations/", {"duty": duty.pk}).json()["results"]
    assert [p["id"] for p in listed] == [presented.pk] and listed[0]["period"] == "Quarter 1 of 2025/26"
    one = reader.get(f"/api/v1/report-presentations/{presented.pk}/").json()
    assert one["meeting"] == presented.meeting_id and one["late"] is False
    assert reader.post("/api/v1/report-presentations/", {}, format="json").status_code in (403, 405)


def test_a_resident_signed_in_reads_nothing(tenant_user: User) -> None:
    ReportPresentationFactory()
    tenant = session_client(tenant_user)
    assert tenant.get("/api/v1/reports-due/").status_code == 403
    assert tenant.get("/api/v1/report-presentations/").status_code == 403
