"""Minutes within 10 working days, information requests within 10 working days, and the
service standards report (Tower Hamlets Homes' Resident Engagement Agreement)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tenantvoice.accounts.models import User
from tenantvoice.activities.models import Activity, InformationRequest
from tenantvoice.activities.selectors import service_standards
from tenantvoice.activities.services import (
    LateNotice,
    activity_move,
    information_request_answer,
    information_request_log,
    minutes_send,
)
from tenantvoice.strategies.loader import strategy_load
from tests.conftest import sign_in
from tests.factories import (
    BEFORE_TENANTVOICE,
    ActivityFactory,
    HoursLogFactory,
    ParticipantFactory,
    make_resident,
)

pytestmark = pytest.mark.django_db
ZONE = timezone.get_default_timezone()


@pytest.fixture(autouse=True)
def thh() -> None:
    strategy_load("tower-hamlets-homes")


def meeting(day: dt.date, *, late_notice: str = "") -> Activity:
    start = dt.datetime.combine(day, dt.time(18), tzinfo=ZONE)
    return ActivityFactory(
        title="Residents Panel",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        late_notice_reason=late_notice,
    )


def test_minutes_go_out_within_ten_working_days_or_a_reason_is_recorded() -> None:
    held = meeting(dt.date(2026, 3, 2))  # Monday; ten working days later is Monday 16 March
    minutes_send(activity=held, text="Present: ...", today=dt.date(2026, 3, 16))
    late = meeting(dt.date(2026, 3, 3))
    with pytest.raises(LateNotice, match="by Tuesday 17 March 2026"):
        minutes_send(activity=late, text="Present: ...", today=dt.date(2026, 3, 18))
    minutes = minutes_send(
        activity=late, text="Present: ...", today=dt.date(2026, 3, 18), late_reason="Chair on leave"
    )
    assert minutes.late_reason == "Chair on leave"


def test_a_meetings_action_points_are_tracked_to_done() -> None:
    from tenantvoice.actions.services import action_create, action_progress

    held = meeting(dt.date(2026, 3, 2))
    action = action_create(
        source=held, title="Report on void times", owner_name="Head of Lettings", due_on=dt.date(2026, 4, 1)
    )
    assert list(held.actions.all()) == [action] and action.asked_by == held.group
    assert action.is_overdue(dt.date(2026, 4, 2))
    action_progress(
        action=action, status="done", evidence="Reported to the April panel", on=dt.date(2026, 3, 30)
    )
    action.refresh_from_db()
    assert not action.is_overdue(dt.date(2026, 4, 2)) and action.done_on == dt.date(2026, 3, 30)


def test_information_requests_are_due_in_ten_working_days_round_easter() -> None:
    # Easter 2026: Good Friday 3 April and Easter Monday 6 April are bank holidays in England.
    request = information_request_log(
        question="How many voids?", received_on=dt.date(2026, 3, 30), resident=make_resident()
    )
    assert request.due_on == dt.date(2026, 4, 15)
    with pytest.raises(LateNotice, match="Wednesday 15 April 2026"):
        information_request_answer(request=request, answer="42", on=dt.date(2026, 4, 16))


def test_the_report_counts_each_standard_and_lists_breaches_with_reasons() -> None:
    meeting(dt.date(2026, 7, 6))
    meeting(dt.date(2026, 7, 13), late_notice="Fire safety works")
    for held in Activity.objects.all():
        minutes_send(activity=held, text="...", today=held.date + dt.timedelta(days=1))
    on_time = information_request_log(
        question="Q1", received_on=dt.date(2026, 7, 1), resident=make_resident()
    )
    information_request_answer(request=on_time, answer="A", on=dt.date(2026, 7, 2))
    information_request_log(question="Q2", received_on=dt.date(2026, 7, 1), resident=make_resident())

    notice, minutes, requests = service_standards(dt.date(2026, 7, 1), dt.date(2026, 9, 30))

    assert (notice.total, notice.on_time, notice.percent) == (2, 1, 50)
    assert notice.breaches == [("Residents Panel, 13/07/2026", "Fire safety works")]
    assert (minutes.total, minutes.on_time) == (2, 2)
    assert (requests.total, requests.on_time, requests.outstanding) == (2, 1, 1)
    assert ("Request of 01/07/2026", "Not answered yet: overdue") in requests.breaches


def test_the_board_reads_the_printable_report(client: Client, board_reader: User) -> None:
    meeting(dt.date(2026, 7, 13), late_notice="Fire safety works")
    page = sign_in(client, board_reader).get(
        reverse("staff:standards-report"), {"date_from": "1/7/2026", "date_to": "30/9/2026"}
    )
    body = page.content.decode()
    assert page.status_code == 200
    assert "0 of 1 on time (0%)" in body and "Fire safety works" in body
    bad = client.get(reverse("staff:standards-report"), {"date_from": "30/9/2026", "date_to": "1/7/2026"})
    assert "The end of the period must be after its start." in bad.content.decode()


def test_officers_log_and_answer_requests_through_the_pages(officer_client: Client) -> None:
    resident = make_resident()
    officer_client.post(
        reverse("staff:information-requests"),
        {"resident": resident.pk, "received_on": "2/11/2026", "question": "Repairs data please"},
    )
    item = InformationRequest.objects.get()
    assert item.due_on == dt.date(2026, 11, 16)
    response = officer_client.post(
        reverse("staff:information-request-answer", args=[item.pk]), {"answer": ""}
    )
    assert "Write down the answer given." in response.content.decode()


def test_the_quarterly_return_counts_persons_and_hours_at_each_level(
    officer_client: Client, no_suppression: None
) -> None:
    from decimal import Decimal

    from openpyxl import load_workbook

    from tenantvoice.activities.returns import quarter_of, quarterly_return
    from tenantvoice.involvement.models import Level
    from tenantvoice.involvement.services import level_join

    strategy_load("housing-for-women")
    level_2 = Level.objects.get(order=2)
    ann, bob = make_resident(), make_resident()
    level_join(resident=ann, level=level_2, consent_wording="I agree", on=dt.date(2026, 6, 1))
    held = meeting(dt.date(2026, 7, 6))
    ParticipantFactory(activity=held, resident=ann, attendance="present")
    ParticipantFactory(activity=held, resident=bob, attendance="present")
    HoursLogFactory(resident=ann, on=dt.date(2026, 8, 1), hours=Decimal("1.5"), description="Leaflet")

    report = quarterly_return(*quarter_of(dt.date(2026, 8, 15)))

    lines = {line.level: (line.persons, line.hours) for line in report.lines}
    assert lines["Level 2: Armchair commentator"] == (1, Decimal("3.5"))
    assert lines["Level 1: Kept informed"][1] == Decimal("2")
    assert report.policies_consulted == 0

    csv_body = officer_client.get(
        reverse("staff:quarterly-return"), {"date_from": "1/7/2026", "date_to": "30/9/2026", "format": "csv"}
    )
    assert "Level 2: Armchair commentator,1,3.50" in csv_body.content.decode()
    xlsx = officer_client.get(
        reverse("staff:quarterly-return"), {"date_from": "1/7/2026", "date_to": "30/9/2026", "format": "xlsx"}
    )
    import io

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None and sheet["A1"].value == "Quarterly return 01/07/2026 to 30/09/2026"


def test_members_below_their_groups_attendance_commitment_are_flagged(officer_client: Client) -> None:
    """Housing for Women: level 4 members commit to 80% attendance."""
    from tenantvoice.activities.selectors import group_attendance
    from tenantvoice.involvement.models import Group
    from tenantvoice.involvement.services import seat_fill

    strategy_load("housing-for-women")
    panel = Group.objects.get(slug="tenant-scrutiny-panel")
    keen, busy = make_resident(last_name="Keen"), make_resident(last_name="Busy")
    seats = panel.seat_categories.get(slug="tenant-members")
    for member in (keen, busy):
        seat_fill(
            category=seats,
            resident=member,
            started_on=dt.date(2025, 1, 1),
            override_reason=BEFORE_TENANTVOICE,
        )
    today = timezone.localdate()
    for weeks in range(1, 6):
        held = meeting(today - dt.timedelta(weeks=weeks))
        held.group = panel
        held.save()
        ParticipantFactory(activity=held, resident=keen, attendance="present")
        ParticipantFactory(activity=held, resident=busy, attendance="present" if weeks <= 3 else "absent")

    rates = {r.resident.last_name: r for r in group_attendance(panel.pk, 80)}

    assert (rates["Keen"].percent, rates["Keen"].below_commitment) == (100, False)
    assert (rates["Busy"].percent, rates["Busy"].below_commitment) == (60, True)
    page = officer_client.get(reverse("staff:group-detail", args=["tenant-scrutiny-panel"])).content.decode()
    assert "Below commitment" in page and "Members commit to 80% of meetings." in page


def test_the_quarterly_return_hides_a_level_of_few_people_and_their_hours(officer_client: Client) -> None:
    from decimal import Decimal

    from tenantvoice.involvement.models import Level
    from tenantvoice.involvement.services import level_join

    strategy_load("housing-for-women")
    ann = make_resident()
    level_join(
        resident=ann, level=Level.objects.get(order=2), consent_wording="I agree", on=dt.date(2026, 6, 1)
    )
    HoursLogFactory(resident=ann, on=dt.date(2026, 8, 1), hours=Decimal("7.25"), description="Leaflet")
    period = {"date_from": "1/7/2026", "date_to": "30/9/2026"}
    page = officer_client.get(reverse("staff:quarterly-return"), period).content.decode()
    body = officer_client.get(reverse("staff:quarterly-return"), {**period, "format": "csv"}).content.decode()
    # One person on level 2: neither the 1 nor their 7.25 hours appear.
    assert "Level 2: Armchair commentator</th><td>hidden</td><td>hidden</td>" in page
    assert "Level 2: Armchair commentator,[c],[c]" in body and "7.25" not in body + page


def test_moving_a_meeting_inside_the_notice_standard_needs_a_reason_kept_as_a_breach() -> None:
    today = timezone.localdate()
    held = meeting(today + dt.timedelta(days=40))
    later = dt.datetime.combine(today + dt.timedelta(days=45), dt.time(18), tzinfo=ZONE)
    activity_move(activity=held, starts_at=later, ends_at=later + dt.timedelta(hours=2))
    assert held.late_notice_reason == ""

    sooner = dt.datetime.combine(today + dt.timedelta(days=3), dt.time(18), tzinfo=ZONE)
    with pytest.raises(LateNotice, match="The notice standard is 10 working days"):
        activity_move(activity=held, starts_at=sooner, ends_at=sooner + dt.timedelta(hours=2))
    activity_move(
        activity=held, starts_at=sooner, ends_at=sooner + dt.timedelta(hours=2), late_notice_reason="Gas leak"
    )
    held.refresh_from_db()
    assert (held.starts_at, held.late_notice_reason) == (sooner, "Gas leak")
