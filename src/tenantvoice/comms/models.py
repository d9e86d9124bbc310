"""The outbox: every message to a resident is a row, written in the same transaction as the
event that causes it and sent afterwards by the task worker."""

from __future__ import annotations

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
    TO_PRINT = "to_print", "Waiting to be printed"
    PRINTED = "printed", "Printed and posted"
    FAILED = "failed", "Could not be sent"
    NOT_SENT = "not_sent", "Not sent: no way to reach them"


class Message(models.Model):
    recipient = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="messages")
    purpose = models.CharField(max_length=8, choices=Purpose.choices, default=Purpose.SERVICE)
    channel = models.CharField(max_length=8, choices=MessageChannel.choices)
    template = models.CharField(max_length=80)
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
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} to {self.recipient_id}: {self.subject}"
