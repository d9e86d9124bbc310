"""Reads of the reporting timetable that the pages, the downloads and the API share: each
duty's periods up to today with their due dates and whether each report was presented, and a
duty's record as evidence ("4 of 4 quarters presented, at these meetings")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models
from django.http import Http404

from tenantvoice.boardpacks.sections import SectionKind, section_kind
from tenantvoice.core.dates import parse_date
from tenantvoice.core.tables import Table

from .models import ReportingDuty, ReportPresentation
from .periods import Period, period_starting, year_label


class Status(models.TextChoices):
    UNDER_WAY = "under_way", "Period not ended"
    DUE = "due", "Due"
    OVERDUE = "overdue", "Overdue"
    PRESENTED = "presented", "Presented"


@dataclass(frozen=True)
class DueLine:
    duty: ReportingDuty
    period: Period
    due_on: dt.date
    status: str
    presentation: ReportPresentation | None = None

    @property
    def status_words(self) -> str:
        if self.presentation is not None and self.presentation.late:
            return "Presented late"
        return Status(self.status).label


def _status(period: Period, due_on: dt.date, presented: bool, today: dt.date) -> str:
    if presented:
        return Status.PRESENTED
    if not period.ended(today):
        return Status.UNDER_WAY
    return Status.OVERDUE if due_on < today else Status.DUE


def duties_active() -> models.QuerySet[ReportingDuty]:
    return ReportingDuty.objects.filter(active=True).select_related("group")


@dataclass(frozen=True)
class YearOption:
    """A reporting year a page offers: ``first`` is what ``?year=`` carries (2025), ``label``
    what a reader sees ("2025/26", decision 0056)."""

    first: int
    label: str


def timetable_years(duties: Iterable[ReportingDuty], today: dt.date) -> list[YearOption]:
    """The reporting years the duties' periods up to ``today`` fall in, newest first. A year is
    named as a calendar year ("2025") only when every duty's year starts in January."""
    chosen = list(duties)
    calendar = bool(chosen) and all(duty.year_starts == 1 for duty in chosen)
    firsts = {p.year_first for duty in chosen for p in duty.periods_until(today)}
    return [YearOption(first, year_label(first, calendar=calendar)) for first in sorted(firsts, reverse=True)]


def year_asked(text: str) -> int | None:
    """The year a query names, as the first year ("2025") or the label ("2025/26"); None when
    it names none."""
    first, _, second = text.strip().partition("/")
    if not (first.isdigit() and 2000 <= int(first) <= 2100):
        return None
    if second and year_label(int(first)) != text.strip():
        return None
    return int(first)


def timetable_year(duties: Iterable[ReportingDuty], first: int | None) -> YearOption | None:
    """The year ``?year=`` asked for, named as :func:`timetable_years` names it."""
    if first is None:
        return None
    chosen = list(duties)
    calendar = bool(chosen) and all(duty.year_starts == 1 for duty in chosen)
    return YearOption(first, year_label(first, calendar=calendar))


def timetable(
    today: dt.date,
    *,
    year: int | None = None,
    status: str | None = None,
    duties: Iterable[ReportingDuty] | None = None,
) -> list[DueLine]:
    """Each duty's periods from the first on its timetable to the one under way today, newest
    first within each duty; ``year`` keeps the periods of the reporting year starting then,
    ``status`` those with that status. Two queries, however many duties and periods."""
    chosen = list(duties_active() if duties is None else duties)
    presented = {
        (p.duty_id, p.period_start): p
        for p in ReportPresentation.objects.filter(duty__in=chosen).select_related(
            "meeting", "meeting__group"
        )
    }
    lines: list[DueLine] = []
    for duty in chosen:
        for period in reversed(duty.periods_until(today)):
            if year is not None and period.year_first != year:
                continue
            done = presented.get((duty.pk, period.start))
            if done is not None:
                done.duty = duty
            due_on = duty.due_on(period)
            line = DueLine(duty, period, due_on, _status(period, due_on, done is not None, today), done)
            if status is None or line.status == status:
                lines.append(line)
    return lines


