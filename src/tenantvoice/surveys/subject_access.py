"""What surveys hold about a resident: the surveys they were asked to answer and their
answers, each question in its own words (decision 0016)."""

from __future__ import annotations

from django.db.models import Prefetch, Q

from tenantvoice.core.personal_data import Context, Record, Value, label_of, not_exported, section
from tenantvoice.residents.models import PropertyType, Tenure

from .models import Answer, Channel, Invitation, PeerGroup, QuestionKind, Response, Survey, SurveyCorrection

not_exported(Survey, "created_by", reason="The staff account that wrote the survey.")
not_exported(PeerGroup, "imported_by", reason="The staff account that imported other landlords' figures.")
not_exported(SurveyCorrection, "corrected_by", reason="The staff account that corrected a survey's wording.")


@section(
    key="survey_invitations",
    title="Surveys we asked you to answer",
    why="We keep who we asked, when we reminded them and whether they answered, so we do not ask twice.",
    empty="We have not asked you to answer a survey.",
    order=500,
    covers=[Invitation],
    layout="table",
)
def survey_invitations(ctx: Context) -> list[Record]:
    return [
        Record(
            [
                ("Survey", i.survey.title),
                ("After the meeting or event", i.activity.title if i.activity else ""),
                ("Sent", i.sent_at),
                ("Reminder sent", i.reminded_at),
                ("You answered", i.responded_at),
            ]
        )
        for i in Invitation.objects.filter(resident=ctx.resident)
        .select_related("survey", "activity")
        .order_by("-survey__created_at", "-pk")
    ]


def _answer_text(answer: Answer, choices: dict[str, str]) -> str:
    if answer.question.kind == QuestionKind.TEXT:
        return answer.text
    if answer.question.kind == QuestionKind.NUMBER:
        return "" if answer.number is None else f"{answer.number.normalize():f}"
    return choices.get(answer.choice, answer.choice)


@section(
    key="survey_answers",
    title="Your survey answers",
    why=(
        "We keep your answers, and your area, type of tenancy and home and age group when you answered, "
        "to work out the results. Results never show who gave an answer."
    ),
    empty="We do not hold any survey answers from you.",
    order=510,
    # Answers are reached through their response (Answer -> Response -> resident or invitation).
    covers=[Response, Answer],
)
def survey_answers(ctx: Context) -> list[Record]:
    answers = Prefetch(
        "answers",
        queryset=Answer.objects.select_related("question").order_by("question__order", "question__pk", "pk"),
    )
    responses = (
        Response.objects.filter(Q(resident=ctx.resident) | Q(invitation__resident=ctx.resident))
        .select_related("survey", "area")
        .prefetch_related(answers)
        .order_by("-created_at", "-pk")
    )
    records = []
    for response in responses:
        rows: list[tuple[str, Value]] = [
            ("Survey", response.survey.title),
            ("Answered on", response.created_at),
            ("How you answered", label_of(Channel.choices, response.channel)),
            ("Anonymous survey", response.survey.anonymous),
            ("Your area then", response.area.full_name if response.area else ""),
            ("Your type of tenancy then", label_of(Tenure.choices, response.tenure)),
            ("Your type of home then", label_of(PropertyType.choices, response.property_type)),
            ("Your age group then", response.age_band),
        ]
        by_question: dict[int, tuple[str, list[str]]] = {}
        for answer in response.answers.all():
            question = answer.question
            text, choices = by_question.setdefault(question.pk, (question.text, []))
            choices.append(_answer_text(answer, dict(question.choices())))
        rows += [(text, ", ".join(given)) for text, given in by_question.values()]
        records.append(Record(rows, heading=response.survey.title))
    return records
