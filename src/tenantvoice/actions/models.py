"""One tracker for every commitment the landlord makes (issue 16; DOMAIN.md capabilities 9
and 17: "action plans with owner, due date and status (all five)").

An action is something someone will do by a date. It came from exactly one place, or from
nowhere but an officer's own list: a meeting's action point, a strategy's action plan, a
scrutiny recommendation, a group's referral to the Board; later a complaint's learning, an
inspection, an equality impact assessment. As with "you said, we did" (decision 0036) each
kind of source is its own nullable foreign key and a check constraint says at most one is set;
adding a kind is a key here, its name in ``SOURCE_FIELDS`` and its entry in
``sources.SOURCES`` (decision 0042).

Sub-actions are actions with a parent; a parent's progress is the weighted mean of its
children's, kept on the parent by the service that changes a child (``services._roll_up``)
so lists and reports read one column.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator

from django.conf import settings
from django.db import models
from django.db.models import Q

# The keys that name what an action came from, one per kind of source (sources.SOURCES says
# who is told when its status changes, and what it is called).
SOURCE_FIELDS: tuple[str, ...] = (
    "activity",
    "referral",
    "plan",
    "recommendation",
    "complaint",
    "assessment_item",
    "impact_finding",
)


def at_most_one(fields: tuple[str, ...]) -> Q:
    """No more than one of ``fields`` is set."""
    nothing = Q(**{f"{f}__isnull": True for f in fields})
    each = (Q(**{f"{f}__isnull": f != chosen for f in fields}) for chosen in fields)
    return functools.reduce(operator.or_, each, nothing)


def weighted_progress(children: list[tuple[int, int]]) -> int | None:
    """The weighted mean of ``(weight, progress)`` pairs, rounded to a whole per cent; None when
    there are none. Sub-actions not going ahead are left out by the caller, so a parent can
    still reach 100%."""
    total = sum(weight for weight, _ in children)
    if not total:
        return None
    return round(sum(weight * progress for weight, progress in children) / total)


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    # Closed without being done: the reason is recorded as its evidence.
    NOT_DOING = "not_doing", "Not going ahead"


OPEN_STATUSES = (ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS)


class ActionQuerySet(models.QuerySet["Action"]):
    def open(self) -> ActionQuerySet:
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, on: dt.date) -> ActionQuerySet:
        """Still open after their due date (an action without a date is never overdue)."""
        return self.open().filter(due_on__lt=on)

    def top_level(self) -> ActionQuerySet:
        return self.filter(parent__isnull=True)


class Action(models.Model):
    title = models.CharField("what will be done", max_length=300)
    detail = models.TextField(blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    # This sub-action's share of its parent's progress (all 1: the plain mean).
    weight = models.PositiveSmallIntegerField(default=1)

    # Who: a member of staff with an account, a group, and/or a post or person named in words
    # (action plans name posts: "Director of Operations", "All Housing DMT").
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions_owned",
        verbose_name="owner (member of staff)",
    )
    owner_group = models.ForeignKey(
        "involvement.Group",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="actions_owned",
        verbose_name="owner (group)",
    )
    owner_name = models.CharField("owner (post or name)", max_length=160, blank=True)

    due_on = models.DateField("due by", null=True, blank=True)
    # The plan's own words when it gives no date ("Ongoing", "TBC", "From 01/04/18").
    due_note = models.CharField(max_length=80, blank=True)
    status = models.CharField(max_length=12, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED)
    progress = models.PositiveSmallIntegerField("progress (%)", default=0)
    evidence = models.TextField("evidence it is done", blank=True)
    done_on = models.DateField(null=True, blank=True)
    # When the change is checked again to see that it lasted (scrutiny's re-test).
    retest_on = models.DateField("re-test by", null=True, blank=True)
    retested_on = models.DateField(null=True, blank=True)
    retest_result = models.TextField(blank=True)
    public = models.BooleanField(
        default=False, help_text="Shown to residents on the 'You said, we did' page."
    )

    # What it came from (at most one; SOURCE_FIELDS). A sub-action has its parent's.
    activity = models.ForeignKey(
        "activities.Activity",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="actions",
        verbose_name="meeting",
    )
    referral = models.ForeignKey(
        "referrals.Referral",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="actions",
        verbose_name="referral to the Board",
    )
    plan = models.ForeignKey(
        "plans.ActionPlan",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="actions",
        verbose_name="strategy action plan",
    )
    recommendation = models.ForeignKey(
        "scrutiny.Recommendation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="actions",
        verbose_name="scrutiny recommendation",
    )
    complaint = models.ForeignKey(
        "complaints.Complaint",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="actions",
        verbose_name="complaint",
    )
    # A provision of the Complaint Handling Code the year's self-assessment found not met.
    assessment_item = models.ForeignKey(
        "complaints.SelfAssessmentItem",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="actions",
        verbose_name="provision of the complaints self-assessment",
    )
    # A mitigation from an equality impact assessment: for one characteristic, or its
    # conclusion overall (equality_impact.Finding; decision 0049).
    impact_finding = models.ForeignKey(
        "equality_impact.Finding",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="actions",
        verbose_name="equality impact assessment",
    )
    # The group that asked for it (a meeting's group, a referring group): told of changes.
    asked_by = models.ForeignKey(
        "involvement.Group",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions_asked",
        verbose_name="group that asked for it",
    )
    # Residents whose views led to it, beyond those its source names: told of changes.
    raised_by = models.ManyToManyField("residents.Resident", blank=True, related_name="actions_raised")
    # Where a plan's action comes from in its strategy (decision 0022: section and a short quote).
    source_section = models.CharField(max_length=40, blank=True)
    source_quote = models.TextField(blank=True)

    # Bumped on each change of status, so each change is its own message to those told.
    sequence = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [
            # The tracker's default list and the staff home's "overdue actions": open, by date.
            models.Index(
                fields=["due_on", "id"],
                condition=Q(status__in=["not_started", "in_progress"]),
                name="action_open_due",
            ),
            models.Index(fields=["public", "-updated_at"], name="action_public"),
        ]
        constraints = [
            models.CheckConstraint(condition=at_most_one(SOURCE_FIELDS), name="action_one_source"),
            models.CheckConstraint(condition=Q(progress__lte=100), name="action_progress_percent"),
            models.CheckConstraint(condition=Q(weight__gte=1), name="action_weight_positive"),
        ]

    def __str__(self) -> str:
        return self.title[:80]

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue(self, on: dt.date) -> bool:
        return self.is_open and self.due_on is not None and self.due_on < on

    @property
    def owner_display(self) -> str:
        """Who owns it, in words: each of the account, the group and the named post."""
        parts = [str(p) for p in (self.owner_user, self.owner_group) if p is not None]
        if self.owner_name:
            parts.append(self.owner_name)
        return ", ".join(parts) or "No owner yet"

    @property
    def due_display(self) -> str:
        if self.due_on is not None:
            return f"{self.due_on.day} {self.due_on:%B %Y}"
        return self.due_note or "No date"

    @property
    def source_field(self) -> str:
        """The source key that is set, or "" for an officer's own action."""
        return next((f for f in SOURCE_FIELDS if getattr(self, f"{f}_id") is not None), "")

    @property
    def source(self) -> models.Model | None:
        field = self.source_field
        return getattr(self, field) if field else None


class ActionUpdate(models.Model):
    """One change of an action's status or progress, with the note that explains it: the
    history a panel reads when it checks what happened."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    on = models.DateField()
    status = models.CharField(max_length=12, choices=ActionStatus.choices)
    progress = models.PositiveSmallIntegerField()
    note = models.TextField(blank=True)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    made_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-made_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.action}: {self.get_status_display()} {self.progress}%"
