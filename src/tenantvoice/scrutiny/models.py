"""Tenant-led scrutiny reviews (issue 16 item 3; DOMAIN.md capability 9; the TIA Standard's
"support effective scrutiny by tenants"; decision 0044).

A panel (an involvement group; its members hold a seat on it) chooses a topic from evidence,
agrees terms of reference and a plan of milestones, the last of them the report to a committee
(fixed to the governance timetable's report deadline). While it runs, the panel asks officers
for evidence (due in working days), logs what it gathers, and writes findings. It ends in
recommendations; the landlord answers each at a Board or committee meeting, and what it
accepts becomes an action in the tracker (``actions.Action.recommendation``). The closing
report, the responses and the actions' progress are published to residents.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q


class Stage(models.TextChoices):
    """Where a review has got to, in the order a panel works through them."""

    PROPOSED = "proposed", "Proposed"
    SCOPING = "scoping", "Scoping"
    EVIDENCE = "evidence", "Gathering evidence"
    REPORTING = "reporting", "Writing the report"
    AWAITING_RESPONSE = "awaiting_response", "Awaiting the landlord's response"
    IMPLEMENTING = "implementing", "Recommendations being put in place"
    CLOSED = "closed", "Closed"


STAGE_ORDER = list(Stage.values)
# A review has started once it leaves "proposed" (the date is kept: reviews started in a year
# are counted against the strategy's target).
STARTED_STAGES = STAGE_ORDER[1:]


class Review(models.Model):
    title = models.CharField("topic", max_length=200)
    # Why the panel chose it, and the evidence it was chosen from (each optional).
    reason = models.TextField("why the panel chose it")
    survey = models.ForeignKey(
        "surveys.Survey",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="scrutiny_reviews",
        verbose_name="survey results it was chosen from",
    )
    service_area = models.ForeignKey(
        "involvement.ServiceArea",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="scrutiny_reviews",
    )
    complaint_category = models.ForeignKey(
        "complaints.Category",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="scrutiny_reviews",
        verbose_name="complaints it was chosen from",
        help_text="The category of complaints whose themes led the panel to this topic.",
    )
    service_standard = models.CharField(
        "service standard it looks at",
        max_length=200,
        blank=True,
        help_text="In words, e.g. 'Repairs within 28 days'.",
    )
    terms_of_reference = models.TextField(blank=True)
    panel = models.ForeignKey("involvement.Group", on_delete=models.PROTECT, related_name="scrutiny_reviews")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="scrutiny_reviews_led",
        verbose_name="officer lead",
    )
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.PROPOSED)
    started_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    # The committee the report goes to, and that committee's report deadline (from the
    # governance timetable's rules when the strategy has them).
    committee_on = models.DateField("committee date", null=True, blank=True)
    report_deadline = models.DateField(null=True, blank=True)

    # The panel's closing report (text and/or a file), and when it was published.
    report = models.TextField("closing report", blank=True)
    report_file = models.FileField(upload_to="scrutiny/%Y/", blank=True)
    published_on = models.DateField(null=True, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["-published_on", "-id"], name="review_published")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.published_on is not None

    @property
    def evidence_from(self) -> list[str]:
        """What the topic was chosen from, in words."""
        parts = []
        if self.survey_id:
            parts.append(f"Survey: {self.survey}")
        if self.service_area_id:
            parts.append(f"Service: {self.service_area}")
        if self.complaint_category_id:
            parts.append(f"Complaints about: {self.complaint_category}")
        if self.service_standard:
            parts.append(f"Service standard: {self.service_standard}")
        return parts


class NamedResident(models.Model):
    """A resident the officer named to be told of the review's outcome besides the panel's
    members (someone who raised the issue, a resident the change affects)."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="named")
    resident = models.ForeignKey("residents.Resident", on_delete=models.CASCADE, related_name="+")
    named_on = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["review", "resident"], name="scrutiny_named_once")]

    def __str__(self) -> str:
        return f"Resident named for {self.review}"


