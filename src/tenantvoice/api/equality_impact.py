"""API for equality impact assessments (issue 18 item 4; decision 0049): the register (filtered
by status as the page), each assessment with its findings, mitigations and the snapshot of who
is affected, and making one through the same service as the page.

An assessment holds no resident's personal data (its snapshot is suppressed counts of groups),
so reading it needs VIEW_REPORTS and is not written to the audit log, as actions and
consultations; making one needs MANAGE_INVOLVEMENT and is audited by the service. Refusals are
``AssessmentError``s (a ``DomainError``), answered as a 400 naming the field.
"""

from __future__ import annotations

from typing import Any, ClassVar

import django_filters as df
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from tenantvoice.accounts.models import User
from tenantvoice.actions.models import Action
from tenantvoice.consultations.models import Consultation
from tenantvoice.core.roles import STAFF_ROLES, Capability
from tenantvoice.equality_impact.aspects import aspect_label
from tenantvoice.equality_impact.models import STATES, Assessment, Finding, SubjectKind
from tenantvoice.equality_impact.selectors import assessments_list
from tenantvoice.equality_impact.services import assessment_create
from tenantvoice.involvement.models import Group

from .actions import ActionSummarySerializer
from .engagement import ReadViewSet


class EqualityFindingSerializer(serializers.ModelSerializer[Finding]):
    characteristic = serializers.SerializerMethodField()
    actions = ActionSummarySerializer(many=True, read_only=True)

    class Meta:
        model = Finding
        fields: ClassVar[list[str]] = ["aspect", "characteristic", "impact", "evidence", "actions"]

    def get_characteristic(self, finding: Finding) -> str:
        return aspect_label(finding.aspect)


class EqualityAssessmentSerializer(serializers.ModelSerializer[Assessment]):
    subject = serializers.CharField(source="subject_label", read_only=True)
    owner = serializers.SerializerMethodField()
    state = serializers.SerializerMethodField()
    findings = EqualityFindingSerializer(many=True, read_only=True)

    class Meta:
        model = Assessment
        fields: ClassVar[list[str]] = [
            "id",
            "title",
            "subject_kind",
            "subject",
            "policy_name",
            "consultation",
            "group",
            "period_start",
            "period_end",
            "purpose",
            "owner",
            "status",
            "state",
            "started_on",
            "completed_on",
            "review_on",
            "last_reviewed_on",
            "scheduled_for",
            "profile",
            "profile_drawn_at",
            "findings",
        ]

    def get_owner(self, assessment: Assessment) -> str:
        return str(assessment.owner) if assessment.owner is not None else ""

    def get_state(self, assessment: Assessment) -> str:
        """The status, or "due_for_review" once a completed assessment's review date has come."""
        return assessment.state(timezone.localdate())


class EqualityAssessmentInSerializer(serializers.Serializer[Any]):
    """What making an assessment takes (as the officer's page): the subject's field of its kind."""

    title = serializers.CharField()
    subject_kind = serializers.ChoiceField(choices=SubjectKind.choices)
    policy_name = serializers.CharField(required=False, allow_blank=True, default="")
    consultation = serializers.PrimaryKeyRelatedField(
        queryset=Consultation.objects.all(), required=False, allow_null=True, default=None
    )
    group = serializers.PrimaryKeyRelatedField(
        queryset=Group.objects.all(), required=False, allow_null=True, default=None
    )
    period_start = serializers.DateField(required=False, allow_null=True, default=None)
    period_end = serializers.DateField(required=False, allow_null=True, default=None)
    owner = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True, role__in=list(STAFF_ROLES)),
        help_text="The staff account that leads the assessment.",
    )
    purpose = serializers.CharField(required=False, allow_blank=True, default="")
    review_on = serializers.DateField(required=False, allow_null=True, default=None)


class EqualityAssessmentFilter(df.FilterSet):  # type: ignore[misc]
    state = df.ChoiceFilter(choices=list(STATES.items()), method="filter_state")

    class Meta:
        model = Assessment
        fields: ClassVar[list[str]] = ["subject_kind", "consultation", "group"]

    def filter_state(self, queryset: QuerySet[Assessment], name: str, value: Any) -> QuerySet[Assessment]:
        return queryset.filter(pk__in=assessments_list(value, timezone.localdate()).values("pk"))


@extend_schema_view(
    list=extend_schema(summary="Equality impact assessments (the register)"),
    retrieve=extend_schema(summary="One equality impact assessment with its findings and figures"),
)
class EqualityAssessmentViewSet(ReadViewSet):
    serializer_class = EqualityAssessmentSerializer
    read_capability = Capability.VIEW_REPORTS
    write_capability = Capability.MANAGE_INVOLVEMENT
    filter_backends = [DjangoFilterBackend]
    filterset_class = EqualityAssessmentFilter

    def get_queryset(self) -> QuerySet[Assessment]:
        return (
            Assessment.objects.select_related("owner", "consultation", "group")
            .prefetch_related(
                Prefetch(
                    "findings",
                    Finding.objects.prefetch_related(
                        Prefetch("actions", Action.objects.top_level().order_by("due_on", "pk"))
                    ).order_by("order"),
                )
            )
            .order_by("-started_on", "-pk")
        )

    @extend_schema(
        request=EqualityAssessmentInSerializer,
        responses={201: EqualityAssessmentSerializer},
        summary="Make one",
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        incoming = EqualityAssessmentInSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        made = assessment_create(by=request.user, **incoming.validated_data)
        return Response(self.get_serializer(self.get_queryset().get(pk=made.pk)).data, status=201)
