"""Results from database aggregates: response rate, each question's answers, % satisfied with a
95% confidence interval, Tenant Satisfaction Measures by the Regulator's rules, and breakdowns
in which small counts (and percentages made from them) are hidden."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Avg, Count, F, Q

from tenantvoice.core.suppression import SuppressedCount

from .bank import TSM_CODES
from .models import POSITIVE, Answer, Channel, Question, QuestionKind, Survey
from .statistics import Proportion, wilson

DEFAULT_THRESHOLD = 5
SCALES = (QuestionKind.SATISFACTION, QuestionKind.AGREEMENT)
BREAKDOWNS = {
    "channel": "How they answered",
    "tenure_group": "Tenure group (TSM)",
    "tenure": "Tenure",
    "property_type": "Type of home",
    "age_band": "Age",
    "area__full_name": "Area",
}


@dataclass(frozen=True)
class Line:
    label: str
    count: SuppressedCount
    percent: float | None  # None when hidden


@dataclass
class QuestionResult:
    question: Question
    base: int
    lines: list[Line] = field(default_factory=list)
    positive: Proportion | None = None
    mean: float | None = None


@dataclass
class SurveyResults:
    survey: Survey
    invited: int
    responses: int
    by_channel: list[Line]
    questions: list[QuestionResult]
    tsm: list[tuple[str, str, Proportion, Proportion]]  # code, question, LCRA, LCHO
    threshold: int

    @property
    def response_rate(self) -> float | None:
        return None if not self.invited else 100 * self.responses / self.invited


def _lines(counts: list[tuple[str, int]], base: int, threshold: int) -> list[Line]:
    lines = []
    for label, n in counts:
        shown = SuppressedCount(n, threshold)
        lines.append(Line(label, shown, None if shown.suppressed or not base else 100 * n / base))
    return lines


def question_result(question: Question, threshold: int) -> QuestionResult:
    """One question's result (the survey's page computes all of them together)."""
    return _question_results(question.survey, [question], threshold)[0]


def _question_results(survey: Survey, questions: list[Question], threshold: int) -> list[QuestionResult]:
    """Every question's answers in three grouped queries, however many questions there are."""
    answers = Answer.objects.filter(question__in=[q.pk for q in questions])
    bases = dict(
        answers.values_list("question_id")
        .annotate(n=Count("response", distinct=True))
        .values_list("question_id", "n")
    )
    counts: dict[int, dict[str, int]] = {}
    for pk, choice, n in (
        answers.exclude(choice="").values_list("question_id", "choice").annotate(n=Count("pk"))
    ):
        counts.setdefault(pk, {})[choice] = n
    means = dict(
        answers.filter(number__isnull=False)
        .values_list("question_id")
        .annotate(mean=Avg("number"))
        .values_list("question_id", "mean")
    )
    results = []
    for question in questions:
        base = bases.get(question.pk, 0)
        result = QuestionResult(question, base)
        if question.kind in (QuestionKind.RATING, QuestionKind.NUMBER):
            mean = means.get(question.pk)
            result.mean = float(mean) if mean is not None else None
        if question.kind not in (QuestionKind.TEXT, QuestionKind.NUMBER):
            mine = counts.get(question.pk, {})
            result.lines = _lines(
                [(label, mine.get(code, 0)) for code, label in question.choices()], base, threshold
            )
            if question.kind in SCALES:
                result.positive = wilson(sum(mine.get(code, 0) for code in POSITIVE), base)
        results.append(result)
    return results


def survey_results(survey: Survey, threshold: int = DEFAULT_THRESHOLD) -> SurveyResults:
    responses = survey.responses.count()
    channel_counts = dict(
        survey.responses.values_list("channel").annotate(n=Count("pk")).values_list("channel", "n")
    )
    by_channel = _lines(
        [
            (str(label), channel_counts.get(code, 0))
            for code, label in Channel.choices
            if code in channel_counts
        ],
        responses,
        threshold,
    )
    return SurveyResults(
        survey=survey,
        invited=survey.invitations.count(),
        responses=responses,
        by_channel=by_channel,
        questions=_question_results(survey, list(survey.questions.all()), threshold),
        tsm=tsm_results(survey),
        threshold=threshold,
    )


def tsm_results(survey: Survey) -> list[tuple[str, str, Proportion, Proportion]]:
    """Each TSM as the Regulator defines it: % very or fairly satisfied (or agreeing) of those
    who answered - filtered questions over those who passed the filter, since only they are
    asked - for low-cost rental (LCRA) and low-cost home ownership (LCHO) separately."""
    questions = list(survey.questions.filter(code__in=TSM_CODES).order_by("code"))
    totals = {
        (row["question_id"], row["response__tenure_group"]): (row["positive"], row["base"])
        for row in Answer.objects.filter(question__in=questions, response__tenure_group__in=["lcra", "lcho"])
        .values("question_id", "response__tenure_group")
        .annotate(base=Count("pk"), positive=Count("pk", filter=Q(choice__in=POSITIVE)))
    }
    return [
        (
            question.code,
            question.text,
            wilson(*totals.get((question.pk, "lcra"), (0, 0))),
            wilson(*totals.get((question.pk, "lcho"), (0, 0))),
        )
        for question in questions
    ]


@dataclass(frozen=True)
class BreakdownRow:
    group: str
    base: str  # the count, or why it is hidden
    percent: float | None  # None when hidden


def breakdown(question: Question, by: str, threshold: int = DEFAULT_THRESHOLD) -> list[BreakdownRow]:
    """% positive for each group of respondents; a group smaller than ``threshold`` shows no
    figures, and if exactly one group would be hidden, the next smallest is hidden too, so it
    cannot be worked out from the total."""
    if by not in BREAKDOWNS:
        raise ValueError(f"Break down by one of: {', '.join(BREAKDOWNS)}")
    rows = (
        Answer.objects.filter(question=question)
        .values(group=F(f"response__{by}"))
        .annotate(base=Count("pk"), positive=Count("pk", filter=Q(choice__in=POSITIVE)))
        .order_by("group")
    )
    data = [(str(r["group"] or "Not known"), r["base"], r["positive"]) for r in rows]
    hidden = {g for g, base, _ in data if 0 < base < threshold}
    if len(hidden) == 1:
        others = sorted((base, g) for g, base, _ in data if g not in hidden and base > 0)
        if others:
            hidden.add(others[0][1])
    result = []
    for group, base, positive in data:
        if group in hidden:
            why = f"fewer than {threshold}" if base < threshold else "hidden, to protect a smaller group"
            result.append(BreakdownRow(group, why, None))
        else:
            result.append(BreakdownRow(group, str(base), 100 * positive / base if base else None))
    return result
