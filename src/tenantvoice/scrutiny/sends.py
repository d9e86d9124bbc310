"""A published scrutiny review's "you said, we did" (decision 0036): what the panel found and
recommended, and what the landlord decided, told to the panel's members and anyone the officer
named."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Q, QuerySet
from django.urls import reverse

from tenantvoice.involvement.models import ServiceArea
from tenantvoice.outcomes.sources import OutcomeError, OutcomeSource
from tenantvoice.residents.models import Resident

from .models import Review
from .selectors import panel_members


class ReviewOutcome(OutcomeSource):
    told = "everyone who sits on the panel, and the residents you named"

    def check(self, source: Review) -> None:
        if source.published_on is None:
            raise OutcomeError("Publish the review first: the message links to its page.")
        if not source.recommendations.exclude(response="").exists():
            raise OutcomeError("Record the landlord's response to the recommendations first.")

    def recipients(self, source: Review) -> QuerySet[Resident]:
        panel = panel_members(source).values("pk")
        named = source.named.values("resident_id")
        return Resident.objects.filter(Q(pk__in=panel) | Q(pk__in=named))

    def link(self, source: Review) -> str:
        return settings.TENANTVOICE_SITE_URL.rstrip("/") + reverse("scrutiny-review", args=[source.pk])

    def back_url(self, source: Review) -> str:
        return reverse("staff:scrutiny-review", args=[source.pk])

    def title(self, source: Review) -> str:
        return f"Scrutiny review: {source.title}"[:200]

    def service_areas(self, source: Review) -> list[ServiceArea]:
        return [source.service_area] if source.service_area is not None else []
