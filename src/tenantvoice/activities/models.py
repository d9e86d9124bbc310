"""Meetings and other activities, who was invited and who came, and hours of involvement."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone

from tenantvoice.involvement.models import Group
from tenantvoice.residents.models import Resident


class Venue(models.Model):
    name = models.CharField(max_length=160)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    step_free = models.BooleanField(default=False, help_text="Step-free access to the room and toilets.")
    hearing_loop = models.BooleanField(default=False)
    accessible_toilet = models.BooleanField(default=False)
    parking = models.BooleanField(default=False, help_text="Parking, including for Blue Badge holders.")
    access_notes = models.TextField(blank=True, help_text="Buses, entrances, lifts, quiet room ...")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def access_summary(self) -> list[str]:
        features = [
            ("step_free", "Step-free access"),
            ("hearing_loop", "Hearing loop"),
            ("accessible_toilet", "Accessible toilet"),
            ("parking", "Parking"),
        ]
        return [label for name, label in features if getattr(self, name)]


class ActivityKind(models.TextChoices):
    MEETING = "meeting", "Group meeting"
    CONFERENCE = "conference", "Conference"
    OPEN_DAY = "open_day", "Open day"
    ACTION_DAY = "action_day", "Neighbourhood action day"
    ESTATE_INSPECTION = "estate_inspection", "Estate inspection"
    TRAINING = "training", "Training"
    FOCUS_GROUP = "focus_group", "Focus group"
    OTHER = "other", "Other activity"


class Format(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    ONLINE = "online", "Online"
    HYBRID = "hybrid", "In person and online"


class Activity(models.Model):
    kind = models.CharField(max_length=24, choices=ActivityKind.choices, default=ActivityKind.MEETING)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    group = models.ForeignKey(
        Group, null=True, blank=True, on_delete=models.PROTECT, related_name="activities"
    )
    starts_at = models.DateTimeField(db_index=True)
    ends_at = models.DateTimeField()
    format = models.CharField(max_length=16, choices=Format.choices, default=Format.IN_PERSON)
    venue = models.ForeignKey(
        Venue, null=True, blank=True, on_delete=models.PROTECT, related_name="activities"
    )
    online_details = models.TextField(blank=True, help_text="How to join online (sent to participants only).")
    public = models.BooleanField(default=False, help_text="Shown on the public calendar.")
    # A series of repeats shares a key, so the whole series can be changed or cancelled together.
    series_key = models.CharField(max_length=36, blank=True, db_index=True)
    # Notice: when invitations went out, and why late notice was unavoidable (a breach otherwise).
    notice_sent_on = models.DateField(null=True, blank=True)
    late_notice_reason = models.TextField(blank=True)
    # When the papers (agenda, reports) last went to the participants.
    papers_sent_on = models.DateField(null=True, blank=True)
    cancelled = models.BooleanField(default=False)
    # How many times its time or status has changed: the calendar feeds' SEQUENCE, so a
    # calendar app updates its copy of the event instead of keeping a stale one beside it.
    # Raised only by the services that move or cancel it (activities.services).
    sequence = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name_plural = "activities"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="activities_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({timezone.localtime(self.starts_at):%d/%m/%Y})"

    @property
    def date(self) -> dt.date:
        return timezone.localtime(self.starts_at).date()

    @property
    def hours(self) -> Decimal:
        """The activity's length in hours, to the nearest quarter hour, for hours of involvement."""
        quarters = round((self.ends_at - self.starts_at).total_seconds() / 900)
        return Decimal(quarters) / 4

    def notice_due_by(self, notice_working_days: int, nation: str) -> dt.date:
        """The last day notice can go out and still meet the standard."""
        from tenantvoice.core.working_days import add_working_days

        return add_working_days(self.date, -notice_working_days, nation)


class Rsvp(models.TextChoices):
    INVITED = "invited", "Invited, no reply yet"
    YES = "yes", "Coming"
    NO = "no", "Not coming"
    MAYBE = "maybe", "Maybe"


class Attendance(models.TextChoices):
    UNKNOWN = "", "Not recorded"
    PRESENT = "present", "Present"
    APOLOGIES = "apologies", "Sent apologies"
    ABSENT = "absent", "Absent"


class Participant(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="participants")
    resident = models.ForeignKey(Resident, on_delete=models.PROTECT, related_name="activity_places")
    rsvp = models.CharField(max_length=8, choices=Rsvp.choices, default=Rsvp.INVITED)
    attendance = models.CharField(
        max_length=10, choices=Attendance.choices, default=Attendance.UNKNOWN, blank=True
    )
    invited_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["resident__last_name_key", "resident__first_name_key"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "resident"], name="activities_one_place_each")
        ]

    def __str__(self) -> str:
        return f"{self.resident} at {self.activity}"


