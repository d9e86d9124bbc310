"""Recording a strategy review (decision 0043): held at a meeting, with its outcome and any
actions it added to the tracker; the next review of the cycle is scheduled as it is recorded."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from tenantvoice.actions.services import action_create
from tenantvoice.activities.models import Activity
from tenantvoice.core.audit import audit_record
from tenantvoice.core.errors import DomainError
from tenantvoice.core.models import AuditAction
from tenantvoice.core.updates import model_update

from .models import StrategyReview
from .schedule import next_review_due


class ReviewError(DomainError):
    """A review that cannot be recorded as it stands, said so an officer can put it right."""


@transaction.atomic
def strategy_review_record(
    *,
    review: StrategyReview,
    activity: Activity,
    outcome: str,
    actions: list[str] | None = None,
    held_on: dt.date | None = None,
    by: Any = None,
) -> StrategyReview:
    """Record ``review`` as held at the meeting ``activity`` (on its date unless ``held_on`` says
    otherwise), with what it decided; each line of ``actions`` becomes an action in the tracker
    from the strategy's plan. Schedules the cycle's next review and returns it."""
    review = StrategyReview.objects.select_for_update().select_related("cycle__plan").get(pk=review.pk)
    if review.is_held:
        raise ReviewError(f"This review was recorded as held on {review.held_on:%-d %B %Y}.")
    outcome = outcome.strip()
    if not outcome:
        raise ReviewError("Say what the review found and decided.", field="outcome")
    if activity.cancelled:
        raise ReviewError(
            "That meeting was cancelled: choose the meeting the review was held at.", field="activity"
        )
    held_on = held_on or activity.date
    if held_on > timezone.localdate():
        raise ReviewError(
            "A review is recorded once it has been held: that meeting is still to come.", field="activity"
        )
    cycle = review.cycle
    model_update(
        review,
        ("activity", "held_on", "outcome", "recorded_by", "recorded_at"),
        {
            "activity": activity,
            "held_on": held_on,
            "outcome": outcome,
            "recorded_by": by if getattr(by, "is_authenticated", False) else None,
            "recorded_at": timezone.now(),
        },
    )
    added = [
        action_create(
            title=line.strip(),
            source=cycle.plan,
            detail=(
                f"Agreed at the review of {cycle.what.lower()} held on {held_on:%-d %B %Y} "
                f"({activity.title})."
            ),
            by=by,
        )
        for line in (actions or [])
        if line.strip()
    ]
    if added:
        review.actions_added.set(added)
    following, _ = StrategyReview.objects.get_or_create(
        cycle=cycle, due_on=next_review_due(review.due_on, held_on, cycle.months)
    )
    audit_record(
        actor=by,
        action=AuditAction.UPDATE,
        object_type="strategy review",
        object_id=review.pk,
        summary=(
            f"Review of {cycle.what} held on {held_on:%d/%m/%Y}; {len(added)} action(s) added; "
            f"next due {following.due_on:%d/%m/%Y}"
        ),
    )
    return following
