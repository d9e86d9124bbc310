"""What a meeting gives the action tracker (actions.sources): its action points are actions
whose source is the meeting; the participants and the meeting's group are told when one
changes, as they were sent the minutes that listed it."""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse

from tenantvoice.actions.sources import ActionSource
from tenantvoice.involvement.models import Group
from tenantvoice.residents.models import Resident

from .models import Activity


class MeetingActions(ActionSource):
    label = "Meeting action point"

    def title(self, source: Activity) -> str:
        return str(source)

    def url(self, source: Activity) -> str:
        return reverse("staff:activity-minutes", args=[source.pk])

    def public_title(self, source: Activity) -> str:
        return f"A meeting: {source.title}" if source.public else "A meeting"

    def residents(self, source: Activity) -> QuerySet[Resident]:
        return Resident.objects.filter(activity_places__activity=source)

    def group(self, source: Activity) -> Group | None:
        return source.group
