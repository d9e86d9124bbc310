"""A group against the rules its strategy states in words: meetings a year (Housing for Women's
panel 4 to 6, Winchester's Tenants Panel at least 5), a minimum membership (Winchester 9) and the
members' commitments (an attendance rate, a shortest time on the group). One plain function
gives the figures; the group's page and the service-standards report both read them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import ngettext

from tenantvoice.core.text import counted

from .models import Group, LevelMembership, SeatHolding


@dataclass(frozen=True)
class GroupRules:
    group: Group
    since: dt.date
    on: dt.date
    meetings_held: int
    meetings_min: int | None
    meetings_max: int | None
    members: int
    min_members: int | None
    # Residents below the attendance they committed to, and who left before the shortest time.
    below_attendance: list[str] = field(default_factory=list)
    left_early: list[str] = field(default_factory=list)
    # Seats held on a group that is a level by someone not on that level (decision 0024).
    seats_without_level: list[str] = field(default_factory=list)
    overridden: list[SeatHolding] = field(default_factory=list)

    @property
    def has_rules(self) -> bool:
        return bool(
            self.meetings_min is not None
            or self.meetings_max is not None
            or self.min_members
            or self.group.attendance_commitment_percent
            or self.group.min_commitment_months
            or self.group.is_level
        )

    @property
    def meetings_below(self) -> bool:
        return self.meetings_min is not None and self.meetings_held < self.meetings_min

    @property
    def meetings_above(self) -> bool:
        return self.meetings_max is not None and self.meetings_held > self.meetings_max

    @property
    def members_below(self) -> bool:
        return bool(self.min_members) and self.members < (self.min_members or 0)

    @property
    def meetings_standard(self) -> str:
        low, high = self.meetings_min, self.meetings_max
        if low is not None and high is not None:
            return f"{low} meetings a year" if low == high else f"{low} to {high} meetings a year"
        if low is not None:
            return f"At least {low} meetings a year"
        if high is not None:
            return f"At most {high} meetings a year"
        return ""

    def problems(self, hide_below: int = 0) -> list[str]:
        """Each rule not met, in plain words, without naming anyone (for reports). Counts of people
        from 1 to ``hide_below`` less one are written "fewer than ``hide_below``" (decision 0017)."""

        def people(count: int) -> str:
            return str(count) if count == 0 or count >= hide_below else f"fewer than {hide_below}"

        lines = []
        period = f"in the 12 months to {self.on:%d/%m/%Y}"
        if self.meetings_below:
            lines.append(
                f"Below the strategy's minimum: {counted(self.meetings_held, 'meeting', 'meetings')} "
                f"{period}; the strategy says "
                f"{self.meetings_standard.lower()}."
            )
        if self.meetings_above:
            lines.append(
                f"Above the strategy's most: {self.meetings_held} meetings {period}; the strategy says "
                f"{self.meetings_standard.lower()}."
            )
        if self.members_below:
            lines.append(
                f"Below the strategy's minimum: {people(self.members)} "
                f"{ngettext('member', 'members', self.members)} on {self.on:%d/%m/%Y}; "
                f"the strategy says at least {self.min_members}."
            )
        if self.below_attendance:
            lines.append(
                "Members below the attendance they committed to "
                f"({self.group.attendance_commitment_percent}% of meetings): "
                f"{people(len(self.below_attendance))}."
            )
        if self.left_early:
            lines.append(
                f"Members who left before the commitment of {self.group.min_commitment_months} months "
                f"{period}: {people(len(self.left_early))}."
            )
        if self.seats_without_level:
            lines.append(f"Seats held by someone not on {self.group.level}: {len(self.seats_without_level)}.")
        return lines


def _months_between(start: dt.date, end: dt.date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)


def group_rules(group: Group, on: dt.date, *, months: int = 12) -> GroupRules:
    """The group against its strategy's rules over the ``months`` up to ``on`` (a year by default:
    the rules are "a year")."""
    from tenantvoice.activities.models import Activity, ActivityKind
    from tenantvoice.activities.selectors import group_attendance

    from .selectors import group_holdings_current

    since = on - dt.timedelta(days=round(months * 365.25 / 12)) + dt.timedelta(days=1)
    meetings = Activity.objects.filter(
        group=group,
        kind=ActivityKind.MEETING,
        cancelled=False,
        starts_at__date__gte=since,
        starts_at__date__lte=on,
    ).count()
    low, high = group.meetings_range
    holdings = list(group_holdings_current(group.pk, on))
    below = [
        rate.resident.full_name
        for rate in group_attendance(group.pk, group.attendance_commitment_percent, months=months, on=on)
        if rate.below_commitment
    ]
    left_early = []
    if group.min_commitment_months:
        for holding in SeatHolding.objects.filter(
            seat_category__group=group, ended_on__gte=since, ended_on__lte=on, resident__isnull=False
        ).select_related("resident"):
            assert holding.ended_on is not None
            if holding.term_ends_on is not None and holding.ended_on >= holding.term_ends_on:
                continue  # served the whole term
            if _months_between(holding.started_on, holding.ended_on) < group.min_commitment_months:
                left_early.append(holding.holder_name)
    without_level = []
    if group.is_level and group.level_id:
        on_level = set(
            LevelMembership.objects.held_on(on)
            .filter(level_id=group.level_id)
            .values_list("resident_id", flat=True)
        )
        without_level = [
            h.holder_name for h in holdings if h.resident_id is not None and h.resident_id not in on_level
        ]
    overridden = [h for h in holdings if h.override_reason]
    return GroupRules(
        group=group,
        since=since,
        on=on,
        meetings_held=meetings,
        meetings_min=low,
        meetings_max=high,
        members=len(holdings),
        min_members=group.min_members,
        below_attendance=below,
        left_early=left_early,
        seats_without_level=without_level,
        overridden=overridden,
    )


def groups_rules(on: dt.date) -> list[GroupRules]:
    """Every active group with a rule to check, for the service-standards report."""
    checked = []
    for group in Group.objects.filter(is_active=True).filter(
        Q(meetings_min__isnull=False)
        | Q(meetings_max__isnull=False)
        | ~Q(meetings_per_year="")
        | Q(min_members__isnull=False)
        | Q(attendance_commitment_percent__isnull=False)
        | Q(min_commitment_months__isnull=False)
        | Q(is_level=True)
    ):
        rules = group_rules(group, on)
        if rules.has_rules:
            checked.append(rules)
    return checked
