"""Choosing a meeting on a form: the meeting that agreed something, considered it, or where a
review was held. One field for every form that names a meeting."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from .models import Activity

# How far back and ahead a meeting can be chosen. A list, not a search: a landlord holds a few
# hundred meetings a year, and a record is made within months of the meeting it names.
DAYS_BACK = 730
DAYS_AHEAD = 365


def meetings_to_choose(*, held_only: bool = False, today: dt.date | None = None) -> QuerySet[Activity]:
    """Meetings not cancelled from two years ago to a year ahead (to now when ``held_only``),
    newest first, with their group."""
    today = today or timezone.localdate()
    meetings = Activity.objects.filter(
        cancelled=False, starts_at__date__gte=today - dt.timedelta(days=DAYS_BACK)
    )
    if held_only:
        meetings = meetings.filter(starts_at__lte=timezone.now())
    else:
        meetings = meetings.filter(starts_at__date__lte=today + dt.timedelta(days=DAYS_AHEAD))
    return meetings.select_related("group").order_by("-starts_at", "-pk")


class MeetingChoiceField(forms.ModelChoiceField[Activity]):
    """A meeting, named with its group and date. The list is read when the form is made
    (``meetings_field_refresh``), so "today" is the day the page is asked for."""

    def __init__(self, *args: Any, held_only: bool = False, **kwargs: Any) -> None:
        kwargs.setdefault("queryset", Activity.objects.none())
        kwargs.setdefault("empty_label", "Not recorded")
        super().__init__(*args, **kwargs)
        self.held_only = held_only

    def label_from_instance(self, obj: Activity) -> str:
        when = timezone.localtime(obj.starts_at)
        group = f" ({obj.group.name})" if obj.group_id is not None and obj.group else ""
        return f"{obj.title}{group}, {when.day} {when:%B %Y}"


def meetings_field_refresh(field: forms.Field) -> None:
    """Read the meetings for a form just made (not when the module is imported)."""
    field.queryset = meetings_to_choose(held_only=getattr(field, "held_only", False))  # type: ignore[attr-defined]
