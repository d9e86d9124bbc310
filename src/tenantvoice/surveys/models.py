"""Surveys: questions (with filters and translations), invitations, and one row per answer.

Each response keeps the respondent's area, tenure group, property type and age band as they
were when they answered, so results break down with plain GROUP BYs on one table and stay true
after people move.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models

from tenantvoice.core.models import Correction
from tenantvoice.residents.models import Resident


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class Survey(models.Model):
    title = models.CharField(max_length=200)
    intro = models.TextField(blank=True, help_text="What it is for and how long it takes, in plain words.")
    status = models.CharField(max_length=8, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT)
    opens_on = models.DateField(null=True, blank=True)
    closes_on = models.DateField(null=True, blank=True)
    # Anonymous: responses keep no link to the resident (invitations still know who answered).
    anonymous = models.BooleanField(default=False)
    # Public: anyone with the open link may answer (rate-limited), as well as those invited.
    public = models.BooleanField(default=False)
    audience = models.JSONField(default=dict, blank=True)  # audiences.rules.Audience
    # An exit survey: sent automatically to those present at each activity (issue 5).
    after_activities = models.BooleanField(
        "exit survey for activities",
        default=False,
        help_text="Sent automatically, the day after, to everyone marked present at a meeting or event.",
    )
    closed_on = models.DateField(null=True, blank=True)
    # For the survey-approach summary published with the TSMs.
    sample_size = models.PositiveIntegerField(
        null=True, blank=True, help_text="Set when a random sample was invited rather than everyone."
    )
    sampling = models.CharField(
        max_length=500, blank=True, help_text="How the sample was stratified, with each group's share."
    )
    contractor = models.CharField("external contractor", max_length=200, blank=True)
    incentives = models.CharField(max_length=300, blank=True, help_text="For example a prize draw.")
    method_notes = models.TextField(
        "other notes on method",
        blank=True,
        help_text="Anything else the Regulator asks about: exclusions, a sample size not met, and why.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class QuestionKind(models.TextChoices):
    SATISFACTION = "satisfaction", "Satisfaction (very satisfied ... very dissatisfied)"
    AGREEMENT = "agreement", "Agree or disagree"
    SINGLE = "single", "One choice"
    MULTIPLE = "multiple", "Several choices"
    RATING = "rating", "Rating from 1 to 10"
    NUMBER = "number", "A number"
    TEXT = "text", "Free text"
    YES_NO = "yes_no", "Yes or no"


SATISFACTION = [
    ("very_satisfied", "Very satisfied"),
    ("fairly_satisfied", "Fairly satisfied"),
    ("neither", "Neither satisfied nor dissatisfied"),
    ("fairly_dissatisfied", "Fairly dissatisfied"),
    ("very_dissatisfied", "Very dissatisfied"),
]
AGREEMENT = [
    ("strongly_agree", "Strongly agree"),
    ("agree", "Agree"),
    ("neither", "Neither agree nor disagree"),
    ("disagree", "Disagree"),
    ("strongly_disagree", "Strongly disagree"),
]
YES_NO = [("yes", "Yes"), ("no", "No")]
# The answers that count as "satisfied" (or "agree") in a percentage.
POSITIVE = {"very_satisfied", "fairly_satisfied", "strongly_agree", "agree"}


class Question(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveIntegerField()
    section = models.CharField(
        max_length=120, blank=True, help_text="Questions with the same section show together."
    )
    code = models.CharField(
        max_length=16, blank=True, help_text="e.g. TP01 for a Tenant Satisfaction Measure."
    )
    kind = models.CharField(max_length=16, choices=QuestionKind.choices)
    text = models.TextField()
    help_text = models.CharField(max_length=300, blank=True)
    required = models.BooleanField(default=False)
    # For single and multiple choice: [[code, label], ...]; others use the fixed scales above.
    options = models.JSONField(default=list, blank=True)
    # Asked only when the answer to ``filter_question`` is one of ``filter_values``.
    filter_question = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="filtered"
    )
    filter_values = models.JSONField(default=list, blank=True)
    # {"cy": {"text": "...", "options": {"code": "label"}}}
    translations = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["survey", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.code or self.order}: {self.text[:60]}"

    def choices(self) -> list[tuple[str, str]]:
        fixed = {
            QuestionKind.SATISFACTION: SATISFACTION,
            QuestionKind.AGREEMENT: AGREEMENT,
            QuestionKind.YES_NO: YES_NO,
        }
        if self.kind in fixed:
            return list(fixed[QuestionKind(self.kind)])
        if self.kind == QuestionKind.RATING:
            return [(str(n), str(n)) for n in range(1, 11)]
        return [(str(code), str(label)) for code, label in self.options]

    def in_language(self, language: str) -> tuple[str, list[tuple[str, str]]]:
        """The question's text and choices in ``language`` where translated, else English."""
        translated = self.translations.get(language) or {}
        labels = translated.get("options") or {}
        return translated.get("text") or self.text, [(c, labels.get(c, label)) for c, label in self.choices()]


