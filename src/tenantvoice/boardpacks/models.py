"""Board packs (issue 19 item 4; decision 0052): one document for a meeting and a period, made
of sections an officer picks and orders, each with the figures drawn from an existing report,
kept as drawn (with where they came from) so the pack the Board read does not change under
them, and the officer's narrative."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from tenantvoice.activities.models import Activity
from tenantvoice.core.tables import tables_to_json

if TYPE_CHECKING:
    from .sections import Drawn


class PackStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    FINAL = "final", "Final"


class BoardPack(models.Model):
    title = models.CharField(max_length=200)
    # The meeting the pack is for (issue 4's meetings are activities).
    meeting = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="board_packs")
    period_start = models.DateField()
    period_end = models.DateField()
    status = models.CharField(max_length=8, choices=PackStatus.choices, default=PackStatus.DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    finalised_at = models.DateTimeField(null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ("-created_at", "-pk")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="board_pack_period_order",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_final(self) -> bool:
        return self.status == PackStatus.FINAL


class DrawnFigures(models.Model):
    """A section of a document whose figures are drawn from an existing report and kept as
    drawn, with where they came from and the officer's words about them: a Board pack's
    section, an annual report's chapter (decision 0057)."""

    # A key of the document's registry of kinds (``sections.SECTIONS`` for a Board pack).
    kind = models.CharField(max_length=40)
    # What the kind needs to know beyond the period (a survey's id), as JSON.
    parameters = models.JSONField(default=dict, blank=True)
    order = models.PositiveIntegerField(default=0)
    narrative = models.TextField(blank=True)
    # The figures as drawn: core.tables.tables_to_json, and the charts as drawn.
    tables = models.JSONField(default=list, blank=True)
    charts = models.JSONField(default=list, blank=True)
    # Where the figures came from: what, which period, which filters (``sections.Drawn``).
    provenance = models.JSONField(default=dict, blank=True)
    drawn_at = models.DateTimeField(null=True, blank=True)
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    # The fields ``keep`` writes, for ``save(update_fields=...)``.
    DRAWN_FIELDS = ("tables", "charts", "provenance", "drawn_at", "drawn_by")

    class Meta:
        abstract = True

    def keep(self, drawn: Drawn, by: Any) -> None:
        """Keep ``drawn``'s figures, charts and where they came from, drawn now by ``by``."""
        from .sections import charts_to_json

        now = timezone.now()
        self.tables = tables_to_json(drawn.tables)
        self.charts = charts_to_json(drawn.charts)
        self.provenance = {
            "what": drawn.what,
            "period": drawn.period,
            "filters": drawn.filters,
            "drawn_at": now.isoformat(),
        }
        self.drawn_at = now
        self.drawn_by = by if getattr(by, "is_authenticated", False) else None


class PackSection(DrawnFigures):
    pack = models.ForeignKey(BoardPack, on_delete=models.CASCADE, related_name="sections")

    class Meta:
        ordering = ("pack", "order", "pk")

    def __str__(self) -> str:
        return f"{self.pack}: {self.kind}"
