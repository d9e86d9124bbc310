"""The outbox: every message to a resident is a row, written in the same transaction as the
event that causes it and sent afterwards by the task worker."""

from __future__ import annotations

import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.db import models

from tenantvoice.residents.models import Resident


class Purpose(models.TextChoices):
    SERVICE = "service", "About their home, tenancy or involvement"
    NEWS = "news", "News and newsletters"


class MessageChannel(models.TextChoices):
    EMAIL = "email", "Email"
    LETTER = "letter", "Letter"
    SMS = "sms", "Text message"


class MessageStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to be sent"
    SENDING = "sending", "Being sent"
    SENT = "sent", "Sent"
    DELIVERED = "delivered", "Delivered"
    BOUNCED = "bounced", "Bounced: the address or number did not work"
    TO_PRINT = "to_print", "Waiting to be printed"
    PRINTED = "printed", "Printed and posted"
    FAILED = "failed", "Could not be sent"
    NOT_SENT = "not_sent", "Not sent: no way to reach them"


def message_id_domain() -> str:
    """The right-hand side of our Message-IDs: the site's host name (TENANTVOICE_SITE_URL)."""
    from django.core.mail.utils import DNS_NAME

    return urlsplit(settings.TENANTVOICE_SITE_URL).hostname or str(DNS_NAME)


def new_message_id() -> str:
    """A Message-ID fixed when the message is queued, so every attempt to send it carries it."""
    return f"<{uuid.uuid4().hex}@{message_id_domain()}>"


