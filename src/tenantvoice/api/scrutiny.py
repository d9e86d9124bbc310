"""API for scrutiny reviews (decision 0044): reviews with their plan and requests for evidence,
the evidence log, and recommendations with the landlord's response and the actions they
became. Read with VIEW_REPORTS, like the tracker; no resident is named (the panel is a group,
never its members), so reads are not audited, as for consultations and surveys."""

from __future__ import annotations

from typing import ClassVar

from django.db.models import Prefetch, QuerySet
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers

from tenantvoice.actions.models import Action
from tenantvoice.core.roles import Capability
from tenantvoice.scrutiny.models import Evidence, EvidenceRequest, Finding, Milestone, Recommendation, Review

from .actions import ActionSummarySerializer
from .engagement import ReadViewSet


class ReviewMilestoneSerializer(serializers.ModelSerializer[Milestone]):
    class Meta:
        model = Milestone
        fields: ClassVar[list[str]] = ["title", "due_on", "done_on", "is_report"]


class EvidenceRequestSerializer(serializers.ModelSerializer[EvidenceRequest]):
    officer = serializers.CharField(source="officer_display", read_only=True)
    answered_late = serializers.BooleanField(read_only=True)

    class Meta:
        model = EvidenceRequest
        fields: ClassVar[list[str]] = [
            "id",
            "question",
            "officer",
            "asked_on",
            "working_days",
            "due_on",
            "answered_on",
            "answer",
            "answered_late",
            "late_reason",
        ]


class ReviewSerializer(serializers.ModelSerializer[Review]):
    panel_name = serializers.CharField(source="panel.name", read_only=True)
    officer = serializers.SerializerMethodField()
    milestones = ReviewMilestoneSerializer(many=True, read_only=True)
    requests = EvidenceRequestSerializer(many=True, read_only=True)

    class Meta:
        model = Review
        fields: ClassVar[list[str]] = [
            "id",
            "title",
            "reason",
            "survey",
            "service_area",
            "service_standard",
            "terms_of_reference",
            "panel",
            "panel_name",
            "officer",
            "stage",
            "started_on",
            "closed_on",
            "committee_on",
            "report_deadline",
            "report",
            "published_on",
            "milestones",
            "requests",
        ]

    def get_officer(self, review: Review) -> str:
        """The officer lead's name (a member of staff), or "" when none is chosen."""
        return str(review.officer) if review.officer is not None else ""


@extend_schema_view(
    list=extend_schema(summary="Scrutiny reviews with their plan and requests for evidence"),
    retrieve=extend_schema(summary="One scrutiny review"),
)
class ReviewViewSet(ReadViewSet):
    serializer_class = ReviewSerializer
    read_capability = Capability.VIEW_REPORTS
    filter_backends = [DjangoFilterBackend]
    filterset_fields: ClassVar[list[str]] = ["stage", "panel"]

    def get_queryset(self) -> QuerySet[Review]:
        return (
            Review.objects.select_related("panel", "officer")
            .prefetch_related(
                "milestones", Prefetch("requests", EvidenceRequest.objects.select_related("officer"))
            )
            .order_by("-created_at", "-pk")
        )


class EvidenceSerializer(serializers.ModelSerializer[Evidence]):
    has_file = serializers.SerializerMethodField()

    class Meta:
        model = Evidence
        fields: ClassVar[list[str]] = ["id", "review", "kind", "title", "describes_on", "summary", "has_file"]

    def get_has_file(self, evidence: Evidence) -> bool:
        return bool(evidence.file)


@extend_schema_view(
    list=extend_schema(summary="Scrutiny reviews' evidence logs (filter by review)"),
    retrieve=extend_schema(summary="One piece of evidence"),
)
class EvidenceViewSet(ReadViewSet):
    serializer_class = EvidenceSerializer
    read_capability = Capability.VIEW_REPORTS
    filter_backends = [DjangoFilterBackend]
    filterset_fields: ClassVar[list[str]] = ["review", "kind"]
    queryset = Evidence.objects.order_by("review_id", "describes_on", "pk")


class FindingSerializer(serializers.ModelSerializer[Finding]):
    class Meta:
        model = Finding
        fields: ClassVar[list[str]] = ["order", "text"]


class RecommendationSerializer(serializers.ModelSerializer[Recommendation]):
    findings = FindingSerializer(many=True, read_only=True)
    actions = ActionSummarySerializer(many=True, read_only=True)
    meeting = serializers.IntegerField(source="responded_at_id", read_only=True, allow_null=True)

    class Meta:
        model = Recommendation
        fields: ClassVar[list[str]] = [
            "id",
            "review",
            "order",
            "text",
            "findings",
            "response",
            "reasons",
            "meeting",
            "responded_on",
            "actions",
        ]


@extend_schema_view(
    list=extend_schema(
        summary="Recommendations with the landlord's response and the actions they became (filter by review)"
    ),
    retrieve=extend_schema(summary="One recommendation"),
)
class RecommendationViewSet(ReadViewSet):
    serializer_class = RecommendationSerializer
    read_capability = Capability.VIEW_REPORTS
    filter_backends = [DjangoFilterBackend]
    filterset_fields: ClassVar[list[str]] = ["review", "response"]
    queryset = Recommendation.objects.prefetch_related(
        "findings", Prefetch("actions", Action.objects.top_level().order_by("pk"))
    ).order_by("review_id", "order", "pk")
