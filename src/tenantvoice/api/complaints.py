"""API for complaints and service requests (issue 17 item 8; decision 0046): each with its
stages, due dates, responses point by point, remedies, learning, actions and Ombudsman cases;
and the steps of the clock, through the same services as the pages.

A complaint is a personal record: reading needs VIEW_RESIDENTS and is audited (a list is one
event, a complaint read is an event naming its resident), as for residents. Recording and
running stages needs HANDLE_COMPLAINTS. The categories are the landlord's list and name no one.
"""

from __future__ import annotations

from typing import Any, ClassVar

import django_filters as df
from django.db.models import Prefetch, QuerySet
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action as route
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tenantvoice.accounts.models import User
from tenantvoice.actions.models import Action
from tenantvoice.complaints.models import (
    CaseKind,
    Category,
    Complaint,
    Extension,
    Finding,
    Learning,
    OmbudsmanCase,
    Order,
    Outcome,
    Point,
    ReceivedBy,
    Remedy,
    RemedyKind,
    Stage,
)
from tenantvoice.complaints.report import figures, measure_tables, theme_tables
from tenantvoice.complaints.selectors import STATES, complaints_list
from tenantvoice.complaints.services import (
    complaint_record,
    stage_acknowledge,
    stage_assign,
    stage_escalate,
    stage_extend,
    stage_respond,
)
from tenantvoice.core.audit import audit_record
from tenantvoice.core.models import AuditAction
from tenantvoice.core.roles import STAFF_ROLES, Capability
from tenantvoice.core.tables import tables_to_json
from tenantvoice.residents.models import Property, Resident

from .actions import ActionSummarySerializer
from .engagement import ReadViewSet
from .filters import reporting_year_param
from .permissions import CapabilityPermission

VIA = "api"


class ExtensionSerializer(serializers.ModelSerializer[Extension]):
    class Meta:
        model = Extension
        fields: ClassVar[list[str]] = ["new_date", "reason", "agreed_on"]


class PointSerializer(serializers.ModelSerializer[Point]):
    class Meta:
        model = Point
        fields: ClassVar[list[str]] = ["order", "summary", "decision", "reasons"]


class RemedySerializer(serializers.ModelSerializer[Remedy]):
    class Meta:
        model = Remedy
        fields: ClassVar[list[str]] = ["kind", "description", "amount", "amount_reason", "paid_on"]


class StageSerializer(serializers.ModelSerializer[Stage]):
    handler = serializers.SerializerMethodField()
    extensions = ExtensionSerializer(many=True, read_only=True)
    points = PointSerializer(many=True, read_only=True)
    remedies = RemedySerializer(many=True, read_only=True)
    answered_in_time = serializers.BooleanField(read_only=True, allow_null=True)

    class Meta:
        model = Stage
        fields: ClassVar[list[str]] = [
            "id",
            "number",
            "name",
            "procedure",
            "procedure_version",
            "opened_on",
            "handler",
            "acknowledge_due",
            "acknowledged_on",
            "acknowledged_late",
            "defined_as",
            "respond_due",
            "respond_by",
            "responded_on",
            "responded_late",
            "answered_in_time",
            "late_reason",
            "extensions",
            "points",
            "remedies",
            "response",
            "how_to_escalate",
        ]

    def get_handler(self, stage: Stage) -> str:
        return str(stage.handler) if stage.handler is not None else ""


class LearningSerializer(serializers.ModelSerializer[Learning]):
    class Meta:
        model = Learning
        fields: ClassVar[list[str]] = ["what_learnt", "change_made", "public", "recorded_on"]


class OmbudsmanFindingSerializer(serializers.ModelSerializer[Finding]):
    class Meta:
        model = Finding
        fields: ClassVar[list[str]] = ["issue", "determination"]


class OmbudsmanOrderSerializer(serializers.ModelSerializer[Order]):
    class Meta:
        model = Order
        fields: ClassVar[list[str]] = [
            "order",
            "comply_by",
            "complied_on",
            "compensation_ordered",
            "compensation_paid",
            "paid_on",
        ]


