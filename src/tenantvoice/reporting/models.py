"""The reporting timetable (issue 19 item 3): what a landlord's strategy says goes to whom and
how often (a duty), and each time a report was presented, at which meeting and with what
decided (decision 0051)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models

from .periods import DEFAULT_YEAR_STARTS, Cadence, Period, period_of, periods_between


class ReportingDuty(models.Model):
    """A report the strategy says goes to an audience on a cadence, loaded from the strategy's
    ``[[reporting]]`` (strategies loader; docs/strategies.md)."""

    slug = models.SlugField(max_length=80, unique=True)
    # A key of boardpacks.sections.SECTIONS that a duty may name (decision 0058).
    kind = models.CharField(max_length=40)
    # To whom, in the strategy's words: "the Executive", "the Board and all tenants".
    audience = models.CharField(max_length=200)
    # The group on TenantVoice the audience is, when it is one: the report is then presented at
    # one of its meetings. Empty for bodies TenantVoice does not hold (the Executive) and for
    # "all tenants".
    group = models.ForeignKey(
        "involvement.Group", null=True, blank=True, on_delete=models.PROTECT, related_name="reporting_duties"
    )
    cadence = models.CharField(max_length=16, choices=Cadence.choices)
    # The month the landlord's reporting year starts (4: 1 April).
    year_starts = models.PositiveSmallIntegerField(default=DEFAULT_YEAR_STARTS)
    # Days after a period's end its report is due.
    due_days = models.PositiveSmallIntegerField()
    # The first period on the timetable is the one this day falls in.
    starts_on = models.DateField()
    # Where each value comes from: field -> {section, quote, note} or {chosen, default} (decision 0022).
    sources = models.JSONField(default=dict, blank=True)
    order = models.PositiveIntegerField(default=0)
    # A duty taken out of the strategy stays, with its record, but no longer falls due.
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ("order", "pk")
        verbose_name_plural = "reporting duties"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year_starts__gte=1, year_starts__lte=12),
                name="reporting_year_starts_month",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} to {self.audience}, {self.get_cadence_display().lower()}"

    @property
    def title(self) -> str:
        from tenantvoice.boardpacks.sections import SECTIONS, section_kind

        return section_kind(self.kind).label if self.kind in SECTIONS else self.kind

    def period_of(self, day: dt.date) -> Period:
        return period_of(self.cadence, self.year_starts, day)

    def periods_until(self, day: dt.date) -> list[Period]:
        """Every period from the first on the timetable to the one ``day`` falls in."""
        return periods_between(self.cadence, self.year_starts, self.starts_on, day)

    def due_on(self, period: Period) -> dt.date:
        return period.end + dt.timedelta(days=self.due_days)

    def source_words(self) -> str:
        """Where the strategy says so, as a reader sees it."""
        source = self.sources.get("cadence", {})
        if "quote" in source:
            return f"Strategy, section {source['section']}: “{source['quote']}”."
        return str(source.get("regulation", ""))


class ReportPresentation(models.Model):
    """A duty's report for one period, presented: when, at which meeting, what was decided."""

    duty = models.ForeignKey(ReportingDuty, on_delete=models.PROTECT, related_name="presentations")
    period_start = models.DateField()
    period_end = models.DateField()
    # The meeting of the audience's group it was presented at (issue 4's meetings); empty for an
    # audience that is no group on TenantVoice, which says where instead.
    meeting = models.ForeignKey(
        "activities.Activity",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reports_presented",
    )
    # The Board pack for that meeting the report went with, when the meeting has one (set when
    # the presentation is recorded: the meeting's final pack, else its newest).
    board_pack = models.ForeignKey(
        "boardpacks.BoardPack",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="presentations",
    )
    presented_on = models.DateField()
    where = models.CharField(max_length=300, blank=True)
    decided = models.TextField()
    # Where the record of it is: the minutes' item, a paper's reference, a web page.
    evidence = models.CharField(max_length=500, blank=True)
    # The draft's tables when the presentation was recorded (core.tables.tables_to_json).
    figures = models.JSONField(default=list, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ("duty", "period_start")
        constraints = [
            models.UniqueConstraint(
                fields=("duty", "period_start"), name="reporting_one_presentation_per_period"
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")), name="reporting_period_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.duty.title} for {self.period.label}, presented {self.presented_on:%d/%m/%Y}"

    @property
    def period(self) -> Period:
        return Period(self.duty.cadence, self.duty.year_starts, self.period_start, self.period_end)

    @property
    def late(self) -> bool:
        return self.presented_on > self.duty.due_on(self.period)
