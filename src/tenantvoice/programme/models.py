"""A year's survey programme (Winchester's TenantLink: 9-10 surveys a year, each on a 4-week
cycle), with each survey's milestones and whether they were met."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Programme(models.Model):
    title = models.CharField(max_length=200)
    starts_on = models.DateField()
    cycle_weeks = models.PositiveSmallIntegerField(default=4)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "-pk"]

    def __str__(self) -> str:
        return self.title


class PlannedSurvey(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="surveys")
    order = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    lead_officer = models.CharField(max_length=160, blank=True)
    starts_on = models.DateField()

    class Meta:
        ordering = ["programme", "order"]

    def __str__(self) -> str:
        return self.title


class Step(models.TextChoices):
    """The cycle of each survey (Winchester appendix: week 1 to week 4)."""

    SURVEY = "survey", "Survey out to residents"
    REPORT = "report", "Report, and meeting with the lead officer"
    FEEDBACK = "feedback", "'You said, we did' to residents"
    PREPARE = "prepare", "Prepare the next survey"


class Milestone(models.Model):
    planned = models.ForeignKey(PlannedSurvey, on_delete=models.CASCADE, related_name="milestones")
    step = models.CharField(max_length=8, choices=Step.choices)
    due_on = models.DateField()
    done_on = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["planned", "step"], name="one_milestone_per_step")]

    def __str__(self) -> str:
        return f"{self.planned}: {self.get_step_display()}"
