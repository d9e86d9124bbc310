"""API for the annual report to residents (issue 19 items 5 and 6; decision 0057): each year's
report with its status, the panel's approval, the officer's and the panel's words, and its
chapters in order with their headlines, the officer's words, the figures as drawn (a hidden
count is ``{"hidden": true}``) and where they came from; and how many residents commented (not
what they said or who they are). Read-only: reports are made on the pages. Reading needs
VIEW_REPORTS, as the pages."""

from __future__ import annotations

from django.db.models import Count, Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers

from tenantvoice.annual_reports.chapters import heading_of
from tenantvoice.annual_reports.models import AnnualReport, Chapter
from tenantvoice.core.roles import Capability

from .boardpacks import MeetingSerializer, PackSectionSerializer
from .engagement import ReadViewSet


class ChapterSerializer(PackSectionSerializer):
    """A chapter: a Board pack section's fields (the same drawn figures), with its headlines."""

    class Meta:
        model = Chapter
        fields = (*PackSectionSerializer.Meta.fields, "headlines", "included")

    def get_heading(self, section: Chapter) -> str:  # type: ignore[override]
        return heading_of(section.kind)


class AnnualReportSerializer(serializers.ModelSerializer[AnnualReport]):
    year_label = serializers.CharField(source="reporting_year.label", read_only=True)
    approval_meeting = MeetingSerializer(read_only=True)
    chapters = ChapterSerializer(many=True, read_only=True)
    comments = serializers.IntegerField(source="comment_count", read_only=True)

    class Meta:
        model = AnnualReport
        fields = (
            "id",
            "year",
            "year_label",
            "title",
            "status",
            "officer_words",
            "panel_name",
            "panel_words",
            "how_made",
            "approval_meeting",
            "approval_decided",
            "approved_at",
            "published_on",
            "chapters",
            "comments",
        )


@extend_schema_view(
    list=extend_schema(summary="Annual reports to residents with their chapters"),
    retrieve=extend_schema(summary="One year's annual report to residents"),
)
class AnnualReportViewSet(ReadViewSet):
    read_capability = Capability.VIEW_REPORTS
    serializer_class = AnnualReportSerializer
    queryset = (
        AnnualReport.objects.select_related("approval_meeting")
        .annotate(comment_count=Count("comments"))
        .prefetch_related(Prefetch("chapters", queryset=Chapter.objects.order_by("order", "pk")))
        .order_by("-pk")
    )
