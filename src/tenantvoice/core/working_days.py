"""Working days for the landlord's nation: every service-standard deadline uses these.

Bank holidays come from the ``holidays`` package with the UK subdivision set. The bare
"GB"/"UK" calendar is never used: without a subdivision it omits holidays that only some
nations have (Easter Monday is not a Scottish bank holiday; St Patrick's Day is only
Northern Ireland's), so deadlines would be a day out.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays

from .models import Nation

_SUBDIVISION = {
    Nation.ENGLAND_AND_WALES: "ENG",
    Nation.SCOTLAND: "SCT",
    Nation.NORTHERN_IRELAND: "NIR",
}


@lru_cache(maxsize=64)
def _bank_holidays(nation: str, year: int) -> frozenset[dt.date]:
    try:
        subdivision = _SUBDIVISION[Nation(nation)]
    except ValueError as exc:
        raise ValueError(f"Unknown nation {nation!r}; use one of {list(Nation.values)}.") from exc
    calendar = holidays.country_holidays("GB", subdiv=subdivision, years=year)
    return frozenset(calendar.keys())


def bank_holidays(nation: str, year: int) -> frozenset[dt.date]:
    """Bank holidays of ``nation`` (a :class:`Nation` value) in ``year``."""
    return _bank_holidays(str(nation), year)


def is_working_day(day: dt.date, nation: str) -> bool:
    """Monday to Friday and not a bank holiday in ``nation``."""
    return day.weekday() < 5 and day not in bank_holidays(nation, day.year)


def add_working_days(start: dt.date, days: int, nation: str) -> dt.date:
    """The date ``days`` working days after ``start`` (before it when negative).

    ``start`` itself never counts: ten working days' notice of a meeting on day D means the
    notice must go out on or before ``add_working_days(D, -10)``.
    """
    step = 1 if days >= 0 else -1
    remaining = abs(days)
    day = start
    while remaining:
        day += dt.timedelta(days=step)
        if is_working_day(day, nation):
            remaining -= 1
    return day


def working_days_between(start: dt.date, end: dt.date, nation: str) -> int:
    """Working days after ``start`` up to and including ``end`` (negative if end is earlier)."""
    if end < start:
        return -working_days_between(end, start, nation)
    count = 0
    day = start
    while day < end:
        day += dt.timedelta(days=1)
        if is_working_day(day, nation):
            count += 1
    return count


def landlord_nation() -> str:
    """The nation of this deployment's landlord."""
    from .selectors import landlord_get

    return str(landlord_get().nation)


def feedback_delay(
    closed_on: dt.date | None, published_on: dt.date | None, nation: str | None = None
) -> int | None:
    """Working days from a consultation or survey closing to its "you said, we did" being
    published (None until both dates are known), for the landlord's nation. A list passes the
    ``nation`` it read once, rather than reading the landlord again for each row."""
    if closed_on is None or published_on is None:
        return None
    return working_days_between(closed_on, published_on, nation or landlord_nation())
