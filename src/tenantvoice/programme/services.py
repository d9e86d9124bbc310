"""Making a year's programme from the strategy, and ticking off milestones."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from tenantvoice.core.audit import audit_record
from tenantvoice.core.errors import DomainError
from tenantvoice.core.models import AuditAction
from tenantvoice.strategies.standards import standards_get

from .models import Milestone, PlannedSurvey, Programme, Step

STEPS = list(Step)


class ProgrammeError(DomainError):
    pass


def step_offsets(cycle_weeks: int) -> list[int]:
    """Days from a survey's start to each step's deadline: the cycle split into equal parts.

    A 4-week cycle gives the end of weeks 1, 2, 3 and 4 (Winchester's TenantLink)."""
    total = cycle_weeks * 7
    return [round(total * (i + 1) / len(STEPS)) - 1 for i in range(len(STEPS))]


@transaction.atomic
def programme_create(
    *,
    title: str,
    starts_on: dt.date,
    titles: Sequence[str] = (),
    count: int | None = None,
    cycle_weeks: int | None = None,
    by: Any = None,
) -> Programme:
    """A year's programme: ``count`` surveys (the strategy's surveys a year, else one per title)
    evenly spaced through the year, each with its cycle's milestones."""
    standards = standards_get()
    titles = [t.strip() for t in titles if t.strip()]
    count = count or len(titles) or standards.surveys_per_year or 0
    cycle_weeks = cycle_weeks or standards.survey_cycle_weeks or 4
    if count < 1:
        raise ProgrammeError("Say how many surveys the year holds, or list their titles.")
    if count * cycle_weeks > 53:
        raise ProgrammeError(
            f"{count} surveys of {cycle_weeks} weeks each do not fit in a year. "
            "Plan fewer, or a shorter cycle."
        )
    spacing = dt.timedelta(days=(365 // count) if count * cycle_weeks * 7 <= 365 else cycle_weeks * 7)
    programme = Programme.objects.create(
        title=title.strip() or f"Survey programme from {starts_on:%B %Y}",
        starts_on=starts_on,
        cycle_weeks=cycle_weeks,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    offsets = step_offsets(cycle_weeks)
    for i in range(count):
        start = starts_on + spacing * i
        planned = PlannedSurvey.objects.create(
            programme=programme,
            order=i + 1,
            title=titles[i] if i < len(titles) else f"Survey {i + 1}",
            starts_on=start,
        )
        Milestone.objects.bulk_create(
            [
                Milestone(planned=planned, step=step, due_on=start + dt.timedelta(days=offset))
                for step, offset in zip(STEPS, offsets, strict=True)
            ]
        )
    audit_record(
        actor=by,
        action=AuditAction.CREATE,
        object_type="programme",
        object_id=programme.pk,
        summary=f"Planned {programme.title}: {count} surveys",
    )
    return programme


def milestone_done(
    *, milestone: Milestone, on: dt.date | None = None, note: str = "", by: Any = None
) -> Milestone:
    milestone.done_on = on or timezone.localdate()
    milestone.note = note.strip()[:300]
    milestone.save(update_fields=["done_on", "note"])
    audit_record(
        actor=by,
        action=AuditAction.UPDATE,
        object_type="milestone",
        object_id=milestone.pk,
        summary=f"{milestone.get_step_display()} done on {milestone.done_on:%d/%m/%Y}",
    )
    return milestone


@dataclass(frozen=True)
class MilestoneState:
    milestone: Milestone
    label: str  # Done, Done late, Overdue, Due this week, Coming up
    late: bool


def milestone_state(milestone: Milestone, today: dt.date) -> MilestoneState:
    if milestone.done_on:
        late = milestone.done_on > milestone.due_on
        return MilestoneState(milestone, "Done late" if late else "Done", late)
    if milestone.due_on < today:
        return MilestoneState(milestone, "Overdue", True)
    if milestone.due_on <= today + dt.timedelta(days=7):
        return MilestoneState(milestone, "Due this week", False)
    return MilestoneState(milestone, "Coming up", False)


def programme_table(programme: Programme, today: dt.date) -> list[tuple[PlannedSurvey, list[MilestoneState]]]:
    rows = []
    for planned in programme.surveys.prefetch_related("milestones"):
        by_step = {m.step: m for m in planned.milestones.all()}
        rows.append((planned, [milestone_state(by_step[step], today) for step in STEPS if step in by_step]))
    return rows
