"""Results from database aggregates: response rate, each question's answers, % satisfied with a
95% confidence interval, Tenant Satisfaction Measures by the Regulator's rules, and breakdowns.

Every count of people a survey's results publish (responses by channel and by group, each
question's answers, each group's answers in the TSMs and breakdowns) goes into one
``core.suppression.suppress`` with the sums that link them, so the page, the printable report,
the downloads and the API hide the same cells, and no hidden one can be worked out from
another table (decision 0017)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from django.db import connection
from django.db.models import Avg, Count
from django.utils import timezone

from tenantvoice.core.errors import DomainError
from tenantvoice.core.summaries import summarised
from tenantvoice.core.suppression import HIDDEN, Hidden, Suppression, suppress

from .bank import TSM_CODES
from .models import (
    POSITIVE,
    Answer,
    Channel,
    Invitation,
    Question,
    QuestionKind,
    Response,
    Survey,
    survey_topic,
)
from .population import RESPONSE_FIELDS, WEIGHT_VARIABLES, population_margins, top_areas
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
    count: int | Hidden
    percent: float | Hidden | None  # None: nobody answered
    key: tuple[object, ...] = ()


@dataclass
class QuestionResult:
    question: Question
    base: int
    lines: list[Line] = field(default_factory=list)
    positive: Proportion | None = None
    mean: float | None = None
    # Set by survey_results once the survey's suppression is known.
    shown_base: int | Hidden = 0
    positive_hidden: bool = False


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
    suppression: Suppression[tuple[object, ...]] | None = None
    # Each scale question's breakdowns (question pk -> breakdown -> rows), suppressed with the rest.
    breakdowns: dict[int, dict[str, list[BreakdownRow]]] = field(default_factory=dict)

    @property
    def response_rate(self) -> float | None:
        return None if not self.invited else 100 * self.responses / self.invited

    @property
    def shown_responses(self) -> int | Hidden:
        return self.suppression.count(("responses",)) if self.suppression else self.responses

    @property
    def shown_invited(self) -> int | Hidden:
        return self.suppression.count(("invited",)) if self.suppression else self.invited

    @property
    def shown_response_rate(self) -> float | Hidden | None:
        if self.suppression and self.suppression.hides(("responses",), ("invited",)):
            return HIDDEN
        return self.response_rate

    def hides(self, *keys: tuple[object, ...]) -> bool:
        return bool(self.suppression and self.suppression.hides(*keys))

    def group_hidden(self, question: Question, by: str, code: str) -> bool:
        """Whether a group's figures for a question (its answers and % satisfied) are hidden."""
        return self.hides(("q", question.pk), ("q", question.pk, by, code))

    def count(self, key: tuple[object, ...]) -> int | Hidden:
        return self.suppression.count(key) if self.suppression else HIDDEN


def _lines(counts: list[tuple[str, int]], base: int, threshold: int) -> list[Line]:
    """Lines before suppression (survey_results hides what must be hidden)."""
    return [Line(label, n, None if not base else 100 * n / base) for label, n in counts]


def question_result(question: Question, threshold: int) -> QuestionResult:
    """One question's result (the survey's page computes all of them together)."""
    return _question_results(question.survey, [question], threshold)[0]


def _question_results(survey: Survey, questions: list[Question], threshold: int) -> list[QuestionResult]:
    """Every question's answers, from the survey's summary of its answers (decision 0040)."""
    tallies = answer_tallies_summary(
        survey=survey.pk,
        questions=[q.pk for q in questions],
        multiple=[q.pk for q in questions if q.kind == QuestionKind.MULTIPLE],
        numeric=[q.pk for q in questions if q.kind in (QuestionKind.RATING, QuestionKind.NUMBER)],
    )
    counts = {int(pk): {str(c): int(n) for c, n in mine.items()} for pk, mine in tallies["counts"].items()}
    bases = {int(pk): int(n) for pk, n in tallies["bases"].items()}
    means = {int(pk): mean for pk, mean in tallies["means"].items()}
    results = []
    for question in questions:
        base = bases.get(question.pk, 0)
        result = QuestionResult(question, base)
        if question.kind in (QuestionKind.RATING, QuestionKind.NUMBER):
            mean = means.get(question.pk)
            result.mean = float(mean) if mean is not None else None
        if question.kind not in (QuestionKind.TEXT, QuestionKind.NUMBER):
            mine = counts.get(question.pk, {})
            result.lines = [
                Line(
                    label,
                    mine.get(code, 0),
                    None if not base else 100 * mine.get(code, 0) / base,
                    ("q", question.pk, "c", code),
                )
                for code, label in question.choices()
            ]
            if question.kind in SCALES:
                result.positive = wilson(sum(mine.get(code, 0) for code in POSITIVE), base)
        results.append(result)
    return results