class OmbudsmanCaseSerializer(serializers.ModelSerializer[OmbudsmanCase]):
    findings = OmbudsmanFindingSerializer(many=True, read_only=True)
    orders = OmbudsmanOrderSerializer(many=True, read_only=True)

    class Meta:
        model = OmbudsmanCase
        fields: ClassVar[list[str]] = [
            "reference",
            "referred_on",
            "determined_on",
            "summary",
            "findings",
            "orders",
        ]


class ComplaintSerializer(serializers.ModelSerializer[Complaint]):
    categories = serializers.SlugRelatedField(slug_field="name", many=True, queryset=Category.objects.all())
    stages = StageSerializer(many=True, read_only=True)
    learning = LearningSerializer(many=True, read_only=True)
    actions = ActionSummarySerializer(many=True, read_only=True)
    ombudsman_cases = OmbudsmanCaseSerializer(many=True, read_only=True)

    class Meta:
        model = Complaint
        fields: ClassVar[list[str]] = [
            "id",
            "reference",
            "kind",
            "resident",
            "home",
            "area",
            "ownership",
            "received_by",
            "made_by_name",
            "made_by_relationship",
            "received_on",
            "matter_on",
            "categories",
            "what_went_wrong",
            "outcome_wanted",
            "status",
            "closed_on",
            "procedure",
            "procedure_version",
            "from_request",
            "raised_during",
            "refused_on",
            "refusal_reason",
            "refusal_detail",
            "stages",
            "learning",
            "actions",
            "ombudsman_cases",
        ]


class ComplaintInSerializer(serializers.Serializer[Any]):
    """What recording a complaint or service request takes (as the officer's page)."""

    kind = serializers.ChoiceField(choices=CaseKind.choices, default=CaseKind.COMPLAINT)
    resident = serializers.PrimaryKeyRelatedField(
        queryset=Resident.objects.all(), required=False, allow_null=True
    )
    home = serializers.PrimaryKeyRelatedField(
        queryset=Property.objects.all(), required=False, allow_null=True
    )
    received_by = serializers.ChoiceField(choices=ReceivedBy.choices)
    received_on = serializers.DateField()
    matter_on = serializers.DateField(required=False, allow_null=True)
    made_by_name = serializers.CharField(required=False, allow_blank=True, default="")
    made_by_relationship = serializers.CharField(required=False, allow_blank=True, default="")
    categories = serializers.PrimaryKeyRelatedField(
        queryset=Category.objects.filter(active=True), many=True, required=False, default=list
    )
    what_went_wrong = serializers.CharField()
    outcome_wanted = serializers.CharField(required=False, allow_blank=True, default="")


class AssignInSerializer(serializers.Serializer[Any]):
    handler = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True, role__in=list(STAFF_ROLES)),
        help_text="The staff account that handles the current stage.",
    )


class AcknowledgeInSerializer(serializers.Serializer[Any]):
    acknowledged_on = serializers.DateField()
    defined_as = serializers.CharField()
    late_reason = serializers.CharField(required=False, allow_blank=True, default="")


class ExtendInSerializer(serializers.Serializer[Any]):
    new_date = serializers.DateField()
    reason = serializers.CharField()


class PointInSerializer(serializers.Serializer[Any]):
    summary = serializers.CharField()
    decision = serializers.ChoiceField(choices=Outcome.choices)
    reasons = serializers.CharField()


class RemedyInSerializer(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=RemedyKind.choices)
    description = serializers.CharField()
    amount = serializers.DecimalField(max_digits=9, decimal_places=2, required=False, allow_null=True)
    amount_reason = serializers.CharField(required=False, allow_blank=True, default="")
    point = serializers.IntegerField(required=False, allow_null=True, help_text="Index (from 0) into points.")


class ActionInSerializer(serializers.Serializer[Any]):
    title = serializers.CharField()
    due_on = serializers.DateField()
    owner_name = serializers.CharField(required=False, allow_blank=True, default="")


class LearningInSerializer(serializers.Serializer[Any]):
    what_learnt = serializers.CharField()
    change_made = serializers.CharField()
    public = serializers.BooleanField(default=True)


