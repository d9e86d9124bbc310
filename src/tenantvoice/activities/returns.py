"""The quarterly return (Housing for Women, section 8): persons engaged and hours of
involvement at each level, and the number of policies subject to consultation."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q

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

    def rows(self) -> list[list[str]]:
        table = [["Level", "Persons engaged", "Hours of involvement"]]
        table += [[line.level, str(line.persons), f"{line.hours:.2f}"] for line in self.lines]
        table.append(["Policies subject to consultation", str(self.policies_consulted), ""])
        return table


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
    return QuarterlyReturn(start, end, lines, policies, note)


def _policies_consulted(start: dt.date, end: dt.date) -> tuple[int, str]:
    from tenantvoice.consultations.selectors import policies_consulted

    return policies_consulted(start, end), "Consultations on a policy that closed in the quarter."


def return_table(report: QuarterlyReturn) -> Table:
    """The return as one table, for the CSV and Excel downloads (core.tables)."""
    return Table(
        f"Quarterly return {report.start:%d/%m/%Y} to {report.end:%d/%m/%Y}",
        ["Level", "Persons engaged", "Hours of involvement"],
        [[line.level, line.persons, Decimal(line.hours).quantize(Decimal("0.01"))] for line in report.lines]
        + [["Policies subject to consultation", report.policies_consulted, None]],
        note=report.policies_note,
    )