@summarised(lambda survey, **arguments: [survey_topic(survey)])
def answer_tallies_summary(
    survey: int, questions: list[int], multiple: list[int], numeric: list[int]
) -> dict[str, dict[int, Any]]:
    """Every question's answers by choice, its base and (for ratings and numbers) its mean, from
    one grouped scan of the answers (no join), however many questions there are; a second,
    small query only for multiple-choice bases and for means."""
    answers = Answer.objects.filter(question__in=questions)
    counts: dict[int, dict[str, int]] = {}
    bases: dict[int, int] = {}
    for pk, choice, n in answers.values_list("question_id", "choice").annotate(n=Count("pk")).order_by():
        counts.setdefault(pk, {})[choice] = n
        # One answer row per response and question, except multiple choice (a row per tick).
        bases[pk] = bases.get(pk, 0) + n
    if multiple:
        bases |= dict(
            answers.filter(question__in=multiple)
            .values_list("question_id")
            .annotate(n=Count("response", distinct=True))
            .values_list("question_id", "n")
            .order_by()
        )
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
    return {"counts": counts, "bases": bases, "means": {pk: float(mean) for pk, mean in means.items()}}


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
    totals = response_totals_summary(survey=survey.pk)
    responses, invited = int(totals["responses"]), int(totals["invited"])
    # Sorted here and below: PostgreSQL's JSON keeps no key order, and suppression should
    # weigh the same cells in the same order on every read.
    channel_counts = {str(code): int(n) for code, n in sorted(totals["channels"].items())}
    by_channel = [
        Line(str(label), channel_counts[code], 100 * channel_counts[code] / responses, ("channel", code))
        for code, label in Channel.choices
        if code in channel_counts
    ]
    questions = _question_results(survey, list(survey.questions.all()), threshold)
    scale = [r.question for r in questions if r.question.kind in SCALES or r.question.code in TSM_CODES]
    fine = scale_margins(survey, scale) if scale and responses else ScaleMargins({}, {}, {})
    results = SurveyResults(
        survey=survey,
        invited=invited,
        responses=responses,
        by_channel=by_channel,
        questions=questions,
        tsm=_tsm_from_cells(survey, fine),
        threshold=threshold,
    )
    results.suppression, results.breakdowns = _suppress_survey(results, channel_counts, scale, fine)
    if weight_by and responses:
        results.weighted = weighted_results(survey, list(weight_by), threshold=threshold)
        hide_profile(results.weighted.profile, results)
    return results


@summarised(lambda survey: [survey_topic(survey)])
def response_totals_summary(survey: int) -> dict[str, Any]:
    """Responses, responses by channel and invitations: three counts of the survey's rows."""
    responses = Response.objects.filter(survey=survey)
    channels = dict(
        responses.values_list("channel").annotate(n=Count("pk")).values_list("channel", "n").order_by()
    )
    return {
        "responses": sum(channels.values()),
        "channels": channels,
        "invited": Invitation.objects.filter(survey=survey).count(),
    }


def respondent_counts(survey: Survey) -> dict[str, dict[str, int]]:
    """Respondents in each group of every weighting variable: {variable: {code: n}}."""
    counts = respondent_counts_summary(survey=survey.pk)
    return {v: {str(code): int(n) for code, n in sorted(counts[v].items())} for v in WEIGHT_VARIABLES}


