"""Indicators (issue 19 item 1): what is measured, its values per period, its targets per
reporting year and peers' figures to place it among (decision 0050)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from tenantvoice.core.models import ReportComment


class Unit(models.TextChoices):
    PERCENT = "percent", "Percentage"
    COUNT = "count", "Number"
    RATE = "rate", "Number per 1,000 homes"
    HOURS = "hours", "Hours"
    DAYS = "days", "Days"
    MONEY = "money", "Pounds"


class Framework(models.TextChoices):
    """A regulator's set of indicators an indicator may belong to (decision 0053)."""

    CHARTER = "charter", "Scottish Social Housing Charter"


# The Charter's outcomes named in REGULATION.md ("Scottish Social Housing Charter: Outcome 2
# communication; Outcome 3 participation") and in Thenue's strategy (seed 001, 5.2: "Outcome 2 –
# Communication", "Outcome 3 – Participation"). The Charter has 16 outcomes (seed 001, 5.2:
# "16 outcomes"); others are numbered by the landlord's strategy data and shown by number.
CHARTER_OUTCOMES = {2: "Communication", 3: "Participation"}


class Indicator(models.Model):
    name = models.CharField(max_length=200, unique=True)
    definition = models.TextField(blank=True)
    unit = models.CharField(max_length=10, choices=Unit.choices)
    higher_is_better = models.BooleanField(default=True)
    # A key of ``sources.SOURCES`` when TenantVoice computes the values; empty when they are
    # typed in or imported.
    source = models.CharField(max_length=60, blank=True)
    # What a parameterised source reads, e.g. the survey question's code for ``survey_measure``.
    source_parameter = models.CharField(max_length=60, blank=True)
    # The regulator's framework the indicator reports to (empty: the landlord's own), the
    # framework's outcome it concerns, and its number in the framework's return as the
    # landlord's strategy data gives it (the platform confirms only ARC 3 and 4: decision 0053).
    framework = models.CharField(max_length=20, choices=Framework.choices, blank=True)
    outcome = models.PositiveSmallIntegerField(null=True, blank=True)
    number = models.CharField(max_length=20, blank=True)
    # Where the strategy data's framework, outcome, number and question come from (decision 0022).
    sources = models.JSONField(default=dict, blank=True)
    # Survey measures carry a sample size and a margin of error with each value.
    is_survey = models.BooleanField(default=False)
    order = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("order", "name")

    def __str__(self) -> str:
        return self.name

    @property
    def computed(self) -> bool:
        return bool(self.source)


class IndicatorValue(models.Model):
    class Origin(models.TextChoices):
        COMPUTED = "computed", "Computed by TenantVoice"
        TYPED = "typed", "Typed in"
        IMPORTED = "imported", "Imported"
        STRATEGY = "strategy", "From the strategy"

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    period_start = models.DateField()
    period_end = models.DateField()
    value = models.DecimalField(max_digits=14, decimal_places=2)
    # Survey measures: the answers the percentage is of, and its margin of error at 95% in
    # percentage points (typed, or computed from the sample size when not given).
    sample_size = models.PositiveIntegerField(null=True, blank=True)
    margin = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    origin = models.CharField(max_length=10, choices=Origin.choices)
    # Where the figure came from: a seed's section and words, a file, or the computation.
    note = models.TextField(blank=True)
    recorded_at = models.DateTimeField(auto_now=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ("indicator", "period_start", "period_end")
        constraints = [
            models.UniqueConstraint(
                fields=("indicator", "period_start", "period_end"), name="indicator_value_one_per_period"
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="indicator_value_period_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value} ({self.period_start} to {self.period_end})"


class IndicatorTarget(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    # The reporting year (1 April of ``year`` to 31 March of the next: core.reporting_year.ReportingYear).
    year = models.PositiveIntegerField()
    value = models.DecimalField(max_digits=14, decimal_places=2)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ("indicator", "year")
        constraints = [
            models.UniqueConstraint(fields=("indicator", "year"), name="indicator_target_one_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value} in {self.year}"


class IndicatorPeerSet(models.Model):
    """Other landlords' figures for one reporting year, imported from one file."""

    name = models.CharField(max_length=200)
    year = models.PositiveIntegerField()
    source = models.CharField(max_length=300, blank=True)
    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ("-year", "-imported_at")

    def __str__(self) -> str:
        return self.name


class IndicatorPeerFigure(models.Model):
    peer_set = models.ForeignKey(IndicatorPeerSet, on_delete=models.CASCADE, related_name="figures")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="peer_figures")
    landlord = models.CharField(max_length=200)
    value = models.DecimalField(max_digits=14, decimal_places=2)
    # The row the file flags as the national average (the Scottish average for the Charter):
    # compared with, never counted among the peers for quartiles.
    is_average = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=("peer_set", "indicator", "landlord"), name="indicator_peer_one_each"
            )
        ]

    def __str__(self) -> str:
        return f"{self.landlord}: {self.value}"


class CharterReport(models.Model):
    """The annual Charter report to tenants for one reporting year (REGULATION.md: "landlords
    report performance to tenants with comparisons, and offer tenants a way to comment on the
    report"): the officer's words; the figures are drawn live from the indicators. A draft
    until an officer publishes it; residents read it only once published."""

    # The reporting year (1 April of ``year`` to 31 March of the next).
    year = models.PositiveIntegerField(unique=True)
    introduction = models.TextField(blank=True)
    published_on = models.DateField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-year",)

    def __str__(self) -> str:
        return f"Charter report {self.year}"

    @property
    def is_published(self) -> bool:
        return self.published_on is not None


class CharterComment(ReportComment):
    """A resident's comment on a published Charter report: read by officers, who take it into
    the next report and reply when the resident asked for a reply."""

    report = models.ForeignKey(CharterReport, on_delete=models.CASCADE, related_name="comments")
    resident = models.ForeignKey(
        "residents.Resident", on_delete=models.CASCADE, related_name="charter_comments"
    )

    class Meta(ReportComment.Meta):
        pass

    def __str__(self) -> str:
        return f"Comment on {self.report}"
