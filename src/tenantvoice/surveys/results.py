"""Results from database aggregates: response rate, each question's answers, % satisfied with a
95% confidence interval, Tenant Satisfaction Measures by the Regulator's rules, and breakdowns
in which small counts (and percentages made from them) are hidden."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Avg, Count, Q
from django.utils import timezone

from tenantvoice.core.suppression import SuppressedCount

from .bank import TSM_CODES
from .models import POSITIVE, Answer, Channel, Question, QuestionKind, Response, Survey
from .population import RESPONSE_FIELDS, WEIGHT_VARIABLES, population_margins
from .statistics import Proportion, wilson, wilson_interval
from .weighting import Weighting, rake

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
# The response field each breakdown groups by.
BREAKDOWN_FIELDS = {key: key.removesuffix("__full_name") for key in BREAKDOWNS}


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
    weighted: WeightedResults | None = None

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
    """Every question's answers from one grouped scan of the answers (no join), however many
    questions there are; a second, small query only for multiple-choice bases and for means."""
    answers = Answer.objects.filter(question__in=[q.pk for q in questions])
    counts: dict[int, dict[str, int]] = {}
    bases: dict[int, int] = {}
    for pk, choice, n in answers.values_list("question_id", "choice").annotate(n=Count("pk")).order_by():
        counts.setdefault(pk, {})[choice] = n
        # One answer row per response and question, except multiple choice (a row per tick).
        bases[pk] = bases.get(pk, 0) + n
    multiple = [q.pk for q in questions if q.kind == QuestionKind.MULTIPLE]
    if multiple:
        bases |= dict(
            answers.filter(question__in=multiple)
            .values_list("question_id")
            .annotate(n=Count("response", distinct=True))
            .values_list("question_id", "n")
            .order_by()
        )
    numeric = [q.pk for q in questions if q.kind in (QuestionKind.RATING, QuestionKind.NUMBER)]
    means = (
        dict(
            Answer.objects.filter(question__in=numeric, number__isnull=False)
            .values_list("question_id")
            .annotate(mean=Avg("number"))
            .values_list("question_id", "mean")
            .order_by()
        )
        if numeric
        else {}
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


def landlord_threshold() -> int:
    """The landlord's suppression threshold (its strategy may set one; 5 otherwise)."""
    from tenantvoice.core.selectors import landlord_get

    return landlord_get().suppression_threshold or DEFAULT_THRESHOLD


def survey_results(
    survey: Survey, threshold: int | None = None, *, weight_by: Sequence[str] = ()
) -> SurveyResults:
    """The survey's results; with ``weight_by``, weighted figures too (the TSMs then come from
    the same scan of the answers as the weighting, so it is read once). Counts under
    ``threshold`` (the landlord's, unless given) are hidden."""
    threshold = threshold or landlord_threshold()
    responses = survey.responses.count()
    channel_counts = dict(
        survey.responses.values_list("channel").annotate(n=Count("pk")).values_list("channel", "n").order_by()
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
    weighted = (
        weighted_results(survey, list(weight_by), threshold=threshold) if weight_by and responses else None
    )
    return SurveyResults(
        survey=survey,
        invited=survey.invitations.count(),
        responses=responses,
        by_channel=by_channel,
        questions=_question_results(survey, list(survey.questions.all()), threshold),
        tsm=weighted.tsm_unweighted if weighted is not None else tsm_results(survey),
        threshold=threshold,
        weighted=weighted,
    )


def tsm_results(survey: Survey) -> list[tuple[str, str, Proportion, Proportion]]:
    """Each TSM as the Regulator defines it: % very or fairly satisfied (or agreeing) of those
    who answered - filtered questions over those who passed the filter, since only they are
    asked - for low-cost rental (LCRA) and low-cost home ownership (LCHO) separately."""
    questions = list(survey.questions.filter(code__in=TSM_CODES).order_by("code"))
    totals = {
        (pk, cell[0]): counts
        for (pk, cell), counts in scale_counts_by_cell(survey, questions, ["tenure_group"]).items()
    }

    def proportion(key: tuple[int, str]) -> Proportion:
        base, positive = totals.get(key, (0, 0))
        return wilson(positive, base)

    return [
        (
            question.code,
            question.text,
            proportion((question.pk, "lcra")),
            proportion((question.pk, "lcho")),
        )
        for question in questions
    ]


def _column(field: str) -> str:
    """The database column of a Response field (the area is stored as area_id)."""
    return str(next(f.column for f in Response._meta.concrete_fields if f.name == field))


# Questions folded into one bit mask per response: 62 fit a signed 64-bit integer.
MASK_BITS = 62


def scale_counts_by_cell(
    survey: Survey, questions: Sequence[Question], fields: Sequence[str]
) -> dict[tuple[int, tuple[str, ...]], tuple[int, int]]:
    """Answers and satisfied (or agreeing) answers to each scale question, by the respondents'
    ``fields`` (e.g. tenure group, type of home, age band): {(question pk, cell): (base, positive)}.

    Why not a join grouped by question and cell: that looks up the response of every answer
    (1.5 million lookups for a 100,000-response TSM survey), which SQLite cannot hash. Instead,
    each response's answers become two bit masks (questions answered, questions answered
    positively) in one pass over that survey's responses and their answers, and the masks are
    summed bit by bit per cell: a few dozen rows come back (decision 0013, bench/README.md).
    Scale questions take one answer each, so a question's bit is never added twice."""
    quote = connection.ops.quote_name
    answer, response = quote(Answer._meta.db_table), quote(Response._meta.db_table)
    columns = [quote(_column(name)) for name in fields]
    counts: dict[tuple[int, tuple[str, ...]], tuple[int, int]] = {}
    for start in range(0, len(questions), MASK_BITS):
        chunk = list(questions[start : start + MASK_BITS])
        # Question ids and bit values are integers from our own tables, so they are written in.
        bit = (
            "CASE a.question_id "
            + " ".join(f"WHEN {q.pk} THEN {1 << i}" for i, q in enumerate(chunk))
            + " END"
        )
        placeholders = ", ".join(["%s"] * len(POSITIVE))
        cell = ", ".join(f"r.{c}" for c in columns)
        sums = ", ".join(
            f"SUM((m.ans / {1 << i}) %% 2), SUM((m.pos / {1 << i}) %% 2)" for i in range(len(chunk))
        )
        sql = (
            f"SELECT {cell + ', ' if cell else ''}{sums} FROM ("  # noqa: S608 - names quoted, values integers
            f"SELECT a.response_id, CAST(SUM({bit}) AS BIGINT) AS ans, "
            f"CAST(SUM(CASE WHEN a.choice IN ({placeholders}) THEN {bit} ELSE 0 END) AS BIGINT) AS pos "
            f"FROM {answer} a WHERE a.response_id IN (SELECT id FROM {response} WHERE survey_id = %s) "
            f"AND a.question_id IN ({', '.join(str(q.pk) for q in chunk)}) GROUP BY a.response_id) m "
            f"JOIN {response} r ON r.id = m.response_id" + (f" GROUP BY {cell}" if cell else "")
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*sorted(POSITIVE), survey.pk])
            rows = cursor.fetchall()
        for row in rows:
            key = tuple("" if value is None else str(value) for value in row[: len(columns)])
            values = row[len(columns) :]
            for index, question in enumerate(chunk):
                base, positive = int(values[2 * index] or 0), int(values[2 * index + 1] or 0)
                if base:
                    counts[(question.pk, key)] = (base, positive)
    return counts


