"""Reads for calendars, registers and hours of involvement."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet, Sum
from django.utils import timezone

from tenantvoice.residents.models import Resident

from .models import Activity, Attendance, HoursLog, Participant


def calendar_public(*, days: int = 365, with_cancelled: bool = False) -> QuerySet[Activity]:
    """Public activities from now to ``days`` ahead; the iCal feed asks ``with_cancelled``, so
    that a calendar app that copied one learns it is cancelled."""
    now = timezone.now()
    activities = Activity.objects.filter(
        public=True, ends_at__gte=now, starts_at__lte=now + dt.timedelta(days=days)
    ).select_related("venue", "group")
    return activities if with_cancelled else activities.filter(cancelled=False)


def calendar_for_group(group_id: int) -> QuerySet[Activity]:
    """A group's activities for its iCal feed, cancelled ones included (as cancelled)."""
    return Activity.objects.filter(group_id=group_id).select_related("venue")


def hours_of_involvement(resident: Resident, start: dt.date, end: dt.date) -> Decimal:
    """Hours at activities the resident attended, plus hours logged outside them."""
    attended = Participant.objects.filter(
        resident=resident,
        attendance=Attendance.PRESENT,
        activity__cancelled=False,
        activity__starts_at__date__gte=start,
        activity__starts_at__date__lte=end,
    ).select_related("activity")
    total = sum((p.activity.hours for p in attended), Decimal(0))
    logged = HoursLog.objects.filter(resident=resident, on__gte=start, on__lte=end).aggregate(
        total=Sum("hours")
    )
    return total + (logged["total"] or Decimal(0))


@dataclass(frozen=True)
class StandardResult:
    name: str
    standard: str
    total: int
    on_time: int
    breaches: list[tuple[str, str]]  # (what, reason)
    outstanding: int = 0

    @property
    def percent(self) -> int | None:
        return round(100 * self.on_time / self.total) if self.total else None


def service_standards(start: dt.date, end: dt.date) -> list[StandardResult]:
    """Notice, minutes and information requests against the strategy's standards, for a period.

    No resident is named: the report goes to panels and boards.
    """
    from tenantvoice.core.working_days import add_working_days, landlord_nation
    from tenantvoice.strategies.standards import standards_get

    from .models import InformationRequest

    standards = standards_get()
    today = timezone.localdate()
    in_period = list(
        Activity.objects.filter(cancelled=False, starts_at__date__gte=start, starts_at__date__lte=end)
        .select_related("minutes")
        .order_by("starts_at")
    )
    results = []
    if standards.notice_working_days:
        late = [a for a in in_period if a.late_notice_reason]
        results.append(
            StandardResult(
                "Notice of meetings",
                f"At least {standards.notice_working_days} working days before",
                len(in_period),
                len(in_period) - len(late),
                [(f"{a.title}, {a.date:%d/%m/%Y}", a.late_notice_reason) for a in late],
            )
        )
    if standards.minutes_working_days:
        days = standards.minutes_working_days
        nation = landlord_nation()
        held = [a for a in in_period if a.date <= today]
        breaches, on_time, outstanding = [], 0, 0
        for activity in held:
            minutes = getattr(activity, "minutes", None)
            due = add_working_days(activity.date, days, nation)
            if minutes is not None and minutes.sent_on is not None:
                if minutes.late_reason:
                    breaches.append((f"{activity.title}, {activity.date:%d/%m/%Y}", minutes.late_reason))
                else:
                    on_time += 1
            elif today > due:
                outstanding += 1
                breaches.append((f"{activity.title}, {activity.date:%d/%m/%Y}", "Not sent yet: overdue"))
        results.append(
            StandardResult(
                "Minutes and actions sent",
                f"Within {days} working days",
                len(held),
                on_time,
                breaches,
                outstanding,
            )
        )
    if standards.info_request_working_days:
        requests = list(InformationRequest.objects.filter(received_on__gte=start, received_on__lte=end))
        breaches = [
            (f"Request of {r.received_on:%d/%m/%Y}", r.late_reason) for r in requests if r.late_reason
        ]
        overdue = [r for r in requests if r.answered_on is None and r.due_on is not None and r.due_on < today]
        breaches += [(f"Request of {r.received_on:%d/%m/%Y}", "Not answered yet: overdue") for r in overdue]
        on_time = sum(1 for r in requests if r.answered_on is not None and not r.late_reason)
        results.append(
            StandardResult(
                "Requests for information answered",
                f"Within {standards.info_request_working_days} working days",
                len(requests),
                on_time,
                breaches,
                len(overdue),
            )
        )
    return results


@dataclass(frozen=True)
class AttendanceRate:
    resident: Resident
    meetings: int
    present: int
    apologies: int
    absent: int
    percent: int | None
    below_commitment: bool


def group_attendance(
    group_id: int, commitment: int | None, *, months: int = 12, on: dt.date | None = None
) -> list[AttendanceRate]:
    """Each member's attendance at the group's meetings over the rolling window.

    Meetings without a recorded mark for the member are left out rather than counted absent.
    """
    from tenantvoice.involvement.selectors import group_holdings_current

    on = on or timezone.localdate()
    since = on - dt.timedelta(days=round(months * 365.25 / 12))
    members = [h.resident for h in group_holdings_current(group_id, on) if h.resident is not None]
    marks = (
        Participant.objects.filter(
            activity__group_id=group_id,
            activity__cancelled=False,
            activity__starts_at__date__gte=since,
            activity__starts_at__date__lte=on,
            resident__in=members,
        )
        .exclude(attendance="")
        .values_list("resident_id", "attendance")
    )
    counts: dict[int, dict[str, int]] = {m.pk: {"present": 0, "apologies": 0, "absent": 0} for m in members}
    for resident_id, mark in marks:
        counts[resident_id][mark] += 1
    rates = []
    for member in members:
        c = counts[member.pk]
        total = sum(c.values())
        percent = round(100 * c["present"] / total) if total else None
        rates.append(
            AttendanceRate(
                member,
                total,
                c["present"],
                c["apologies"],
                c["absent"],
                percent,
                commitment is not None and percent is not None and percent < commitment,
            )
        )
    return sorted(rates, key=lambda r: (not r.below_commitment, r.resident.last_name_key))
