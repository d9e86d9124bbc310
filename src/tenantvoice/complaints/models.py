"""Complaints and service requests, the statutory clock, responses, learning and the
Ombudsman's cases (issue 17; DOMAIN.md capability 8; REGULATION.md: the Housing Ombudsman's
Complaint Handling Code 2024 and the SPSO model complaints handling procedure; decision 0046).

The rules of each procedure (how many stages, the working days to acknowledge and to answer,
the extension caps, who may handle stage 2) are data in ``data/procedures.toml``, read by
``procedures.py``; nothing here knows "5" or "10". Each stage keeps the procedure and version
that set its dates, so a later change of the data never moves a deadline already given.

The clock never pauses: there is no "on hold" state anywhere in these models. A step done late
is kept as late, with the reason, and shown.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q


class CaseKind(models.TextChoices):
    COMPLAINT = "complaint", "Complaint"
    SERVICE_REQUEST = "service_request", "Service request"


class ReceivedBy(models.TextChoices):
    """How it reached the landlord: "however made" (the Code's definition of a complaint)."""

    PORTAL = "portal", "Online (resident's account)"
    PHONE = "phone", "Phone"
    EMAIL = "email", "Email"
    LETTER = "letter", "Letter"
    IN_PERSON = "in_person", "In person"
    SOCIAL_MEDIA = "social_media", "Social media"
    REPRESENTATIVE = "representative", "A representative or third party"
    SURVEY = "survey", "A survey or consultation answer"


class CaseStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"
    REFUSED = "refused", "Not accepted"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Category(models.Model):
    """What a complaint is about: the landlord's own list, kept on a staff page."""

    name = models.CharField(max_length=120, unique=True)
    description = models.CharField(max_length=300, blank=True)
    active = models.BooleanField(default=True, help_text="Retired categories stay on old complaints.")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return self.name


class Complaint(models.Model):
    """A complaint or a service request (``kind``), however it was made."""

    reference = models.CharField(max_length=20, unique=True, editable=False)
    kind = models.CharField(max_length=16, choices=CaseKind.choices, default=CaseKind.COMPLAINT)
    resident = models.ForeignKey(
        "residents.Resident",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
        help_text="The resident it is about (or on behalf of).",
    )
    home = models.ForeignKey(
        "residents.Property",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    # Kept from the home when it is recorded, so themes by area do not move when a home's area
    # is corrected later, and the area report reads one table.
    area = models.ForeignKey(
        "residents.Area", null=True, blank=True, on_delete=models.SET_NULL, related_name="complaints"
    )
    # Low-cost rental or low-cost home ownership (CH01 reports them separately).
    ownership = models.BooleanField(
        "low-cost home ownership", default=False, help_text="From the tenure of the home when recorded."
    )
    received_by = models.CharField("how it was made", max_length=16, choices=ReceivedBy.choices)
    # A representative or third party acting for the resident (a relative, an advocate, a
    # councillor, an MP), with their consent noted.
    made_by_name = models.CharField("made by (if not the resident)", max_length=200, blank=True)
    made_by_relationship = models.CharField(max_length=120, blank=True)
    received_on = models.DateField()
    # When the matter happened or came to the resident's attention (the 12-month time limit).
    matter_on = models.DateField("when it happened", null=True, blank=True)
    categories = models.ManyToManyField(Category, blank=True, related_name="complaints")
    what_went_wrong = models.TextField()
    outcome_wanted = models.TextField("what the resident wants to happen", blank=True)
    status = models.CharField(max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    closed_on = models.DateField(null=True, blank=True)

    # The procedure the landlord follows (data/procedures.toml) and its version when recorded.
    procedure = models.CharField(max_length=40)
    procedure_version = models.CharField(max_length=40)

    # A service request the resident is unhappy with becomes a complaint; the request carries on.
    from_request = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints_raised",
        limit_choices_to={"kind": CaseKind.SERVICE_REQUEST},
        verbose_name="service request it came from",
    )
    # A new issue raised during stage 1 that is not related is logged as its own complaint and
    # points at the complaint it was raised in.
    raised_during = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="new_issues",
        verbose_name="complaint it was raised during",
    )

    # Not accepted: the detailed reasons and the right to go to the Ombudsman.
    refused_on = models.DateField(null=True, blank=True)
    refusal_reason = models.CharField(max_length=40, blank=True)
    refusal_detail = models.TextField(blank=True)
    withdrawn_on = models.DateField(null=True, blank=True)
    withdrawn_note = models.TextField(blank=True)

    # Bumped on each message to the resident, so each is its own outbox message.
    sequence = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received_on", "-pk"]
        indexes = [
            models.Index(fields=["kind", "received_on"], name="complaint_kind_received"),
            models.Index(fields=["area", "received_on"], name="complaint_area_received"),
            models.Index(
                fields=["received_on", "id"], condition=Q(status="open"), name="complaint_open_received"
            ),
            # The annual report's refusals by reason (complaints.report).
            models.Index(
                fields=["refused_on"], condition=Q(refused_on__isnull=False), name="complaint_refused_on"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference}"

    @property
    def is_open(self) -> bool:
        return self.status == CaseStatus.OPEN

    @property
    def is_complaint(self) -> bool:
        return self.kind == CaseKind.COMPLAINT


class Outcome(models.TextChoices):
    """The decision on each point of a complaint."""

    UPHELD = "upheld", "Upheld"
    PARTLY_UPHELD = "partly_upheld", "Partly upheld"
    NOT_UPHELD = "not_upheld", "Not upheld"


UPHELD_OUTCOMES = (Outcome.UPHELD, Outcome.PARTLY_UPHELD)


class Stage(models.Model):
    """One stage of a complaint under its procedure, with the dates its data set.

    ``acknowledge_due`` is counted from ``opened_on``; ``respond_due`` from the acknowledgement
    (or from receipt, as the procedure says), recomputed when the acknowledgement is recorded,
    and extended (within the cap) by :class:`Extension` rows. The dates are stored, not computed
    on read, so a report reads them in one query and a later change of the data moves nothing.
    """

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="stages")
    key = models.CharField(max_length=20)  # the procedure's stage key: stage_1, stage_2, frontline...
    number = models.PositiveSmallIntegerField()  # 1, 2: the order of the stage in its procedure
    name = models.CharField(max_length=80)
    procedure = models.CharField(max_length=40)
    procedure_version = models.CharField(max_length=40)
    # Stage 1: the day it was received. Stage 2: the day the resident asked for it.
    opened_on = models.DateField()
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaint_stages_handled",
    )
    # None when the stage has no acknowledgement step (the SPSO's frontline stage).
    acknowledge_due = models.DateField(null=True, blank=True)
    acknowledged_on = models.DateField(null=True, blank=True)
    # What the landlord understood the complaint to be ("define": the Code's acknowledgement).
    defined_as = models.TextField("the complaint as understood", blank=True)
    respond_due = models.DateField()
    # The date the response is due after any extension (the latest extension's date).
    respond_by = models.DateField()
    responded_on = models.DateField(null=True, blank=True)
    # Recorded when the step is recorded, never cleared: a late step stays late.
    acknowledged_late = models.BooleanField(default=False)
    responded_late = models.BooleanField(default=False)
    late_reason = models.TextField(blank=True)

    # The response: its words, and how to escalate (the next stage or the Ombudsman).
    response = models.TextField(blank=True)
    how_to_escalate = models.TextField(blank=True)

    class Meta:
        ordering = ["complaint", "number"]
        constraints = [
            models.UniqueConstraint(fields=["complaint", "number"], name="stage_once_per_complaint"),
            models.CheckConstraint(
                condition=Q(respond_by__gte=models.F("respond_due")), name="stage_no_early_extension"
            ),
        ]
        indexes = [
            models.Index(fields=["number", "responded_on"], name="stage_number_responded"),
            models.Index(
                fields=["respond_by", "id"], condition=Q(responded_on__isnull=True), name="stage_awaiting"
            ),
            # CH01 counts stages opened in a year, CH02 those answered in it (complaints.report).
            models.Index(fields=["opened_on"], name="stage_opened"),
            models.Index(fields=["responded_on"], name="stage_responded"),
        ]

    def __str__(self) -> str:
        return f"{self.complaint.reference} {self.name}"

    @property
    def is_extended(self) -> bool:
        return self.respond_by != self.respond_due

    def acknowledgement_overdue(self, on: dt.date) -> bool:
        return self.acknowledge_due is not None and self.acknowledged_on is None and on > self.acknowledge_due

    def response_overdue(self, on: dt.date) -> bool:
        return self.responded_on is None and on > self.respond_by

    @property
    def answered_in_time(self) -> bool | None:
        """For CH02: answered by the due date, an extension within the cap counting as in time."""
        if self.responded_on is None:
            return None
        return self.responded_on <= self.respond_by


