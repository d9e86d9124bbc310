"""Reads for the strategy reviews' pages."""

from __future__ import annotations

from tenantvoice.core.access import first_or_404

from .models import StrategyReview


def access_strategy_review_for_staff(pk: int) -> StrategyReview:
    return first_or_404(
        StrategyReview.objects.select_related("cycle__plan", "activity"),
        "There is no such strategy review.",
        pk=pk,
    )
