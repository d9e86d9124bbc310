"""API for consultations (with reply counts, never repliers' names), surveys (questions, and
responses posted by officers and systems) and the survey programme."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django.db.models import Count, F, QuerySet, TextField, Value
from django.db.models.functions import Coalesce
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from tenantvoice.consultations.models import Consultation
from tenantvoice.core.roles import Capability
from tenantvoice.core.suppression import HIDDEN_REASON, Hidden
from tenantvoice.core.tables import Table
from tenantvoice.programme.models import Milestone, PlannedSurvey, Programme
from tenantvoice.residents.models import Resident
from tenantvoice.surveys.models import Channel, Question, Survey
from tenantvoice.surveys.population import WEIGHT_VARIABLES
from tenantvoice.surveys.report import survey_report
from tenantvoice.surveys.services import AlreadyAnswered, AnswersInvalid, response_record

from .engagement import ReadViewSet


class ConsultationSerializer(serializers.ModelSerializer[Consultation]):
    replies = serializers.IntegerField(read_only=True)
    notices_given = serializers.IntegerField(read_only=True)
    # "You said, we did" is an outcomes.Outcome (decision 0036); the fields keep their names.
    feedback = serializers.CharField(read_only=True)
    feedback_published_on = serializers.DateField(read_only=True, allow_null=True)

    class Meta:
        model = Consultation
        fields: ClassVar[list[str]] = [
            "id",
            "title",
            "summary",
            "likely_effect",
            "topic",
            "is_policy",
            "statutory_s54",
            "opens_on",
            "closes_on",
            "status",
            "decision",
            "regard_had",
            "decided_on",
            "feedback",
            "feedback_published_on",
            "replies",
            "notices_given",
        ]


@extend_schema_view(
    list=extend_schema(summary="Consultations with counts of notices and replies"),
    retrieve=extend_schema(summary="One consultation"),
)
class ConsultationViewSet(ReadViewSet):
    serializer_class = ConsultationSerializer
    read_capability = Capability.VIEW_REPORTS

    def get_queryset(self) -> QuerySet[Consultation]:
        return Consultation.objects.annotate(
            replies=Count("representations", distinct=True),
            notices_given=Count("notices", distinct=True),
            feedback=Coalesce("outcome__you_said", Value(""), output_field=TextField()),
            feedback_published_on=F("outcome__published_on"),
        ).order_by("-closes_on", "pk")


class MilestoneSerializer(serializers.ModelSerializer[Milestone]):
    class Meta:
        model = Milestone
        fields: ClassVar[list[str]] = ["step", "due_on", "done_on", "note"]


class PlannedSurveySerializer(serializers.ModelSerializer[PlannedSurvey]):
    milestones = MilestoneSerializer(many=True, read_only=True)

    class Meta:
        model = PlannedSurvey
        fields: ClassVar[list[str]] = ["order", "title", "lead_officer", "starts_on", "milestones"]


class ProgrammeSerializer(serializers.ModelSerializer[Programme]):
    surveys = PlannedSurveySerializer(many=True, read_only=True)

    class Meta:
        model = Programme
        fields: ClassVar[list[str]] = ["id", "title", "starts_on", "cycle_weeks", "surveys"]


@extend_schema_view(
    list=extend_schema(summary="Survey programmes with each survey's milestones"),
    retrieve=extend_schema(summary="One survey programme"),
)
class ProgrammeViewSet(ReadViewSet):
    serializer_class = ProgrammeSerializer
    read_capability = Capability.VIEW_REPORTS
    queryset = Programme.objects.prefetch_related("surveys__milestones").order_by("-starts_on", "pk")


class QuestionSerializer(serializers.ModelSerializer[Question]):
    choices = serializers.SerializerMethodField()

    class Meta:
        model = Question
        fields: ClassVar[list[str]] = [
            "id",
            "order",
            "code",
            "section",
            "kind",
            "text",
            "required",
            "choices",
        ]

    def get_choices(self, question: Question) -> list[list[str]]:
        return [[code, label] for code, label in question.choices()]


class SurveySerializer(serializers.ModelSerializer[Survey]):
    questions = QuestionSerializer(many=True, read_only=True)
    responses = serializers.IntegerField(source="response_count", read_only=True)

    class Meta:
        model = Survey
        fields: ClassVar[list[str]] = [
            "id",
            "title",
            "status",
            "opens_on",
            "closes_on",
            "anonymous",
            "public",
            "responses",
            "questions",
        ]


class ResponseInSerializer(serializers.Serializer[Any]):
    channel = serializers.ChoiceField(choices=Channel.choices, default=Channel.IMPORT)
    resident = serializers.CharField(
        required=False, allow_blank=True, help_text="Person reference, if known."
    )
    answers = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text='By question code or id: {"TP01": ["very_satisfied"], "12": ["a comment"]}',
    )


def _json(cell: object) -> object:
    if isinstance(cell, Hidden):
        return None  # the table's "hidden" list says which cells and why
    if isinstance(cell, dt.date):
        return cell.isoformat()
    return cell


def _hidden_cells(table: Table) -> list[dict[str, object]]:
    """Where a table's hidden cells are, and why: a hidden count is null, never a number."""
    return [
        {
            "row": r,
            "column": c,
            "header": table.headers[c] if c < len(table.headers) else "",
            "reason": cell.reason,
        }
        for r, row in enumerate(table.rows)
        for c, cell in enumerate(row)
        if isinstance(cell, Hidden)
    ]


