"""API for indicators (issue 19 item 1; decision 0050): each indicator with its values and
targets, the year's table against targets, the year before and peers, and typed-in values
recorded through the same service as the page. Indicators name no one: reading needs
VIEW_REPORTS; recording a value MANAGE_INVOLVEMENT."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action as route
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tenantvoice.core.roles import Capability
from tenantvoice.core.tables import tables_to_json
from tenantvoice.indicators.charter import charter_lines, charter_table, return_due
from tenantvoice.indicators.models import Indicator, IndicatorTarget, IndicatorValue
from tenantvoice.indicators.selectors import indicator_table
from tenantvoice.indicators.services import value_record

from .filters import reporting_year_param
from .pagination import ApiPagination
from .permissions import CapabilityPermission


class ValueSerializer(serializers.ModelSerializer[IndicatorValue]):
    class Meta:
        model = IndicatorValue
        fields = ("period_start", "period_end", "value", "sample_size", "margin", "origin", "note")


class TargetSerializer(serializers.ModelSerializer[IndicatorTarget]):
    class Meta:
        model = IndicatorTarget
        fields = ("year", "value", "note")


class IndicatorSerializer(serializers.ModelSerializer[Indicator]):
    values = ValueSerializer(many=True, read_only=True)
    targets = TargetSerializer(many=True, read_only=True)

    class Meta:
        model = Indicator
        fields = (
            "id",
            "name",
            "definition",
            "unit",
            "higher_is_better",
            "source",
            "source_parameter",
            "is_survey",
            "framework",
            "outcome",
            "number",
            "values",
            "targets",
        )


class ValueInSerializer(serializers.Serializer[Any]):
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    value = serializers.DecimalField(max_digits=14, decimal_places=2)
    sample_size = serializers.IntegerField(required=False, allow_null=True)
    margin = serializers.DecimalField(max_digits=5, decimal_places=2, required=False, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True, max_length=500)


@extend_schema_view(
    list=extend_schema(summary="Indicators with their values and targets"),
    retrieve=extend_schema(summary="One indicator"),
)
class IndicatorViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Any]):
    permission_classes = [CapabilityPermission]
    read_capability = Capability.VIEW_REPORTS
    write_capability = Capability.MANAGE_INVOLVEMENT
    pagination_class = ApiPagination
    renderer_classes = [JSONRenderer]
    serializer_class = IndicatorSerializer
    queryset = Indicator.objects.order_by("order", "name").prefetch_related("values", "targets")

    @extend_schema(request=ValueInSerializer, responses={200: IndicatorSerializer})
    @route(detail=True, methods=["post"], url_path="values")
    def record_value(self, request: Request, pk: str | None = None, format: str | None = None) -> Response:
        """Record a typed-in value for a period (one already there for the period is replaced)."""
        indicator = self.get_object()
        incoming = ValueInSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        value_record(indicator=indicator, by=request.user, via="api", **incoming.validated_data)
        return Response(IndicatorSerializer(self.get_queryset().get(pk=indicator.pk)).data)


class IndicatorsReportView(APIView):
    """The year's indicators against their targets, the year before and peers, as the page."""

    permission_classes = [CapabilityPermission]
    read_capability = Capability.VIEW_REPORTS
    write_capability = Capability.MANAGE_INVOLVEMENT
    renderer_classes = [JSONRenderer]

    @extend_schema(
        summary="Indicators against targets for a reporting year",
        parameters=[OpenApiParameter("year", int, description="The year it starts, e.g. 2025 for 2025/26")],
        responses={200: None},
    )
    def get(self, request: Request, format: str | None = None) -> Response:
        year = reporting_year_param(request)
        tables = tables_to_json([indicator_table(year)])
        return Response({"year": year.label, "from": year.start, "to": year.end, "tables": tables})


class CharterReportView(APIView):
    """The Scottish Charter's indicators for a reporting year (decision 0053): the Annual Return
    figures as the page shows them, each with our figure, the year before, the Scottish average
    in words and the quartile among peers, and the return's due date."""

    permission_classes = [CapabilityPermission]
    read_capability = Capability.VIEW_REPORTS
    write_capability = Capability.MANAGE_INVOLVEMENT
    renderer_classes = [JSONRenderer]

    @extend_schema(
        summary="The Scottish Charter's indicators and comparison for a reporting year",
        parameters=[OpenApiParameter("year", int, description="The year it starts, e.g. 2025 for 2025/26")],
        responses={200: None},
    )
    def get(self, request: Request, format: str | None = None) -> Response:
        year = reporting_year_param(request)
        lines = charter_lines(year)
        indicators = [
            {
                "id": c.indicator.pk,
                "name": c.indicator.name,
                "number": c.indicator.number,
                "number_confirmed": c.confirmed,
                "outcome": c.indicator.outcome,
                "unit": c.indicator.unit,
                "higher_is_better": c.indicator.higher_is_better,
                "value": None if c.line.value is None else c.line.value.value,
                "year_before": None if c.line.previous is None else c.line.previous.value,
                "scottish_average": c.average,
                "against_average": c.comparison_words or None,
                "among_peers": None if c.line.peers is None else c.line.peers.label,
            }
            for c in lines
        ]
        return Response(
            {
                "year": year.label,
                "from": year.start,
                "to": year.end,
                "return_due": return_due(year),
                "indicators": indicators,
                "tables": tables_to_json([charter_table(year, lines)]),
            }
        )
