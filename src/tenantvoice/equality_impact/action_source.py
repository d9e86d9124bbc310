"""What an equality impact assessment gives the action tracker (actions.sources): its
mitigations, each for one characteristic or for the assessment as a whole. Residents see only
that an action came from an equality impact assessment."""

from __future__ import annotations

from django.urls import reverse

from tenantvoice.actions.sources import ActionSource

from .aspects import OVERALL, aspect_label
from .models import Finding


class MitigationActions(ActionSource):
    label = "Equality impact assessment"
    related = ("assessment",)

    def title(self, source: Finding) -> str:
        if source.aspect == OVERALL:
            return f"Equality impact assessment: {source.assessment.title}"
        return f"Equality impact assessment: {source.assessment.title}, {aspect_label(source.aspect)}"

    def url(self, source: Finding) -> str:
        return reverse("staff:equality-assessment", args=[source.assessment_id]) + f"#{source.aspect}"

    def public_title(self, source: Finding) -> str:
        return "An equality impact assessment"