# The area tree gives each response's top-level area, so its topic too.
@summarised(lambda survey: [survey_topic(survey), "areas"])
def respondent_counts_summary(survey: int) -> dict[str, dict[str, int]]:
    fields = [RESPONSE_FIELDS[v] for v in WEIGHT_VARIABLES]
    result: dict[str, dict[str, int]] = {v: {} for v in WEIGHT_VARIABLES}
    rows = list(Response.objects.filter(survey=survey).values(*fields).annotate(n=Count("pk")).order_by())
    tops = top_areas(row[RESPONSE_FIELDS["area"]] for row in rows)
    for row in rows:
        for variable, name in zip(WEIGHT_VARIABLES, fields, strict=True):
            code = "" if row[name] is None else str(row[name])
            if variable == "area":
                code = tops.get(code, code)
            result[variable][code] = result[variable].get(code, 0) + row["n"]
    return result


def _suppress_survey(
    results: SurveyResults,
    channel_counts: dict[str, int],
    scale: list[Question],
    fine: ScaleMargins,
) -> tuple[Suppression[tuple[object, ...]], dict[int, dict[str, list[BreakdownRow]]]]:
    """One suppression for every count the survey's results publish, with the sums a reader
    could use against each other: channels and groups of respondents add up to the responses;
    a question's answers add up to its answers (and satisfied ones to its % satisfied); each
    breakdown's groups add up to the question's answers, and tenures to their tenure group.
    Groups the TSM table leaves out (other tenures, not known) are unpublished there, but the
    breakdowns publish them, so they are shown or hidden by the same decision."""
    counts: dict[tuple[object, ...], int] = {("responses",): results.responses, ("invited",): results.invited}
    lines: list[tuple[tuple[object, ...], list[tuple[object, ...]]]] = []
    counts |= {("channel", code): n for code, n in channel_counts.items()}
    lines.append((("responses",), [("channel", code) for code in channel_counts]))
    for variable, groups in respondent_counts(results.survey).items():
        counts |= {("respondents", variable, code): n for code, n in groups.items()}
        lines.append((("responses",), [("respondents", variable, code) for code in groups]))
    for result in results.questions:
        pk = result.question.pk
        counts[("q", pk)] = result.base
        for line in result.lines:
            counts[line.key] = int(line.count)  # type: ignore[arg-type]
        if result.lines and result.question.kind != QuestionKind.MULTIPLE:
            lines.append((("q", pk), [line.key for line in result.lines]))
        if result.question.kind in SCALES:
            satisfied: list[tuple[object, ...]] = [
                ("q", pk, "c", code) for code in POSITIVE if ("q", pk, "c", code) in counts
            ]
            counts[("q", pk, "pos")] = sum(counts[k] for k in satisfied)
            lines.append((("q", pk, "pos"), satisfied))
    margins, positives, tenures = fine.margins, fine.positives, fine.tenures
    for (pk, by), groups in margins.items():
        counts |= {("q", pk, by, code): n for code, n in groups.items()}
        lines.append((("q", pk), [("q", pk, by, code) for code in groups]))
    for question in scale:
        pk = question.pk
        by_group: dict[str, list[tuple[object, ...]]] = {}
        for (q, tenure), seen_with in tenures.items():
            if q == pk and len(seen_with) == 1:
                by_group.setdefault(next(iter(seen_with)), []).append(("q", pk, "tenure", tenure))
        for group, members in by_group.items():
            if sum(counts[m] for m in members) == counts.get(("q", pk, "tenure_group", group)):
                lines.append((("q", pk, "tenure_group", group), members))
    # The Regulator asks for each TSM and its sample size for low-cost rental and low-cost home
    # ownership separately (Tenant Satisfaction Measures: Technical requirements), so when
    # something must go to protect a small group, the all-tenures figures go before those.
    keep: list[tuple[object, ...]] = [("respondents", "tenure_group", g) for g in ("lcra", "lcho")]
    keep += [
        ("q", question.pk, "tenure_group", g)
        for question in scale
        if question.code in TSM_CODES
        for g in ("lcra", "lcho")
    ]
    suppression = suppress(counts, results.threshold, totals=lines, keep=keep)
    for result in results.questions:
        pk = result.question.pk
        result.shown_base = suppression.count(("q", pk))
        result.positive_hidden = suppression.hides(("q", pk), ("q", pk, "pos"))
        result.lines = [
            Line(
                line.label,
                suppression.count(line.key),
                suppression.or_hidden(line.percent, line.key, ("q", pk)),  # type: ignore[arg-type]
                line.key,
            )
            for line in result.lines
        ]
    results.by_channel = [
        Line(
            line.label,
            suppression.count(line.key),
            suppression.percent(line.key, ("responses",), None),
            line.key,
        )
        for line in results.by_channel
    ]
    split: dict[int, dict[str, list[BreakdownRow]]] = {}
    # Each breakdown's names looked up once for every question (areas are a query), not per
    # question and breakdown.
    codes_by_field: dict[str, set[str]] = {}
    for (_, by), groups in margins.items():
        codes_by_field.setdefault(BREAKDOWN_FIELDS[by], set()).update(groups)
    labels_by_field = {name: category_labels(name, codes) for name, codes in codes_by_field.items()}
    for (pk, by), groups in margins.items():
        field_name = BREAKDOWN_FIELDS[by]
        labels = labels_by_field[field_name]
        rows: list[BreakdownRow] = []
        for code, base in sorted(groups.items(), key=lambda item: labels[item[0]]):
            key = ("q", pk, by, code)
            rows.append(
                BreakdownRow(
                    labels[code],
                    suppression.count(key),
                    HIDDEN
                    if suppression.hides(key, ("q", pk))
                    else (100 * positives[(pk, by, code)] / base if base else None),
                )
            )
        split.setdefault(pk, {})[by] = rows
    return suppression, split


