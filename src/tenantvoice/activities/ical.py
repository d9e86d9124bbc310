"""iCalendar (RFC 5545) feeds written by hand: a few fields, correctly escaped and folded."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .models import Activity


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space."""
    encoded = line.encode()
    if len(encoded) <= 75:
        return line
    parts: list[str] = []
    current = b""
    for char in line:
        piece = char.encode()
        if len(current) + len(piece) > (75 if not parts else 74):
            parts.append(current.decode())
            current = b""
        current += piece
    parts.append(current.decode())
    return "\r\n ".join(parts)


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _document(name: str, events: list[list[str]]) -> str:
    """A VCALENDAR of the given VEVENT bodies, each stamped now, escaped and folded."""
    stamp = _utc(dt.datetime.now(dt.UTC))
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//TenantVoice//Calendar//EN",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_escape(name)}",
    ]
    for body in events:
        lines += ["BEGIN:VEVENT", body[0], f"DTSTAMP:{stamp}", *body[1:], "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


def calendar_ics(activities: Iterable[Activity], *, name: str, host: str, show_details: bool = True) -> str:
    events = []
    for activity in activities:
        public = activity.public or show_details
        body = [
            f"UID:activity-{activity.pk}@{host}",
            f"DTSTART:{_utc(activity.starts_at)}",
            f"DTEND:{_utc(activity.ends_at)}",
            f"SUMMARY:{_escape(activity.title if public else 'Members meeting')}",
        ]
        if public and activity.description:
            body.append(f"DESCRIPTION:{_escape(activity.description)}")
        if activity.venue is not None:
            place = ", ".join(p for p in (activity.venue.name, activity.venue.postcode) if p)
            body.append(f"LOCATION:{_escape(place)}")
        elif activity.format == "online":
            body.append("LOCATION:Online")
        events.append(body)
    return _document(name, events)


def all_day_ics(days: Iterable[tuple[str, dt.date, str]], *, name: str, host: str) -> str:
    """Whole-day events from (unique id, date, summary)."""
    return _document(
        name,
        [
            [
                f"UID:{uid}@{host}",
                f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
                f"DTEND;VALUE=DATE:{day + dt.timedelta(days=1):%Y%m%d}",
                f"SUMMARY:{_escape(summary)}",
            ]
            for uid, day, summary in days
        ],
    )
