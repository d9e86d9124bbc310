"""The placeholders an activity gives the messages about it (see comms.catalogue)."""

from __future__ import annotations

from django.utils import timezone

from .models import Activity


def activity_placeholders(activity: Activity) -> dict[str, str]:
    starts = timezone.localtime(activity.starts_at)
    ends = timezone.localtime(activity.ends_at)
    venue = activity.venue
    if venue is not None:
        where = ", ".join(part for part in (venue.name, venue.address, venue.postcode) if part)
    else:
        where = str(activity.get_format_display())
    return {
        "activity": activity.title,
        "date": f"{starts:%A} {starts.day} {starts:%B %Y}",
        "time": f"{starts:%H:%M} to {ends:%H:%M}",
        "where": where,
        "online": f"To join online: {activity.online_details}" if activity.online_details else "",
        "details": activity.description,
    }
