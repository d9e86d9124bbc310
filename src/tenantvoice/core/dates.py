"""Dates as people in the UK type them: 4/12/2026 (and the ISO form browsers send)."""

from __future__ import annotations

import datetime as dt

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


def parse_date(text: str) -> dt.date | None:
    """The date ``text`` names, or None when it is empty or not a date."""
    for fmt in DATE_INPUT_FORMATS:
        try:
            return dt.datetime.strptime(text.strip(), fmt).date()  # noqa: DTZ007 - a date, no time
        except ValueError:
            continue
    return None
