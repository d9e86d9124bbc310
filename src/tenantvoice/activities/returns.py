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

from django.db.models import Count, OuterRef, Sum
from django.db.models.functions import TruncDate

from tenantvoice.core.suppression import Hidden, Suppression, suppress
from tenantvoice.core.tables import Table
from tenantvoice.involvement.models import Level

from .models import Activity, Attendance, HoursLog, Participant


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
    """Persons engaged and hours of involvement at each level from ``start`` to ``end``.

    Persons count at every level they held in the period, and at the default level when they
    lived in one of the landlord's homes and held no higher level in it (decision 0023); hours
    count at the level the resident held on the day they were given. Everything is counted in
    the database: the hours are summed per activity, never per person.
    """
    from tenantvoice.involvement.selectors import level_held_on, persons_at_levels

    levels = list(Level.objects.all())
    default = next((level for level in levels if level.is_default), None)
    persons = persons_at_levels(start, end)

    def at_level(held: int | None) -> int | None:
        return default.pk if held is None and default is not None else held

    hours: dict[int | None, Decimal] = defaultdict(Decimal)
    attended = (
        Participant.objects.filter(
            attendance=Attendance.PRESENT,
            activity__cancelled=False,
            activity__starts_at__date__gte=start,
            activity__starts_at__date__lte=end,
        )
        .annotate(day=TruncDate("activity__starts_at"))
        .annotate(held=level_held_on(OuterRef("resident_id"), OuterRef("day")))
        .values_list("activity_id", "held")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_activity: dict[int, list[tuple[int | None, int]]] = defaultdict(list)
    for activity_id, held, n in attended:
        by_activity[activity_id].append((held, n))
    for activity in Activity.objects.filter(pk__in=list(by_activity)).only("starts_at", "ends_at"):
        for held, n in by_activity[activity.pk]:
            hours[at_level(held)] += activity.hours * n
    logged = (
        HoursLog.objects.filter(on__gte=start, on__lte=end)
        .annotate(held=level_held_on(OuterRef("resident_id"), OuterRef("on")))
        .values_list("held")
        .annotate(total=Sum("hours"))
        .order_by()
    )
    for held, total in logged:
        hours[at_level(held)] += total or Decimal(0)
    lines = [LevelLine(level.name, persons.get(level.pk, 0), hours[level.pk]) for level in levels]
    policies, note = _policies_consulted(start, end)
    from tenantvoice.surveys.results import landlord_threshold

    shown = suppress({line.level: line.persons for line in lines}, landlord_threshold())
    return QuarterlyReturn(start, end, lines, policies, note, shown)


def _policies_consulted(start: dt.date, end: dt.date) -> tuple[int, str]:
    from tenantvoice.consultations.selectors import policies_consulted

    return policies_consulted(start, end), "Consultations on a policy that closed in the quarter."


COUNTING_NOTE = (
    "A person counts at every level they were on during the period; the first level counts those "
    "living in one of our homes during the period who were on no other level in it. Hours count at "
    "the level the person was on that day."
)


def return_table(report: QuarterlyReturn) -> Table:
    """The return as one table, for the CSV and Excel downloads (core.tables)."""
    hidden = report.suppression.note if report.suppression else ""
    return Table(
        f"Quarterly return {report.start:%d/%m/%Y} to {report.end:%d/%m/%Y}",
        ["Level", "Persons engaged", "Hours of involvement"],
        [list(line) for line in report.shown_lines()]
        + [["Policies subject to consultation", report.policies_consulted, None]],
        note=f"{COUNTING_NOTE} {report.policies_note} {hidden}".strip(),
    )
