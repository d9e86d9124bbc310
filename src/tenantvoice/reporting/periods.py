"""Reporting periods: how often a report goes (its cadence) and the month its year starts give
the periods it covers, each from the first day of a month to the last day of a month.

A landlord's reporting year is the one the complaints and indicators reports use
(``core.reporting_year.ReportingYear``, 1 April to 31 March) unless its strategy says otherwise
(decision 0051): quarters then run April to June, July to September, October to December and
January to March.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import models

from tenantvoice.core.reporting_year import ReportingYear

# The month a reporting year starts when the strategy does not say (the platform's choice: the
# reporting year of the Regulator's TSMs, core.reporting_year.ReportingYear).
DEFAULT_YEAR_STARTS = 4

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


class Cadence(models.TextChoices):
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    TWICE_A_YEAR = "twice_a_year", "Twice a year"
    ANNUALLY = "annually", "Annually"


MONTHS_IN = {Cadence.MONTHLY: 1, Cadence.QUARTERLY: 3, Cadence.TWICE_A_YEAR: 6, Cadence.ANNUALLY: 12}
# How long after a period's end its report is due, when the strategy does not say (the
# platform's choice: about one quarter, a month for a monthly report).
DEFAULT_DUE_DAYS = {
    Cadence.MONTHLY: 30,
    Cadence.QUARTERLY: 90,
    Cadence.TWICE_A_YEAR: 90,
    Cadence.ANNUALLY: 90,
}
PERIOD_NAMES = {Cadence.QUARTERLY: "Quarter", Cadence.TWICE_A_YEAR: "Half"}


def day_words(day: dt.date) -> str:
    """A date as a reader writes it: 1 April 2026."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _month(index: int) -> dt.date:
    """The first day of the month ``index`` months after January of year 0."""
    return dt.date(index // 12, index % 12 + 1, 1)


def _index(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


@dataclass(frozen=True)
class Period:
    cadence: str
    year_starts: int
    start: dt.date
    end: dt.date

    @property
    def year_first(self) -> int:
        """The calendar year the period's reporting year starts in."""
        return self.start.year if self.start.month >= self.year_starts else self.start.year - 1

    @property
    def year_label(self) -> str:
        """"2025/26", the reporting year's label (decision 0056), or "2025" for a year that
        starts in January."""
        return year_label(self.year_first, calendar=self.year_starts == 1)

    @property
    def number(self) -> int:
        """Which period of its reporting year it is: 1 for the first quarter."""
        months = (self.start.month - self.year_starts) % 12
        return months // MONTHS_IN[Cadence(self.cadence)] + 1

    @property
    def label(self) -> str:
        cadence = Cadence(self.cadence)
        if cadence == Cadence.ANNUALLY:
            return self.year_label
        if cadence == Cadence.MONTHLY:
            return f"{MONTHS[self.start.month - 1]} {self.start.year}"
        return f"{PERIOD_NAMES[cadence]} {self.number} of {self.year_label}"

    @property
    def words(self) -> str:
        return f"{day_words(self.start)} to {day_words(self.end)}"

    def ended(self, today: dt.date) -> bool:
        return self.end < today


def year_label(first: int, *, calendar: bool = False) -> str:
    """How a reporting year starting in ``first`` is named wherever one is offered or shown:
    ``ReportingYear``'s label ("2025/26", decision 0056), or "2025" for a calendar year."""
    return str(first) if calendar else ReportingYear(first).label


def period_of(cadence: str, year_starts: int, day: dt.date) -> Period:
    """The period of ``cadence`` that ``day`` falls in."""
    length = MONTHS_IN[Cadence(cadence)]
    offset = _index(day) - (year_starts - 1)
    first = (offset // length) * length + (year_starts - 1)
    start = _month(first)
    end = _month(first + length) - dt.timedelta(days=1)
    return Period(cadence, year_starts, start, end)


def period_starting(cadence: str, year_starts: int, start: dt.date) -> Period | None:
    """The period that starts on ``start``, or None when no period of the cadence does."""
    period = period_of(cadence, year_starts, start)
    return period if period.start == start else None


def periods_between(cadence: str, year_starts: int, since: dt.date, until: dt.date) -> list[Period]:
    """Every period from the one ``since`` falls in to the one ``until`` falls in, oldest first."""
    found: list[Period] = []
    period = period_of(cadence, year_starts, since)
    while period.start <= until:
        found.append(period)
        period = period_of(cadence, year_starts, period.end + dt.timedelta(days=1))
    return found


def year_start_of(year_starts: int, day: dt.date) -> dt.date:
    """The first day of the reporting year ``day`` falls in."""
    return period_of(Cadence.ANNUALLY, year_starts, day).start