@dataclass(frozen=True)
class DutyRecord:
    """A duty's periods ended so far and those presented: the evidence that it was done."""

    duty: ReportingDuty
    lines: list[DueLine]

    @property
    def ended(self) -> list[DueLine]:
        return [line for line in self.lines if line.status != Status.UNDER_WAY or line.presentation]

    @property
    def presented(self) -> list[DueLine]:
        return [line for line in self.lines if line.presentation is not None]

    @property
    def words(self) -> str:
        """ "Presented for 4 of the 4 quarters ended", in plain words."""
        ended = len(self.ended)
        noun = {
            "monthly": "months",
            "quarterly": "quarters",
            "twice_a_year": "half-years",
            "annually": "years",
        }[self.duty.cadence]
        if not ended:
            return f"No {noun[:-1]} has ended yet since the timetable started."
        late = sum(1 for line in self.presented if line.presentation and line.presentation.late)
        said = f"Presented for {len(self.presented)} of the {ended} {noun} ended"
        return said + (f" ({late} after the due date)." if late else ".")


def duty_record(duty: ReportingDuty, today: dt.date, *, year: int | None = None) -> DutyRecord:
    return DutyRecord(duty, timetable(today, year=year, duties=[duty]))


def duty_period(duty: ReportingDuty, text: str, today: dt.date) -> Period:
    """The period a query's ``start`` names (its first day), or the latest ended one (the one
    under way when none has ended); 404 when ``start`` is no period of the duty's."""
    if text:
        day = parse_date(text)
        period = period_starting(duty.cadence, duty.year_starts, day) if day else None
        if period is None or period.start > today or period.end < duty.period_of(duty.starts_on).start:
            raise Http404("No such period")
        return period
    periods = duty.periods_until(today)
    ended = [p for p in periods if p.ended(today)]
    return (ended or periods)[-1]


def duty_section(duty: ReportingDuty) -> SectionKind:
    """The report section a duty's report is (``boardpacks.sections``, decision 0058)."""
    return section_kind(duty.kind)


def duty_draft(duty: ReportingDuty, period: Period, today: dt.date) -> list[Table]:
    """The duty's report for ``period`` drawn from the data as it is now: a period not yet
    ended is drawn to ``today``. The tables of the same section a Board pack draws."""
    return duty_section(duty).draw(period.start, min(period.end, today), today, {}).tables


HEADERS = [
    "Report",
    "To",
    "How often",
    "Reporting year",
    "Period",
    "From",
    "To (date)",
    "Due by",
    "Status",
    "Presented on",
    "Where",
    "What was decided",
    "Evidence",
]


def _row(line: DueLine) -> list[object]:
    p = line.presentation
    where = ""
    if p is not None:
        where = str(p.meeting.title) if p.meeting is not None else p.where
    return [
        line.duty.title,
        line.duty.audience,
        line.duty.get_cadence_display(),
        line.period.year_label,
        line.period.label,
        line.period.start,
        line.period.end,
        line.due_on,
        line.status_words,
        p.presented_on if p else None,
        where or None,
        p.decided if p else None,
        (p.evidence or None) if p else None,
    ]


def timetable_table(lines: list[DueLine], title: str = "Reports due") -> Table:
    """The timetable as one table, for the page's downloads and the API."""
    return Table(
        title,
        list(HEADERS),
        [_row(line) for line in lines],
        note=(
            "A report is due the stated number of days after its period ends; a period not ended "
            "yet is shown for what comes next."
        ),
    )


def record_tables(records: list[DutyRecord]) -> list[Table]:
    """Each duty's record as evidence: a summary, then every period with its presentation."""
    summary = Table(
        "Reports presented as the strategy says",
        ["Report", "To", "How often", "Record", "Where the strategy says so"],
        [
            [r.duty.title, r.duty.audience, r.duty.get_cadence_display(), r.words, r.duty.source_words()]
            for r in records
        ],
    )
    return [summary, *(timetable_table(r.lines, f"{r.duty.title} to {r.duty.audience}") for r in records)]
