"""Consultations: a proposal residents reply to before a closing date, and what was decided.

Scottish statutory consultations (Housing (Scotland) Act 2001 s54, the Thenue seed) also
record the notice given to each affected tenant and registered tenant organisation, every
representation received, and the regard had to them before the decision.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models

from tenantvoice.core.models import Correction
from tenantvoice.residents.models import Resident


class Topic(models.TextChoices):
    POLICY = "policy", "A policy"
    HOUSING_MANAGEMENT = "housing_management", "Housing management"
    REPAIRS = "repairs", "Repairs and maintenance"
    SERVICE_STANDARDS = "service_standards", "Standards of service"
    PARTICIPATION = "participation", "The tenant participation strategy"
    NEIGHBOURHOOD = "neighbourhood", "A neighbourhood or estate"
    OTHER = "other", "Something else"


class ConsultationStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed: considering replies"
    DECIDED = "decided", "Decided"


class Consultation(models.Model):
    title = models.CharField(max_length=200)
    summary = models.TextField(help_text="In plain words: what we propose and why.")
    proposal = models.TextField(blank=True, help_text="The proposal in full.")
    likely_effect = models.TextField(
        help_text="How it would affect residents. Scottish statutory consultations must say this."
    )
    who_is_affected = models.TextField(blank=True)
    topic = models.CharField(max_length=24, choices=Topic.choices, default=Topic.POLICY)
    # Counted in the quarterly return's "policies subject to consultation" once closed.
    is_policy = models.BooleanField(default=True)
    statutory_s54 = models.BooleanField(
        "statutory consultation (Housing (Scotland) Act 2001 s54)",
        default=False,
        help_text="Notice to each affected tenant and registered tenant organisation is recorded.",
    )
    # Who is affected, as an audiences.rules.Audience; notices go to them.
    audience = models.JSONField(default=dict, blank=True)
    # The services it is about: recognised organisations consulted on them under their
    # agreement with the landlord (Thenue's Minutes of Agreement, Group.consulted_on) are told.
    service_areas = models.ManyToManyField(
        "involvement.ServiceArea",
        blank=True,
        related_name="consultations",
        verbose_name="services it is about",
    )
    opens_on = models.DateField(null=True, blank=True)
    closes_on = models.DateField()
    status = models.CharField(
        max_length=8, choices=ConsultationStatus.choices, default=ConsultationStatus.DRAFT
    )
    decision = models.TextField(blank=True)
    regard_had = models.TextField(
        blank=True, help_text="How the replies were considered, and what changed because of them."
    )
    decided_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-closes_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def is_open_on(self, on: dt.date) -> bool:
        return self.status == ConsultationStatus.OPEN and on <= self.closes_on


class ConsultationDocument(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to="consultations/%Y/")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.title


class Notice(models.Model):
    """Notice of a consultation to one tenant or one registered tenant organisation."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="notices")
    resident = models.ForeignKey(Resident, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    group = models.ForeignKey(
        "involvement.Group",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="consultation_notices",
    )
    sent_on = models.DateField()
    how = models.CharField(max_length=40, help_text="Email, letter, text message, by hand ...")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["consultation", "resident"], name="one_notice_per_tenant"),
            models.UniqueConstraint(fields=["consultation", "group"], name="one_notice_per_organisation"),
        ]

    def __str__(self) -> str:
        return f"Notice of {self.consultation} to {self.resident_id or self.group_id}"


class RepresentationChannel(models.TextChoices):
    PORTAL = "portal", "Website"
    EMAIL = "email", "Email"
    LETTER = "letter", "Letter"
    PHONE = "phone", "Phone"
    MEETING = "meeting", "At a meeting"


class Representation(models.Model):
    """A reply to a consultation, from a resident, an organisation, or someone named."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="representations")
    resident = models.ForeignKey(
        Resident, null=True, blank=True, on_delete=models.SET_NULL, related_name="representations"
    )
    group = models.ForeignKey(
        "involvement.Group", null=True, blank=True, on_delete=models.SET_NULL, related_name="representations"
    )
    from_name = models.CharField(max_length=200, blank=True, help_text="If not a resident on the register.")
    text = models.TextField()
    channel = models.CharField(
        max_length=8, choices=RepresentationChannel.choices, default=RepresentationChannel.PORTAL
    )
    received_on = models.DateField()
    # What the landlord made of it, for the regard-had record.
    response = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["received_on", "pk"]

    def __str__(self) -> str:
        return f"Reply to {self.consultation}"

    @property
    def who(self) -> str:
        if self.group_id:
            return str(self.group)
        if self.resident_id:
            return self.resident.display_name if self.resident else ""
        return self.from_name or "Not named"


class ConsultationCorrection(Correction):
    """One correction of an open consultation's wording, kept as a version (decision 0028):
    the text before and after, who corrected it and when."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="corrections")
    field = models.CharField(max_length=40)

    def __str__(self) -> str:
        return f"Correction of {self.field} in {self.consultation_id}"

    @property
    def field_label(self) -> str:
        field = Consultation._meta.get_field(self.field)
        return str(getattr(field, "verbose_name", self.field)).capitalize()


def consultation_topic(consultation_id: int) -> str:
    """The summary topic of one consultation's replies (decision 0040): who replied, as the
    "Who takes part" section on its page counts them."""
    return f"consultation:{consultation_id}"
