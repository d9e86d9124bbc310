"""The landlord this deployment serves, the audit log, and the shape of a kept correction."""

from __future__ import annotations

from typing import Any, Self

from django.conf import settings
from django.db import models


class Nation(models.TextChoices):
    """UK nations whose bank holidays differ. Wales shares England's."""

    ENGLAND_AND_WALES = "england-and-wales", "England and Wales"
    SCOTLAND = "scotland", "Scotland"
    NORTHERN_IRELAND = "northern-ireland", "Northern Ireland"


class Landlord(models.Model):
    """The one landlord a deployment serves. Configuration, not code, describes it."""

    name = models.CharField(max_length=200)
    nation = models.CharField(max_length=32, choices=Nation.choices, default=Nation.ENGLAND_AND_WALES)
    suppression_threshold = models.PositiveSmallIntegerField(
        default=5,
        help_text="Counts below this are hidden in any aggregate of personal or equality data.",
    )
    # Age bands of reports of who takes part, as [low, high] pairs (high null: "and over");
    # empty: the platform's default bands (see tenantvoice.core.age_bands).
    age_bands = models.JSONField(default=list, blank=True)
    strategy = models.CharField(max_length=64, blank=True, help_text="Loaded strategy's name.")
    # Service standards from the strategy (see tenantvoice.strategies.standards).
    standards = models.JSONField(default=dict, blank=True)
    # Where each standard comes from (see tenantvoice.strategies.loader).
    standards_sources = models.JSONField(default=dict, blank=True)
    # Governance timetable rules from the strategy (see tenantvoice.activities.governance).
    governance = models.JSONField(default=list, blank=True)
    # How residents reach the landlord: the footer, the contact page and every "contact us".
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    address = models.TextField(blank=True, help_text="The postal address, one line of it per line.")
    opening_hours = models.TextField(blank=True, help_text="For example: Monday to Friday, 9am to 5pm.")
    # The published pages, in the plain-text format of core.published (blank: the template).
    privacy_notice = models.TextField(blank=True)
    accessibility_statement = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "landlord"

    def __str__(self) -> str:
        return self.name


class AuditAction(models.TextChoices):
    VIEW = "view", "Viewed"
    VIEW_EQUALITY = "view_equality", "Viewed equality data"
    CREATE = "create", "Created"
    UPDATE = "update", "Changed"
    DELETE = "delete", "Deleted"
    EXPORT = "export", "Downloaded"
    IMPORT = "import", "Imported"
    SEARCH = "search", "Searched"
    SIGN_IN = "sign_in", "Signed in"
    SIGN_IN_FAILED = "sign_in_failed", "Failed sign-in"


class AuditEvent(models.Model):
    """One access to or change of personal data. Written by services, never edited."""

    occurred_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_events",
    )
    # Kept as text as well so the log still says who it was after an account is deleted.
    # Stored in lower case (as sign-in emails are), so the audit log's filter is an indexed match.
    actor_label = models.CharField(max_length=254, blank=True, db_index=True)
    action = models.CharField(max_length=20, choices=AuditAction.choices, db_index=True)
    object_type = models.CharField(max_length=64, db_index=True)
    object_id = models.CharField(max_length=64, blank=True)
    resident_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    summary = models.CharField(max_length=500, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    via = models.CharField(max_length=16, default="web", help_text="web, api, command or task")
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["actor", "occurred_at"])]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_type}"

    @property
    def object_type_words(self) -> str:
        """What kind of thing it is about, in words for the log page: "equality_profile" ->
        "Equality profile"."""
        return self.object_type.replace("_", " ").replace(".", " ").strip().capitalize()


class Correction(models.Model):
    """One correction of wording residents have seen, kept as a version (decision 0028): which
    text, before and after, who corrected it and when. Each app's model adds the key of what was
    corrected (a survey, a consultation, an outcome)."""

    field = models.CharField(max_length=60)
    old_text = models.TextField(blank=True)
    new_text = models.TextField(blank=True)
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Who, as they were named then (kept if the account is later removed).
    corrected_by_name = models.CharField(max_length=200, blank=True)
    corrected_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["-corrected_at", "-pk"]

    @classmethod
    def made_by(cls, by: Any, *, field: str, old_text: str, new_text: str, **owner: Any) -> Self:
        """An unsaved version made by ``by`` (an account, or nothing for a system job)."""
        user = by if getattr(by, "is_authenticated", False) else None
        return cls(
            field=field,
            old_text=old_text,
            new_text=new_text,
            corrected_by=user,
            corrected_by_name=str(user or "system"),
            **owner,
        )


class ReportComment(models.Model):
    """A resident's comment on a report published to residents (the Charter report, the annual
    report): read by officers, who take it into the next report and reply when asked. Each
    app's model adds the keys of the report and the resident (REGULATION.md, "Scotland": "offer
    tenants a way to comment on the report")."""

    text = models.TextField()
    wants_reply = models.BooleanField(default=False)
    made_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # An officer's reply, sent to the resident by their own channel and shown to them with
    # their comment.
    reply = models.TextField(blank=True)
    replied_at = models.DateTimeField(null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        abstract = True
        ordering = ("-made_at", "-pk")


class SummaryTopic(models.Model):
    """The changes to a topic counted so far (decision 0040): a topic's version is this plus
    its ``SummaryChange`` rows not yet folded in. Topics: "register" (residents, homes,
    tenancies, areas), "areas" (the area tree alone), "involvement" (levels, memberships,
    seats, groups, segments) and "survey:<id>" (a survey's questions, invitations, responses
    and answers)."""

    name = models.CharField(max_length=100, primary_key=True)
    version = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.name} {self.version}"


class SummaryChange(models.Model):
    """One change to a topic, inserted in the changing transaction. An insert locks nothing
    another writer waits for, so changes never queue or deadlock on a counter; the rows are
    folded into ``SummaryTopic`` by the refresh."""

    id = models.BigAutoField(primary_key=True)
    topic = models.CharField(max_length=100)

    class Meta:
        indexes = [models.Index(fields=["topic", "id"], name="core_summarychange_topic")]

    def __str__(self) -> str:
        return self.topic


class Summary(models.Model):
    """A figure computed from the whole register (or a survey's every response), kept with the
    versions of the topics it was computed at; it is used only while they are still current,
    so it is always exactly what a direct count would give (decision 0040)."""

    # sha256 of the function and its arguments: one row per figure, however long the arguments.
    key = models.CharField(max_length=64, unique=True)
    function = models.CharField(max_length=200)
    arguments = models.JSONField(default=dict)
    versions = models.JSONField(default=dict)
    data = models.JSONField(default=None, null=True)
    computed_at = models.DateTimeField()
    # The last day it was read: the background refresh keeps only what is read up to date.
    read_on = models.DateField()

    class Meta:
        verbose_name_plural = "summaries"

    def __str__(self) -> str:
        return f"{self.function}({self.arguments})"
