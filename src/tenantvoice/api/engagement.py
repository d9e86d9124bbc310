"""API for involvement and activities: levels, the menu of opportunities, groups and seats,
who holds each seat, level memberships (the involvement register), elections, and activities
(listed, read and scheduled against the notice standard)."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

import django_filters as df
from django.db.models import QuerySet
from django.utils import timezone
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.renderers import JSONRenderer

from tenantvoice.activities.models import Activity, Participant
from tenantvoice.activities.services import activity_schedule
from tenantvoice.core.roles import Capability
from tenantvoice.involvement.models import (
    Election,
    ElectionStatus,
    Group,
    JoinChannel,
    Level,
    LevelMembership,
    Opportunity,
    SeatCategory,
    SeatHolding,
    ServiceArea,
    WayToTakePart,
)
from tenantvoice.involvement.selectors import level_memberships_on, seat_holdings_on
from tenantvoice.involvement.services import level_join, seat_fill

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
    interests = serializers.SlugRelatedField(
        slug_field="slug", many=True, queryset=ServiceArea.objects.all(), required=False
    )
    ways = serializers.ListField(
        child=serializers.ChoiceField(choices=WayToTakePart.choices), required=False, default=list
    )
    channel = serializers.ChoiceField(
        choices=[c for c in JoinChannel.choices if c[0] != JoinChannel.PORTAL],
        help_text="How the resident asked: an officer records requests made by phone, paper, and so on.",
    )

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
            "interests",
            "ways",
            "application",
            "consent_wording",
            "selected",
            "decision_reason",
        ]
        read_only_fields = ["status", "requested_at", "started_on", "ended_on", "selected", "decision_reason"]
        extra_kwargs: ClassVar[dict[str, Any]] = {
            "consent_wording": {"help_text": "The words the resident agreed to, as they heard or read them."}
        }


class OpportunitySerializer(serializers.ModelSerializer[Opportunity]):
    level: serializers.SlugRelatedField[Level] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    group: serializers.SlugRelatedField[Group] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )

    class Meta:
        model = Opportunity
        fields = [
            "id",
            "slug",
            "name",
            "kind",
            "summary",
            "formal",
            "collective",
            "frequency",
            "hours_per_month",
            "influences",
            "eligibility",
            "level",
            "group",
            "how_to_join",
        ]


class SeatHoldingSerializer(serializers.ModelSerializer[SeatHolding]):
    group = serializers.CharField(source="seat_category.group.slug", read_only=True)
    voting = serializers.BooleanField(source="seat_category.voting", read_only=True)
    roles = serializers.SerializerMethodField()

    class Meta:
        model = SeatHolding
        fields = [
            "id",
            "group",
            "seat_category",
            "voting",
            "resident",
            "person_name",
            "organisation",
            "started_on",
            "term_ends_on",
            "ended_on",
            "end_reason",
            "consecutive_term",
            "roles",
            "election",
            "nomination",
            "overridden_rules",
            "override_reason",
        ]
        read_only_fields = [
            "term_ends_on",
            "ended_on",
            "end_reason",
            "consecutive_term",
            "election",
            "nomination",
            "overridden_rules",
        ]

    def get_roles(self, holding: SeatHolding) -> list[str]:
        """The offices held today (decision 0023: the same rule as the group's page)."""
        today = timezone.localdate()
        return [role.role for role in holding.roles.all() if role.is_held_on(today)]


class ElectionSerializer(serializers.ModelSerializer[Election]):
    group = serializers.CharField(source="seat_category.group.slug", read_only=True)
    candidates = serializers.SerializerMethodField()
    results = serializers.SerializerMethodField()

    class Meta:
        model = Election
        fields = [
            "id",
            "title",
            "group",
            "seat_category",
            "seats",
            "nominations_close_on",
            "voting_opens_on",
            "voting_closes_on",
            "status",
            "electorate",
            "candidates",
            "results",
            "draw",
            "published_at",
        ]

    def get_candidates(self, election: Election) -> list[int]:
        return [n.resident_id for n in election.nominations.all() if not n.withdrawn]

    def get_results(self, election: Election) -> list[Any]:
        # Counts are not given out before the count is done.
        counted = election.status in (ElectionStatus.COUNTED, ElectionStatus.PUBLISHED)
        return list(election.results) if counted else []


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


class LevelMembershipFilter(df.FilterSet):
    on = df.DateFilter(
        method="filter_on",
        help_text="Only the memberships putting a resident on a level on this day (YYYY-MM-DD).",
    )

    class Meta:
        model = LevelMembership
        fields = ["level", "status", "resident", "on"]

    def filter_on(
        self, queryset: QuerySet[LevelMembership], name: str, value: dt.date
    ) -> QuerySet[LevelMembership]:
        return queryset.filter(pk__in=level_memberships_on(value).values("pk"))


class SeatHoldingFilter(df.FilterSet):
    on = df.DateFilter(method="filter_on", help_text="Only the seats held on this day (YYYY-MM-DD).")

    class Meta:
        model = SeatHolding
        fields: ClassVar[dict[str, list[str]]] = {
            "seat_category__group": ["exact"],
            "resident": ["exact"],
            "ended_on": ["isnull"],
        }

    def filter_on(self, queryset: QuerySet[SeatHolding], name: str, value: dt.date) -> QuerySet[SeatHolding]:
        return queryset.filter(pk__in=seat_holdings_on(value).values("pk"))


@extend_schema_view(
    list=extend_schema(summary="Level memberships, applications and waiting lists"),
    retrieve=extend_schema(summary="One membership"),
)
class LevelMembershipViewSet(mixins.CreateModelMixin, ReadViewSet):
    serializer_class = LevelMembershipSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = LevelMembershipFilter
    queryset = LevelMembership.objects.prefetch_related("interests").order_by("pk")

    def perform_create(self, serializer: serializers.BaseSerializer[Any]) -> None:
        data = dict(serializer.validated_data)
        # A refusal (InvolvementError) becomes a 400 in api.exceptions, with each reason.
        serializer.instance = level_join(
            resident=data["resident"],
            level=data["level"],
            consent_wording=data.get("consent_wording", ""),
            interests=data.get("interests", []),
            ways=data.get("ways", []),
            application=data.get("application", ""),
            channel=data["channel"],
            by=self.request.user,
        )


@extend_schema_view(
    list=extend_schema(summary="The menu of opportunities"), retrieve=extend_schema(summary="One opportunity")
)
class OpportunityViewSet(ReadViewSet):
    serializer_class = OpportunitySerializer
    filter_backends = [DjangoFilterBackend]
    filterset_fields: ClassVar[list[str]] = ["kind", "formal", "collective"]
    queryset = Opportunity.objects.filter(is_open=True).select_related("level", "group").order_by("name")


@extend_schema_view(
    list=extend_schema(summary="Who holds which seat on which group (current and past)"),
    retrieve=extend_schema(summary="One seat holding"),
    create=extend_schema(summary="Fill a seat (checked against eligibility, seat counts and terms)"),
)
class SeatHoldingViewSet(mixins.CreateModelMixin, ReadViewSet):
    serializer_class = SeatHoldingSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = SeatHoldingFilter
    queryset = (
        SeatHolding.objects.select_related("seat_category__group").prefetch_related("roles").order_by("pk")
    )

    def perform_create(self, serializer: serializers.BaseSerializer[Any]) -> None:
        data = dict(serializer.validated_data)
        serializer.instance = seat_fill(
            category=data["seat_category"],
            resident=data.get("resident"),
            person_name=data.get("person_name", ""),
            organisation=data.get("organisation", ""),
            started_on=data["started_on"],
            override_reason=data.get("override_reason", ""),
            by=self.request.user,
        )


@extend_schema_view(
    list=extend_schema(summary="Elections, with results once counted"),
    retrieve=extend_schema(summary="One election"),
)
class ElectionViewSet(ReadViewSet):
    serializer_class = ElectionSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_fields: ClassVar[list[str]] = ["status", "seat_category"]
    queryset = Election.objects.select_related("seat_category__group").prefetch_related("nominations")


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
        # LateNotice is about late_notice_reason; api.exceptions answers it against that field.
        [first, *_rest] = activity_schedule(by=self.request.user, **data)
        serializer.instance = first