class Extension(models.Model):
    """An extension of a stage's response date, within the procedure's cap, with the letter
    that told the resident the reason, the new date and the Ombudsman's contact details."""

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="extensions")
    new_date = models.DateField()
    reason = models.TextField()
    agreed_on = models.DateField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["stage", "new_date"]

    def __str__(self) -> str:
        return f"Extended to {self.new_date:%d/%m/%Y}"


class Point(models.Model):
    """One point of a stage's response: what was complained of, the decision and why."""

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="points")
    order = models.PositiveSmallIntegerField(default=1)
    summary = models.TextField("what the resident complained of")
    decision = models.CharField(max_length=16, choices=Outcome.choices)
    reasons = models.TextField()

    class Meta:
        ordering = ["stage", "order", "pk"]

    def __str__(self) -> str:
        return self.summary[:80]

    @property
    def is_upheld(self) -> bool:
        return self.decision in UPHELD_OUTCOMES


class RemedyKind(models.TextChoices):
    APOLOGY = "apology", "Apology"
    ACTION = "action", "Putting it right"
    COMPENSATION = "compensation", "Compensation"
    OTHER = "other", "Something else"


class Remedy(models.Model):
    """What the landlord does to put a point right."""

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="remedies")
    point = models.ForeignKey(
        Point, null=True, blank=True, on_delete=models.SET_NULL, related_name="remedies"
    )
    kind = models.CharField(max_length=16, choices=RemedyKind.choices)
    description = models.TextField()
    amount = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    amount_reason = models.TextField("why this amount", blank=True)
    paid_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["stage", "pk"]
        verbose_name_plural = "remedies"
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="compensation") | Q(amount__gt=0), name="remedy_compensation_has_amount"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.description[:60]}"


