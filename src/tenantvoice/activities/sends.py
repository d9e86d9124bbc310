"""Invitations to an activity, through the one mass-send job (comms.sends, decision 0018)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse

from tenantvoice.audiences.models import Segment
from tenantvoice.audiences.rules import Audience, audience_residents
from tenantvoice.comms.models import SendRun
from tenantvoice.comms.sends import MassSend
from tenantvoice.involvement.selectors import group_holdings_current
from tenantvoice.residents.models import Resident

from .messaging import activity_placeholders
from .models import Activity, Participant


class ActivityInvitations(MassSend):
    """The invitation to every participant by their own channel; pressing it again sends only to
    those added since (the key is the activity and the resident).

    With a rule it goes instead to a group's current members (``{"group": id}``) or everyone in
    a saved audience (``{"segment": id}``), each made a participant as their chunk is sent."""

    template = "activity_invitation"

    def subject(self, run: SendRun) -> Activity:
        return Activity.objects.select_related("venue").get(pk=run.object_id)

    def key(self, run: SendRun, subject: Activity) -> str:
        return f"invitation:{subject.pk}"

    def context(self, run: SendRun, subject: Activity) -> dict[str, str]:
        return activity_placeholders(subject)

    def residents(self, subject: Activity, rule: Mapping[str, Any]) -> QuerySet[Resident]:
        if rule.get("group"):
            members = group_holdings_current(int(rule["group"]), subject.date)
            return Resident.objects.filter(Exists(members.filter(resident=OuterRef("pk"))))
        if rule.get("segment"):
            segment = Segment.objects.filter(pk=int(rule["segment"])).first()
            if segment is None:  # deleted since the send started: nobody more
                return Resident.objects.none()
            return audience_residents(Audience.from_json(segment.rules), subject.date)
        return Resident.objects.filter(
            Exists(Participant.objects.filter(activity=subject, resident=OuterRef("pk")))
        )

    def before_chunk(
        self, run: SendRun, subject: Activity, residents: list[Resident]
    ) -> dict[int, dict[str, str]]:
        if run.rule:
            Participant.objects.bulk_create(
                [Participant(activity=subject, resident=resident) for resident in residents],
                ignore_conflicts=True,
            )
        return {}

    def back_url(self, run: SendRun) -> str:
        return reverse("staff:activity-detail", args=[run.object_id])
