"""The quarterly return (Housing for Women, section 8): persons engaged and hours of
involvement at each level, and the number of policies subject to consultation.

Persons engaged are counts of people: a level with fewer than the landlord's threshold shows
neither its persons nor its hours (the hours of one or two people are theirs; decision 0017).
The return shows no totals, so nothing else is needed to keep them hidden."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q

from tenantvoice.core.suppression import Hidden, Suppression, suppress
from tenantvoice.core.tables import Table
from tenantvoice.involvement.models import Level, LevelMembership
from tenantvoice.residents.models import Resident

from .models import Attendance, HoursLog, Participant


@dataclass(frozen=True)
class LevelLine:
    level: str
    persons: int
    hours: Decimal


@dataclass(frozen=True)
class QuarterlyReturn:
    start: dt.date
    end: dt.date
    lines: list[LevelLine]
    policies_consulted: int
    policies_note: str
    suppression: Suppression[str] | None = None

    def shown_lines(self) -> list[tuple[str, int | Hidden, Decimal | Hidden]]:
        """Each level's persons and hours as the return may show them."""
        shown = self.suppression or suppress({}, 1)
        return [
            (
                line.level,
                shown.count(line.level) if self.suppression else line.persons,
                shown.or_hidden(Decimal(line.hours).quantize(Decimal("0.01")), line.level),  # type: ignore[misc]
            )
            for line in self.lines
        ]


def quarter_of(day: dt.date) -> tuple[dt.date, dt.date]:
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = dt.date(day.year, first_month, 1)
    end_month = first_month + 2
    next_start = dt.date(day.year + (end_month == 12), end_month % 12 + 1, 1)
    return start, next_start - dt.timedelta(days=1)


def quarterly_return(start: dt.date, end: dt.date) -> QuarterlyReturn:
    levels = list(Level.objects.all())
    default = next((level for level in levels if level.is_default), None)
    memberships = list(
        LevelMembership.objects.filter(started_on__isnull=False, started_on__lte=end)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=start))
        .values_list("resident_id", "level_id", "started_on", "ended_on")
    )
    persons: dict[int, set[int]] = defaultdict(set)
    by_resident: dict[int, list[tuple[int, dt.date, dt.date | None]]] = defaultdict(list)
    for resident_id, level_id, began, ended in memberships:
        persons[level_id].add(resident_id)
        if began is not None:
            by_resident[resident_id].append((level_id, began, ended))

    def level_on(resident_id: int, day: dt.date) -> int | None:
        """The level the resident was on that day (the default level when none was joined)."""
        for level_id, began, ended in by_resident.get(resident_id, []):
            if began <= day and (ended is None or ended >= day):
                return level_id
        return default.pk if default else None

    hours: dict[int | None, Decimal] = defaultdict(Decimal)
    attended = Participant.objects.filter(
        attendance=Attendance.PRESENT,
        activity__cancelled=False,
        activity__starts_at__date__gte=start,
        activity__starts_at__date__lte=end,
    ).select_related("activity")
    for place in attended:
        hours[level_on(place.resident_id, place.activity.date)] += place.activity.hours
    for log in HoursLog.objects.filter(on__gte=start, on__lte=end):
        hours[level_on(log.resident_id, log.on)] += log.hours
    lines = []
    for level in levels:
        count = (
            Resident.objects.count() - sum(len(p) for p in persons.values())
            if level.is_default
            else len(persons[level.pk])
        )
        lines.append(LevelLine(level.name, max(0, count), hours[level.pk]))
    policies, note = _policies_consulted(start, end)
    from tenantvoice.surveys.results import landlord_threshold

    shown = suppress({line.level: line.persons for line in lines}, landlord_threshold())
    return QuarterlyReturn(start, end, lines, policies, note, shown)


def _policies_consulted(start: dt.date, end: dt.date) -> tuple[int, str]:
    from tenantvoice.consultations.selectors import policies_consulted

    return policies_consulted(start, end), "Consultations on a policy that closed in the quarter."


def return_table(report: QuarterlyReturn) -> Table:
    """The return as one table, for the CSV and Excel downloads (core.tables)."""
    hidden = report.suppression.note if report.suppression else ""
    return Table(
        f"Quarterly return {report.start:%d/%m/%Y} to {report.end:%d/%m/%Y}",
        ["Level", "Persons engaged", "Hours of involvement"],
        [list(line) for line in report.shown_lines()]
        + [["Policies subject to consultation", report.policies_consulted, None]],
        note=f"{report.policies_note} {hidden}".strip(),
    )