class Learning(models.Model):
    """What a complaint taught the landlord and the change made (as actions in the tracker),
    shown in "you said, we did" when ``public`` and sent to the scrutiny panel."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="learning")
    what_learnt = models.TextField()
    change_made = models.TextField("the change made or planned")
    public = models.BooleanField(
        default=True, help_text="Shown to residents in 'You said, we did', without the complainant's details."
    )
    recorded_on = models.DateField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-recorded_on", "-pk"]
        indexes = [models.Index(fields=["public", "-recorded_on"], name="learning_public")]

    def __str__(self) -> str:
        return self.what_learnt[:80]


class Determination(models.TextChoices):
    """The Housing Ombudsman's findings on each issue (REGULATION.md)."""

    SEVERE_MALADMINISTRATION = "severe_maladministration", "Severe maladministration"
    MALADMINISTRATION = "maladministration", "Maladministration"
    SERVICE_FAILURE = "service_failure", "Service failure"
    REASONABLE_REDRESS = "reasonable_redress", "Reasonable redress"
    NO_MALADMINISTRATION = "no_maladministration", "No maladministration"
    OUTSIDE_JURISDICTION = "outside_jurisdiction", "Outside jurisdiction"


ADVERSE_DETERMINATIONS = (
    Determination.SEVERE_MALADMINISTRATION,
    Determination.MALADMINISTRATION,
    Determination.SERVICE_FAILURE,
)


