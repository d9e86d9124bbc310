"""API for consultations (with reply counts, never repliers' names) and the survey programme."""

from __future__ import annotations

from typing import ClassVar

from django.db.models import Count, QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers

from tenantvoice.consultations.models import Consultation
from tenantvoice.core.roles import Capability
from tenantvoice.programme.models import Milestone, PlannedSurvey, Programme

from .engagement import ReadViewSet


class ConsultationSerializer(serializers.ModelSerializer[Consultation]):
    replies = serializers.IntegerField(read_only=True)
    notices_given = serializers.IntegerField(read_only=True)

    class Meta:
        model = Consultation
        fields: ClassVar[list[str]] = [
            "id",
            "title",
            "summary",
            "likely_effect",
            "topic",
            "is_policy",
            "statutory_s54",
            "opens_on",
            "closes_on",
            "status",
            "decision",
            "regard_had",
            "decided_on",
            "feedback",
            "feedback_published_on",
            "replies",
            "notices_given",
        ]


@extend_schema_view(
    list=extend_schema(summary="Consultations with counts of notices and replies"),
    retrieve=extend_schema(summary="One consultation"),
)
class ConsultationViewSet(ReadViewSet):
    serializer_class = ConsultationSerializer
    read_capability = Capability.VIEW_REPORTS

    def get_queryset(self) -> QuerySet[Consultation]:
        return Consultation.objects.annotate(
            replies=Count("representations", distinct=True), notices_given=Count("notices", distinct=True)
        ).order_by("-closes_on", "pk")


class MilestoneSerializer(serializers.ModelSerializer[Milestone]):
    class Meta:
        model = Milestone
        fields: ClassVar[list[str]] = ["step", "due_on", "done_on", "note"]


class PlannedSurveySerializer(serializers.ModelSerializer[PlannedSurvey]):
    milestones = MilestoneSerializer(many=True, read_only=True)

    class Meta:
        model = PlannedSurvey
        fields: ClassVar[list[str]] = ["order", "title", "lead_officer", "starts_on", "milestones"]


class ProgrammeSerializer(serializers.ModelSerializer[Programme]):
    surveys = PlannedSurveySerializer(many=True, read_only=True)

    class Meta:
        model = Programme
        fields: ClassVar[list[str]] = ["id", "title", "starts_on", "cycle_weeks", "surveys"]


@extend_schema_view(
    list=extend_schema(summary="Survey programmes with each survey's milestones"),
    retrieve=extend_schema(summary="One survey programme"),
)
class ProgrammeViewSet(ReadViewSet):
    serializer_class = ProgrammeSerializer
    read_capability = Capability.VIEW_REPORTS
    queryset = Programme.objects.prefetch_related("surveys__milestones").order_by("-starts_on", "pk")