def hide_profile(profile: list[ProfileRow], results: SurveyResults) -> None:
    """Hide the respondents' and population's shares the survey's suppression hides."""
    population = population_suppression(profile, results.threshold)
    for index, row in enumerate(profile):
        key = ("respondents", row.code_variable, row.code)
        if results.hides(key, ("responses",)):
            profile[index] = replace(row, respondents=HIDDEN, weighted=HIDDEN)
        if population.hides(("population", row.code_variable, row.code), ("population", row.code_variable)):
            profile[index] = replace(profile[index], population=HIDDEN)


def population_suppression(profile: list[ProfileRow], threshold: int) -> Suppression[tuple[object, ...]]:
    """The population's counts in each group are counts of people too."""
    counts: dict[tuple[object, ...], int] = {}
    members: dict[str, list[tuple[object, ...]]] = {}
    for row in profile:
        if row.population_count is not None:
            counts[("population", row.code_variable, row.code)] = row.population_count
            members.setdefault(row.code_variable, []).append(("population", row.code_variable, row.code))
    lines = []
    for variable, keys in members.items():
        counts[("population", variable)] = sum(counts[k] for k in keys)
        lines.append((("population", variable), keys))
    return suppress(counts, threshold, totals=lines)


def _tsm_from_cells(survey: Survey, fine: ScaleMargins) -> list[tuple[str, str, Proportion, Proportion]]:
    """The TSMs (as tsm_results gives them) from the breakdown by tenure group already read."""
    totals: dict[tuple[int, str], list[int]] = {
        (pk, group): [base, fine.positives[(pk, by, group)]]
        for (pk, by), groups in fine.margins.items()
        if by == "tenure_group"
        for group, base in groups.items()
    }
    questions = [q for q in survey.questions.all() if q.code in TSM_CODES]
    result = []
    for question in sorted(questions, key=lambda q: q.code):
        lcra, lcho = totals.get((question.pk, "lcra"), [0, 0]), totals.get((question.pk, "lcho"), [0, 0])
        result.append((question.code, question.text, wilson(lcra[1], lcra[0]), wilson(lcho[1], lcho[0])))
    return result


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
class ScaleMargins:
    """Each scale question's answers and satisfied answers by each breakdown's groups."""

    margins: dict[tuple[int, str], dict[str, int]]  # (question pk, breakdown) -> group -> answers
    positives: dict[tuple[int, str, str], int]  # (question pk, breakdown, group) -> satisfied
    tenures: dict[tuple[int, str], set[str]]  # (question pk, tenure) -> tenure groups seen with it


