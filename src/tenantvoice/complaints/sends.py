"""A complaint's learning in "you said, we did" (decision 0036): what the landlord learnt and
the change it made, published for everyone without the complainant's details, and sent to the
resident who complained."""

from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse

from tenantvoice.outcomes.sources import OutcomeError, OutcomeSource
from tenantvoice.residents.models import Resident

from .models import Learning


class LearningOutcome(OutcomeSource):
    told = "the resident who complained"

    def check(self, source: Learning) -> None:
        if not source.public:
            raise OutcomeError(
                "This learning is marked as not for residents. Change that first if it can be shown."
            )

    def recipients(self, source: Learning) -> QuerySet[Resident]:
        return Resident.objects.filter(complaints__learning=source)

    def link(self, source: Learning) -> str:
        return settings.TENANTVOICE_SITE_URL.rstrip("/") + reverse("you-said-we-did")

    def back_url(self, source: Learning) -> str:
        return reverse("staff:complaint", args=[source.complaint_id])

    def title(self, source: Learning) -> str:
        names = ", ".join(c.name for c in source.complaint.categories.all())
        return (f"Learning from complaints about {names.lower()}" if names else "Learning from a complaint")[
            :200
        ]
