"""Who takes part, as pages, downloads, the API and short sections show it (issue 18 items 1,
2 and 6; decision 0047).

One chosen population (:class:`Population`) is compared on each characteristic by
:func:`~tenantvoice.representation.compare.compare`; this module turns the comparisons into the
:class:`~tenantvoice.core.tables.Table`s the page, the CSV and the XLSX share, the charts
drawn from those tables, the API's JSON and the short "Who takes part" sections on group, level,
survey and consultation pages. Figures are rounded here (to one decimal place) and nowhere else,
so every surface shows the same numbers; a hidden figure stays
:data:`~tenantvoice.core.suppression.HIDDEN` everywhere.

Reading equality characteristics' aggregates is audited (:func:`comparisons_read`): they are
counts of groups, suppressed, but special category data all the same.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest

from tenantvoice.audiences.targeting import target_url
from tenantvoice.consultations.models import Consultation, consultation_topic
from tenantvoice.core.age_bands import AgeBands
from tenantvoice.core.audit import audit_record
from tenantvoice.core.charts import BarChart, bar_chart
from tenantvoice.core.models import AuditAction
from tenantvoice.core.summaries import summarised
from tenantvoice.core.suppression import Hidden
from tenantvoice.core.tables import Table
from tenantvoice.involvement.models import Group, Level
from tenantvoice.surveys.models import Survey, survey_topic
from tenantvoice.surveys.results import landlord_threshold

from .characteristics import (
    Category,
    Characteristic,
    characteristics,
    landlord_age_bands,
)
from .compare import (
    Comparison,
    Counted,
    compare_counted,
    compare_many,
    compare_over_time,
    count_many,
    quarter_ends_between,
)
from .populations import (
    ResidentIds,
    activity_attendees,
    all_involved,
    consultation_repliers,
    group_seat_holders,
    level_members,
    survey_respondents,
)

# The characteristics sections and the Board's report show (Winchester's Table 1 compares
# "age groups", "City/Rural" and "General Needs/Sheltered": age, urban or rural and type of
# home; tenure and area as survey weighting uses them): the platform's choice.
MAIN = ("age", "tenure", "property_type", "location", "area")
# How many quarter ends an over-time comparison may cover (five years): each is a comparison
# of its own, so the page stays quick (platform's choice).
MOST_QUARTERS = 20
# The Board's report's trend: the last eight quarter ends, two years (platform's choice).
BOARD_QUARTERS = 8

EQUALITY_NOTE = (
    "Equality characteristics count only residents who agreed to us keeping their equality "
    "answers, among residents and among the involved alike. Looking at them is recorded."
)

HEADERS = [
    "Category",
    "Residents",
    "% of residents",
    "Involved",
    "% of involved",
    "Gap (percentage points)",
    "Participation rate (%)",
    "95% interval from (%)",
    "95% interval to (%)",
]


@dataclass(frozen=True)
class Population:
    """Who is compared (the involved) and against whom (the base), at any date."""

    label: str  # "All involved residents", "Members of the level “Tenant panel”"
    involved_at: Callable[[dt.date], ResidentIds]
    base_label: str = "all residents living in our homes"
    base_at: Callable[[dt.date], ResidentIds] | None = None
    # The query string that chooses this population on the full comparison page.
    query: dict[str, str] = field(default_factory=dict)


def rounded(value: Any) -> Any:
    """A figure as every surface shows it: one decimal place; hidden and undefined kept."""
    if isinstance(value, Hidden) or value is None or isinstance(value, int):
        return value
    return round(float(value), 1)


def _number(value: Any) -> float | None:
    return None if isinstance(value, Hidden) or value is None else float(value)


def comparison_table(comparison: Comparison) -> Table:
    """One characteristic's table: each category's counts, shares, gap and rate."""
    rows: list[list[Any]] = [
        [
            line.category.label,
            line.residents,
            rounded(line.share_of_residents),
            line.involved,
            rounded(line.share_of_involved),
            rounded(line.gap),
            rounded(line.rate),
            rounded(line.rate_low),
            rounded(line.rate_high),
        ]
        for line in comparison.lines
    ]
    rows.append(["All", comparison.residents, 100 if comparison.residents else None, comparison.involved])
    rows[-1] += [100 if comparison.involved else None, None, None, None, None]
    notes = [comparison.note]
    if comparison.characteristic.equality:
        notes.append(EQUALITY_NOTE.split(". ")[0] + ".")
    not_counted = comparison.involved_not_counted
    if isinstance(not_counted, Hidden) or not_counted:
        said = "a hidden number of" if isinstance(not_counted, Hidden) else f"{not_counted:,}"
        notes.append(f"Not counted: {said} involved people not among the residents compared on that date.")
    return Table(comparison.characteristic.name, list(HEADERS), rows, " ".join(n for n in notes if n))


def score_words(score: Any) -> str:
    if isinstance(score, Hidden):
        return "hidden (made from a hidden figure)"
    if score is None:
        return "not enough to say"
    return f"{rounded(score):g}%"


def summary_table(population: Population, on: dt.date, comparisons: Sequence[Comparison]) -> Table:
    """The scores and the groups named as under-represented, one row per characteristic."""
    rows: list[list[Any]] = [
        [
            c.characteristic.name,
            rounded(c.score),
            " ".join(c.under_represented) or "None named",
        ]
        for c in comparisons
    ]
    return Table(
        "Who takes part",
        ["Characteristic", "Representation score (%)", "Under-represented"],
        rows,
        f"{population.label} against {population.base_label} on {on:%d/%m/%Y}. The representation "
        "score is the lowest participation rate as a percentage of the highest; 100% means every "
        "group takes part at the same rate.",
    )


def share_charts(comparison: Comparison, number: int) -> list[tuple[str, BarChart]]:
    """The share of residents and the share of the involved per category, on one scale, drawn
    from the same figures as the table (a hidden share is not drawn)."""
    lines = comparison.lines
    residents = [(line.category.label, _number(rounded(line.share_of_residents))) for line in lines]
    involved = [(line.category.label, _number(rounded(line.share_of_involved))) for line in lines]
    top = max([v for _, v in residents + involved if v is not None], default=0) or None
    name = comparison.characteristic.name
    return [
        (f"chart-{number}-r", bar_chart(f"{name}: share of residents", residents, unit="%", scale_max=top)),
        (f"chart-{number}-i", bar_chart(f"{name}: share of the involved", involved, unit="%", scale_max=top)),
    ]


@dataclass(frozen=True)
class Shown:
    """One characteristic on the page: its comparison, its table, its two charts, and each
    row's link to invite those residents, where the view gives one."""

    comparison: Comparison
    table: Table
    charts: list[tuple[str, BarChart]]
    # Category code -> URL ("invite these residents", the audience builder; issue 18 item 2).
    targets: dict[str, str]

    @property
    def rows(self) -> list[tuple[list[Any], str]]:
        """Each table row with its category's link ("" when none); the last row is "All"."""
        codes = [line.category.code for line in self.comparison.lines]
        links = [self.targets.get(code, "") for code in codes] + [""]
        return list(zip(self.table.rows, links, strict=True))


