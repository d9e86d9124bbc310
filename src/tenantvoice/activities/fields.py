"""Choosing a meeting on a form: the meeting that agreed something, or that considered it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from .models import Activity

# How far back and ahead a meeting can be chosen. A list, not a search: a landlord holds a few
# hundred meetings a year, and a record is made within months of the meeting it names.
MONTHS_BACK = 18
MONTHS_AHEAD = 12


def meetings_to_choose(today: dt.date | None = None) -> QuerySet[Activity]:
    today = today or timezone.localdate()
    start = today - dt.timedelta(days=MONTHS_BACK * 31)
    end = today + dt.timedelta(days=MONTHS_AHEAD * 31)
    return (
        Activity.objects.filter(cancelled=False, starts_at__date__gte=start, starts_at__date__lte=end)
        .select_related("group")
        .order_by("-starts_at", "-pk")
    )


class MeetingChoiceField(forms.ModelChoiceField[Activity]):
    """A meeting of the last 18 months or the next 12, newest first, named with its group."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("queryset", Activity.objects.none())
        kwargs.setdefault("empty_label", "Not recorded")
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: Activity) -> str:
        when = timezone.localtime(obj.starts_at)
        group = f" ({obj.group.name})" if obj.group_id is not None and obj.group else ""
        return f"{obj.title}{group}, {when.day} {when:%B %Y}"


def meetings_field_refresh(field: forms.Field) -> None:
    """Read the meetings when the form is made (not when the module is imported)."""
    field.queryset = meetings_to_choose()  # type: ignore[attr-defined]