class RespondInSerializer(serializers.Serializer[Any]):
    responded_on = serializers.DateField()
    response = serializers.CharField()
    points = PointInSerializer(many=True)
    remedies = RemedyInSerializer(many=True, required=False, default=list)
    actions = ActionInSerializer(many=True, required=False, default=list)
    learning = LearningInSerializer(required=False, allow_null=True, default=None)
    how_to_escalate = serializers.CharField(required=False, allow_blank=True, default="")
    late_reason = serializers.CharField(required=False, allow_blank=True, default="")


class EscalateInSerializer(serializers.Serializer[Any]):
    requested_on = serializers.DateField()


class ComplaintFilter(df.FilterSet):
    state = df.ChoiceFilter(choices=list(STATES.items()), method="filter_state")
    received_from = df.DateFilter(field_name="received_on", lookup_expr="gte")
    received_to = df.DateFilter(field_name="received_on", lookup_expr="lte")

    class Meta:
        model = Complaint
        fields: ClassVar[list[str]] = ["kind", "status", "resident", "area", "categories"]

    def filter_state(self, queryset: QuerySet[Complaint], name: str, value: Any) -> QuerySet[Complaint]:
        return queryset.filter(pk__in=complaints_list(state=value).values("pk"))


@extend_schema_view(
    list=extend_schema(summary="Complaints and service requests (the list is recorded in the audit log)"),
    retrieve=extend_schema(summary="One complaint with its stages and responses (the view is recorded)"),
)
class ComplaintViewSet(ReadViewSet):
    serializer_class = ComplaintSerializer
    read_capability = Capability.VIEW_RESIDENTS
    write_capability = Capability.HANDLE_COMPLAINTS
    filter_backends = [DjangoFilterBackend]
    filterset_class = ComplaintFilter

    def get_queryset(self) -> QuerySet[Complaint]:
        return Complaint.objects.prefetch_related(
            "categories",
            "learning",
            Prefetch(
                "stages",
                Stage.objects.select_related("handler")
                .prefetch_related("extensions", "points", "remedies")
                .order_by("number"),
            ),
            Prefetch("actions", Action.objects.top_level().order_by("pk")),
            Prefetch("ombudsman_cases", OmbudsmanCase.objects.prefetch_related("findings", "orders")),
        ).order_by("-received_on", "-pk")

    def _audit_read(self, request: Request, complaint: Complaint | None = None) -> None:
        if complaint is None:
            summary = "; ".join(f"{k}={v}" for k, v in sorted(request.query_params.items()))
            audit_record(
                actor=request.user,
                action=AuditAction.SEARCH,
                object_type="complaint",
                summary="API list of complaints" + (f": {summary}" if summary else ""),
                via=VIA,
                request=request._request,
            )
            return
        audit_record(
            actor=request.user,
            action=AuditAction.VIEW,
            object_type="complaint",
            object_id=complaint.pk,
            resident_id=complaint.resident_id,
            summary=f"Viewed {complaint.reference} through the API",
            via=VIA,
            request=request._request,
        )

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response = super().list(request, *args, **kwargs)
        self._audit_read(request)
        return response

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        complaint = self.get_object()
        self._audit_read(request, complaint)
        return Response(self.get_serializer(complaint).data)

    def _fresh(self, complaint: Complaint, status: int = 200) -> Response:
        return Response(self.get_serializer(self.get_queryset().get(pk=complaint.pk)).data, status=status)

    def _stage(self, complaint: Complaint) -> Stage:
        stage = complaint.stages.order_by("-number").first()
        if stage is None:
            from tenantvoice.complaints.services import ComplaintError

            raise ComplaintError("A service request has no stages: make it a complaint first.")
        return stage

    @extend_schema(request=ComplaintInSerializer, responses={201: ComplaintSerializer}, summary="Record one")
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        incoming = ComplaintInSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        complaint = complaint_record(by=request.user, **incoming.validated_data)
        return self._fresh(complaint, 201)

    @extend_schema(request=AssignInSerializer, responses={200: ComplaintSerializer})
    @route(detail=True, methods=["post"], url_path="assign")
    def assign(self, request: Request, pk: str | None = None, format: str | None = None) -> Response:
        """Give the current stage its handler (stage 2's must not be stage 1's)."""
        complaint = self.get_object()
        incoming = AssignInSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        stage_assign(stage=self._stage(complaint), by=request.user, **incoming.validated_data)
        return self._fresh(complaint)

    @extend_schema(request=AcknowledgeInSerializer, responses={200: ComplaintSerializer})
    @route(detail=True, methods=["post"], url_path="acknowledge")
    def acknowledge(self, request: Request, pk: str | None = None, format: str | None = None) -> Response:
        """Acknowledge the current stage (late needs the reason); the resident is written to."""
        complaint = self.get_object()
        incoming = AcknowledgeInSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        stage_acknowledge(stage=self._stage(complaint), by=request.user, **incoming.validated_data)
        return self._fresh(complaint)

    @extend_schema(request=ExtendInSerializer, responses={200: ComplaintSerializer})
    @route(detail=True, methods=["post"], url_path="extend")
    def extend(self, request: Request, pk: str | None = None, format: str | None = None) -> Response:
        """Extend the current stage's response date within the procedure's cap."""
        complaint = self.get_object()
        incoming = ExtendInSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        stage_extend(stage=self._stage(complaint), by=request.user, **incoming.validated_data)
        return self._fresh(complaint)

    @extend_schema(request=RespondInSerializer, responses={200: ComplaintSerializer})
    @route(detail=True, methods=["post"], url_path="respond")
    def respond(self, request: Request, pk: str | None = None, format: str | None = None) -> Response:
        """Record the current stage's response point by point, with remedies, outstanding
        actions (into the tracker) and learning; the resident is sent it."""
        complaint = self.get_object()
        incoming = RespondInSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        stage_respond(stage=self._stage(complaint), by=request.user, **incoming.validated_data)
        return self._fresh(complaint)

    @extend_schema(request=EscalateInSerializer, responses={200: ComplaintSerializer})
    @route(detail=True, methods=["post"], url_path="escalate")
    def escalate(self, request: Request, pk: str | None = None, format: str | None = None) -> Response:
        """Open the next stage because the resident asked (no reason is asked for)."""
        complaint = self.get_object()
        incoming = EscalateInSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        stage_escalate(complaint=complaint, by=request.user, **incoming.validated_data)
        return self._fresh(complaint)