@dataclass(frozen=True)
class BreakdownRow:
    group: str
    base: str  # the count, or why it is hidden
    percent: float | None  # None when hidden


def breakdowns(
    question: Question, bys: Sequence[str] = tuple(BREAKDOWNS), threshold: int | None = None
) -> dict[str, list[BreakdownRow]]:
    """% positive for each group of respondents, by each of ``bys``, from one pass over the
    answers. A group smaller than ``threshold`` shows no figures, and if exactly one group
    would be hidden, the next smallest is hidden too, so it cannot be worked out from the total."""
    unknown = [by for by in bys if by not in BREAKDOWNS]
    if unknown:
        raise ValueError(f"Break down by one of: {', '.join(BREAKDOWNS)}")
    threshold = threshold or landlord_threshold()
    fields = [BREAKDOWN_FIELDS[by] for by in bys]
    # One question's answers are few enough (one per response) to join to their responses
    # directly, all groupings at once.
    rows = list(
        Answer.objects.filter(question=question)
        .values(*(f"response__{f}" for f in fields))
        .annotate(base=Count("pk"), positive=Count("pk", filter=Q(choice__in=POSITIVE)))
        .order_by()
    )
    result = {}
    for by, field_name in zip(bys, fields, strict=True):
        totals: dict[str, list[int]] = {}
        for row in rows:
            code = row[f"response__{field_name}"]
            entry = totals.setdefault("" if code is None else str(code), [0, 0])
            entry[0] += row["base"]
            entry[1] += row["positive"]
        labels = category_labels(field_name, totals)
        data = sorted((labels[code], base, positive) for code, (base, positive) in totals.items())
        result[by] = _hide_small(data, threshold)
    return result


def breakdown(question: Question, by: str, threshold: int | None = None) -> list[BreakdownRow]:
    return breakdowns(question, [by], threshold)[by]


def _hide_small(data: list[tuple[str, int, int]], threshold: int) -> list[BreakdownRow]:
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


# --- Weighting ---------------------------------------------------------------------------


@dataclass(frozen=True)
class WeightedFigure:
    percent: float | None
    low: float  # 95% interval with the effective sample size, as fractions
    high: float


@dataclass(frozen=True)
class ProfileRow:
    variable: str
    category: str
    population: float | None  # % of the population
    respondents: float | None  # % of respondents, unweighted (None: too few to show)
    weighted: float | None  # % of respondents once weighted


@dataclass
class WeightedResults:
    weighting: Weighting
    by_question: dict[int, WeightedFigure]
    tsm: dict[tuple[str, str], WeightedFigure]  # (code, "lcra" or "lcho")
    profile: list[ProfileRow]
    tsm_unweighted: list[tuple[str, str, Proportion, Proportion]]  # as tsm_results gives them


