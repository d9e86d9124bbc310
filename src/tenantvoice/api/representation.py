"""API for who takes part (issue 18 item 6; decision 0047): a population against all residents
(or a survey's respondents) on a date, characteristic by characteristic, with the same figures
as the "Who takes part" page; hidden figures are ``{"hidden": true}``.

Readers of reports read it, as the page. The population is chosen with the page's own form, so
both accept and refuse the same choices in the same words. Equality characteristics are given
only when asked for by name, and each such read is audited, as on the page.
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tenantvoice.core.roles import Capability
from tenantvoice.representation.characteristics import landlord_characteristics
from tenantvoice.representation.forms import ComparisonForm
from tenantvoice.representation.report import comparison_json, comparisons_read

from .permissions import CapabilityPermission

VIA = "api"


class RepresentationView(APIView):
    """Who takes part: each characteristic's categories with residents, involved, shares, the
    gap, the participation rate and its 95% interval, the representation score and the groups
    named as under-represented, with small counts hidden."""

    permission_classes = [CapabilityPermission]
    read_capability = Capability.VIEW_REPORTS
    write_capability = Capability.VIEW_REPORTS
    renderer_classes = [JSONRenderer]

    @extend_schema(
        summary="Who takes part: involved residents against all residents, by characteristic",
        parameters=[
            OpenApiParameter(
                "population",
                str,
                description="all (default), level, group, activities, survey or consultation",
            ),
            OpenApiParameter("level", str, description="The level's slug, for population=level"),
            OpenApiParameter(
                "group", str, description="The group's slug, for population=group or activities"
            ),
            OpenApiParameter("start", str, description="First day, for population=activities (YYYY-MM-DD)"),
            OpenApiParameter("end", str, description="Last day, for population=activities (YYYY-MM-DD)"),
            OpenApiParameter(
                "survey", int, description="The survey's id, for population=survey or base=survey"
            ),
            OpenApiParameter("consultation", int, description="The consultation's id"),
            OpenApiParameter("on", str, description="The date (YYYY-MM-DD); today when left out"),
            OpenApiParameter("base", str, description="residents (default) or survey: its respondents"),
            OpenApiParameter(
                "characteristic",
                str,
                many=True,
                description="Characteristics by code (repeat it for more); every one that is not an "
                "equality characteristic when left out. Equality ones only when named; audited.",
            ),
        ],
        responses={200: None},
    )
    def get(self, request: Request, format: str | None = None) -> Response:
        form = ComparisonForm(request.query_params)
        if not form.is_valid():
            raise ValidationError({name: [str(e) for e in errors] for name, errors in form.errors.items()})
        found = landlord_characteristics()
        asked = [slug for text in request.query_params.getlist("characteristic") for slug in text.split(",")]
        unknown = [slug for slug in asked if slug not in found]
        if unknown:
            raise ValidationError(
                {
                    "characteristic": [
                        f"There is no characteristic {', '.join(unknown)}: choose from {', '.join(found)}."
                    ]
                }
            )
        chosen = [found[slug] for slug in asked] if asked else [c for c in found.values() if not c.equality]
        population, on = form.chosen(), form.on_date
        comparisons = comparisons_read(population, on, chosen, reader=request.user, request=request, via=VIA)
        return Response(
            {
                "on": on,
                "population": population.label,
                "compared_with": population.base_label,
                "characteristics": [comparison_json(c) for c in comparisons],
            }
        )
