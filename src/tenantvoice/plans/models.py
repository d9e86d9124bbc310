"""A strategy's action plan and the reviews of the strategy on its cycle (issue 16, item 2;
decision 0043).

The plan is loaded from the strategy data (``strategies/data/*.toml``, ``[action_plan]``) and
its items become actions in the one tracker (``actions.Action`` with ``plan`` set): an officer
records their progress there. ``PlanItem`` ties each action to the key of its item in the file,
so that loading the strategy again updates the actions nobody has changed and keeps what an
officer recorded. A ``ReviewCycle`` is a review the strategy says will happen on a cycle
("twice a year", "annually"); each ``StrategyReview`` is one of them, due on a date, held at a
meeting, with its outcome.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q


class ActionPlan(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=200)
    # The strategy file it was loaded from (strategies/data/NAME.toml).
    strategy = models.CharField(max_length=80)
    period = models.CharField(max_length=60, blank=True)
    # False: the strategy says a plan will be made but publishes none; ``note`` says so.
    published = models.BooleanField(default=True)
    note = models.TextField("what the strategy says about its plan", blank=True)
    source_section = models.CharField(max_length=40, blank=True)
    source_quote = models.TextField(blank=True)
    # Field -> where it comes from, as every strategy item (decision 0022).
    sources = models.JSONField(default=dict, blank=True)
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title


class PlanItemKind(models.TextChoices):
    ACTION = "action", "Action"
    # What the plan must achieve, with no owner or date given by the strategy (Thenue).
    OBJECTIVE = "objective", "Strategic objective"
    # A commitment the strategy makes, with no owner or date given (Tower Hamlets Homes).
    COMMITMENT = "commitment", "Commitment"


class PlanItem(models.Model):
    """One item of the plan as the strategy file has it, and the action it became."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="items")
    # The item's key in the file, e.g. "3" or "representative/tenantlink": stable across loads.
    key = models.CharField(max_length=120)
    action = models.OneToOneField("actions.Action", on_delete=models.CASCADE, related_name="plan_item")
    kind = models.CharField(max_length=12, choices=PlanItemKind.choices, default=PlanItemKind.ACTION)
    # How the strategy says success is measured (Winchester's "Performance measurement").
    measure = models.TextField(blank=True)
    order = models.PositiveIntegerField(default=0)
    # The values as last loaded: a value an officer has changed since is kept on reload.
    loaded = models.JSONField(default=dict, blank=True)
    sources = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [models.UniqueConstraint(fields=["plan", "key"], name="plan_item_key")]

    def __str__(self) -> str:
        return f"{self.plan}: {self.key}"


class ReviewCycle(models.Model):
    """A review the strategy says will happen on a cycle, and when the first falls due."""

    slug = models.SlugField(max_length=80, unique=True)
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="review_cycles")
    what = models.CharField("what is reviewed", max_length=200)
    # The cycle in months (6: twice a year; 12: annually) and in the strategy's words.
    months = models.PositiveSmallIntegerField()
    frequency = models.CharField(max_length=80)
    # The first review falls due ``months`` after this: a date the landlord chose, or the date
    # the strategy was loaded (both recorded in ``sources`` as the landlord's choice).
    starts_on = models.DateField()
    sources = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["what", "pk"]
        constraints = [models.CheckConstraint(condition=Q(months__gte=1), name="review_cycle_months")]

    def __str__(self) -> str:
        return self.what


class StrategyReviewQuerySet(models.QuerySet["StrategyReview"]):
    def waiting(self) -> StrategyReviewQuerySet:
        return self.filter(held_on__isnull=True)

    def overdue(self, on: dt.date) -> StrategyReviewQuerySet:
        return self.waiting().filter(due_on__lt=on)

    def held(self) -> StrategyReviewQuerySet:
        return self.filter(held_on__isnull=False)


class StrategyReview(models.Model):
    cycle = models.ForeignKey(ReviewCycle, on_delete=models.CASCADE, related_name="reviews")
    due_on = models.DateField()
    held_on = models.DateField(null=True, blank=True)
    # The meeting it was held at (a Board or panel meeting).
    activity = models.ForeignKey(
        "activities.Activity",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="strategy_reviews",
        verbose_name="meeting",
    )
    outcome = models.TextField(blank=True)
    # Actions the review added to the tracker (their source is the plan).
    actions_added = models.ManyToManyField("actions.Action", blank=True, related_name="+")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(null=True, blank=True)

    objects = StrategyReviewQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(
                fields=["due_on", "id"], condition=Q(held_on__isnull=True), name="strategy_review_due"
            )
        ]
        constraints = [models.UniqueConstraint(fields=["cycle", "due_on"], name="strategy_review_once")]

    def __str__(self) -> str:
        return f"{self.cycle.what}, due {self.due_on:%d/%m/%Y}"

    @property
    def is_held(self) -> bool:
        return self.held_on is not None