def _cell_key(row: dict[str, object], fields: list[str]) -> tuple[str, ...]:
    return tuple("" if row[f] is None else str(row[f]) for f in fields)


def category_labels(variable: str, codes: Iterable[str]) -> dict[str, str]:
    """Respondent groups' names in plain words, e.g. "general_needs" is "General needs"; areas
    are named from the register in one query, however many there are."""
    from tenantvoice.residents.models import Area, PropertyType, Tenure

    codes = list(codes)
    names: dict[str, str] = {}
    if variable == "tenure":
        names = {str(k): str(v) for k, v in Tenure.choices}
    elif variable == "channel":
        names = {str(k): str(v) for k, v in Channel.choices}
    elif variable == "tenure_group":
        names = {"lcra": "Low-cost rental", "lcho": "Low-cost home ownership", "other": "Other tenures"}
    elif variable == "property_type":
        names = {str(k): str(v) for k, v in PropertyType.choices}
    elif variable == "area":
        ids = [int(code) for code in codes if code.isdigit()]
        names = {str(pk): name for pk, name in Area.objects.filter(pk__in=ids).values_list("pk", "full_name")}
    return {code: names.get(code, code) if code else "Not known" for code in codes}


def category_label(variable: str, code: str) -> str:
    return category_labels(variable, [code])[code]


def weighted_results(
    survey: Survey, variables: list[str], on: dt.date | None = None, threshold: int | None = None
) -> WeightedResults:
    """% satisfied for every scale question and TSM, weighted to the survey's population on
    ``variables``, with the weighting's summary and the profile of respondents before and after
    (a group with fewer respondents than ``threshold`` shows no percentages of respondents)."""
    on = on or survey.closed_on or survey.closes_on or timezone.localdate()
    threshold = threshold or landlord_threshold()
    fields = [RESPONSE_FIELDS[v] for v in variables]
    cells = {
        _cell_key(row, fields): row["n"]
        for row in survey.responses.values(*fields).annotate(n=Count("pk")).order_by()
    }
    margins = population_margins(survey, variables, on)
    weighting = rake(variables, cells, margins)
    effective = weighting.effective_respondents / max(1, weighting.respondents)

    scale_questions = {q.pk: q for q in survey.questions.filter(kind__in=SCALES)}
    sums: dict[tuple[int, str], list[float]] = {}
    # The tenure group comes first so the TSMs can be split by it whatever the weighting.
    by = ["tenure_group", *(f for f in fields if f != "tenure_group")]
    position = [by.index(f) for f in fields]
    for (pk, cell), (base, positive) in scale_counts_by_cell(
        survey, list(scale_questions.values()), by
    ).items():
        weight = weighting.weights.get(tuple(cell[i] for i in position), 1.0)
        for group in ("all", cell[0]):
            totals = sums.setdefault((pk, group), [0.0, 0.0, 0, 0])
            totals[0] += weight * positive
            totals[1] += weight * base
            totals[2] += base
            totals[3] += positive

    def figure(key: tuple[int, str]) -> WeightedFigure:
        positive, base, answers, _ = sums.get(key, [0.0, 0.0, 0, 0])
        if not base:
            return WeightedFigure(None, 0.0, 0.0)
        share = positive / base
        low, high = wilson_interval(share, answers * effective)
        return WeightedFigure(100 * share, low, high)

    by_question = {pk: figure((pk, "all")) for pk in scale_questions}
    tsm = {
        (q.code, group): figure((pk, group))
        for pk, q in scale_questions.items()
        if q.code in TSM_CODES
        for group in ("lcra", "lcho")
    }
    profile = []
    total = sum(cells.values())
    for index, variable in enumerate(variables):
        population = margins.get(variable, {})
        population_total = sum(population.values())
        seen: dict[str, list[float]] = {}
        for cell, n in cells.items():
            entry = seen.setdefault(cell[index], [0.0, 0.0])
            entry[0] += n
            entry[1] += n * weighting.weights[cell]
        categories = sorted(set(population) | set(seen))
        labels = category_labels(variable, categories)
        for category in categories:
            counts = seen.get(category, [0.0, 0.0])
            hidden = 0 < counts[0] < threshold
            profile.append(
                ProfileRow(
                    WEIGHT_VARIABLES[variable],
                    labels[category],
                    100 * population[category] / population_total if category in population else None,
                    None if hidden or not total else 100 * counts[0] / total,
                    None if hidden or not total else 100 * counts[1] / total,
                )
            )

    def unweighted(key: tuple[int, str]) -> Proportion:
        _, _, answers, positive = sums.get(key, [0.0, 0.0, 0, 0])
        return wilson(int(positive), int(answers))

    tsm_unweighted = [
        (q.code, q.text, unweighted((pk, "lcra")), unweighted((pk, "lcho")))
        for pk, q in sorted(scale_questions.items(), key=lambda item: item[1].code)
        if q.code in TSM_CODES
    ]
    return WeightedResults(weighting, by_question, tsm, profile, tsm_unweighted)
