"""The API's viewsets: thin, with capability checks, audit and writes through services."""

from __future__ import annotations

from typing import Any, ClassVar

from django.db.models import Model, QuerySet
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from drf_spectacular.views import SpectacularAPIView
from rest_framework import mixins, viewsets
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from tenantvoice.core.audit import audit_record
from tenantvoice.core.models import AuditAction
from tenantvoice.core.roles import Capability
from tenantvoice.residents import services
from tenantvoice.residents.models import Area, Property, Resident, Tenancy
from tenantvoice.residents.selectors import access_resident_for_staff

from . import filters, selectors, serializers
from .pagination import ApiPagination
from .permissions import CapabilityPermission

VIA = "api"


class RegisterViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[Any],
):
    """List, read, create and change; never delete, because these records come from the HMS
    (a tenancy ends by setting its end date)."""

    permission_classes = [CapabilityPermission]
    read_capability = Capability.VIEW_RESIDENTS
    write_capability = Capability.EDIT_RESIDENTS
    pagination_class = ApiPagination
    # JSON only: the browsable API would render every property into a <select> on a
    # 1,000,000-row register, and its pages need inline scripts the CSP forbids.
    renderer_classes = [JSONRenderer]
    filter_backends = [DjangoFilterBackend, filters.StableOrderingFilter]
    ordering_fields: ClassVar[list[str]] = ["id"]
    audit_object_type = ""
    audit_plural = ""  # the audit log's words for a list: "tenancies", not "tenancys"

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response = super().list(request, *args, **kwargs)
        # One event per request, not per row: a page of 500 would otherwise flood the log.
        summary = "; ".join(f"{k}={v}" for k, v in sorted(request.query_params.items()))
        audit_record(
            actor=request.user,
            action=AuditAction.SEARCH,
            object_type=self.audit_object_type,
            summary=f"API list of {self.audit_plural}" + (f": {summary}" if summary else ""),
            via=VIA,
            request=request._request,
        )
        return response

    def perform_create(self, serializer: BaseSerializer[Any]) -> None:
        serializer.instance = self.create_record(dict(serializer.validated_data))

    def perform_update(self, serializer: BaseSerializer[Any]) -> None:
        assert serializer.instance is not None  # noqa: S101  (update always has one)
        serializer.instance = self.update_record(serializer.instance, dict(serializer.validated_data))

    def create_record(self, data: dict[str, Any]) -> Model:
        raise NotImplementedError

    def update_record(self, instance: Any, data: dict[str, Any]) -> Model:
        raise NotImplementedError


@extend_schema_view(
    list=extend_schema(summary="List areas", description="Areas in full-name order."),
    retrieve=extend_schema(summary="One area"),
    create=extend_schema(summary="Add an area"),
    update=extend_schema(summary="Replace an area's name, level and parent"),
    partial_update=extend_schema(summary="Change an area"),
)
class AreaViewSet(RegisterViewSet):
    serializer_class = serializers.AreaSerializer
    filterset_class = filters.AreaFilter
    audit_object_type = "area"
    audit_plural = "areas"

    def get_queryset(self) -> QuerySet[Area]:
        return selectors.area_list()

    def create_record(self, data: dict[str, Any]) -> Model:
        return services.area_create(by=self.request.user, request=self.request._request, via=VIA, **data)

    def update_record(self, instance: Any, data: dict[str, Any]) -> Model:
        return services.area_update(
            area=instance, by=self.request.user, data=data, request=self.request._request, via=VIA
        )


@extend_schema_view(
    list=extend_schema(summary="List properties", description="Properties in postcode order."),
    retrieve=extend_schema(summary="One property"),
    create=extend_schema(summary="Add a property"),
    update=extend_schema(summary="Replace a property"),
    partial_update=extend_schema(summary="Change a property"),
)
class PropertyViewSet(RegisterViewSet):
    serializer_class = serializers.PropertySerializer
    filterset_class = filters.PropertyFilter
    ordering_fields: ClassVar[list[str]] = ["id", "updated_at", "postcode_key"]
    audit_object_type = "property"
    audit_plural = "properties"

    def get_queryset(self) -> QuerySet[Property]:
        return selectors.property_list()

    def create_record(self, data: dict[str, Any]) -> Model:
        return services.property_create(
            by=self.request.user, data=data, request=self.request._request, via=VIA
        )

    def update_record(self, instance: Any, data: dict[str, Any]) -> Model:
        return services.property_update(
            prop=instance, by=self.request.user, data=data, request=self.request._request, via=VIA
        )


@extend_schema_view(
    list=extend_schema(summary="List tenancies", description="Newest start first."),
    retrieve=extend_schema(summary="One tenancy"),
    create=extend_schema(summary="Add a tenancy"),
    update=extend_schema(summary="Replace a tenancy"),
    partial_update=extend_schema(summary="Change a tenancy, e.g. end it by setting end_date"),
)
class TenancyViewSet(RegisterViewSet):
    serializer_class = serializers.TenancySerializer
    filterset_class = filters.TenancyFilter
    ordering_fields: ClassVar[list[str]] = ["id", "updated_at", "start_date"]
    audit_object_type = "tenancy"
    audit_plural = "tenancies"

    def get_queryset(self) -> QuerySet[Tenancy]:
        return selectors.tenancy_list()

    def create_record(self, data: dict[str, Any]) -> Model:
        return services.tenancy_create(
            by=self.request.user, data=data, request=self.request._request, via=VIA
        )

    def update_record(self, instance: Any, data: dict[str, Any]) -> Model:
        return services.tenancy_update(
            tenancy=instance, by=self.request.user, data=data, request=self.request._request, via=VIA
        )


@extend_schema_view(
    list=extend_schema(
        summary="List residents",
        description="Residents in name order, with their current tenancies. "
        "Equality answers are never included.",
    ),
    retrieve=extend_schema(summary="One resident (the view is recorded in the audit log)"),
    create=extend_schema(summary="Add a resident, e.g. an applicant or service user"),
    update=extend_schema(summary="Replace a resident's details and preferences"),
    partial_update=extend_schema(summary="Change a resident's details or preferences"),
)
class ResidentViewSet(RegisterViewSet):
    serializer_class = serializers.ResidentSerializer
    filterset_class = filters.ResidentFilter
    ordering_fields: ClassVar[list[str]] = ["id", "updated_at", "last_name_key"]
    audit_object_type = "resident"
    audit_plural = "residents"

    def get_queryset(self) -> QuerySet[Resident]:
        return selectors.resident_list()

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        resident = access_resident_for_staff(
            request.user,
            kwargs[self.lookup_url_kwarg or self.lookup_field],
            summary="Viewed through the API",
            request=request._request,
            queryset=selectors.resident_list(),
            via="api",
        )
        self.check_object_permissions(request, resident)
        return Response(self.get_serializer(resident).data)

    def create_record(self, data: dict[str, Any]) -> Model:
        return services.resident_create(
            by=self.request.user, data=data, request=self.request._request, via=VIA
        )

    def update_record(self, instance: Any, data: dict[str, Any]) -> Model:
        return services.resident_update(
            resident=instance, by=self.request.user, data=data, request=self.request._request, via=VIA
        )


class SchemaView(SpectacularAPIView):
    """The OpenAPI description, for staff accounts and systems' tokens only: it holds no data, but
    it maps every endpoint and field for whoever asks, so it is not published (issue 11)."""

    permission_classes = [CapabilityPermission]
    read_capability = Capability.USE_STAFF_AREA
