"""The governance timetable (Winchester appendix 3): from each committee date, the other
dates the strategy derives from it, so that residents' views reach the committee papers.

A rule in the strategy file::

    [[governance]]
    slug = "tenants-panel"
    name = "Tenants Panel meeting"
    from = "cmt-deadline"          # "committee" or an earlier rule's slug
    days = 0                       # calendar days from that date (negative: before)
    weekday = "tuesday"            # optional: move to this weekday ...
    snap = "on_or_before"          # ... on or before, or on_or_after, the date
    before = "cmt-deadline"        # optional: must fall before this date, or it is flagged

Dates that land on a weekend or bank holiday move to the working day before.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from tenantvoice.core.errors import DomainError
from tenantvoice.core.working_days import is_working_day

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
COMMITTEE = "committee"


class TimetableError(DomainError):
    pass


@dataclass(frozen=True)
class Rule:
    slug: str
    name: str
    start_from: str
    days: int = 0
    weekday: int | None = None
    on_or_after: bool = False
    before: str = ""

    @classmethod
    def from_data(cls, data: Mapping[str, Any], known: set[str]) -> Rule:
        slug = str(data.get("slug", ""))
        start_from = str(data.get("from", COMMITTEE))
        if not slug or "name" not in data:
            raise TimetableError("Each governance rule needs a slug and a name.")
        if start_from not in known:
            raise TimetableError(
                f"Governance rule '{slug}' starts from '{start_from}', which is not defined before it."
            )
        weekday = data.get("weekday")
        if weekday is not None and str(weekday).lower() not in WEEKDAYS:
            raise TimetableError(f"Governance rule '{slug}': '{weekday}' is not a day of the week.")
        snap = str(data.get("snap", "on_or_before"))
        if snap not in ("on_or_before", "on_or_after"):
            raise TimetableError(f"Governance rule '{slug}': snap is on_or_before or on_or_after.")
        return cls(
            slug=slug,
            name=str(data["name"]),
            start_from=start_from,
            days=int(data.get("days", 0)),
            weekday=WEEKDAYS.index(str(weekday).lower()) if weekday is not None else None,
            on_or_after=snap == "on_or_after",
            before=str(data.get("before", "")),
        )


def rules_from_data(items: Sequence[Mapping[str, Any]]) -> list[Rule]:
    known = {COMMITTEE}
    rules = []
    for item in items:
        rule = Rule.from_data(item, known)
        known.add(rule.slug)
        rules.append(rule)
    for rule in rules:
        if rule.before and rule.before not in known:
            raise TimetableError(
                f"Governance rule '{rule.slug}' must fall before '{rule.before}', which is not defined."
            )
    return rules


@dataclass
class Cycle:
    committee: dt.date
    dates: dict[str, dt.date] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def _derive(rule: Rule, base: dt.date, nation: str) -> dt.date:
    day = base + dt.timedelta(days=rule.days)
    if rule.weekday is not None:
        shift = (rule.weekday - day.weekday()) % 7
        day = day + dt.timedelta(days=shift) if rule.on_or_after else day - dt.timedelta(days=(7 - shift) % 7)
    while not is_working_day(day, nation):
        day -= dt.timedelta(days=1)
    return day


def timetable(
    committee_dates: Iterable[dt.date],
    rules: Sequence[Rule],
    nation: str,
    labels: Mapping[str, str] | None = None,
) -> list[Cycle]:
    """A row per committee meeting, with every derived date and what is wrong with it."""
    names = {COMMITTEE: "the committee", **{r.slug: r.name for r in rules}, **(labels or {})}
    cycles = []
    for committee in sorted(set(committee_dates)):
        cycle = Cycle(committee)
        cycle.dates[COMMITTEE] = committee
        if not is_working_day(committee, nation):
            cycle.problems.append(f"The committee on {committee:%d/%m/%Y} is not on a working day.")
        for rule in rules:
            cycle.dates[rule.slug] = _derive(rule, cycle.dates[rule.start_from], nation)
        for rule in rules:
            if rule.before and cycle.dates[rule.slug] >= cycle.dates[rule.before]:
                cycle.problems.append(
                    f"{rule.name} ({cycle.dates[rule.slug]:%d/%m/%Y}) is not before "
                    f"{names[rule.before]} ({cycle.dates[rule.before]:%d/%m/%Y})."
                )
        cycles.append(cycle)
    for earlier, later in zip(cycles, cycles[1:], strict=False):
        first_of_next = min(later.dates.values())
        if first_of_next <= earlier.committee:
            later.problems.append(
                f"This cycle starts ({first_of_next:%d/%m/%Y}) before the previous committee "
                f"({earlier.committee:%d/%m/%Y}): the committees are too close together."
            )
        clashes = {
            slug for slug, day in later.dates.items() if earlier.dates.get(slug) == day and slug != COMMITTEE
        }
        for slug in sorted(clashes):
            later.problems.append(f"{names[slug]} falls on the same day as the previous cycle's.")
    return cycles
