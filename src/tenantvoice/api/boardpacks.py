"""API for Board packs (issue 19 items 4 and 6; decision 0052): each pack with its meeting,
period and status, and its sections in order with the officer's narrative, the figures as
drawn (tables as ``core.tables.tables_to_json``: a hidden count is ``{"hidden": true}``) and
where they came from. Read-only: packs are made on the pages. Reading needs VIEW_REPORTS, as
the pages."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers

from tenantvoice.boardpacks.models import BoardPack, PackSection
from tenantvoice.boardpacks.selectors import label_of
from tenantvoice.core.roles import Capability
from tenantvoice.reporting.models import ReportPresentation

from .engagement import ReadViewSet


class PackSectionSerializer(serializers.ModelSerializer[PackSection]):
    heading = serializers.SerializerMethodField()
    charts = serializers.SerializerMethodField()

    class Meta:
        model = PackSection
        fields = (
            "id",
            "kind",
            "heading",
            "order",
            "parameters",
            "narrative",
            "tables",
            "charts",
            "provenance",
            "drawn_at",
        )

    def get_heading(self, section: PackSection) -> str:
        return label_of(section.kind)

    @extend_schema_field(serializers.ListField(child=serializers.DictField()))
    def get_charts(self, section: PackSection) -> list[dict[str, Any]]:
        """Each chart's title and its figures in words (the text alternative)."""
        return [{"title": c["title"], "description": c["description"]} for c in section.charts]


class MeetingSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    title = serializers.CharField()
    starts_at = serializers.DateTimeField()


class PresentedSerializer(serializers.ModelSerializer[ReportPresentation]):
    """A timetable report recorded as presented with the pack: which duty and period."""

    report = serializers.CharField(source="duty.title", read_only=True)
    audience = serializers.CharField(source="duty.audience", read_only=True)
    period = serializers.CharField(source="period.label", read_only=True)

    class Meta:
        model = ReportPresentation
        fields = ("id", "duty", "report", "audience", "period", "period_start", "period_end", "presented_on")


class BoardPackSerializer(serializers.ModelSerializer[BoardPack]):
    meeting = MeetingSerializer(read_only=True)
    sections = PackSectionSerializer(many=True, read_only=True)
    presentations = PresentedSerializer(many=True, read_only=True)

    class Meta:
        model = BoardPack
        fields = (
            "id",
            "title",
            "meeting",
            "period_start",
            "period_end",
            "status",
            "created_at",
            "finalised_at",
            "sections",
            "presentations",
        )


@extend_schema_view(
    list=extend_schema(summary="Board packs with their sections"),
    retrieve=extend_schema(summary="One Board pack"),
)
class BoardPackViewSet(ReadViewSet):
    read_capability = Capability.VIEW_REPORTS
    serializer_class = BoardPackSerializer
    queryset = (
        BoardPack.objects.select_related("meeting")
        .prefetch_related(
            Prefetch("sections", queryset=PackSection.objects.order_by("order", "pk")),
            Prefetch(
                "presentations",
                queryset=ReportPresentation.objects.select_related("duty").order_by(
                    "duty__order", "duty__pk", "period_start"
                ),
            ),
        )
        .order_by("-pk")
    )
