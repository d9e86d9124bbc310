"""The iCal feeds through the icalendar library (decision 0034): what a calendar app reads
back, a moved or cancelled activity updating the same event, and UIDs that do not depend on
the address the feed was fetched from."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from tenantvoice.activities.ical import all_day_ics
from tenantvoice.activities.models import Activity
from tenantvoice.activities.services import ActivityError, activity_cancel, activity_move
from tenantvoice.comms.models import Message
from tenantvoice.core.models import AuditEvent
from tenantvoice.involvement.models import Group
from tests.factories import ActivityFactory, GroupFactory, ParticipantFactory, make_resident

pytestmark = pytest.mark.django_db
ZONE = timezone.get_default_timezone()


def at(day: dt.date, hour: int = 18) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=ZONE)


DAY = timezone.localdate() + dt.timedelta(days=20)


@pytest.fixture
def panel() -> Group:
    return GroupFactory(slug="panel", name="Residents Panel", kind="panel")


def open_day(panel: Group, title: str = "Open day") -> Activity:
    return ActivityFactory(title=title, starts_at=at(DAY), ends_at=at(DAY, 20), public=True, group=panel)


def events(client: Client, url: str, **headers: Any) -> dict[str, Any]:
    """The feed's events by UID, as a calendar app parses them."""
    response = client.get(url, **headers)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_a_calendar_app_reads_the_public_feed(client: Client, panel: Group) -> None:
    activity = open_day(panel, "Open day; tea, cake and a very long title that goes well past 75 octets")
    activity.description = "Agenda; papers, and more"
    activity.save()
    [event] = events(client, reverse("calendar-ics")).values()
    assert str(event["SUMMARY"]) == activity.title
    assert str(event["DESCRIPTION"]) == "Agenda; papers, and more"
    assert event.decoded("DTSTART") == activity.starts_at
    assert event.decoded("DTEND") == activity.ends_at
    assert (str(event["STATUS"]), int(event["SEQUENCE"])) == ("CONFIRMED", 0)


def test_a_moved_activity_is_the_same_event_with_a_higher_sequence(client: Client, panel: Group) -> None:
    activity = open_day(panel)
    ParticipantFactory(activity=activity, resident=make_resident())
    before = events(client, reverse("calendar-ics"))
    new_day = DAY + dt.timedelta(days=7)
    activity_move(activity=activity, starts_at=at(new_day, 17), ends_at=at(new_day, 19))
    after = events(client, reverse("calendar-ics"))
    assert list(after) == list(before)  # the same UID: the app moves its copy
    [event] = after.values()
    assert int(event["SEQUENCE"]) == 1 and event.decoded("DTSTART") == at(new_day, 17)
    # Everyone invited is told, and the audit row says what changed.
    assert Message.objects.filter(template="activity_moved").count() == 1
    row = AuditEvent.objects.get(object_type="activity", summary__startswith="Moved")
    assert set(row.changes) == {"starts_at", "ends_at"}
    # A second move is news again, and counts again.
    activity_move(activity=activity, starts_at=at(new_day, 18), ends_at=at(new_day, 20))
    [event] = events(client, reverse("calendar-ics")).values()
    assert int(event["SEQUENCE"]) == 2
    assert Message.objects.filter(template="activity_moved").count() == 2


def test_moving_to_the_same_time_changes_nothing(panel: Group) -> None:
    activity = open_day(panel)
    activity_move(activity=activity, starts_at=activity.starts_at, ends_at=activity.ends_at)
    activity.refresh_from_db()
    assert activity.sequence == 0 and not AuditEvent.objects.filter(object_type="activity").exists()


def test_a_move_is_refused_in_plain_words_against_the_field(panel: Group) -> None:
    activity = open_day(panel)
    with pytest.raises(ActivityError, match="end must be after") as refused:
        activity_move(activity=activity, starts_at=at(DAY, 20), ends_at=at(DAY, 18))
    assert refused.value.field == "ends_at"
    activity_cancel(activity=activity, reason="Venue closed")
    with pytest.raises(ActivityError, match="cancelled"):
        activity_move(activity=activity, starts_at=at(DAY, 17), ends_at=at(DAY, 19))


def test_a_cancelled_activity_stays_in_the_feeds_as_cancelled(client: Client, panel: Group) -> None:
    activity = open_day(panel)
    activity_cancel(activity=activity, reason="Venue closed")
    for url in (reverse("calendar-ics"), reverse("group-calendar-ics", args=["panel"])):
        [event] = events(client, url).values()
        assert (str(event["STATUS"]), int(event["SEQUENCE"])) == ("CANCELLED", 1)
    # The page for people lists only what is still happening.
    assert "Open day" not in client.get(reverse("calendar")).content.decode()


def test_uids_are_the_same_whatever_host_name_the_feed_is_fetched_by(
    client: Client, panel: Group, settings: Any
) -> None:
    settings.TENANTVOICE_SITE_URL = "https://involve.example.org"
    activity = open_day(panel)
    by_name = events(client, reverse("calendar-ics"), HTTP_HOST="localhost")
    by_address = events(client, reverse("calendar-ics"), HTTP_HOST="127.0.0.1")
    assert list(by_name) == list(by_address) == [f"activity-{activity.pk}@involve.example.org"]


def test_the_governance_timetables_days_parse_as_all_day_events(settings: Any) -> None:
    settings.TENANTVOICE_SITE_URL = "https://involve.example.org"
    body = all_day_ics([("governance-20171004-papers", dt.date(2017, 9, 13), "Papers out")], name="Timetable")
    [day] = Calendar.from_ical(body).walk("VEVENT")
    assert str(day["UID"]) == "governance-20171004-papers@involve.example.org"
    assert (day.decoded("DTSTART"), day.decoded("DTEND")) == (dt.date(2017, 9, 13), dt.date(2017, 9, 14))
    assert str(day["SUMMARY"]) == "Papers out"


def test_an_officer_moves_an_activity_from_its_page(officer_client: Client, panel: Group) -> None:
    activity = open_day(panel)
    ParticipantFactory(activity=activity, resident=make_resident(first_name="Ada"))
    page = officer_client.get(reverse("staff:activity-detail", args=[activity.pk]))
    assert b"Move this activity to another time" in page.content
    new_day = DAY + dt.timedelta(days=3)
    url = reverse("staff:activity-move", args=[activity.pk])

    refused = officer_client.post(
        url, {"move-date": new_day.strftime("%d/%m/%Y"), "move-start_time": "19:00", "move-end_time": "18:00"}
    )
    assert refused.status_code == 400
    assert "The end must be after the start." in refused.content.decode()

    moved = officer_client.post(
        url, {"move-date": new_day.strftime("%d/%m/%Y"), "move-start_time": "19:00", "move-end_time": "20:30"}
    )
    assert moved.status_code == 302
    activity.refresh_from_db()
    assert activity.starts_at == at(new_day, 19)
    assert activity.sequence == 1
    assert Message.objects.filter(template="activity_moved").count() == 1
