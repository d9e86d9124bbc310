"""API for involvement and activities: levels, groups and seats, level memberships, and
activities (listed, read and scheduled against the notice standard)."""

from __future__ import annotations

from typing import Any, ClassVar

from django.db.models import QuerySet
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import JSONRenderer

from tenantvoice.activities.models import Activity, Participant
from tenantvoice.activities.services import ActivityError, LateNotice, activity_schedule
from tenantvoice.core.roles import Capability
from tenantvoice.involvement.models import Group, Level, LevelMembership, SeatCategory

from .pagination import ApiPagination
from .permissions import CapabilityPermission


class LevelSerializer(serializers.ModelSerializer[Level]):
    class Meta:
        model = Level
        fields = [
            "id",
            "order",
            "slug",
            "name",
            "description",
            "benefits",
            "time_commitment",
            "hours_per_month",
            "cap",
            "needs_application",
            "is_default",
            "eligibility",
        ]


class SeatCategorySerializer(serializers.ModelSerializer[SeatCategory]):
    class Meta:
        model = SeatCategory
        fields = [
            "id",
            "slug",
            "name",
            "seats",
            "voting",
            "how_filled",
            "nominated_by",
            "nominating_body",
            "for_residents",
            "can_chair",
            "eligibility",
            "electorate",
            "term_years",
        ]


class GroupSerializer(serializers.ModelSerializer[Group]):
    seat_categories = SeatCategorySerializer(many=True, read_only=True)

    class Meta:
        model = Group
        fields = [
            "id",
            "slug",
            "name",
            "kind",
            "purpose",
            "level",
            "min_members",
            "max_members",
            "attendance_commitment_percent",
            "min_commitment_months",
            "how_chosen",
            "term_years",
            "max_consecutive_terms",
            "chair_term_years",
            "recognition",
            "constitution_adopted_on",
            "last_agm_on",
            "seat_categories",
        ]


class LevelMembershipSerializer(serializers.ModelSerializer[LevelMembership]):
    class Meta:
        model = LevelMembership
        fields = [
            "id",
            "resident",
            "level",
            "status",
            "requested_at",
            "started_on",
            "ended_on",
            "channel",
            "selected",
            "decision_reason",
        ]


class ParticipantSerializer(serializers.ModelSerializer[Participant]):
    class Meta:
        model = Participant
        fields = ["id", "resident", "rsvp", "attendance"]


class ActivitySerializer(serializers.ModelSerializer[Activity]):
    participants = ParticipantSerializer(many=True, read_only=True)
    late_notice_reason = serializers.CharField(required=False, allow_blank=True)

    class Meta:
        model = Activity
        fields = [
            "id",
            "kind",
            "title",
            "description",
            "group",
            "starts_at",
            "ends_at",
            "format",
            "venue",
            "public",
            "notice_sent_on",
            "late_notice_reason",
            "cancelled",
            "participants",
        ]
        read_only_fields = ["notice_sent_on", "cancelled"]


class ReadViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [CapabilityPermission]
    read_capability = Capability.VIEW_RESIDENTS
    write_capability = Capability.MANAGE_INVOLVEMENT
    pagination_class = ApiPagination
    renderer_classes = [JSONRenderer]


@extend_schema_view(
    list=extend_schema(summary="Levels of engagement"), retrieve=extend_schema(summary="One level")
)
class LevelViewSet(ReadViewSet):
    serializer_class = LevelSerializer
    queryset = Level.objects.order_by("order")


@extend_schema_view(
    list=extend_schema(summary="Groups with their seats"), retrieve=extend_schema(summary="One group")
)
class GroupViewSet(ReadViewSet):
    serializer_class = GroupSerializer
    queryset = Group.objects.prefetch_related("seat_categories").order_by("name")


@extend_schema_view(
    list=extend_schema(summary="Level memberships, applications and waiting lists"),
    retrieve=extend_schema(summary="One membership"),
)
class LevelMembershipViewSet(ReadViewSet):
    serializer_class = LevelMembershipSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_fields: ClassVar[list[str]] = ["level", "status", "resident"]
    queryset = LevelMembership.objects.order_by("pk")


@extend_schema_view(
    list=extend_schema(summary="Activities"),
    retrieve=extend_schema(summary="One activity"),
    create=extend_schema(summary="Schedule an activity (checked against the notice standard)"),
)
class ActivityViewSet(mixins.CreateModelMixin, ReadViewSet):
    serializer_class = ActivitySerializer

    def get_queryset(self) -> QuerySet[Activity]:
        return Activity.objects.prefetch_related("participants").order_by("starts_at", "pk")

    def perform_create(self, serializer: serializers.BaseSerializer[Any]) -> None:
        data = dict(serializer.validated_data)
        try:
            [first, *_rest] = activity_schedule(by=self.request.user, **data)
        except LateNotice as exc:
            raise ValidationError({"late_notice_reason": [str(exc)]}) from exc
        except ActivityError as exc:
            raise ValidationError({"non_field_errors": [str(exc)]}) from exc
        serializer.instance = first