class Message(models.Model):
    # None only for account messages to staff (a password reset), who have no resident record.
    recipient = models.ForeignKey(
        Resident, null=True, blank=True, on_delete=models.CASCADE, related_name="messages"
    )
    purpose = models.CharField(max_length=8, choices=Purpose.choices, default=Purpose.SERVICE)
    channel = models.CharField(max_length=8, choices=MessageChannel.choices)
    template = models.CharField(max_length=80)
    # Which wording was used: 0 is the built-in text of comms.catalogue, else the officer's version.
    template_version = models.PositiveIntegerField(default=0)
    language = models.CharField(max_length=16, default="en")
    # Where it went (email address, mobile number, or "post"), so a bounce flags that detail.
    to = models.CharField(max_length=254, blank=True)
    campaign = models.ForeignKey(
        "Campaign", null=True, blank=True, on_delete=models.SET_NULL, related_name="messages"
    )
    # The mass send that queued it (decision 0018), so its progress page can say what was sent.
    send_run = models.ForeignKey(
        "SendRun", null=True, blank=True, on_delete=models.SET_NULL, related_name="messages"
    )
    subject = models.CharField(max_length=200)
    body = models.TextField()
    # Notes for the post room and the sender: large print, easy read, braille, translation.
    format_notes = models.CharField(max_length=200, blank=True)
    status = models.CharField(
        max_length=10, choices=MessageStatus.choices, default=MessageStatus.QUEUED, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    # One message per cause and recipient: queuing the same invitation twice does nothing.
    dedupe_key = models.CharField(max_length=120, unique=True)
    # When a failed message may be tried again, and when a worker claimed it for sending.
    next_attempt_at = models.DateTimeField(null=True, blank=True, db_index=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    # The process that claimed it ("host:pid:nonce"), so a dead one's claims are recovered at once.
    claimed_by = models.CharField(max_length=64, blank=True)
    # The email's Message-ID, fixed before the first attempt: a resend after a crash carries the
    # same one, so mail systems that deduplicate on it show one email (decision 0019).
    message_id = models.CharField(max_length=200, blank=True, default=new_message_id)
    # The provider's id for it (Notify's notification id, the email's Message-ID), which
    # delivery receipts and bounces are matched on.
    provider_ref = models.CharField(max_length=200, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["channel", "status", "next_attempt_at"]),
            # The staff pages' "messages are waiting longer than expected" check.
            models.Index(fields=["status", "created_at"], name="comms_message_waiting_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} to {self.recipient_id}: {self.subject}"


class Template(models.Model):
    """Wording officers own: a kind from comms.catalogue they changed, or their own (news)."""

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=160)
    purpose = models.CharField(max_length=8, choices=Purpose.choices, default=Purpose.NEWS)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class TemplateVersion(models.Model):
    """One saved wording of a template in one language. Never edited: a change is a new version."""

    template = models.ForeignKey(Template, on_delete=models.CASCADE, related_name="versions")
    language = models.CharField(max_length=16, default="en")
    number = models.PositiveIntegerField()
    subject = models.CharField(max_length=200)
    body = models.TextField()
    sms = models.TextField("text message", blank=True)
    note = models.CharField("what changed", max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Set when the readers panel approves this wording ("Resident Approved").
    resident_approved_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["template", "language", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["template", "language", "number"], name="one_number_per_language")
        ]

    def __str__(self) -> str:
        return f"{self.template.name} ({self.language}) v{self.number}"


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    QUEUED = "queued", "Sending"
    SENT = "sent", "Sent"


class Campaign(models.Model):
    """A newsletter or announcement to an audience (audiences.rules.Audience as JSON)."""

    name = models.CharField(max_length=160)
    template = models.ForeignKey(Template, on_delete=models.PROTECT, related_name="campaigns")
    purpose = models.CharField(max_length=8, choices=Purpose.choices, default=Purpose.NEWS)
    audience = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=8, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT)
    # Counts by channel and "cannot be reached" at the moment it was sent.
    counts = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.name


class SendKind(models.TextChoices):
    CAMPAIGN = "campaign", "Campaign"
    SURVEY_INVITATION = "survey_invitation", "Survey invitations"
    SURVEY_REMINDER = "survey_reminder", "Survey reminders"
    EXIT_SURVEY = "exit_survey", "Exit survey invitations"
    CONSULTATION_NOTICE = "consultation_notice", "Notice of a consultation"
    ACTIVITY_INVITATION = "activity_invitation", "Invitations to an activity"
    OUTCOME = "outcome", "You said, we did"
    ANNUAL_REPORT = "annual_report", "The annual report to residents"


class SendStatus(models.TextChoices):
    WAITING = "waiting", "Waiting for the worker"
    RUNNING = "running", "Queuing messages"
    DONE = "done", "All messages queued"
    FAILED = "failed", "Stopped by a problem"


class SendRun(models.Model):
    """One mass send (decision 0018): what is sent to whom, worked through by the task worker in
    chunks of residents in id order, each chunk in its own transaction with ``last_key``, so
    a run stopped part-way carries on where it stopped and nobody gets a message twice."""

    kind = models.CharField(max_length=24, choices=SendKind.choices)
    # The survey, consultation, activity, campaign or outcome it is about (which: ``kind``).
    object_id = models.PositiveIntegerField()
    title = models.CharField(max_length=250)
    # The rule that picks the residents (and any parameters: a sample, the day of a reminder).
    rule = models.JSONField(default=dict, blank=True)
    # Resident ids fixed when the run started (a random sample); None: the rule, read per chunk.
    snapshot = models.JSONField(null=True, blank=True)
    status = models.CharField(max_length=8, choices=SendStatus.choices, default=SendStatus.WAITING)
    total = models.PositiveIntegerField(null=True, blank=True)  # residents, once counted
    processed = models.PositiveIntegerField(default=0)  # residents worked through
    queued = models.PositiveIntegerField(default=0)  # messages queued (including "not sent" records)
    last_key = models.PositiveBigIntegerField(default=0)  # the last resident id done
    # Counts by channel, cannot be reached (and why) and formats, as queued (campaigns.Reach).
    reach = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Set after each chunk: a run not touched for a while was left by a worker that stopped.
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["kind", "object_id"])]

    def __str__(self) -> str:
        return self.title

    @property
    def finished(self) -> bool:
        return self.status == SendStatus.DONE


class ReviewOutcome(models.TextChoices):
    OPEN = "open", "Open for comments"
    APPROVED = "approved", "Resident Approved"
    CHANGES = "changes", "Changes needed"


class Review(models.Model):
    """A document or template sent to the readers panel for comment (Tower Hamlets Homes)."""

    title = models.CharField(max_length=200)
    template_version = models.ForeignKey(
        TemplateVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="reviews"
    )
    document = models.FileField(upload_to="reviews/%Y/", blank=True)
    text = models.TextField(blank=True, help_text="The wording to review, if not a file.")
    group = models.ForeignKey("involvement.Group", on_delete=models.PROTECT, related_name="reviews")
    question = models.TextField(
        default="Is this clear and easy to understand? What would you change?",
        help_text="What the panel is asked.",
    )
    closes_on = models.DateField()
    outcome = models.CharField(max_length=8, choices=ReviewOutcome.choices, default=ReviewOutcome.OPEN)
    outcome_note = models.TextField(blank=True)
    decided_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class ReviewComment(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="comments")
    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="review_comments")
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [models.UniqueConstraint(fields=["review", "resident"], name="one_comment_per_reader")]

    def __str__(self) -> str:
        return f"Comment on {self.review} by {self.resident_id}"
