"""API for saved groups of residents and customer profiles (issue 18 item 3; decision 0048).

A saved group is a set of rules, not a list of people: reading one gives its rules (as stored
and in plain words) and, for a customer profile, its figures with small counts hidden, as the
pages show them. The customer profile report gives the same tables as the page and its CSV.
Reading needs VIEW_REPORTS; saved groups are changed on the pages (MANAGE_MESSAGES).
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tenantvoice.audiences.models import Segment
from tenantvoice.audiences.profiles import FACTS, profile_report, segment_profile
from tenantvoice.audiences.rules import Audience, audience_describe
from tenantvoice.core.roles import Capability
from tenantvoice.core.suppression import Hidden
from tenantvoice.core.tables import tables_to_json

from .engagement import ReadViewSet
from .permissions import CapabilityPermission


def _figure(value: object) -> object:
    return {"hidden": True} if isinstance(value, Hidden) else value


class SegmentSerializer(serializers.ModelSerializer[Segment]):
    rules_in_words = serializers.SerializerMethodField()
    profile = serializers.SerializerMethodField()

    class Meta:
        model = Segment
        fields: ClassVar[list[str]] = [
            "id",
            "name",
            "description",
            "rules",
            "rules_in_words",
            "is_profile",
            "profile",
            "updated_at",
        ]

    def get_rules_in_words(self, segment: Segment) -> list[str]:
        return audience_describe(Audience.from_json(segment.rules))

    def get_profile(self, segment: Segment) -> dict[str, Any] | None:
        """A customer profile's figures today (null for a saved group that is not one)."""
        if not segment.is_profile:
            return None
        found = segment_profile(segment)
        return {
            "residents": _figure(found.count("size")),
            "prefers": [
                {"channel": label, "residents": _figure(count), "percent": _figure(share)}
                for label, count, share in found.prefers
            ],
            **{key: _figure(found.count(key)) for key, _words in FACTS},
        }


@extend_schema_view(
    list=extend_schema(summary="Saved groups of residents and customer profiles"),
    retrieve=extend_schema(summary="One saved group, with its figures if it is a customer profile"),
)
class SegmentViewSet(ReadViewSet):
    serializer_class = SegmentSerializer
    read_capability = Capability.VIEW_REPORTS
    write_capability = Capability.MANAGE_MESSAGES
    queryset = Segment.objects.order_by("name")


class CustomerProfilesView(APIView):
    """The customer profile report: the profiles, then the residents living in the landlord's
    homes by each characteristic that is not an equality one, as the page's tables."""

    permission_classes = [CapabilityPermission]
    read_capability = Capability.VIEW_REPORTS
    write_capability = Capability.MANAGE_MESSAGES
    renderer_classes = [JSONRenderer]

    @extend_schema(summary="The customer profile report (tables, small counts hidden)", responses={200: None})
    def get(self, request: Request, format: str | None = None) -> Response:
        on = timezone.localdate()
        return Response({"on": on, "tables": tables_to_json(profile_report(on))})
