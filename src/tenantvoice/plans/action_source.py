"""What a strategy's action plan gives the action tracker (actions.sources): its items are
actions whose source is the plan. Nobody in particular asked for them, so nobody is told by
message when one changes; the plan report shows where each has got to."""

from __future__ import annotations

from django.urls import reverse

from tenantvoice.actions.sources import ActionSource

from .models import ActionPlan


class PlanActions(ActionSource):
    label = "Strategy action plan"

    def title(self, source: ActionPlan) -> str:
        return source.title

    def url(self, source: ActionPlan) -> str:
        return f"{reverse('staff:action-plan-report')}#plan-{source.pk}"

    def public_title(self, source: ActionPlan) -> str:
        return source.title