def invitation_links(comparisons: Sequence[Comparison]) -> dict[str, dict[str, str]]:
    """ "Invite these residents" (issue 18 item 2: "target the under-represented groups in two
    clicks through the existing audience builder"): per characteristic slug, each category with
    a smaller share among the involved than among residents -> the audience builder's page
    for those of them not yet involved. None for equality answers, which never select anyone
    (decision 0048)."""
    links: dict[str, dict[str, str]] = {}
    for comparison in comparisons:
        slug = comparison.characteristic.slug
        for line in comparison.lines:
            if not isinstance(line.gap, float) or line.gap >= 0:
                continue
            url = target_url(slug, line.category.code)
            if url is not None:
                links.setdefault(slug, {})[line.category.code] = url
    return links


def shown(
    comparisons: Sequence[Comparison], target_urls: dict[str, dict[str, str]] | None = None
) -> list[Shown]:
    """Each comparison ready for the page. ``target_urls``: per characteristic slug, category
    code -> URL of "invite these residents" (the slot the audience builder fills)."""
    targets = target_urls or {}
    return [
        Shown(c, comparison_table(c), share_charts(c, n), targets.get(c.characteristic.slug, {}))
        for n, c in enumerate(comparisons, start=1)
    ]


def comparisons_read(
    population: Population,
    on: dt.date,
    chosen: Sequence[Characteristic],
    *,
    reader: Any,
    request: HttpRequest | None = None,
    via: str = "web",
    threshold: int | None = None,
) -> list[Comparison]:
    """``population`` compared on each of ``chosen`` on ``on``. When any is an equality
    characteristic, the read is audited: who looked at which equality aggregates, of whom."""
    base = None if population.base_at is None else population.base_at(on)
    involved = population.involved_at(on)
    limit = landlord_threshold() if threshold is None else threshold
    by_slug = compare_many(chosen, involved, on, base=base, threshold=limit)
    found = [by_slug[c.slug] for c in chosen]
    equality_read_record(population, on, chosen, reader=reader, request=request, via=via)
    return found


