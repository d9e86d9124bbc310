"""What a referral gives the action tracker (actions.sources): the actions the Board agreed in
its response, told to the referring group's members (the group is each action's asked_by)."""

from __future__ import annotations

from django.urls import reverse

from tenantvoice.actions.sources import ActionSource
from tenantvoice.involvement.models import Group

from .models import Referral


class ReferralActions(ActionSource):
    label = "Referral to the Board"
    related = ("group",)

    def title(self, source: Referral) -> str:
        return f"{source.title} ({source.group.name})"

    def url(self, source: Referral) -> str:
        return reverse("staff:referral-detail", args=[source.pk])

    def public_title(self, source: Referral) -> str:
        return f"An idea or issue raised by the {source.group.name}"

    def group(self, source: Referral) -> Group | None:
        return source.group
