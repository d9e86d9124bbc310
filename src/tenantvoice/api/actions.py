"""API for the action tracker (decision 0042): actions with the tracker's filters, one action,
its history, and progress recorded by officers' systems through the same service as the page.

An action carries no resident's personal details here: who raised it is left out, the owner
is a member of staff, a group or a post, as on the tracker's pages that board readers read."""

from __future__ import annotations

from typing import Any, ClassVar

import django_filters as df
from django.db.models import QuerySet
from django.utils import timezone
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action as route
from rest_framework.request import Request
from rest_framework.response import Response

from tenantvoice.accounts.selectors import staff_accounts_to_choose
from tenantvoice.actions.forms import STATUS_FILTERS
from tenantvoice.actions.models import Action, ActionStatus, ActionUpdate
from tenantvoice.actions.selectors import actions_matching, source_title
from tenantvoice.actions.services import action_progress
from tenantvoice.actions.sources import source_choices, source_label, source_relations
from tenantvoice.core.roles import Capability
from tenantvoice.involvement.models import Group

from .engagement import ReadViewSet


class ActionSerializer(serializers.ModelSerializer[Action]):
    source_kind = serializers.SerializerMethodField(
        help_text="The kind of source, as the source filter takes it, or 'own'."
    )
    source_label = serializers.SerializerMethodField(help_text="The kind of source in words.")
    source_title = serializers.SerializerMethodField(help_text="What the source is called.")
    owner = serializers.CharField(source="owner_display", read_only=True, help_text="Who owns it, in words.")
    overdue = serializers.SerializerMethodField(help_text="Still open after its due date.")

    class Meta:
        model = Action
        fields: ClassVar[list[str]] = [
            "id",
            "title",
            "detail",
            "parent",
            "weight",
            "source_kind",
            "source_label",
            "source_title",
            "owner",
            "owner_user",
            "owner_group",
            "owner_name",
            "asked_by",
            "due_on",
            "due_note",
            "status",
            "overdue",
            "progress",
            "evidence",
            "done_on",
            "retest_on",
            "retested_on",
            "retest_result",
            "public",
            "source_section",
            "source_quote",
            "updated_at",
        ]

    def get_source_kind(self, action: Action) -> str:
        return action.source_field or "own"

    def get_source_label(self, action: Action) -> str:
        return source_label(action)

    def get_source_title(self, action: Action) -> str:
        return source_title(action)

    def get_overdue(self, action: Action) -> bool:
        return action.is_overdue(timezone.localdate())


class ActionSummarySerializer(serializers.ModelSerializer[Action]):
    """An action in a list of its source's (a recommendation's, a referral's): what, how far, when."""

    class Meta:
        model = Action
        fields: ClassVar[list[str]] = [
            "id",
            "title",
            "status",
            "progress",
            "due_on",
            "done_on",
            "retest_on",
            "retested_on",
            "public",
        ]


class ActionUpdateSerializer(serializers.ModelSerializer[ActionUpdate]):
    made_by: serializers.StringRelatedField[Any] = serializers.StringRelatedField()

    class Meta:
        model = ActionUpdate
        fields: ClassVar[list[str]] = ["on", "status", "progress", "note", "made_by", "made_at"]


class ProgressInSerializer(serializers.Serializer[Any]):
    status = serializers.ChoiceField(choices=ActionStatus.choices)
    progress = serializers.IntegerField(
        required=False, allow_null=True, help_text="0 to 100; left out for a parent (its sub-actions')."
    )
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
    evidence = serializers.CharField(
        required=False, allow_null=True, max_length=10_000, help_text="Needed to mark it done."
    )


TRUE_FALSE = [("true", "true"), ("false", "false")]


class ActionFilter(df.FilterSet):
    """The tracker page's filters, by the same selector (``actions_matching``)."""

    owner = df.CharFilter(method="filter_all", help_text="Part of the owner's name, post or group, any case.")
    owner_user = df.ModelChoiceFilter(
        queryset=staff_accounts_to_choose(), method="filter_all", help_text="The owning staff account's id."
    )
    owner_group = df.ModelChoiceFilter(
        queryset=Group.objects.all(), method="filter_all", help_text="The owning group's id."
    )
    source = df.ChoiceFilter(
        choices=source_choices, method="filter_all", help_text="The kind of source, or 'own'."
    )
    status = df.ChoiceFilter(
        choices=[c for c in STATUS_FILTERS if c[0]],
        method="filter_all",
        help_text="A status, or 'open', or 'overdue'.",
    )
    due_from = df.DateFilter(method="filter_all", help_text="Due on or after (YYYY-MM-DD).")
    due_to = df.DateFilter(method="filter_all", help_text="Due on or before (YYYY-MM-DD).")
    top_level = df.ChoiceFilter(
        choices=TRUE_FALSE,
        method="filter_top_level",
        help_text="true: only actions that are not sub-actions; false: only sub-actions.",
    )
    parent = df.NumberFilter(
        field_name="parent_id", help_text="Only the sub-actions of this action (its id)."
    )

    class Meta:
        model = Action
        fields: ClassVar[list[str]] = []

    def filter_all(self, queryset: QuerySet[Action], name: str, value: Any) -> QuerySet[Action]:
        # Each filter is applied once, all together, by the tracker's own selector.
        return queryset

    def filter_top_level(self, queryset: QuerySet[Action], name: str, value: str) -> QuerySet[Action]:
        return queryset.filter(parent__isnull=value == "true")

    def filter_queryset(self, queryset: QuerySet[Action]) -> QuerySet[Action]:
        queryset = super().filter_queryset(queryset)
        given = {
            k: v
            for k, v in self.form.cleaned_data.items()
            if k in ("owner", "owner_user", "owner_group", "source", "status", "due_from", "due_to")
            and v not in (None, "")
        }
        return actions_matching(queryset, on=timezone.localdate(), **given)


@extend_schema_view(
    list=extend_schema(summary="Actions in the tracker, with its filters, by due date"),
    retrieve=extend_schema(summary="One action"),
)
class ActionViewSet(ReadViewSet):
    serializer_class = ActionSerializer
    read_capability = Capability.VIEW_REPORTS
    filter_backends = [DjangoFilterBackend]
    filterset_class = ActionFilter

    def get_queryset(self) -> QuerySet[Action]:
        return Action.objects.select_related("owner_user", "owner_group", *source_relations()).order_by(
            "due_on", "pk"
        )

    @extend_schema(
        request=ProgressInSerializer,
        responses={200: ActionUpdateSerializer(many=True), 201: ActionSerializer},
        summary="The action's history (GET); record its progress (POST: status, progress, note, evidence)",
    )
    @route(detail=True, methods=["get", "post"], url_path="progress")
    def progress(self, request: Request, pk: str | None = None, format: str | None = None) -> Response:
        """GET: each change of status or progress, latest first. POST: record progress as the
        page does (done needs evidence; not going ahead needs a note; a change of status tells
        those whose views led to it); a refusal is a 400 naming the field."""
        action = self.get_object()
        if request.method == "GET":
            updates = action.updates.select_related("made_by")[:1000]
            return Response({"results": ActionUpdateSerializer(updates, many=True).data})
        incoming = ProgressInSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        recorded = action_progress(action=action, by=request.user, **incoming.validated_data)
        return Response(self.get_serializer(recorded).data, status=201)