@extend_schema_view(
    list=extend_schema(summary="Surveys with their questions"),
    retrieve=extend_schema(summary="One survey"),
)
class SurveyViewSet(ReadViewSet):
    serializer_class = SurveySerializer
    read_capability = Capability.VIEW_REPORTS

    def get_queryset(self) -> QuerySet[Survey]:
        return (
            Survey.objects.annotate(response_count=Count("responses"))
            .prefetch_related("questions")
            .order_by("-pk")
        )

    @extend_schema(
        summary="The survey's results as tables (weighted, compared and benchmarked as asked)",
        parameters=[
            OpenApiParameter(
                "weight", str, many=True, description="tenure_group, property_type, age_band, area"
            ),
            OpenApiParameter("compare", int, description="An earlier survey's id: change since that wave"),
            OpenApiParameter("peers", int, description="A peer group's id: each TSM's quartile"),
        ],
        responses={200: None},
    )
    @action(detail=True, methods=["get"], url_path="results")
    def results(self, request: Request, pk: str | None = None, format: str | None = None) -> Response:
        """The same tables as the results page and its downloads; small counts are hidden."""
        survey = self.get_object()

        def number(name: str) -> int | None:
            text = request.query_params.get(name, "")
            if text and not text.isdigit():
                raise ValidationError({name: ["Give the id as a whole number."]})
            return int(text) if text else None

        unknown = [v for v in request.query_params.getlist("weight") if v not in WEIGHT_VARIABLES]
        if unknown:
            raise ValidationError(
                {"weight": [f"Weight by {', '.join(WEIGHT_VARIABLES)}; not {', '.join(unknown)}."]}
            )
        report = survey_report(
            survey,
            weight_by=request.query_params.getlist("weight"),
            compare=number("compare"),
            peers=number("peers"),
        )
        weighting = report.results.weighted.weighting if report.results.weighted else None
        return Response(
            {
                "survey": survey.pk,
                "responses": _json(report.results.shown_responses),
                "invited": _json(report.results.shown_invited),
                "hidden_reason": HIDDEN_REASON,
                "suppression_threshold": report.results.threshold,
                "weighting": None
                if weighting is None
                else {
                    "variables": list(weighting.variables),
                    "design_effect": round(weighting.design_effect, 3),
                    "effective_responses": round(weighting.effective_respondents, 1),
                    "trimmed_responses": weighting.trimmed_respondents,
                    "not_represented": [list(pair) for pair in weighting.not_represented],
                },
                "tables": [
                    {
                        "title": t.title,
                        "headers": t.headers,
                        "rows": [[_json(c) for c in row] for row in t.rows],
                        "hidden": _hidden_cells(t),
                        "note": t.note,
                    }
                    for t in report.tables
                ],
            }
        )

    @extend_schema(
        request=ResponseInSerializer,
        responses={201: None},
        summary="The survey's responses (GET: when and how each came; POST: add one, e.g. from a contractor)",
    )
    @action(detail=True, methods=["get", "post"], url_path="responses")
    def add_response(
        self, request: Request, pk: str | None = None, format: str | None = None
    ) -> Response:
        survey = self.get_object()
        if request.method == "GET":
            rows = survey.responses.order_by("pk").values("id", "channel", "created_at")[:1000]
            return Response({"count": survey.responses.count(), "results": list(rows)})
        incoming = ResponseInSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        questions = {str(q.pk): q for q in survey.questions.all()} | {
            q.code: q for q in survey.questions.all() if q.code
        }
        unknown = [key for key in data["answers"] if key not in questions]
        if unknown:
            raise ValidationError({"answers": [f"Not questions of this survey: {', '.join(unknown)}."]})
        resident = None
        if data.get("resident"):
            resident = Resident.objects.filter(hms_ref=data["resident"]).first()
            if resident is None:
                raise ValidationError({"resident": ["No one on the register has this person reference."]})
        answers = {questions[key].pk: values for key, values in data["answers"].items()}
        try:
            recorded = response_record(
                survey=survey,
                answers=answers,
                channel=data["channel"],
                resident=resident,
                by=request.user,
            )
        except AnswersInvalid as exc:
            by_pk = {q.pk: q for q in questions.values()}
            raise ValidationError(
                {"answers": {by_pk[pk].code or str(pk): [problem] for pk, problem in exc.problems.items()}}
            ) from exc
        except AlreadyAnswered as exc:
            return Response(exc.as_dict(), status=409)
        return Response({"id": recorded.pk}, status=201)
