"""What a complaint gives the action tracker (actions.sources): the outstanding actions of a
response and the changes made from its learning. The resident who complained is told when an
action's status changes; residents see only that it came from a complaint, never whose."""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse

from tenantvoice.actions.sources import ActionSource
from tenantvoice.residents.models import Resident

from .models import Complaint, SelfAssessmentItem


class ComplaintActions(ActionSource):
    label = "Complaint"

    def title(self, source: Complaint) -> str:
        return f"Complaint {source.reference}"

    def url(self, source: Complaint) -> str:
        return reverse("staff:complaint", args=[source.pk])

    def public_title(self, source: Complaint) -> str:
        return "Learning from a complaint"

    def residents(self, source: Complaint) -> QuerySet[Resident]:
        return Resident.objects.filter(complaints=source)


class SelfAssessmentActions(ActionSource):
    """Actions to meet a provision of the Complaint Handling Code that the year's
    self-assessment found not (or only partly) met."""

    label = "Complaints self-assessment"
    related = ("assessment",)

    def title(self, source: SelfAssessmentItem) -> str:
        return f"Self-assessment {source.assessment.year_label}, provision {source.number}"

    def url(self, source: SelfAssessmentItem) -> str:
        return reverse("staff:complaints-self-assessment", args=[source.assessment.year]) + f"#p-{source.pk}"

    def public_title(self, source: SelfAssessmentItem) -> str:
        return f"Our complaints self-assessment {source.assessment.year_label}"
