"""Meeting papers for participants only, changing a meeting or the rest of its series, and
expenses by budget code."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tenantvoice.activities.models import Activity, ExpenseClaim
from tenantvoice.activities.papers import activity_change
from tenantvoice.activities.services import LateNotice, activity_invite, activity_schedule
from tenantvoice.comms.models import Message
from tenantvoice.core.roles import Role
from tenantvoice.strategies.loader import strategy_load
from tests.conftest import run_sends, sign_in
from tests.factories import (
    ActivityFactory,
    ExpenseClaimFactory,
    ParticipantFactory,
    ResidentFactory,
    UserFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db
ZONE = timezone.get_current_timezone()


@pytest.fixture
def meeting() -> Activity:
    start = timezone.now() + dt.timedelta(days=40)
    activity = ActivityFactory(
        title="Residents Panel",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        notice_sent_on=dt.date.today(),
    )
    ParticipantFactory(
        activity=activity, resident=ResidentFactory(first_name="Pam", preferred_channel="letter")
    )
    return activity


def test_papers_go_to_participants_and_only_they_can_download_them(
    officer_client: Client, meeting: Activity
) -> None:
    upload = reverse("staff:paper-new", args=[meeting.pk])
    bad = officer_client.post(upload, {"title": "Agenda", "file": SimpleUploadedFile("agenda.exe", b"MZ")})
    assert bad.status_code == 400 and "Upload a PDF, Word" in bad.content.decode()
    officer_client.post(
        upload,
        {
            "title": "Agenda",
            "file": SimpleUploadedFile("agenda.txt", b"1. Apologies"),
            "large_print": SimpleUploadedFile("agenda-large.txt", b"1. APOLOGIES"),
        },
    )
    paper = meeting.papers.get()
    officer_client.post(reverse("staff:papers-send", args=[meeting.pk]))
    officer_client.post(reverse("staff:papers-send", args=[meeting.pk]))  # twice: nothing new
    [letter] = Message.objects.filter(template="activity_papers")
    assert letter.subject.startswith("Papers: Residents Panel") and "- Agenda" in letter.body
    meeting.refresh_from_db()
    assert meeting.papers_sent_on == timezone.localdate()

    pam = sign_in(Client(), UserFactory(role=Role.RESIDENT, resident=meeting.participants.get().resident))
    page = pam.get(reverse("portal:activity", args=[meeting.participants.get().pk])).content.decode()
    assert "Agenda" in page and "in large print" in page
    download = pam.get(reverse("paper-download", args=[paper.pk]) + "?version=large")
    assert b"".join(download.streaming_content) == b"1. APOLOGIES"  # type: ignore[attr-defined]
    stranger = sign_in(Client(), UserFactory(role=Role.RESIDENT, resident=ResidentFactory()))
    assert stranger.get(reverse("paper-download", args=[paper.pk])).status_code == 404
    assert Client().get(reverse("paper-download", args=[paper.pk])).status_code == 404


def test_changing_the_rest_of_a_series_leaves_past_and_earlier_meetings_alone() -> None:
    hall = VenueFactory(name="Town Hall", postcode="E1 4DG")
    annex = VenueFactory(name="Annex", postcode="E1 4DH")
    first = dt.datetime.combine(dt.date.today() + dt.timedelta(days=30), dt.time(18), tzinfo=ZONE)
    series = activity_schedule(
        title="Panel",
        starts_at=first,
        ends_at=first + dt.timedelta(hours=2),
        venue=hall,
        repeat="monthly",
        repeat_count=4,
    )
    for activity in series:
        ParticipantFactory(activity=activity, resident=ResidentFactory(preferred_channel="letter"))
    activity_invite(activity=series[1])
    run_sends()
    changed = activity_change(
        activity=series[1],
        changes={"venue": annex, "title": "Panel (new room)"},
        start_time=dt.time(17, 30),
        end_time=dt.time(19, 30),
        whole_series=True,
    )
    assert [a.pk for a in changed] == [a.pk for a in series[1:]]
    series[0].refresh_from_db()
    assert series[0].venue == hall and timezone.localtime(series[0].starts_at).time() == dt.time(18)
    moved = Activity.objects.get(pk=series[2].pk)
    assert moved.venue == annex and timezone.localtime(moved.starts_at).time() == dt.time(17, 30)
    assert moved.date == series[2].date  # the date of each meeting stays
    # Only the meeting whose invitation had gone out is told; saving the same again tells nobody.
    assert Message.objects.filter(template="activity_changed").count() == 1
    activity_change(
        activity=series[1],
        changes={"venue": annex, "title": "Panel (new room)"},
        start_time=dt.time(17, 30),
        end_time=dt.time(19, 30),
        whole_series=True,
    )
    assert Message.objects.filter(template="activity_changed").count() == 1


def test_moving_a_meeting_inside_the_notice_period_needs_a_reason(meeting: Activity) -> None:
    strategy_load("tower-hamlets-homes")  # 10 working days
    soon = dt.date.today() + dt.timedelta(days=3)
    with pytest.raises(LateNotice, match="10 working days"):
        activity_change(
            activity=meeting, changes={}, start_time=dt.time(18), end_time=dt.time(20), new_date=soon
        )
    [moved] = activity_change(
        activity=meeting,
        changes={},
        start_time=dt.time(18),
        end_time=dt.time(20),
        new_date=soon,
        late_notice_reason="The hall flooded",
    )
    assert moved.late_notice_reason == "The hall flooded" and moved.date == soon


def test_officer_changes_a_meeting_through_the_page(officer_client: Client, meeting: Activity) -> None:
    activity_invite(activity=meeting)
    run_sends()
    url = reverse("staff:activity-change", args=[meeting.pk])
    page = officer_client.get(url).content.decode()
    assert 'value="Residents Panel"' in page and "This one only" not in page  # not a series
    day = meeting.date.strftime("%d/%m/%Y")
    wrong = officer_client.post(
        url,
        {
            "title": "X",
            "date": day,
            "start_time": "20:00",
            "end_time": "19:00",
            "format": "online",
            "online_details": "Zoom",
        },
    )
    assert wrong.status_code == 400 and "The end must be after the start" in wrong.content.decode()
    officer_client.post(
        url,
        {
            "title": "Panel online",
            "date": day,
            "start_time": "18:00",
            "end_time": "19:00",
            "format": "online",
            "online_details": "Zoom 123",
        },
    )
    meeting.refresh_from_db()
    assert meeting.title == "Panel online" and meeting.format == "online"
    assert Message.objects.get(template="activity_changed").recipient.first_name == "Pam"


def test_expenses_by_budget_code(officer_client: Client, no_suppression: None) -> None:
    resident = ResidentFactory()
    for amount, code, status in [
        ("4.50", "TP-01", "paid"),
        ("10.00", "TP-01", "approved"),
        ("7.25", "", "submitted"),
    ]:
        ExpenseClaimFactory(
            resident=resident, description="Bus", amount=Decimal(amount), budget_code=code, status=status
        )
    today = dt.date.today().strftime("%d/%m/%Y")
    page = officer_client.get(
        reverse("staff:expenses-report"), {"date_from": today, "date_to": today}
    ).content.decode()
    assert "TP-01" in page and "<td>21.75</td>" in page and "spent or owed): <strong>£14.50" in page
    csv = officer_client.get(
        reverse("staff:expenses-report"), {"date_from": today, "date_to": today, "format": "csv"}
    ).content.decode()
    assert "TP-01,Paid,1,4.50" in csv and "Total,,3,21.75" in csv


def test_expenses_of_fewer_people_than_the_threshold_are_hidden_and_cannot_be_worked_out(
    officer_client: Client,
) -> None:
    claims = (
        [("4.50", "TP-01", "paid")] + [("10.00", "TP-02", "approved")] * 6 + [("3.00", "TP-03", "paid")] * 6
    )
    for amount, code, status in claims:
        ExpenseClaimFactory(
            resident=ResidentFactory(),
            description="Bus",
            amount=Decimal(amount),
            budget_code=code,
            status=status,
        )
    # Several claims by one person are still one person's.
    for _ in range(5):
        ExpenseClaimFactory(
            resident=ExpenseClaim.objects.get(amount=Decimal("4.50")).resident,
            description="Taxi",
            amount=Decimal("20.00"),
            budget_code="TP-04",
            status="approved",
        )
    today = dt.date.today().strftime("%d/%m/%Y")
    url = reverse("staff:expenses-report")
    body = officer_client.get(url, {"date_from": today, "date_to": today, "format": "csv"}).content.decode()
    # One person's claims (one under TP-01, five under TP-04): hidden, claims and amounts.
    assert "TP-01,Paid,[c],[c]" in body and 'TP-04,"Approved, waiting to be paid",[c],[c]' in body
    assert "4.50" not in body and "100.00" not in body
    # The total stays: two rows hidden together, so neither can be worked out from it.
    assert "Total,,18,182.50" in body and body.count("[c],[c]") == 2
