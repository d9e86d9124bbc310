"""The reporting year: 1 April to 31 March, the year social landlords report on (the TSMs, the
complaints annual report, the Scottish Charter's Annual Return, indicators' targets). One
definition for every report read by year, and one way for a page to read the year asked for."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class ReportingYear:
    """A reporting year, 1 April of ``first`` to 31 March of the next."""

    first: int

    @classmethod
    def of(cls, day: dt.date) -> ReportingYear:
        return cls(day.year if day.month >= 4 else day.year - 1)

    @property
    def start(self) -> dt.date:
        return dt.date(self.first, 4, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.first + 1, 3, 31)

    @property
    def label(self) -> str:
        return f"{self.first}/{(self.first + 1) % 100:02d}"

    @property
    def words(self) -> str:
        return f"1 April {self.first} to 31 March {self.first + 1}"

    @property
    def months(self) -> list[tuple[int, int]]:
        return [((self.first if m >= 4 else self.first + 1), m) for m in (*range(4, 13), 1, 2, 3)]

    def __contains__(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def year_chosen(text: str, years: Sequence[ReportingYear]) -> ReportingYear:
    """The year a page was asked for (``?year=2025`` for 2025/26) when it is one of ``years``
    (the years the page offers, newest first), else the newest."""
    return next((year for year in years if text.isdigit() and year.first == int(text)), years[0])