class HoursLog(models.Model):
    """Time given outside meetings, e.g. reviewing a leaflet at home."""

    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="hours_logged")
    on = models.DateField()
    hours = models.DecimalField(max_digits=5, decimal_places=2)
    description = models.CharField(max_length=300)
    group = models.ForeignKey(Group, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-on", "-pk"]

    def __str__(self) -> str:
        return f"{self.hours} h by {self.resident_id} on {self.on}"


class Minutes(models.Model):
    """The minutes of an activity and when they went to every participant.

    ``text`` is what was last sent (empty until the first send); ``draft`` is what the officer
    is writing, previewed and then sent, so a correction can be drafted without changing what
    participants already have."""

    activity = models.OneToOneField(Activity, on_delete=models.CASCADE, related_name="minutes")
    text = models.TextField(blank=True)
    draft = models.TextField(blank=True)
    draft_saved_at = models.DateTimeField(null=True, blank=True)
    sent_on = models.DateField(null=True, blank=True)
    late_reason = models.TextField(blank=True, help_text="Why they went out after the standard's deadline.")
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name_plural = "minutes"

    def __str__(self) -> str:
        return f"Minutes of {self.activity}"


class InformationRequest(models.Model):
    """A resident's or group's request for information, answered within the standard."""

    resident = models.ForeignKey(Resident, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    group = models.ForeignKey(Group, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    received_on = models.DateField()
    question = models.TextField()
    due_on = models.DateField(null=True, blank=True)
    answered_on = models.DateField(null=True, blank=True)
    answer = models.TextField(blank=True)
    late_reason = models.TextField(blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-received_on", "-pk"]
        # The staff home's "Requests for information to answer", in its order.
        indexes = [
            models.Index(
                fields=["due_on", "received_on", "id"],
                condition=models.Q(answered_on__isnull=True),
                name="request_unanswered_idx",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(resident__isnull=False) | models.Q(group__isnull=False),
                name="activities_request_has_requester",
            )
        ]

    def __str__(self) -> str:
        return f"Request of {self.received_on}"

    @property
    def answered_late(self) -> bool:
        return self.due_on is not None and self.answered_on is not None and self.answered_on > self.due_on


class SupportKind(models.TextChoices):
    TRANSPORT = "transport", "Transport (a taxi if you are disabled)"
    CHILDCARE = "childcare", "Childcare for children under 16"
    CARER = "carer", "Carer allowance"
    INTERPRETER = "interpreter", "An interpreter"
    BSL = "bsl", "A British Sign Language signer"
    HEARING_LOOP = "hearing_loop", "A hearing loop"
    LARGE_PRINT = "large_print", "Large-print papers"
    CRECHE = "creche", "A crèche"
    OTHER = "other", "Something else"


class SupportStatus(models.TextChoices):
    REQUESTED = "requested", "Asked for"
    ARRANGED = "arranged", "Arranged"
    NOT_POSSIBLE = "not_possible", "Could not be arranged"


class SupportRequest(models.Model):
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="support_requests")
    kind = models.CharField(max_length=16, choices=SupportKind.choices)
    details = models.CharField(
        max_length=500, blank=True, help_text="e.g. the language, or the children's ages"
    )
    status = models.CharField(max_length=16, choices=SupportStatus.choices, default=SupportStatus.REQUESTED)
    officer_note = models.CharField(max_length=500, blank=True)
    requested_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["requested_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.participant}"


class ClaimStatus(models.TextChoices):
    SUBMITTED = "submitted", "Sent, waiting for a decision"
    APPROVED = "approved", "Approved, waiting to be paid"
    REJECTED = "rejected", "Not approved"
    PAID = "paid", "Paid"


class ExpenseClaim(models.Model):
    resident = models.ForeignKey(Resident, on_delete=models.PROTECT, related_name="expense_claims")
    activity = models.ForeignKey(Activity, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    description = models.CharField(max_length=300)
    amount = models.DecimalField(max_digits=8, decimal_places=2)
    receipt = models.FileField(upload_to="receipts/%Y/%m/", blank=True)
    status = models.CharField(max_length=12, choices=ClaimStatus.choices, default=ClaimStatus.SUBMITTED)
    budget_code = models.CharField(max_length=40, blank=True)
    decision_note = models.CharField(max_length=500, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    paid_on = models.DateField(null=True, blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-submitted_at", "-pk"]

    def __str__(self) -> str:
        return f"£{self.amount} claimed by {self.resident_id}"


class Paper(models.Model):
    """A meeting paper (agenda, report), for participants only, with a large-print version."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="papers")
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to="papers/%Y/")
    large_print = models.FileField(upload_to="papers/%Y/", blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.title
