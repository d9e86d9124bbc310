"""Reading the costs of involvement (decision 0055)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from tenantvoice.core.reporting_year import ReportingYear

from .models import InvolvementCost


def costs_in(year: ReportingYear) -> QuerySet[InvolvementCost]:
    return InvolvementCost.objects.filter(spent_on__gte=year.start, spent_on__lte=year.end).select_related(
        "group"
    )


def cost_get(pk: int) -> InvolvementCost:
    return get_object_or_404(InvolvementCost, pk=pk)


def statement_years() -> list[ReportingYear]:
    """The years a reader can choose, newest first: from the year of the first cost recorded (or
    last year, the one a statement is written for) to this one."""
    this = ReportingYear.of(timezone.localdate())
    first = InvolvementCost.objects.order_by("spent_on").values_list("spent_on", flat=True).first()
    earliest = ReportingYear.of(first).first if first is not None else this.first - 1
    return [ReportingYear(y) for y in range(this.first, min(earliest, this.first - 1) - 1, -1)]
