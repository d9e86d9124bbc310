"""The annual report to residents (issue 19 item 5; decision 0057): one a reporting year,
generated from the year's data as chapters (who took part, what residents said and what changed,
satisfaction, service standards, complaints and learning, scrutiny, value for money), each kept
as drawn with where its figures came from, with the officer's and the panel's words; approved
by the panel at one of its meetings before it is published; then read on the web, as a PDF and
in easy read, sent as a letter to residents who asked for letters, and commented on."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from tenantvoice.boardpacks.models import DrawnFigures
from tenantvoice.core.models import ReportComment
from tenantvoice.core.reporting_year import ReportingYear


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    APPROVED = "approved", "Approved by the panel"
    PUBLISHED = "published", "Published"


class AnnualReport(models.Model):
    # The reporting year (1 April of ``year`` to 31 March of the next; core.reporting_year).
    year = models.PositiveIntegerField(unique=True)
    title = models.CharField(max_length=200)
    # The officer's introduction and the residents' panel's own words (issue 19 item 5: "with
    # the officer's and the panel's words").
    officer_words = models.TextField(blank=True)
    panel_words = models.TextField(blank=True)
    # Who the panel's words are from, as they sign them ("The Residents Panel").
    panel_name = models.CharField(max_length=200, blank=True)
    # How residents shaped the report: what they asked to know and how it is presented (Tower
    # Hamlets Homes, seed 002, "Annual Report": "Asking residents what they want to know;
    # Agreeing how to present this information").
    how_made = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    # The panel's approval: at which of its meetings and what it decided.
    approval_meeting = models.ForeignKey(
        "activities.Activity",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="annual_reports_approved",
    )
    approval_decided = models.TextField(blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_on = models.DateField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ("-year",)

    def __str__(self) -> str:
        return self.title

    @property
    def reporting_year(self) -> ReportingYear:
        return ReportingYear(self.year)

    @property
    def is_draft(self) -> bool:
        return self.status == ReportStatus.DRAFT

    @property
    def is_published(self) -> bool:
        return self.status == ReportStatus.PUBLISHED


class Chapter(DrawnFigures):
    """One chapter of the report: a kind of ``chapters.CHAPTERS``, its figures as drawn, the
    short sentences residents read first (and the easy-read version is made of), and the
    officer's words about it."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="chapters")
    # Short plain sentences drawn with the figures ("312 residents took part"), kept as drawn.
    headlines = models.JSONField(default=list, blank=True)
    # An officer may leave a chapter out (kept, so it can be put back).
    included = models.BooleanField(default=True)

    class Meta:
        ordering = ("report", "order", "pk")
        constraints = [
            models.UniqueConstraint(fields=("report", "kind"), name="annual_report_one_chapter_a_kind")
        ]

    def __str__(self) -> str:
        return f"{self.report}: {self.kind}"


class AnnualReportComment(ReportComment):
    """A resident's comment on a published annual report."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="comments")
    resident = models.ForeignKey(
        "residents.Resident", on_delete=models.CASCADE, related_name="annual_report_comments"
    )

    class Meta(ReportComment.Meta):
        pass

    def __str__(self) -> str:
        return f"Comment on {self.report}"
