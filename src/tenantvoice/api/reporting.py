"""API for the reporting timetable (issue 19 item 3; decision 0051): the reports due, each
duty's periods to today with their due dates and status, and the presentations recorded (when,
at which meeting, what was decided). Read with VIEW_REPORTS, like the pages; no resident is
named, so reads are not audited, as for indicators and scrutiny."""

from __future__ import annotations

from typing import Any, ClassVar

from django.db.models import QuerySet
from django.utils import timezone
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tenantvoice.core.roles import Capability
from tenantvoice.reporting.models import ReportPresentation
from tenantvoice.reporting.selectors import DueLine, Status, timetable, year_asked

from .engagement import ReadViewSet
from .permissions import CapabilityPermission


class PresentationSerializer(serializers.ModelSerializer[ReportPresentation]):
    report = serializers.CharField(source="duty.title", read_only=True)
    audience = serializers.CharField(source="duty.audience", read_only=True)
    period = serializers.CharField(source="period.label", read_only=True)
    meeting_title = serializers.SerializerMethodField()
    late = serializers.BooleanField(read_only=True)

    class Meta:
        model = ReportPresentation
        fields: ClassVar[list[str]] = [
            "id",
            "duty",
            "report",
            "audience",
            "period",
            "period_start",
            "period_end",
            "meeting",
            "meeting_title",
            "board_pack",
            "presented_on",
            "where",
            "decided",
            "evidence",
            "late",
            "figures",
        ]

    def get_meeting_title(self, presentation: ReportPresentation) -> str:
        return str(presentation.meeting.title) if presentation.meeting is not None else ""


@extend_schema_view(
    list=extend_schema(summary="Reports presented (filter by duty), with the figures as presented"),
    retrieve=extend_schema(summary="One report presented"),
)
class PresentationViewSet(ReadViewSet):
    serializer_class = PresentationSerializer
    read_capability = Capability.VIEW_REPORTS
    filter_backends = [DjangoFilterBackend]
    filterset_fields: ClassVar[list[str]] = ["duty"]

    def get_queryset(self) -> QuerySet[ReportPresentation]:
        return ReportPresentation.objects.select_related("duty", "meeting").order_by("-presented_on", "-pk")


def _line(line: DueLine) -> dict[str, Any]:
    p = line.presentation
    return {
        "duty": line.duty.pk,
        "report": line.duty.title,
        "kind": line.duty.kind,
        "audience": line.duty.audience,
        "group": line.duty.group_id,
        "cadence": line.duty.cadence,
        "year": line.period.year_first,
        "year_label": line.period.year_label,
        "period": line.period.label,
        "period_start": line.period.start,
        "period_end": line.period.end,
        "due_on": line.due_on,
        "status": line.status,
        "status_words": line.status_words,
        "presentation": None
        if p is None
        else {"id": p.pk, "presented_on": p.presented_on, "meeting": p.meeting_id, "decided": p.decided},
        "source": line.duty.source_words(),
    }


class ReportsDueView(APIView):
    """Every report the strategy's timetable says is due, each period to today, as the page.
    Not paged: a landlord has a handful of duties, so a year holds a few dozen periods."""

    permission_classes = [CapabilityPermission]
    read_capability = Capability.VIEW_REPORTS
    write_capability = Capability.MANAGE_INVOLVEMENT
    renderer_classes = [JSONRenderer]

    @extend_schema(
        summary="Reports due: each duty's periods to today, with due dates and status",
        parameters=[
            OpenApiParameter(
                "year",
                str,
                description="The reporting year: the year it starts (2025) or its label (2025/26)",
            ),
            OpenApiParameter("status", str, enum=Status.values, description="Only periods with this status"),
        ],
        responses={200: None},
    )
    def get(self, request: Request, format: str | None = None) -> Response:
        year_text = request.query_params.get("year", "")
        year = year_asked(year_text) if year_text else None
        if year_text and year is None:
            raise ValidationError(
                {"year": ["Give the reporting year, e.g. 2025/26 (or 2025, the year it starts)."]}
            )
        status = request.query_params.get("status", "")
        if status and status not in Status.values:
            raise ValidationError({"status": [f"Choose one of {', '.join(Status.values)}."]})
        lines = timetable(timezone.localdate(), year=year, status=status or None)
        return Response({"results": [_line(line) for line in lines]})