def equality_read_record(
    population: Population,
    on: dt.date,
    chosen: Sequence[Characteristic],
    *,
    reader: Any,
    request: HttpRequest | None = None,
    via: str = "web",
) -> None:
    """Record a read of equality aggregates (any of ``chosen`` that is an equality
    characteristic): who looked, at which, of whom and on which date."""
    equality = [c for c in chosen if c.equality]
    if not equality:
        return
    audit_record(
        actor=reader,
        action=AuditAction.VIEW_EQUALITY,
        object_type="representation",
        summary=(
            f"Who takes part, equality aggregates ({', '.join(c.name for c in equality)}): "
            f"{population.label} against {population.base_label} on {on:%d/%m/%Y}"
        ),
        changes={"characteristics": [c.slug for c in equality], **population.query},
        via=via,
        request=request,
    )


# --- Over time -------------------------------------------------------------------------------


def over_time(
    population: Population, characteristic: Characteristic, start: dt.date, end: dt.date, threshold: int
) -> list[Comparison]:
    """The comparison at each quarter end from ``start`` to ``end``."""
    return compare_over_time(
        characteristic,
        population.involved_at,
        quarter_ends_between(start, end),
        base_at=population.base_at,
        threshold=threshold,
    )


def over_time_table(characteristic: Characteristic, series: Sequence[Comparison]) -> Table:
    """A row per quarter end: residents, involved, the score and each category's rate."""
    categories: list[tuple[str, str]] = []
    for comparison in series:
        for line in comparison.lines:
            if (line.category.code, line.category.label) not in categories:
                categories.append((line.category.code, line.category.label))
    rows: list[list[Any]] = []
    for comparison in series:
        rates = {line.category.code: rounded(line.rate) for line in comparison.lines}
        rows.append(
            [
                comparison.on,
                comparison.residents,
                comparison.involved,
                rounded(comparison.score),
                *(rates.get(code) for code, _ in categories),
            ]
        )
    notes = sorted({c.note for c in series if c.note})
    return Table(
        f"{characteristic.name} over time",
        [
            "Quarter end",
            "Residents",
            "Involved",
            "Representation score (%)",
            *(f"Participation rate, {label} (%)" for _, label in categories),
        ],
        rows,
        " ".join(notes),
    )


def score_chart(title: str, series: Sequence[Comparison]) -> BarChart:
    return bar_chart(
        title,
        [(f"{c.on:%d/%m/%Y}", _number(rounded(c.score))) for c in series],
        unit="%",
        scale_max=100,
    )


def trend_table(population: Population, trends: dict[str, list[Comparison]]) -> Table:
    """The Board's trend: each main characteristic's score at each quarter end."""
    names = list(trends)
    days = [c.on for c in next(iter(trends.values()), [])]
    rows = [[day, *(rounded(trends[name][i].score) for name in names)] for i, day in enumerate(days)]
    return Table(
        "Representation scores over time",
        ["Quarter end", *(f"{name} (%)" for name in names)],
        rows,
        f"{population.label} against {population.base_label} at each quarter end. A score made "
        "from a hidden figure is hidden.",
    )


# --- Short sections on other pages -------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    """A short "Who takes part" for a page about one population: the score per main
    characteristic and the groups named as under-represented."""

    population: Population
    on: dt.date
    scores: list[tuple[str, str]]
    under_represented: list[str]
    query: str


def _section_topics(population: dict[str, str], on: str, bands: list[list[int | None]]) -> list[str]:
    """What a section's counts depend on (decision 0040): the register, and the population's
    own records (levels and seats, a survey's responses, a consultation's replies)."""
    kind = population.get("population")
    if kind == "survey":
        return ["register", survey_topic(int(population["survey"]))]
    if kind == "consultation":
        return ["register", consultation_topic(int(population["consultation"]))]
    return ["register", "involvement"]


def _bands(bands: list[list[int | None]]) -> AgeBands:
    return tuple((int(low or 0), high) for low, high in bands)


@summarised(_section_topics)
def _section_counts(population: dict[str, str], on: str, bands: list[list[int | None]]) -> dict[str, Any]:
    """The counts of a section's comparisons, kept in the summary store: a page read again
    reads nothing from the register (decision 0040). The landlord's age bands are an argument,
    so new bands are another summary."""
    chosen = population_of(population)
    day = dt.date.fromisoformat(on)
    found = characteristics(_bands(bands))
    base = None if chosen.base_at is None else chosen.base_at(day)
    involved = chosen.involved_at(day)
    kept: dict[str, Any] = {}
    all_counted = count_many([found[slug] for slug in MAIN], involved, day, base)
    for slug, counted in all_counted.items():
        kept[slug] = {
            "counts": {code: list(pair) for code, pair in counted.counts.items()},
            "found": [[c.code, c.label, c.words, c.unknown] for c in counted.found],
            "elsewhere": counted.elsewhere,
        }
    return kept


def main_comparisons(population: Population, on: dt.date, threshold: int) -> list[Comparison]:
    """``population`` on the main characteristics (never an equality one) on ``on``, from the
    counts kept in the summary store (computed once per change to what they depend on): a page
    read again makes a few queries whatever the size of the register."""
    bands = landlord_age_bands()
    found = characteristics(bands)
    kept = _section_counts(population=population.query, on=on.isoformat(), bands=[list(b) for b in bands])
    comparisons = []
    for slug in MAIN:
        data = kept[slug]
        counted = Counted(
            {code: (pair[0], pair[1]) for code, pair in data["counts"].items()},
            tuple(Category(*item) for item in data["found"]),
            data["elsewhere"],
        )
        comparisons.append(compare_counted(found[slug], counted, on, threshold))
    return comparisons


def section(population: Population, on: dt.date, threshold: int | None = None) -> Section:
    """A short "Who takes part" for ``population``'s own page: the main characteristics only."""
    from django.utils.http import urlencode

    limit = landlord_threshold() if threshold is None else threshold
    comparisons = main_comparisons(population, on, limit)
    return Section(
        population,
        on,
        [(c.characteristic.name, score_words(c.score)) for c in comparisons],
        [sentence for c in comparisons for sentence in c.under_represented],
        urlencode(population.query),
    )


