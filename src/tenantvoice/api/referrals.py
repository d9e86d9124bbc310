"""API for referrals to the Board (decision 0045): what each group referred, the Board's
response and the actions it agreed. Read with VIEW_REPORTS; a referral is a group's and names
no resident, so reads are not audited, as for consultations and scrutiny reviews."""

from __future__ import annotations

from typing import Any, ClassVar

import django_filters as df
from django.db.models import Prefetch, QuerySet
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers

from tenantvoice.actions.models import Action
from tenantvoice.core.roles import Capability
from tenantvoice.referrals.models import Referral
from tenantvoice.referrals.selectors import ANSWERED, AWAITING

from .actions import ActionSummarySerializer
from .engagement import ReadViewSet


class ReferralSerializer(serializers.ModelSerializer[Referral]):
    group_name = serializers.CharField(source="group.name", read_only=True)
    actions = ActionSummarySerializer(many=True, read_only=True)

    class Meta:
        model = Referral
        fields: ClassVar[list[str]] = [
            "id",
            "group",
            "group_name",
            "kind",
            "title",
            "detail",
            "to_body",
            "referred_on",
            "agreed_at",
            "considered_at",
            "decision",
            "response",
            "responded_on",
            "actions",
        ]


class ReferralFilter(df.FilterSet):
    state = df.ChoiceFilter(
        choices=[(AWAITING, "Awaiting a response"), (ANSWERED, "Answered")],
        method="filter_state",
        help_text="awaiting: no response yet; answered: the Board has responded.",
    )

    class Meta:
        model = Referral
        fields: ClassVar[list[str]] = ["group", "decision"]

    def filter_state(self, queryset: QuerySet[Referral], name: str, value: Any) -> QuerySet[Referral]:
        return queryset.filter(decision="") if value == AWAITING else queryset.exclude(decision="")


@extend_schema_view(
    list=extend_schema(summary="Referrals to the Board with the response and the actions agreed"),
    retrieve=extend_schema(summary="One referral"),
)
class ReferralViewSet(ReadViewSet):
    serializer_class = ReferralSerializer
    read_capability = Capability.VIEW_REPORTS
    filter_backends = [DjangoFilterBackend]
    filterset_class = ReferralFilter
    queryset = (
        Referral.objects.select_related("group")
        .prefetch_related(Prefetch("actions", Action.objects.top_level().order_by("pk")))
        .order_by("-referred_on", "-pk")
    )
