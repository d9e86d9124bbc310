"""What a scrutiny recommendation gives the action tracker (actions.sources): an accepted or
partly accepted recommendation becomes an action; the review's panel asked for it, and its
members are told when the action's status changes."""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse

from tenantvoice.actions.sources import ActionSource
from tenantvoice.involvement.models import Group
from tenantvoice.residents.models import Resident

from .models import Recommendation
from .selectors import panel_members


class RecommendationActions(ActionSource):
    label = "Scrutiny recommendation"
    related = ("review",)

    def title(self, source: Recommendation) -> str:
        return f"{source.review.title}: recommendation {source.order}"

    def url(self, source: Recommendation) -> str:
        return reverse("staff:scrutiny-review", args=[source.review_id])

    def public_title(self, source: Recommendation) -> str:
        if source.review.published_on is not None:
            return f"Scrutiny review: {source.review.title}"
        return "A scrutiny review"

    def residents(self, source: Recommendation) -> QuerySet[Resident]:
        return panel_members(source.review)

    def group(self, source: Recommendation) -> Group | None:
        return source.review.panel