# --- The API's JSON ----------------------------------------------------------------------------


def _json(value: Any) -> Any:
    return {"hidden": True} if isinstance(value, Hidden) else rounded(value)


def comparison_json(comparison: Comparison) -> dict[str, Any]:
    """One comparison as the API gives it: hidden figures as ``{"hidden": true}``."""
    c = comparison.characteristic
    return {
        "characteristic": c.slug,
        "name": c.name,
        "equality": c.equality,
        "residents": _json(comparison.residents),
        "involved": _json(comparison.involved),
        "involved_not_counted": _json(comparison.involved_not_counted),
        "representation_score": _json(comparison.score),
        "under_represented": list(comparison.under_represented),
        "note": comparison.note,
        "categories": [
            {
                "code": line.category.code,
                "label": line.category.label,
                "residents": _json(line.residents),
                "share_of_residents": _json(line.share_of_residents),
                "involved": _json(line.involved),
                "share_of_involved": _json(line.share_of_involved),
                "gap": _json(line.gap),
                "participation_rate": _json(line.rate),
                "participation_rate_low": _json(line.rate_low),
                "participation_rate_high": _json(line.rate_high),
            }
            for line in comparison.lines
        ],
    }


# --- The populations pages offer -----------------------------------------------------------------


def everyone_involved() -> Population:
    return Population("All involved residents", lambda on: all_involved(on), query={"population": "all"})


def level_population(level: Level) -> Population:
    return Population(
        f"Residents on the level “{level.name}”",
        lambda on: level_members(level, on),
        query={"population": "level", "level": level.slug},
    )


def group_population(group: Group) -> Population:
    return Population(
        f"Residents holding a seat on “{group.name}”",
        lambda on: group_seat_holders(group, on),
        query={"population": "group", "group": group.slug},
    )


def attendees_population(start: dt.date, end: dt.date, group: Group | None = None) -> Population:
    where = f" of “{group.name}”" if group is not None else ""
    query = {"population": "activities", "start": f"{start:%d/%m/%Y}", "end": f"{end:%d/%m/%Y}"}
    if group is not None:
        query["group"] = group.slug
    return Population(
        f"Residents present at a meeting or event{where} from {start:%d/%m/%Y} to {end:%d/%m/%Y}",
        lambda on: activity_attendees(start, end, group=group),
        query=query,
    )


def survey_population(survey: Survey) -> Population:
    return Population(
        f"Residents who answered “{survey.title}”",
        lambda on: survey_respondents(survey),
        query={"population": "survey", "survey": str(survey.pk)},
    )


def consultation_population(consultation: Consultation) -> Population:
    return Population(
        f"Residents who replied to “{consultation.title}”",
        lambda on: consultation_repliers(consultation),
        query={"population": "consultation", "consultation": str(consultation.pk)},
    )


def population_of(query: dict[str, str]) -> Population:
    """The population a query string chose (as :attr:`Population.query` writes it); the
    levels', groups', surveys' and consultations' pages make these, so a missing one is an
    error of the program, not of a reader."""
    kind = query.get("population", "all")
    if kind == "level":
        return level_population(Level.objects.get(slug=query["level"]))
    if kind == "group":
        return group_population(Group.objects.get(slug=query["group"]))
    if kind == "survey":
        return survey_population(Survey.objects.get(pk=int(query["survey"])))
    if kind == "consultation":
        return consultation_population(Consultation.objects.get(pk=int(query["consultation"])))
    return everyone_involved()


def against_respondents(population: Population, survey: Survey) -> Population:
    """``population`` counted among ``survey``'s respondents rather than all residents."""
    return Population(
        population.label,
        population.involved_at,
        f"the residents who answered “{survey.title}”",
        lambda on: survey_respondents(survey),
        {**population.query, "base": "survey", "survey": str(survey.pk)},
    )