def scale_margins(survey: Survey, questions: Sequence[Question]) -> ScaleMargins:
    """The breakdowns of the scale questions, from the survey's summary (decision 0040): the
    summary keeps each breakdown's groups, not the cells crossing them all, so what a page
    reads grows with the groups, not with the responses."""
    kept = scale_margins_summary(survey=survey.pk, questions=[q.pk for q in questions])
    margins: dict[tuple[int, str], dict[str, int]] = {}
    positives: dict[tuple[int, str, str], int] = {}
    for pk, by, code, base, positive in kept["margins"]:
        margins.setdefault((int(pk), str(by)), {})[str(code)] = int(base)
        positives[(int(pk), str(by), str(code))] = int(positive)
    tenures = {(int(pk), str(tenure)): set(groups) for pk, tenure, groups in kept["tenures"]}
    return ScaleMargins(margins, positives, tenures)


@summarised(lambda survey, **arguments: [survey_topic(survey)])
def scale_margins_summary(survey: int, questions: list[int]) -> dict[str, list[list[Any]]]:
    chosen = list(Question.objects.filter(pk__in=questions).order_by("pk"))
    fields = list(BREAKDOWN_FIELDS.values())
    fine = scale_counts_by_cell(Survey(pk=survey), chosen, fields)
    margins: dict[tuple[int, str], dict[str, list[int]]] = {}
    tenures: dict[tuple[int, str], set[str]] = {}
    tenure_at, group_at = fields.index("tenure"), fields.index("tenure_group")
    bys = list(BREAKDOWNS)
    # One pass over the cells for every breakdown's answers and satisfied answers.
    for (pk, cell), (base, satisfied) in fine.items():
        for by, code in zip(bys, cell, strict=True):
            entry = margins.setdefault((pk, by), {}).setdefault(code, [0, 0])
            entry[0] += base
            entry[1] += satisfied
        tenures.setdefault((pk, cell[tenure_at]), set()).add(cell[group_at])
    return {
        "margins": [
            [pk, by, code, base, positive]
            for (pk, by), groups in margins.items()
            for code, (base, positive) in groups.items()
        ],
        "tenures": [[pk, tenure, sorted(groups)] for (pk, tenure), groups in tenures.items()],
    }


@dataclass(frozen=True)
class BreakdownRow:
    group: str
    base: int | Hidden  # the group's answers
    percent: float | Hidden | None  # % satisfied or agreeing; None when nobody answered


def breakdowns(
    question: Question, bys: Sequence[str] = tuple(BREAKDOWNS), threshold: int | None = None
) -> dict[str, list[BreakdownRow]]:
    """% positive for each group of respondents, by each of ``bys``: the rows the survey's
    results hold, suppressed together with every other table of the survey."""
    unknown = [by for by in bys if by not in BREAKDOWNS]
    if unknown:
        raise DomainError(f"Break down by one of: {', '.join(BREAKDOWNS)}", field="by")
    split = survey_results(question.survey, threshold).breakdowns.get(question.pk, {})
    return {by: split.get(by, []) for by in bys}