class CategorySerializer(serializers.ModelSerializer[Category]):
    class Meta:
        model = Category
        fields: ClassVar[list[str]] = ["id", "name", "description", "active", "order"]


@extend_schema_view(
    list=extend_schema(summary="The landlord's complaint categories"), retrieve=extend_schema(summary="One")
)
class ComplaintCategoryViewSet(ReadViewSet):
    serializer_class = CategorySerializer
    read_capability = Capability.VIEW_REPORTS
    queryset = Category.objects.order_by("order", "name")


class ComplaintsReportView(APIView):
    """Complaints in numbers for a reporting year, as the report page shows them: CH01 and
    CH02 (low-cost rental and low-cost home ownership apart), the Scottish return's figures
    when the landlord follows the SPSO's procedure, and the themes, with small counts hidden."""

    permission_classes = [CapabilityPermission]
    read_capability = Capability.VIEW_REPORTS
    write_capability = Capability.HANDLE_COMPLAINTS
    renderer_classes = [JSONRenderer]

    @extend_schema(
        summary="Complaints in numbers for a reporting year (CH01, CH02, the Scottish return, themes)",
        parameters=[OpenApiParameter("year", int, description="The year it starts, e.g. 2025 for 2025/26")],
        responses={200: None},
    )
    def get(self, request: Request, format: str | None = None) -> Response:
        year = reporting_year_param(request)
        f = figures(year)
        return Response(
            {
                "year": year.label,
                "from": year.start,
                "to": year.end,
                "ch01": {
                    "stage_1_per_1000_homes": f.ch01.rate(1),
                    "stage_2_per_1000_homes": f.ch01.rate(2),
                    "low_cost_rental": {"stage_1": f.ch01.rate(1, False), "stage_2": f.ch01.rate(2, False)},
                    "low_cost_home_ownership": {
                        "stage_1": f.ch01.rate(1, True),
                        "stage_2": f.ch01.rate(2, True),
                    },
                },
                "ch02": {
                    "stage_1_share_in_time": f.ch02.share(1),
                    "stage_2_share_in_time": f.ch02.share(2),
                },
                "tables": tables_to_json([*measure_tables(f), *theme_tables(f.themes)]),
            }
        )