class Milestone(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=200)
    due_on = models.DateField()
    done_on = models.DateField(null=True, blank=True)
    # The final report: checked against the committee's report deadline.
    is_report = models.BooleanField("the final report", default=False)

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["review"], condition=Q(is_report=True), name="scrutiny_one_report_milestone"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def is_late(self, on: dt.date) -> bool:
        return self.done_on is None and self.due_on < on


class EvidenceRequest(models.Model):
    """The panel's request for information to a named officer, due in working days."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="requests")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="scrutiny_requests",
        verbose_name="officer asked (account)",
    )
    officer_name = models.CharField("officer asked (name)", max_length=160, blank=True)
    question = models.TextField("what the panel asked for")
    asked_on = models.DateField()
    due_on = models.DateField()
    # The working days it was given, and where that number came from (the strategy or the default).
    working_days = models.PositiveSmallIntegerField()
    answered_on = models.DateField(null=True, blank=True)
    answer = models.TextField(blank=True)
    late_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["asked_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(officer__isnull=False) | ~Q(officer_name=""),
                name="scrutiny_request_names_officer",
            )
        ]

    def __str__(self) -> str:
        return self.question[:80]

    @property
    def officer_display(self) -> str:
        return ", ".join(str(p) for p in (self.officer, self.officer_name) if p)

    @property
    def answered_late(self) -> bool:
        return self.answered_on is not None and self.answered_on > self.due_on

    def is_overdue(self, on: dt.date) -> bool:
        return self.answered_on is None and self.due_on < on


class EvidenceKind(models.TextChoices):
    DOCUMENT = "document", "Document"
    DATA = "data", "Data snapshot"
    SITE_VISIT = "site_visit", "Site visit"
    INTERVIEW = "interview", "Interview"
    MYSTERY_SHOPPING = "mystery_shopping", "Mystery shopping result"
    SURVEY = "survey", "Survey result"
    OTHER = "other", "Other"


class Evidence(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(max_length=20, choices=EvidenceKind.choices)
    title = models.CharField(max_length=200)
    # The date it describes: a data snapshot's date, the day of a visit or interview.
    describes_on = models.DateField("date it describes", null=True, blank=True)
    summary = models.TextField(blank=True)
    file = models.FileField(upload_to="scrutiny/%Y/", blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["describes_on", "pk"]
        verbose_name_plural = "evidence"

    def __str__(self) -> str:
        return self.title


class Finding(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="findings")
    order = models.PositiveSmallIntegerField()
    text = models.TextField()

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return f"Finding {self.order}"


class Response(models.TextChoices):
    """The landlord's formal response to a recommendation."""

    ACCEPTED = "accepted", "Accepted"
    PARTLY = "partly", "Partly accepted"
    NOT_ACCEPTED = "not_accepted", "Not accepted"
    CONSIDERING = "considering", "Still under consideration"


ACCEPTED_RESPONSES = (Response.ACCEPTED, Response.PARTLY)
# Responses that must say why.
REASONED_RESPONSES = (Response.PARTLY, Response.NOT_ACCEPTED)
NO_RESPONSE = "none"
NO_RESPONSE_LABEL = "No response yet"


class Recommendation(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="recommendations")
    order = models.PositiveSmallIntegerField()
    text = models.TextField()
    findings = models.ManyToManyField(Finding, blank=True, related_name="recommendations")
    # The landlord's response: empty until one is recorded.
    response = models.CharField(max_length=16, choices=Response.choices, blank=True)
    reasons = models.TextField(blank=True)
    responded_at = models.ForeignKey(
        "activities.Activity",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="scrutiny_responses",
        verbose_name="meeting that considered it",
    )
    responded_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return f"Recommendation {self.order}"

    @property
    def response_display(self) -> str:
        return self.get_response_display() if self.response else NO_RESPONSE_LABEL

    @property
    def is_accepted(self) -> bool:
        return self.response in ACCEPTED_RESPONSES

    @property
    def awaiting(self) -> bool:
        return self.response in ("", Response.CONSIDERING)
