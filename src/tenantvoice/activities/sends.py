"""Invitations to an activity, through the one mass-send job (comms.sends, decision 0018)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse

from tenantvoice.comms.models import SendRun
from tenantvoice.comms.sends import MassSend
from tenantvoice.residents.models import Resident

from .messaging import activity_placeholders
from .models import Activity, Participant


class ActivityInvitations(MassSend):
    """The invitation to every participant by their own channel; pressing it again sends only to
    those added since (the key is the activity and the resident)."""

    template = "activity_invitation"

    def subject(self, run: SendRun) -> Activity:
        return Activity.objects.select_related("venue").get(pk=run.object_id)

    def key(self, run: SendRun, subject: Activity) -> str:
        return f"invitation:{subject.pk}"

    def context(self, run: SendRun, subject: Activity) -> dict[str, str]:
        return activity_placeholders(subject)

    def residents(self, subject: Activity, rule: Mapping[str, Any]) -> QuerySet[Resident]:
        return Resident.objects.filter(
            Exists(Participant.objects.filter(activity=subject, resident=OuterRef("pk")))
        )

    def back_url(self, run: SendRun) -> str:
        return reverse("staff:activity-detail", args=[run.object_id])
