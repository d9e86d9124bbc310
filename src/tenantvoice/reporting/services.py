"""Every write to the reporting timetable: each a keyword-only function in a transaction that
writes an audit row (decision 0021). A presentation that cannot have happened as recorded is
refused with :class:`ReportingError` in plain words and nothing is written (decision 0051)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from tenantvoice.activities.models import Activity
from tenantvoice.boardpacks.selectors import meeting_pack
from tenantvoice.core.audit import audit_record
from tenantvoice.core.errors import DomainError
from tenantvoice.core.models import AuditAction
from tenantvoice.core.tables import tables_to_json

from .models import ReportingDuty, ReportPresentation
from .periods import Period, day_words, period_starting
from .selectors import duty_draft


class ReportingError(DomainError):
    pass


def _date(day: dt.date) -> str:
    return day_words(day)


def _period(duty: ReportingDuty, period_start: dt.date, today: dt.date) -> Period:
    period = period_starting(duty.cadence, duty.year_starts, period_start)
    if period is None:
        raise ReportingError(
            "That is not one of this report's periods: choose one from the timetable.", field="period_start"
        )
    if period.end < duty.period_of(duty.starts_on).start:
        raise ReportingError(
            f"The timetable for this report starts on {_date(duty.starts_on)}: that period is before it.",
            field="period_start",
        )
    if not period.ended(today):
        raise ReportingError(
            f"The period {period.label} has not ended yet: it ends on {_date(period.end)}. "
            "Its report can be presented after that.",
            field="period_start",
        )
    return period


def _meeting_checks(duty: ReportingDuty, meeting: Activity, period: Period, today: dt.date) -> dt.date:
    if meeting.cancelled:
        raise ReportingError(
            "That meeting was cancelled: choose the meeting that took place.", field="meeting"
        )
    if duty.group_id is not None and meeting.group_id != duty.group_id:
        other = (
            f"a meeting of {meeting.group.name}" if meeting.group is not None else "not a meeting of a group"
        )
        raise ReportingError(
            f"“{meeting.title}” is {other}; this report goes to {duty.audience}: "
            f"choose one of {duty.group.name if duty.group else duty.audience}'s meetings.",
            field="meeting",
        )
    if duty.group_id is None and meeting.group_id is not None:
        raise ReportingError(
            f"“{meeting.title}” is a meeting of {meeting.group.name if meeting.group else 'a group'}; "
            f"this report goes to {duty.audience}, which is not a group on TenantVoice: choose a meeting "
            "that belongs to no group, or none and say where it was presented.",
            field="meeting",
        )
    on = meeting.date
    if on > today:
        raise ReportingError(
            f"That meeting is on {_date(on)}, which has not come yet: record the presentation after it.",
            field="meeting",
        )
    if on <= period.end:
        raise ReportingError(
            f"That meeting was on {_date(on)}, before the period {period.label} ended "
            f"({_date(period.end)}): a report on the period is presented after it.",
            field="meeting",
        )
    return on


def presentation_record(
    *,
    duty: ReportingDuty,
    period_start: dt.date,
    decided: str,
    meeting: Activity | None = None,
    presented_on: dt.date | None = None,
    where: str = "",
    evidence: str = "",
    by: Any = None,
    via: str = "web",
) -> ReportPresentation:
    """Record that the duty's report for the period starting ``period_start`` was presented:
    at ``meeting`` (one of the audience group's), or on ``presented_on`` and ``where`` for an
    audience that is no group on TenantVoice. The draft's figures as they stand are kept."""
    today = timezone.localdate()
    if not duty.active:
        raise ReportingError("This report is no longer on the strategy's timetable.")
    period = _period(duty, period_start, today)
    where = where.strip()
    if meeting is not None:
        presented_on = _meeting_checks(duty, meeting, period, today)
    elif duty.group is not None:
        raise ReportingError(
            f"Choose the meeting of {duty.group.name} at which the report was presented.", field="meeting"
        )
    else:
        if presented_on is None:
            raise ReportingError("Give the date the report was presented.", field="presented_on")
        if not where:
            raise ReportingError(
                "Say where it was presented or published, for example “Executive team meeting” or "
                "“Annual Review, on the web site”.",
                field="where",
            )
        if presented_on > today:
            raise ReportingError(
                "That date has not come yet: record the presentation after it.", field="presented_on"
            )
        if presented_on <= period.end:
            raise ReportingError(
                f"The period {period.label} ended on {_date(period.end)}: "
                "a report on it is presented after that.",
                field="presented_on",
            )
    decided = decided.strip()
    if not decided:
        raise ReportingError("Say what was decided, or “Noted” if nothing was.", field="decided")
    earlier = ReportPresentation.objects.filter(duty=duty, period_start=period.start).first()
    if earlier is not None:
        raise ReportingError(
            f"The report for {period.label} was already recorded as presented "
            f"on {_date(earlier.presented_on)}.",
            field="period_start",
        )
    figures = tables_to_json(duty_draft(duty, period, today))
    # A report presented at a meeting that had a Board pack went with that pack (decision 0051).
    pack = meeting_pack(meeting) if meeting is not None else None
    try:
        with transaction.atomic():
            presentation = ReportPresentation.objects.create(
                duty=duty,
                period_start=period.start,
                period_end=period.end,
                meeting=meeting,
                board_pack=pack,
                presented_on=presented_on,
                where=where[:300],
                decided=decided,
                evidence=evidence.strip()[:500],
                figures=figures,
                recorded_by=by if getattr(by, "is_authenticated", False) else None,
            )
            audit_record(
                actor=by,
                action=AuditAction.CREATE,
                object_type="report_presentation",
                object_id=presentation.pk,
                summary=(
                    f"Recorded {duty.title} for {period.label} as presented to {duty.audience} "
                    f"on {presented_on:%d/%m/%Y}"
                ),
                changes={
                    "meeting": meeting.pk if meeting else None,
                    "board_pack": pack.pk if pack else None,
                    "decided": decided,
                },
                via=via,
            )
    except IntegrityError as exc:  # recorded by someone else a moment ago
        raise ReportingError(f"The report for {period.label} was already recorded as presented.") from exc
    return presentation


def presentation_remove(*, presentation: ReportPresentation, reason: str, by: Any = None) -> None:
    """Take out a presentation recorded by mistake; the audit log keeps what it said and why."""
    reason = reason.strip()
    if not reason:
        raise ReportingError("Say why the record is taken out.", field="reason")
    with transaction.atomic():
        audit_record(
            actor=by,
            action=AuditAction.DELETE,
            object_type="report_presentation",
            object_id=presentation.pk,
            summary=(
                f"Took out the record of {presentation.duty.title} for {presentation.period.label}, "
                f"presented on {presentation.presented_on:%d/%m/%Y}: {reason}"
            ),
            changes={
                "meeting": presentation.meeting_id,
                "board_pack": presentation.board_pack_id,
                "presented_on": presentation.presented_on.isoformat(),
                "decided": presentation.decided,
                "reason": reason,
            },
        )
        presentation.delete()