def breakdown(question: Question, by: str, threshold: int | None = None) -> list[BreakdownRow]:
    return breakdowns(question, [by], threshold)[by]


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
    population: float | Hidden | None  # % of the population
    respondents: float | Hidden | None  # % of respondents, unweighted
    weighted: float | Hidden | None  # % of respondents once weighted
    code_variable: str = ""
    code: str = ""
    population_count: int | None = None


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
    (the profile is hidden where the survey's suppression says: see ``hide_profile``)."""
    on = on or survey.closed_on or survey.closes_on or timezone.localdate()
    threshold = threshold or landlord_threshold()
    fields = [RESPONSE_FIELDS[v] for v in variables]
    scale_questions = {q.pk: q for q in survey.questions.filter(kind__in=SCALES)}
    inputs = weighting_inputs_summary(survey=survey.pk, questions=sorted(scale_questions), fields=fields)
    cells = {tuple(cell): int(n) for cell, n in inputs["cells"]}
    margins = population_margins(survey, variables, on)
    weighting = _weighting_from_json(
        weighting_summary(
            survey=survey.pk,
            audience=survey.audience or None,
            variables=list(variables),
            on=on,
            questions=sorted(scale_questions),
        )
    )
    effective = weighting.effective_respondents / max(1, weighting.respondents)

    sums: dict[tuple[int, str], list[float]] = {}
    # The tenure group comes first so the TSMs can be split by it whatever the weighting.
    by = ["tenure_group", *(f for f in fields if f != "tenure_group")]
    position = [by.index(f) for f in fields]
    for pk, cell, base, positive in inputs["scale"]:
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
            profile.append(
                ProfileRow(
                    WEIGHT_VARIABLES[variable],
                    labels[category],
                    100 * population[category] / population_total if category in population else None,
                    None if not total else 100 * counts[0] / total,
                    None if not total else 100 * counts[1] / total,
                    variable,
                    category,
                    int(population[category]) if category in population else None,
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


# Raking reads the responses' cells and the population's margins: the topics of both.
@summarised(lambda survey, **arguments: [survey_topic(survey), "areas", "register", "involvement"])
def weighting_summary(
    survey: int, audience: dict[str, object] | None, variables: list[str], on: str, questions: list[int]
) -> dict[str, Any]:
    """The weights raking gives each respondent cell, kept like its inputs (decision 0040): the
    iterations run once per change of the responses or the register, not on every page."""
    fields = [RESPONSE_FIELDS[v] for v in variables]
    inputs = weighting_inputs_summary(survey=survey, questions=questions, fields=fields)
    cells = {tuple(cell): int(n) for cell, n in inputs["cells"]}
    margins = population_margins(Survey(pk=survey, audience=audience), variables, dt.date.fromisoformat(on))
    weighting = rake(variables, cells, margins)
    return {
        "variables": list(weighting.variables),
        "weights": [[list(cell), weight] for cell, weight in weighting.weights.items()],
        "respondents": weighting.respondents,
        "iterations": weighting.iterations,
        "converged": weighting.converged,
        "design_effect": weighting.design_effect,
        "trimmed_respondents": weighting.trimmed_respondents,
        "smallest": weighting.smallest,
        "largest": weighting.largest,
        "not_represented": [list(pair) for pair in weighting.not_represented],
    }


def _weighting_from_json(data: dict[str, Any]) -> Weighting:
    return Weighting(
        variables=tuple(data["variables"]),
        weights={tuple(cell): float(weight) for cell, weight in data["weights"]},
        respondents=int(data["respondents"]),
        iterations=int(data["iterations"]),
        converged=bool(data["converged"]),
        design_effect=float(data["design_effect"]),
        trimmed_respondents=int(data["trimmed_respondents"]),
        smallest=float(data["smallest"]),
        largest=float(data["largest"]),
        not_represented=[(str(variable), str(category)) for variable, category in data["not_represented"]],
    )


# The area tree gives each response's top-level area, so its topic too.
@summarised(lambda survey, **arguments: [survey_topic(survey), "areas"])
def weighting_inputs_summary(
    survey: int, questions: list[int], fields: list[str]
) -> dict[str, list[list[Any]]]:
    """What weighting reads from the responses: respondents in each cell of ``fields`` and each
    scale question's answers and satisfied answers by the tenure group and those cells, with
    the area as its top-level area (decision 0040)."""
    responses = Response.objects.filter(survey=survey)
    rows = list(responses.values(*fields).annotate(n=Count("pk")).order_by())
    by = ["tenure_group", *(f for f in fields if f != "tenure_group")]
    chosen = list(Question.objects.filter(pk__in=questions).order_by("pk"))
    scale = scale_counts_by_cell(Survey(pk=survey), chosen, by) if chosen else {}
    tops = top_areas(row["area"] for row in rows) if "area" in fields else {}

    def top(cell: Sequence[str], names: list[str]) -> tuple[str, ...]:
        return tuple(
            tops.get(code, code) if name == "area" else code for name, code in zip(names, cell, strict=True)
        )

    cells: dict[tuple[str, ...], int] = {}
    for row in rows:
        key = top(_cell_key(row, fields), fields)
        cells[key] = cells.get(key, 0) + row["n"]
    sums: dict[tuple[int, tuple[str, ...]], list[int]] = {}
    for (pk, cell), (base, positive) in scale.items():
        entry = sums.setdefault((pk, top(cell, by)), [0, 0])
        entry[0] += base
        entry[1] += positive
    return {
        "cells": [[list(cell), n] for cell, n in cells.items()],
        "scale": [[pk, list(cell), base, positive] for (pk, cell), (base, positive) in sums.items()],
    }