class Channel(models.TextChoices):
    PORTAL = "portal", "Website, signed in"
    LINK = "link", "Personal link"
    OPEN = "open", "Open link"
    PAPER = "paper", "Paper form"
    PHONE = "phone", "Telephone"
    IMPORT = "import", "Contractor's file"


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Invitation(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="survey_invitations")
    # For an exit survey: the activity the resident attended (one invitation per activity).
    activity = models.ForeignKey(
        "activities.Activity",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="exit_invitations",
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)
    sent_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "resident"],
                condition=models.Q(activity__isnull=True),
                name="one_invitation_per_resident",
            ),
            models.UniqueConstraint(
                fields=["survey", "resident", "activity"],
                condition=models.Q(activity__isnull=False),
                name="one_exit_invitation_per_activity",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.survey} to {self.resident_id}"


class Response(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    invitation = models.OneToOneField(
        Invitation, null=True, blank=True, on_delete=models.SET_NULL, related_name="response"
    )
    resident = models.ForeignKey(
        Resident, null=True, blank=True, on_delete=models.SET_NULL, related_name="survey_responses"
    )
    # An exit survey's response is about one activity (its invitation's): one per activity.
    activity = models.ForeignKey(
        "activities.Activity", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    channel = models.CharField(max_length=8, choices=Channel.choices)
    # Who they were when they answered, for breakdowns (blank when not known).
    area = models.ForeignKey(
        "residents.Area", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    tenure_group = models.CharField(max_length=8, blank=True)  # lcra, lcho or other
    tenure = models.CharField(max_length=24, blank=True)
    property_type = models.CharField(max_length=16, blank=True)
    age_band = models.CharField(max_length=8, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["survey", "channel"])]
        # One response per resident per survey (per activity for an exit survey), whatever the
        # route. Responses with no resident (open link, anonymous surveys) are not covered:
        # an anonymous survey's one-per-resident is its invitation's (decision 0020).
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "resident"],
                condition=models.Q(resident__isnull=False, activity__isnull=True),
                name="one_response_per_resident",
                violation_error_message="This resident has already answered this survey.",
            ),
            models.UniqueConstraint(
                fields=["survey", "resident", "activity"],
                condition=models.Q(resident__isnull=False, activity__isnull=False),
                name="one_exit_response_per_activity",
                violation_error_message="This resident has already answered this survey about this activity.",
            ),
        ]

    def __str__(self) -> str:
        return f"Response {self.pk} to {self.survey_id}"


class Answer(models.Model):
    """One answer; a multiple-choice question has one row per choice ticked."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    choice = models.CharField(max_length=40, blank=True, db_index=True)
    number = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["question", "choice"])]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.choice or self.number or self.text[:20]}"


class PeerGroup(models.Model):
    """Other landlords' published TSM results (e.g. from the Regulator's data or a benchmarking
    club), so that each of ours can be shown with its quartile."""

    name = models.CharField(max_length=200, help_text="For example: London housing associations 2025/26.")
    source = models.CharField(max_length=300, blank=True, help_text="Where the figures come from.")
    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-imported_at", "-pk"]

    def __str__(self) -> str:
        return self.name


class PeerFigure(models.Model):
    peer_group = models.ForeignKey(PeerGroup, on_delete=models.CASCADE, related_name="figures")
    landlord = models.CharField(max_length=200)
    measure = models.CharField(max_length=8)  # TP01 ... TP12
    tenure_group = models.CharField(max_length=8)  # lcra or lcho
    percent = models.DecimalField(max_digits=5, decimal_places=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["peer_group", "landlord", "measure", "tenure_group"], name="surveys_one_peer_figure"
            )
        ]

    def __str__(self) -> str:
        return f"{self.landlord} {self.measure} {self.tenure_group}: {self.percent}%"


class SurveyCorrection(Correction):
    """One correction of an open survey's wording, kept as a version (decision 0028): the
    title, the introduction, a question's text or hint, or one answer's label (never its
    value, so answers already given keep their meaning)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="corrections")
    question = models.ForeignKey(
        Question, null=True, blank=True, on_delete=models.CASCADE, related_name="corrections"
    )
    # "title", "intro", "text", "help_text", or "option:<value>" for an answer's label.
    field = models.CharField(max_length=60)

    def __str__(self) -> str:
        return f"Correction of {self.field} in survey {self.survey_id}"

    @property
    def what(self) -> str:
        """What was corrected, in plain words."""
        if self.question_id is None:
            return {"title": "Title", "intro": "Introduction"}.get(self.field, self.field)
        number = self.question.order if self.question else ""
        if self.field.startswith("option:"):
            return f"Question {number}: an answer"
        return f"Question {number}: {'hint' if self.field == 'help_text' else 'the question'}"


def survey_topic(survey_id: int) -> str:
    """The summary topic of one survey's questions, invitations and responses (decision 0040)."""
    return f"survey:{survey_id}"
