"""A survey's results as one set of tables: the page, the printable report, the CSV and the
Excel workbook all come from here, so they always agree. Weighted figures stand beside the
unweighted ones, and each figure beside its previous wave with a test of whether the change is
more than chance."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet

from tenantvoice.core.suppression import HIDDEN, Hidden, hidden_note
from tenantvoice.core.tables import Table

from .bank import tsm_measure_names
from .models import PeerGroup, Question, Response, Survey
from .peers import Quartile, quartiles
from .population import WEIGHT_VARIABLES
from .results import (
    ProfileRow,
    SurveyResults,
    WeightedResults,
    category_label,
    hide_profile,
    survey_results,
    weighted_results,
)
from .statistics import Change, Proportion, change_test


@dataclass(frozen=True)
class Comparison:
    previous: Survey
    before: dict[int, Proportion]  # this survey's question pk -> the previous wave's figure
    changes: dict[int, Change | None]


def _wave_key(question: Question) -> str:
    """What makes a question the same in another wave: its code (TSMs and bank questions), else
    its wording."""
    return f"code:{question.code}" if question.code else f"text:{question.text}"


def compare_waves(results: SurveyResults, previous: Survey) -> Comparison:
    earlier = survey_results(previous, results.threshold)
    earlier_positive = {_wave_key(r.question): r.positive for r in earlier.questions if not r.positive_hidden}
    before: dict[int, Proportion] = {}
    changes: dict[int, Change | None] = {}
    for result in results.questions:
        figure = earlier_positive.get(_wave_key(result.question))
        if result.positive is not None and figure is not None and not result.positive_hidden:
            before[result.question.pk] = figure
            changes[result.question.pk] = change_test(result.positive, figure)
    return Comparison(previous, before, changes)


def short_label(question: Question, limit: int = 60) -> str:
    """A question as a row heading: its code and the start of its wording (the full wording is
    in the table of every question's answers)."""
    measure = tsm_measure_names().get(question.code)
    if measure:
        return f"{question.code} {measure}"
    label = f"{question.code}: {question.text}" if question.code else question.text
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _pct(value: float | Hidden | None) -> float | Hidden | None:
    return value if value is None or isinstance(value, Hidden) else round(value, 1)


def results_tables(
    results: SurveyResults,
    weighted: WeightedResults | None = None,
    comparison: Comparison | None = None,
    peers: tuple[PeerGroup, dict[tuple[str, str], Quartile | None]] | None = None,
) -> list[Table]:
    survey = results.survey
    summary = Table(
        f"{survey.title}: summary",
        ["", ""],
        [
            ["Responses", results.shown_responses],
            ["Invited", results.shown_invited or None],
            ["Response rate (%)", _pct(results.shown_response_rate)],
            ["Open from", survey.opens_on],
            ["Closed on", survey.closed_on or survey.closes_on],
            ["Counts hidden below", results.threshold],
        ],
    )
    if weighted is not None:
        w = weighted.weighting
        summary.rows += [
            ["Weighted by", ", ".join(w.variables)],
            ["Design effect", round(w.design_effect, 2)],
            ["Effective number of responses", round(w.effective_respondents)],
            ["Respondents whose weight was trimmed", w.trimmed_respondents],
        ]
    if comparison is not None:
        summary.rows.append(["Compared with", comparison.previous.title])
    if peers is not None:
        summary.rows.append(["Peer group", peers[0].name])

    headers = ["Question", "Answers", "% satisfied or agreeing", "95% low", "95% high"]
    if weighted is not None:
        headers += ["Weighted %", "Weighted 95% low", "Weighted 95% high"]
    if comparison is not None:
        headers += ["Previous wave %", "Change (points)", "Change more than chance?"]
    satisfaction = Table("Satisfaction at a glance", headers)
    for result in results.questions:
        p = result.positive
        if p is None:
            continue
        row: list[object] = [short_label(result.question), result.shown_base]
        if result.positive_hidden:
            # Every figure made from a hidden count is hidden: the %, its interval, the
            # weighted figure and the change.
            row += [HIDDEN] * (len(headers) - 2)
            satisfaction.rows.append(row)
            continue
        row += [
            _pct(p.percent),
            _pct(100 * p.low) if p.base else None,
            _pct(100 * p.high) if p.base else None,
        ]
        if weighted is not None:
            figure = weighted.by_question.get(result.question.pk)
            row += (
                [_pct(figure.percent), _pct(100 * figure.low), _pct(100 * figure.high)]
                if figure and figure.percent is not None
                else [None, None, None]
            )
        if comparison is not None:
            before = comparison.before.get(result.question.pk)
            change = comparison.changes.get(result.question.pk)
            row += [
                _pct(before.percent) if before else None,
                _pct(change.points) if change else None,
                ("Yes" if change.significant else "No") + f" (p = {change.p_value:.3f})" if change else None,
            ]
        satisfaction.rows.append(row)
    satisfaction.note = hidden_note(results.threshold)

    tables = [summary, satisfaction]
    if results.tsm:
        tsm_headers = ["Measure", "Tenure group", "Answers", "%", "95% low", "95% high"]
        names = tsm_measure_names()
        if weighted is not None:
            tsm_headers += ["Weighted %"]
        if peers is not None:
            tsm_headers += [
                "Peers",
                "Peers' lower quartile",
                "Peers' median",
                "Peers' upper quartile",
                "Our quartile",
            ]
        tsm = Table("Tenant Satisfaction Measures", tsm_headers, note=hidden_note(results.threshold))
        by_code = {r.question.code: r.question for r in results.questions if r.question.code}
        for code, _text, lcra, lcho in results.tsm:
            for group, label, p in (
                ("lcra", "Low-cost rental", lcra),
                ("lcho", "Low-cost home ownership", lcho),
            ):
                measure = f"{code} {names.get(code, '')}".strip()
                if results.group_hidden(by_code[code], "tenure_group", group):
                    # A small group: its answers, its % and everything made from it.
                    tsm.rows.append([measure, label, *[HIDDEN] * (len(tsm_headers) - 2)])
                    continue
                tsm_row: list[object] = [
                    measure,
                    label,
                    p.base,
                    _pct(p.percent),
                    _pct(100 * p.low) if p.base else None,
                    _pct(100 * p.high) if p.base else None,
                ]
                if weighted is not None:
                    figure = weighted.tsm.get((code, group))
                    tsm_row.append(_pct(figure.percent) if figure else None)
                if peers is not None:
                    placed = peers[1].get((code, group))
                    tsm_row += (
                        [
                            placed.peers,
                            _pct(placed.lower),
                            _pct(placed.median),
                            _pct(placed.upper),
                            placed.label,
                        ]
                        if placed
                        else [None, None, None, None, "Too few peers to say"]
                    )
                tsm.rows.append(tsm_row)
        tables.append(tsm)

    answers = Table(
        "Every question's answers",
        ["Question", "Code", "Answer", "Number", "%"],
        note=hidden_note(results.threshold),
    )
    for result in results.questions:
        for line in result.lines:
            answers.rows.append(
                [result.question.text, result.question.code, line.label, line.count, _pct(line.percent)]
            )
    tables.append(answers)
    if weighted is not None:
        tables.append(
            Table(
                "Respondents and the population",
                ["Variable", "Group", "Population %", "Respondents %", "Weighted %"],
                [
                    [
                        row.variable,
                        row.category,
                        _pct(row.population),
                        _pct(row.respondents),
                        _pct(row.weighted),
                    ]
                    for row in weighted.profile
                ],
                note=hidden_note(results.threshold),
            )
        )
    return tables


PROFILE_VARIABLES = ["tenure_group", "property_type", "age_band"]


@dataclass(frozen=True)
class Approach:
    items: list[tuple[str, str]]  # heading, what we did
    profile: list[ProfileRow]


def survey_approach(survey: Survey, results: SurveyResults, weighted: WeightedResults | None) -> Approach:
    """The summary of approach the Regulator asks to be published with the TSMs: sample size,
    timing, collection methods, sampling, representativeness, weighting, contractor, incentives."""

    def shown(key: tuple[object, ...]) -> str:
        value = results.count(key) if results.suppression and key in results.suppression.counts else 0
        return "hidden" if isinstance(value, Hidden) else f"{value:,}"

    lcra, lcho = (shown(("respondents", "tenure_group", group)) for group in ("lcra", "lcho"))
    size = f"{shown(('responses',))} responses: low-cost rental {lcra}, low-cost home ownership {lcho}."
    opened = f"{survey.opens_on:%d %B %Y}" if survey.opens_on else "not recorded"
    closed = survey.closed_on or survey.closes_on
    timing = f"Open from {opened} to {closed:%d %B %Y}." if closed else f"Opened {opened}; not yet closed."
    methods = (
        "; ".join(
            f"{line.label}: {'hidden' if isinstance(line.count, Hidden) else line.count}"
            for line in results.by_channel
        )
        or "No responses yet."
    )
    if survey.sample_size:
        kind = (
            f"A stratified random sample ({survey.sampling})" if survey.sampling else "A simple random sample"
        )
        sampling = (
            f"{kind} of {survey.sample_size:,} from the survey's audience "
            f"({audience_text(survey)}), {shown(('invited',))} invited."
        )
    elif results.invited:
        sampling = f"Census: everyone in the survey's audience ({audience_text(survey)}), "
        sampling += f"{shown(('invited',))} invited."
    else:
        sampling = "Open to everyone (no invitation list)."
    if weighted is not None:
        w = weighted.weighting
        weighting = (
            "Weighted by raking to the population on: "
            f"{', '.join(WEIGHT_VARIABLES[v] for v in w.variables)}. "
            f"Design effect {w.design_effect:.2f} (effective responses {w.effective_respondents:,.0f}); "
            f"weights held between 0.2 and 5, {w.trimmed_respondents:,} trimmed."
        )
        if w.not_represented:
            weighting += (
                " Not weighted for lack of responses: "
                + ", ".join(f"{WEIGHT_VARIABLES[v]} {category_label(v, c)}" for v, c in w.not_represented)
                + "."
            )
        profile = weighted.profile
    else:
        weighting = "No weighting applied: the figures are unweighted."
        profile = weighted_results(survey, PROFILE_VARIABLES).profile if results.responses else []
        hide_profile(profile, results)
    items = [
        ("Sample size achieved", size),
        ("Timing", timing),
        ("Collection methods", methods),
        ("Sampling", sampling),
        (
            "Representativeness",
            "The table below compares those who answered with the population, before and after any "
            "weighting.",
        ),
        ("Weighting", weighting),
        ("External contractor", survey.contractor or "None: run by the landlord."),
        ("Incentives", survey.incentives or "None offered."),
    ]
    if survey.method_notes:
        items.append(("Other notes on method", survey.method_notes))
    return Approach(items, profile)


def audience_text(survey: Survey) -> str:
    from tenantvoice.audiences.rules import Audience, audience_describe

    return (
        "; ".join(audience_describe(Audience.from_json(survey.audience)))
        if survey.audience
        else "all residents"
    )


@dataclass(frozen=True)
class SurveyReport:
    """What a reader chose (weighting, an earlier wave, a peer group) and the results it gives."""

    results: SurveyResults
    comparison: Comparison | None
    peer_group: PeerGroup | None
    peers: tuple[PeerGroup, dict[tuple[str, str], Quartile | None]] | None
    tables: list[Table]


def earlier_waves(survey: Survey) -> QuerySet[Survey]:
    # One index probe per survey for "has it a response", not a join over every response.
    answered = Response.objects.filter(survey=OuterRef("pk"))
    return Survey.objects.exclude(pk=survey.pk).filter(Exists(answered)).order_by("-created_at")


def survey_report(
    survey: Survey, *, weight_by: Sequence[str] = (), compare: int | None = None, peers: int | None = None
) -> SurveyReport:
    """The results as chosen; unknown variables, waves or peer groups are ignored (the page and the
    API show what was used, so nothing is silently mislabelled)."""
    variables = [v for v in weight_by if v in WEIGHT_VARIABLES]
    results = survey_results(survey, weight_by=variables)
    previous = earlier_waves(survey).filter(pk=compare).first() if compare else None
    comparison = compare_waves(results, previous) if previous is not None else None
    peer_group = PeerGroup.objects.filter(pk=peers).first() if peers else None
    placed = (peer_group, quartiles(peer_group, results.tsm)) if peer_group and results.tsm else None
    return SurveyReport(
        results, comparison, peer_group, placed, results_tables(results, results.weighted, comparison, placed)
    )
