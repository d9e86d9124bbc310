"""The first numbers boards ask for: residents at each level on a date, and each group's
members and vacant seats on that date. One function builds the figures; the page, the charts
and the CSV/XLSX downloads all read them, so they cannot disagree."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count

from tenantvoice.core.suppression import Suppression, suppress
from tenantvoice.core.tables import Table

from .models import Group, Level, SeatCategory
from .selectors import persons_at_levels, seat_holdings_on


@dataclass(frozen=True)
class LevelLine:
    level: Level
    residents: int
    places_left: int | None  # None: no cap


@dataclass(frozen=True)
class GroupLine:
    group: Group
    members: int
    voting_members: int
    seats: int | None  # None: no limit
    vacant: int | None


@dataclass(frozen=True)
class InvolvementNumbers:
    on: dt.date
    levels: list[LevelLine]
    groups: list[GroupLine]
    suppression: Suppression[tuple[object, ...]] | None = None


def involvement_numbers(on: dt.date) -> InvolvementNumbers:
    per_level = persons_at_levels(on, on)
    levels = []
    for level in Level.objects.order_by("order"):
        count = per_level.get(level.pk, 0)
        if level.is_default:
            # Everyone living in one of our homes that day who had not joined a higher level.
            levels.append(LevelLine(level, count, None))
        else:
            places_left = None if level.cap is None else max(0, level.cap - count)
            levels.append(LevelLine(level, count, places_left))

    held = Counter(dict(seat_holdings_on(on).values_list("seat_category").annotate(n=Count("pk")).order_by()))
    categories: dict[int, list[SeatCategory]] = {}
    for category in SeatCategory.objects.order_by("pk"):
        categories.setdefault(category.group_id, []).append(category)
    groups = []
    for group in Group.objects.filter(is_active=True).order_by("name"):
        mine = categories.get(group.pk, [])
        members = sum(held[c.pk] for c in mine)
        limited = all(c.seats is not None for c in mine)
        seats: int | None = sum(c.seats or 0 for c in mine) if limited else None
        vacant: int | None = sum(max(0, (c.seats or 0) - held[c.pk]) for c in mine) if limited else None
        if group.max_members is not None:
            seats = group.max_members if seats is None else min(seats, group.max_members)
            left = max(0, group.max_members - members)
            vacant = left if vacant is None else min(vacant, left)
        voting = sum(held[c.pk] for c in mine if c.voting)
        groups.append(GroupLine(group, members, voting, seats, vacant))
    return InvolvementNumbers(on, levels, groups, _suppression(levels, groups))


def _suppression(levels: list[LevelLine], groups: list[GroupLine]) -> Suppression[tuple[object, ...]]:
    """Residents at each level and each group's members are counts of people (decision 0017).
    Voting and non-voting members add up to the members; the non-voting are not shown, but a
    small number of them must not be worked out either."""
    from tenantvoice.surveys.results import landlord_threshold

    counts: dict[tuple[object, ...], int] = {("level", line.level.pk): line.residents for line in levels}
    lines = []
    for line in groups:
        pk = line.group.pk
        counts |= {
            ("members", pk): line.members,
            ("voting", pk): line.voting_members,
            ("non-voting", pk): line.members - line.voting_members,
        }
        lines.append((("members", pk), [("voting", pk), ("non-voting", pk)]))
    return suppress(
        counts,
        landlord_threshold(),
        totals=lines,
        unpublished=[("non-voting", line.group.pk) for line in groups],
    )


def involvement_tables(numbers: InvolvementNumbers) -> list[Table]:
    """The page's, the charts' and the downloads' tables, with small counts hidden (and places
    left and vacant seats, which would give a hidden count away from the places or seats)."""
    shown = numbers.suppression or suppress({}, 1)
    on = f"{numbers.on:%d/%m/%Y}"
    levels = Table(
        f"Residents at each level on {on}",
        ["Level", "Residents", "Places", "Places left"],
        [
            [
                line.level.name,
                shown.count(("level", line.level.pk)) if numbers.suppression else line.residents,
                line.level.cap,
                shown.or_hidden(line.places_left, ("level", line.level.pk)),
            ]
            for line in numbers.levels
        ],
        note="The first level counts everyone living in one of our homes that day who had not joined "
        "another." + (" " + shown.note if shown.note else ""),
    )
    groups = Table(
        f"Group members and vacant seats on {on}",
        ["Group", "Members", "Voting members", "Seats", "Vacant seats"],
        [
            [
                g.group.name,
                shown.count(("members", g.group.pk)) if numbers.suppression else g.members,
                shown.count(("voting", g.group.pk)) if numbers.suppression else g.voting_members,
                "No limit" if g.seats is None else g.seats,
                "No limit" if g.vacant is None else shown.or_hidden(g.vacant, ("members", g.group.pk)),
            ]
            for g in numbers.groups
        ],
        note=shown.note,
    )
    return [levels, groups]
