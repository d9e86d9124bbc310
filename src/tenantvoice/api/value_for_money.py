"""API for the Value for Money statement of involvement (issue 19 item 5; decision 0055): the
year's costs against what involvement achieved, as the page's tables. It names no one: reading
needs VIEW_REPORTS."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tenantvoice.core.roles import Capability
from tenantvoice.core.tables import tables_to_json
from tenantvoice.value_for_money.statement import statement_tables, value_for_money_statement

from .filters import reporting_year_param
from .permissions import CapabilityPermission


class ValueForMoneyView(APIView):
    """What involvement cost in a reporting year against what it achieved, as the page."""

    permission_classes = [CapabilityPermission]
    read_capability = Capability.VIEW_REPORTS
    write_capability = Capability.MANAGE_INVOLVEMENT
    renderer_classes = [JSONRenderer]

    @extend_schema(
        summary="Value for money of involvement for a reporting year",
        parameters=[OpenApiParameter("year", int, description="The year it starts, e.g. 2025 for 2025/26")],
        responses={200: None},
    )
    def get(self, request: Request, format: str | None = None) -> Response:
        year = reporting_year_param(request)
        tables = tables_to_json(statement_tables(value_for_money_statement(year)))
        return Response({"year": year.label, "from": year.start, "to": year.end, "tables": tables})