class OmbudsmanCase(models.Model):
    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="ombudsman_cases")
    reference = models.CharField("Ombudsman's case reference", max_length=40)
    referred_on = models.DateField()
    determined_on = models.DateField(null=True, blank=True)
    summary = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-referred_on", "-pk"]

    def __str__(self) -> str:
        return self.reference


class Finding(models.Model):
    """The Ombudsman's determination on one issue of a case."""

    case = models.ForeignKey(OmbudsmanCase, on_delete=models.CASCADE, related_name="findings")
    issue = models.TextField()
    determination = models.CharField(max_length=24, choices=Determination.choices)

    class Meta:
        ordering = ["case", "pk"]

    def __str__(self) -> str:
        return f"{self.get_determination_display()}: {self.issue[:60]}"


class Order(models.Model):
    """What the Ombudsman ordered, by when, and when the landlord complied."""

    case = models.ForeignKey(OmbudsmanCase, on_delete=models.CASCADE, related_name="orders")
    order = models.TextField()
    comply_by = models.DateField()
    complied_on = models.DateField(null=True, blank=True)
    compensation_ordered = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    compensation_paid = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    paid_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["case", "comply_by", "pk"]

    def __str__(self) -> str:
        return self.order[:80]

    def overdue(self, on: dt.date) -> bool:
        return self.complied_on is None and on > self.comply_by


class PossibleStatus(models.TextChoices):
    OFFERED = "offered", "To look at"
    RECORDED = "recorded", "Recorded as a complaint"
    DISMISSED = "dismissed", "Not a complaint"


