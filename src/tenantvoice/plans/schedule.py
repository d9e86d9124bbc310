"""When strategy reviews fall due (decision 0043)."""

from __future__ import annotations

import calendar
import datetime as dt


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved on by whole months; the 31st becomes the month's last day when it has none."""
    years, month = divmod(day.month - 1 + months, 12)
    year = day.year + years
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def next_review_due(due_on: dt.date, held_on: dt.date, months: int) -> dt.date:
    """The review after one due on ``due_on`` and held on ``held_on``: one cycle after the date it
    was due, so the reviews keep to the calendar the strategy set; but when it was held so late
    that this date has already come, one cycle after the day it was held."""
    following = add_months(due_on, months)
    return following if following > held_on else add_months(held_on, months)
