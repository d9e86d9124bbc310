"""Equality impact assessments (issue 18 item 4; decision 0049).

An assessment looks at one subject: a policy, a consultation, a programme of activities (the
activities held over a period), a group, or the engagement strategy itself. It keeps a snapshot
of who is affected and how representative the engagement has been (``profile``: the suppressed
figures of ``representation.compare``, with the date they were drawn), so the record does not
change under its reader; then, for each protected characteristic of the Equality Act 2010 s.4
and the language and support needs the TIA Standard adds (required outcome 1.2), the likely
impact and its evidence (``Finding``), and an overall conclusion (a finding too). Mitigations
are actions in the one tracker whose source is a finding (``actions.Action.impact_finding``).

Nothing here holds a resident's personal data: the profile is counts of groups, suppressed.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models


class SubjectKind(models.TextChoices):
    POLICY = "policy", "A policy"
    CONSULTATION = "consultation", "A consultation"
    ACTIVITIES = "activities", "A programme of activities"
    GROUP = "group", "A group"
    STRATEGY = "strategy", "The engagement strategy"


class AssessmentStatus(models.TextChoices):
    """What is stored. "Due for review" is not stored: a completed assessment whose review date
    has come (``Assessment.state``)."""

    DRAFT = "draft", "Draft"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"


# What the register shows and filters by: the stored status, with "due for review" worked out.
DUE_FOR_REVIEW = "due_for_review"
STATES: dict[str, str] = {
    AssessmentStatus.DRAFT: "Draft",
    AssessmentStatus.IN_PROGRESS: "In progress",
    AssessmentStatus.COMPLETED: "Completed",
    DUE_FOR_REVIEW: "Due for review",
}


class Impact(models.TextChoices):
    POSITIVE = "positive", "Positive"
    NEUTRAL = "neutral", "Neutral"
    NEGATIVE = "negative", "Negative"
    NOT_KNOWN = "not_known", "Not known yet"


class Assessment(models.Model):
    title = models.CharField(max_length=200)
    subject_kind = models.CharField("what is assessed", max_length=16, choices=SubjectKind.choices)
    # The subject: one of these, by ``subject_kind`` (services.assessment_create checks).
    policy_name = models.CharField("the policy", max_length=200, blank=True)
    consultation = models.ForeignKey(
        "consultations.Consultation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="equality_assessments",
    )
    group = models.ForeignKey(
        "involvement.Group",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="equality_assessments",
    )
    period_start = models.DateField("activities from", null=True, blank=True)
    period_end = models.DateField("activities to", null=True, blank=True)
    purpose = models.TextField("what it is for and who it affects", blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=12, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT)
    started_on = models.DateField()
    completed_on = models.DateField(null=True, blank=True)
    review_on = models.DateField("review by", null=True, blank=True)
    last_reviewed_on = models.DateField(null=True, blank=True)
    # An assessment the daily job made because the strategy asks for one every so many months
    # (``ServiceStandards.equality_impact_assessment_months``): the date it fell due. One per date.
    scheduled_for = models.DateField(null=True, blank=True, unique=True)
    # The snapshot of the affected population's profile (services.profile_draw): JSON of the
    # suppressed figures. Empty until drawn.
    profile = models.JSONField(default=dict, blank=True)
    profile_drawn_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_on", "-pk"]
        indexes = [models.Index(fields=["status", "review_on"], name="eia_status_review")]

    def __str__(self) -> str:
        return self.title

    def state(self, today: dt.date) -> str:
        """The stored status, or "due for review" once a completed assessment's date has come."""
        if (
            self.status == AssessmentStatus.COMPLETED
            and self.review_on is not None
            and self.review_on <= today
        ):
            return DUE_FOR_REVIEW
        return self.status

    def state_label(self, today: dt.date) -> str:
        return STATES[self.state(today)]

    @property
    def subject_label(self) -> str:
        """The subject in words, e.g. "A consultation: Rent policy"."""
        kind = SubjectKind(self.subject_kind).label
        if self.subject_kind == SubjectKind.POLICY:
            return f"{kind}: {self.policy_name}"
        if self.subject_kind == SubjectKind.CONSULTATION and self.consultation is not None:
            return f"{kind}: {self.consultation.title}"
        if self.subject_kind == SubjectKind.GROUP and self.group is not None:
            return f"{kind}: {self.group.name}"
        if self.subject_kind == SubjectKind.ACTIVITIES and self.period_start and self.period_end:
            return f"{kind}: {self.period_start:%-d %B %Y} to {self.period_end:%-d %B %Y}"
        return kind


class Finding(models.Model):
    """The likely impact on one characteristic (or the conclusion overall) and its evidence."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="findings")
    # A key of characteristics.ASPECTS ("age", "race", ..., "language", "support_needs", "overall").
    aspect = models.CharField(max_length=32)
    order = models.PositiveSmallIntegerField()
    impact = models.CharField(max_length=12, choices=Impact.choices, blank=True)
    evidence = models.TextField(blank=True)

    class Meta:
        ordering = ["assessment", "order"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "aspect"], name="eia_one_finding_per_aspect")
        ]

    def __str__(self) -> str:
        from .aspects import aspect_label

        return f"{self.assessment}: {aspect_label(self.aspect)}"


class Review(models.Model):
    """A review of a completed assessment: when, what was found, and the next review date."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField()
    notes = models.TextField()
    next_review_on = models.DateField(null=True, blank=True)
    reopened = models.BooleanField(default=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-reviewed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.assessment}: reviewed {self.reviewed_on}"