class PossibleComplaint(models.Model):
    """A free-text survey answer or consultation reply that may express dissatisfaction,
    offered to an officer to record as a complaint or set aside with a reason (issue 17 item 1;
    the rule is ``possible.py``'s, its words ``data/dissatisfaction.toml``'s)."""

    answer = models.OneToOneField(
        "surveys.Answer", null=True, blank=True, on_delete=models.CASCADE, related_name="possible_complaint"
    )
    representation = models.OneToOneField(
        "consultations.Representation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="possible_complaint",
    )
    resident = models.ForeignKey(
        "residents.Resident", on_delete=models.CASCADE, related_name="possible_complaints"
    )
    # The words of the rule that matched, so the officer sees why it was offered.
    matched = models.CharField(max_length=300)
    # When the resident said it (the complaint's received date if it is recorded as one).
    said_on = models.DateField()
    status = models.CharField(max_length=10, choices=PossibleStatus.choices, default=PossibleStatus.OFFERED)
    complaint = models.ForeignKey(
        Complaint, null=True, blank=True, on_delete=models.SET_NULL, related_name="found_in"
    )
    dismissed_reason = models.CharField(max_length=300, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_on = models.DateField(null=True, blank=True)
    found_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-said_on", "-pk"]
        indexes = [models.Index(fields=["status", "-said_on"], name="possible_status_said")]
        constraints = [
            models.CheckConstraint(
                condition=Q(answer__isnull=False, representation__isnull=True)
                | Q(answer__isnull=True, representation__isnull=False),
                name="possible_one_source",
            )
        ]

    def __str__(self) -> str:
        return f"Possible complaint ({self.matched})"

    @property
    def text(self) -> str:
        source = self.answer if self.answer_id else self.representation
        return str(getattr(source, "text", ""))


class PossibleScan(models.Model):
    """One look through new survey answers and consultation replies: where it stopped, so the
    next starts there and nothing is read twice."""

    last_answer_id = models.PositiveBigIntegerField(default=0)
    last_representation_id = models.PositiveBigIntegerField(default=0)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    read = models.PositiveIntegerField(default=0)
    found = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"Scan of {self.started_at:%d/%m/%Y %H:%M}"


# --- The year's accountability: the self-assessment against the Code and the annual report ---


class RecordStatus(models.TextChoices):
    DRAFT = "draft", "Being prepared"
    PRESENTED = "presented", "Presented to the governing body"
    PUBLISHED = "published", "Published"


class GovernanceRecord(models.Model):
    """What the Code asks for every year and both records share: presented to the governing
    body at a recorded meeting, its response, then published alongside (REGULATION.md: "both
    to the governing body, whose response is published alongside them").

    ``year`` is the first calendar year of the reporting year (2024 is 2024/25, April to March;
    ``core.reporting_year.ReportingYear``)."""

    year = models.PositiveSmallIntegerField(unique=True)
    status = models.CharField(max_length=10, choices=RecordStatus.choices, default=RecordStatus.DRAFT)
    presented_at = models.ForeignKey(
        "activities.Activity",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="meeting it was presented at",
    )
    governing_body_response = models.TextField("the governing body's response", blank=True)
    # The figures as presented (core.tables.Table rows as JSON), so what the governing body
    # saw is what residents read, however later corrections move the live figures.
    figures = models.JSONField(default=list, blank=True)
    published_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
        ordering = ["-year"]

    @property
    def year_label(self) -> str:
        return f"{self.year}/{(self.year + 1) % 100:02d}"

    @property
    def is_published(self) -> bool:
        return self.published_on is not None


class SelfAssessment(GovernanceRecord):
    """The year's self-assessment against each provision of the Complaint Handling Code."""

    class Meta(GovernanceRecord.Meta):
        pass

    def __str__(self) -> str:
        return f"Complaint Handling Code self-assessment {self.year_label}"


class Compliance(models.TextChoices):
    YES = "yes", "Complies"
    PARTLY = "partly", "Partly complies"
    NO = "no", "Does not comply"


class Wording(models.TextChoices):
    """Where a provision's words came from (data/ombudsman_code_2024.toml's ``wording``)."""

    QUOTED = "quoted", "Quoted from the Code"
    SUMMARY = "summary", "A summary"
    LANDLORD = "landlord", "Added by the landlord from the Code"


class SelfAssessmentItem(models.Model):
    """One provision of the Code, its words copied from the data when the assessment began, and
    the landlord's assessment of it; actions where it is not met are in the tracker."""

    assessment = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE, related_name="items")
    number = models.CharField("provision", max_length=12)
    section = models.CharField(max_length=120)
    order = models.PositiveIntegerField(default=0)
    text = models.TextField("the Code's words")
    wording = models.CharField(max_length=10, choices=Wording.choices, default=Wording.QUOTED)
    # The copy the words came from breaks off (the text ends with "...").
    partial = models.BooleanField(default=False)
    source = models.URLField(max_length=400, blank=True)
    compliance = models.CharField(max_length=8, choices=Compliance.choices, blank=True)
    evidence = models.TextField(blank=True)
    commentary = models.TextField(blank=True)

    class Meta:
        ordering = ["assessment", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "number"], name="assessment_provision_once"),
        ]

    def __str__(self) -> str:
        return f"{self.number}"

    @property
    def met(self) -> bool:
        return self.compliance == Compliance.YES


class AnnualReport(GovernanceRecord):
    """The annual complaints performance and service improvement report. Its figures come from
    ``complaints.report``; what the landlord writes is the commentary, and who the Member
    Responsible for Complaints is."""

    commentary = models.TextField(
        "commentary", blank=True, help_text="What the figures show and what the landlord will do about it."
    )
    member_responsible = models.CharField(
        "Member Responsible for Complaints",
        max_length=200,
        blank=True,
        help_text="The member of the governing body (the Code: a Member Responsible for Complaints).",
    )
    member_responsible_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="their account (to read the reports)",
    )

    class Meta(GovernanceRecord.Meta):
        pass

    def __str__(self) -> str:
        return f"Annual complaints performance and service improvement report {self.year_label}"
