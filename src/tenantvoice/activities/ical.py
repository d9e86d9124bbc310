"""iCalendar (RFC 5545) feeds, written by the ``icalendar`` library (decision 0034).

The library escapes, folds and types every value; what is ours is what goes in. Each event's
UID is stable whatever address the feed was fetched from (it is built from the configured
site address, never the request's Host header), and a moved or cancelled activity keeps its
UID with a higher SEQUENCE and, once cancelled, ``STATUS:CANCELLED``: so a calendar app that
subscribed updates or cancels its copy instead of showing a second event.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from urllib.parse import urlsplit

from django.conf import settings
from icalendar import Calendar, Event

from .models import Activity


def uid_domain() -> str:
    """The right-hand side of every UID: the host name of ``TENANTVOICE_SITE_URL``."""
    return urlsplit(settings.TENANTVOICE_SITE_URL).hostname or "tenantvoice.invalid"


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//TenantVoice//Calendar//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    return calendar


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC)


def calendar_ics(activities: Iterable[Activity], *, name: str, show_details: bool = True) -> bytes:
    """A feed of ``activities``; members-only ones (``show_details=False``) show only as a
    "Members meeting" with time and place, and never how to join online."""
    calendar = _calendar(name)
    stamp = dt.datetime.now(dt.UTC)
    domain = uid_domain()
    for activity in activities:
        public = activity.public or show_details
        event = Event()
        event.add("uid", f"activity-{activity.pk}@{domain}")
        event.add("dtstamp", stamp)
        event.add("dtstart", _utc(activity.starts_at))
        event.add("dtend", _utc(activity.ends_at))
        event.add("sequence", activity.sequence)
        event.add("status", "CANCELLED" if activity.cancelled else "CONFIRMED")
        event.add("summary", activity.title if public else "Members meeting")
        if public and activity.description:
            event.add("description", activity.description)
        if activity.venue is not None:
            event.add("location", ", ".join(p for p in (activity.venue.name, activity.venue.postcode) if p))
        elif activity.format == "online":
            event.add("location", "Online")
        calendar.add_component(event)
    return bytes(calendar.to_ical())


def all_day_ics(days: Iterable[tuple[str, dt.date, str]], *, name: str) -> bytes:
    """Whole-day events from (unique id, date, summary)."""
    calendar = _calendar(name)
    stamp = dt.datetime.now(dt.UTC)
    domain = uid_domain()
    for uid, day, summary in days:
        event = Event()
        event.add("uid", f"{uid}@{domain}")
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + dt.timedelta(days=1))
        event.add("summary", summary)
        calendar.add_component(event)
    return bytes(calendar.to_ical())
