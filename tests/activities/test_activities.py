"""Activities: the notice standard in working days, invitations, repeats, the register,
hours of involvement, and the calendars."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tenantvoice.activities.models import Activity
from tenantvoice.activities.selectors import hours_of_involvement
from tenantvoice.activities.services import ActivityError, LateNotice, activity_schedule, attendance_record
from tenantvoice.involvement.models import Group
from tenantvoice.involvement.services import seat_fill
from tenantvoice.strategies.loader import strategy_load
from tests.factories import (
    BEFORE_TENANTVOICE,
    ActivityFactory,
    HoursLogFactory,
    ParticipantFactory,
    VenueFactory,
    make_resident,
)

pytestmark = pytest.mark.django_db
ZONE = timezone.get_default_timezone()


def at(day: dt.date, hour: int = 18) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=ZONE)


def schedule(day: dt.date, today: dt.date, **kwargs: object) -> list[Activity]:
    kwargs.setdefault("title", "Residents Panel")
    return activity_schedule(starts_at=at(day), ends_at=at(day, 20), today=today, **kwargs)  # type: ignore[arg-type]


class TestNoticeStandard:
    """Tower Hamlets Homes: notification of a meeting at least 10 working days in advance."""

    @pytest.fixture(autouse=True)
    def thh(self) -> None:
        strategy_load("tower-hamlets-homes")

    def test_ten_working_days_counts_round_christmas_bank_holidays(self) -> None:
        meeting = dt.date(2026, 1, 5)  # Monday after Christmas and New Year
        assert schedule(meeting, today=dt.date(2025, 12, 17))[0].late_notice_reason == ""
        with pytest.raises(LateNotice, match="notice had to go out by Wednesday 17 December 2025"):
            schedule(meeting, today=dt.date(2025, 12, 18))

    def test_short_notice_needs_a_reason_and_is_kept_as_a_breach(self) -> None:
        [activity] = schedule(
            dt.date(2026, 1, 5),
            today=dt.date(2025, 12, 30),
            late_notice_reason="Emergency meeting on the fire safety works",
        )
        assert activity.late_notice_reason == "Emergency meeting on the fire safety works"
        assert activity.notice_sent_on == dt.date(2025, 12, 30)

    def test_a_landlord_without_the_standard_is_not_checked(self) -> None:
        from tenantvoice.core.selectors import landlord_get

        landlord = landlord_get()
        landlord.standards = {}
        landlord.save()
        assert schedule(dt.date(2026, 1, 5), today=dt.date(2026, 1, 2))


def test_the_groups_members_are_invited() -> None:
    strategy_load("southway")
    group = Group.objects.get(slug="southway-consultative-group")
    tenant = make_resident()
    seat_fill(
        category=group.seat_categories.get(slug="elected-tenants"),
        resident=tenant,
        started_on=dt.date(2026, 1, 1),
        override_reason=BEFORE_TENANTVOICE,
    )
    seat_fill(
        category=group.seat_categories.get(slug="ward-councillors"),
        person_name="Cllr A",
        started_on=dt.date(2026, 1, 1),
    )
    [activity] = schedule(dt.date(2026, 2, 10), today=dt.date(2026, 1, 5), group=group)
    assert list(activity.participants.values_list("resident", flat=True)) == [tenant.pk]


def test_a_monthly_series_keeps_the_day_or_the_last_day_of_a_short_month() -> None:
    activities = activity_schedule(
        title="Panel",
        starts_at=at(dt.date(2026, 1, 31)),
        ends_at=at(dt.date(2026, 1, 31), 20),
        repeat="monthly",
        repeat_count=3,
        today=dt.date(2026, 1, 1),
    )
    assert [a.date for a in activities] == [dt.date(2026, 1, 31), dt.date(2026, 2, 28), dt.date(2026, 3, 31)]
    assert len({a.series_key for a in activities}) == 1


@pytest.mark.parametrize(
    ("start", "end", "words"),
    [
        (at(dt.date(2026, 3, 1), 20), at(dt.date(2026, 3, 1), 18), "end must be after"),
        (at(dt.date(2025, 1, 1)), at(dt.date(2025, 1, 1), 20), "in the past"),
    ],
)
def test_impossible_times_are_refused(start: dt.datetime, end: dt.datetime, words: str) -> None:
    with pytest.raises(ActivityError, match=words):
        activity_schedule(title="X", starts_at=start, ends_at=end, today=dt.date(2026, 1, 1))


def test_attendance_gives_hours_of_involvement_with_hours_logged_at_home() -> None:
    resident = make_resident()
    day = timezone.localdate() - dt.timedelta(days=1)
    activity = ActivityFactory(
        title="Panel", starts_at=at(day), ends_at=at(day, 20) + dt.timedelta(minutes=30)
    )
    place = ParticipantFactory(activity=activity, resident=resident)
    attendance_record(activity=activity, marks={place.pk: "present"})
    HoursLogFactory(resident=resident, on=day, hours=Decimal("1.5"), description="Read the repairs leaflet")

    assert hours_of_involvement(resident, day - dt.timedelta(days=30), day) == Decimal("4.0")
    with pytest.raises(ActivityError, match="not present, apologies or absent"):
        attendance_record(activity=activity, marks={place.pk: "asleep"})


def test_the_register_waits_for_the_activity() -> None:
    day = timezone.localdate() + dt.timedelta(days=3)
    activity = ActivityFactory(title="Panel", starts_at=at(day), ends_at=at(day, 20))
    with pytest.raises(ActivityError, match="once the activity has started"):
        attendance_record(activity=activity, marks={})


class TestCalendars:
    def make(self, public: bool, title: str) -> Activity:
        day = timezone.localdate() + dt.timedelta(days=20)
        venue = VenueFactory(name="Wyn Garrett Resource Centre, Room 1", postcode="E14 0BA", step_free=True)
        group, _ = Group.objects.get_or_create(
            slug="panel", defaults={"name": "Residents Panel", "kind": "panel"}
        )
        return ActivityFactory(
            title=title,
            starts_at=at(day),
            ends_at=at(day, 20),
            public=public,
            venue=venue,
            group=group,
            description="Agenda; papers, and more",
            online_details="https://meet.example.org/secret",
        )

    def test_the_public_calendar_shows_public_activities_with_access_details(self, client: Client) -> None:
        self.make(True, "Open day")
        self.make(False, "Panel private session")
        page = client.get(reverse("calendar")).content.decode()
        assert "Open day" in page and "Panel private session" not in page and "Step-free access" in page

    def test_ical_is_valid_folded_and_escaped(self, client: Client) -> None:
        self.make(True, "Open day with a very long title that goes on and on, well past seventy-five octets")
        body = client.get(reverse("calendar-ics")).content.decode()
        assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
        assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
        assert "DESCRIPTION:Agenda\\; papers\\, and more" in body
        assert "meet.example.org" not in body

    def test_a_group_feed_hides_members_only_details(self, client: Client) -> None:
        self.make(False, "Panel private session")
        body = client.get(reverse("group-calendar-ics", args=["panel"])).content.decode()
        assert "SUMMARY:Members meeting" in body and "private session" not in body
        assert "LOCATION:Wyn Garrett Resource Centre\\, Room 1\\, E14 0BA" in body


class TestPages:
    def test_an_officer_schedules_and_is_asked_for_a_reason_for_short_notice(
        self, officer_client: Client
    ) -> None:
        strategy_load("tower-hamlets-homes")
        venue = VenueFactory(name="Town Hall")
        soon = timezone.localdate() + dt.timedelta(days=2)
        data = {
            "title": "Urgent panel",
            "kind": "meeting",
            "date": soon.strftime("%d/%m/%Y"),
            "start_time": "18:00",
            "end_time": "19:30",
            "format": "in_person",
            "venue": venue.pk,
        }
        response = officer_client.post(reverse("staff:activity-new"), data)
        assert "The notice standard is 10 working days" in response.content.decode()
        assert not Activity.objects.exists()

        data["late_notice_reason"] = "Fire safety works start next week"
        response = officer_client.post(reverse("staff:activity-new"), data)
        activity = Activity.objects.get()
        assert response["Location"] == reverse("staff:activity-detail", args=[activity.pk])
        page = officer_client.get(response["Location"]).content.decode()
        assert "short notice, a breach of the standard" in page

    def test_in_person_needs_a_venue(self, officer_client: Client) -> None:
        day = (timezone.localdate() + dt.timedelta(days=40)).strftime("%d/%m/%Y")
        response = officer_client.post(
            reverse("staff:activity-new"),
            {
                "title": "Panel",
                "kind": "meeting",
                "date": day,
                "start_time": "18:00",
                "end_time": "17:00",
                "format": "in_person",
            },
        )
        page = response.content.decode()
        assert "Choose the venue" in page and "The end must be after the start." in page
