"""Representativeness: involved residents against all residents, one characteristic at a time
(issue 18, item 1; decision 0047).

For each category of a :class:`~tenantvoice.representation.characteristics.Characteristic`:
how many residents and how many involved, the share of each, the gap between the shares in
percentage points, the participation rate (involved / residents) with a 95% Wilson interval;
for the characteristic, a representation score (the lowest category's participation rate as a
percentage of the highest's) and the most under-represented categories in plain words.

Counts come from one grouped query per comparison (plus one for the involved who are not
counted and, for areas, one for the area names): the number of queries never grows with the
number of residents. Every count goes through :func:`tenantvoice.core.suppression.suppress`;
a share, gap, rate, interval or score made from a hidden count is hidden too.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet

from tenantvoice.core.suppression import HIDDEN, Hidden, Suppression, suppress
from tenantvoice.residents.models import Resident, ResidentHome

from .characteristics import NOT_KNOWN, Category, Characteristic
from .populations import residents_on

# The z value of a two-sided 95% interval.
Z_95 = 1.959963984540054
# A category is named as under-represented when its participation rate is below four fifths of
# the highest category's: the platform's choice (the "four-fifths" rule of thumb used to flag
# adverse impact in selection), stated in decision 0047.
UNDER_REPRESENTED_BELOW = 0.8
# At most this many categories are named, lowest rate first: the platform's choice.
NAMED_AT_MOST = 3

ALL = "all"
Key = tuple[str, str]
Figure = float | Hidden | None


def wilson_interval(successes: int, trials: int, z: float = Z_95) -> tuple[float, float]:
    """The Wilson score interval of a proportion, as percentages (low, high). Unlike the simple
    "rate plus or minus 1.96 standard errors" it stays within 0-100% and behaves for small
    categories and rates near 0, which are the usual case here."""
    if trials <= 0:
        raise ValueError("An interval needs at least one resident.")
    p = successes / trials
    denominator = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denominator
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denominator
    return 100 * max(0.0, centre - half), 100 * min(1.0, centre + half)


@dataclass(frozen=True)
class Line:
    """One category. Percentages are unrounded (pages round them); :data:`HIDDEN` when made
    from a hidden count; None when undefined (no residents in the category, nobody involved)."""

    category: Category
    residents: int | Hidden
    involved: int | Hidden
    share_of_residents: Figure
    share_of_involved: Figure
    # Share of the involved less share of residents, in percentage points: below 0, fewer
    # among the involved than among residents.
    gap: Figure
    # Involved as a percentage of residents in the category, with its 95% Wilson interval.
    rate: Figure
    rate_low: Figure
    rate_high: Figure


@dataclass(frozen=True)
class Comparison:
    characteristic: Characteristic
    on: dt.date
    lines: tuple[Line, ...]
    residents: int | Hidden
    involved: int | Hidden
    # Involved people not counted: not living in one of the landlord's homes on the date (or
    # not in the base given), or, for an equality characteristic, without recorded consent.
    involved_not_counted: int | Hidden
    # Lowest participation rate as a percentage of the highest, over the categories that are
    # not "Not known" or "Prefer not to say" and have residents; HIDDEN when any of those rates
    # is; None with fewer than two such categories or nobody involved.
    score: Figure
    under_represented: tuple[str, ...]
    threshold: int
    suppression: Suppression[Key]

    @property
    def note(self) -> str:
        """What a table of this comparison says beneath it about hidden figures."""
        return self.suppression.note

    def line(self, code: str) -> Line:
        return next(line for line in self.lines if line.category.code == code)


def _ordered(
    characteristic: Characteristic, codes: Iterable[str], found: Sequence[Category]
) -> list[Category]:
    """The listed categories, then those found at run time, then any stray code the database
    gave, then "Prefer not to say" and "Not known" last: every category, none dropped."""
    known = [c for c in characteristic.categories if not c.unknown]
    unknown = [c for c in characteristic.categories if c.unknown]
    if not any(c.code == NOT_KNOWN for c in unknown):
        unknown.append(Category(NOT_KNOWN, "Not known", "about whom this is not known", True))
    order: dict[str, Category] = {}
    for category in [*known, *found]:
        order.setdefault(category.code, category)
    listed_unknown = {c.code for c in unknown}
    for code in codes:
        if code not in order and code not in listed_unknown:
            order[code] = characteristic.category(code)
    for category in unknown:
        order.setdefault(category.code, category)
    return list(order.values())


def _resident_rows(
    characteristic: Characteristic, people: QuerySet[Resident], involved_ids: QuerySet[Any], on: dt.date
) -> list[tuple[Any, int, int]]:
    """(category value, residents, involved) for a fact of the resident: one grouped query."""
    rows = (
        people.annotate(category=characteristic.expression(on))
        .values("category")
        .annotate(residents=Count("pk"), involved=Count("pk", filter=Q(pk__in=involved_ids)))
        .order_by()
    )
    return [(row["category"], row["residents"], row["involved"]) for row in rows]


def _home_column(characteristic: Characteristic, on: dt.date) -> Any:
    """What the kept home rows are grouped by for ``characteristic``: its column, its expression
    of the columns, or the expression of a resident's fact kept on the row."""
    if isinstance(characteristic.home, str) and characteristic.home:
        return F(characteristic.home)
    if characteristic.home:
        return characteristic.home
    if characteristic.kept is None:
        raise ValueError(f"{characteristic.slug} is not read from the kept homes.")
    return characteristic.kept(on)


def _grouped_by_hash(grouped: QuerySet[Any]) -> list[dict[str, Any]]:
    """The rows of a grouped read of a million homes. PostgreSQL cannot tell how many groups
    expressions such as an age band make, guesses one a row, and so sorts the million rows (on
    disk, with the default 4 MB of ``work_mem``) instead of hashing them into the few thousand
    groups there are: at a million residents that sort took longer than the rest of the query
    together. Sorting is turned off for this one statement (``SET LOCAL``, undone when its
    transaction ends); other databases take the query as it is."""
    if connection.vendor != "postgresql":
        return list(grouped)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_sort = off")
        return list(grouped)


def _home_rows(
    home_characteristics: Sequence[Characteristic],
    people: QuerySet[Resident],
    involved_ids: QuerySet[Any],
    on: dt.date,
    *,
    all_at_home: bool,
) -> dict[str, list[tuple[Any, int, int]]]:
    """(category value, residents, involved) for each fact of the home (and of the resident
    kept with it, such as age), all from one grouped read of the homes kept by date (decision
    0054: one row a resident on ``on``), plus, unless
    everyone counted lives in one of the landlord's homes (``all_at_home``), one count of those
    who do not, whose home is not known."""
    current = ResidentHome.objects.current(on)
    # Everyone with a home that day is at home: only another base needs a filter.
    homes = current if all_at_home else current.filter(resident__in=people.values("pk"))
    columns = {f"c{i}": _home_column(c, on) for i, c in enumerate(home_characteristics)}
    grouped = (
        homes.values(**columns)
        .annotate(
            residents=Count("resident_id"),
            involved=Count("resident_id", filter=Q(resident_id__in=involved_ids)),
        )
        .order_by()
    )
    rows = _grouped_by_hash(grouped)
    found = {
        c.slug: [(row[f"c{i}"], row["residents"], row["involved"]) for row in rows]
        for i, c in enumerate(home_characteristics)
    }
    if not all_at_home:
        away = people.exclude(Exists(current.filter(resident=OuterRef("pk")))).aggregate(
            residents=Count("pk"), involved=Count("pk", filter=Q(pk__in=involved_ids))
        )
        for found_rows in found.values():
            found_rows.append((None, away["residents"], away["involved"]))
    return found


def _distinct_count(ids: QuerySet[Any]) -> int:
    """How many different residents a query of ids names: a union has none twice already, and
    a plain query may name someone twice (two activities) or no one (a participant who is not
    a resident)."""
    if ids.query.combinator:
        return ids.count()
    column = ids.query.values_select[0] if ids.query.values_select else "pk"
    return ids.exclude(**{f"{column}__isnull": True}).order_by().distinct().count()


def _outside(
    involved_ids: QuerySet[Any], people: QuerySet[Resident], on: dt.date, *, all_at_home: bool, equality: bool
) -> int:
    """How many of the involved are not among ``people``: not living in one of the landlord's
    homes on ``on`` (or not in the base given), or, for equality answers, without consent.
    Asked of the few involved, one index lookup each, not of every resident."""
    involved = Resident.objects.filter(pk__in=involved_ids)
    if not all_at_home:
        return involved.exclude(pk__in=people.values("pk")).count()
    counted: Any = Exists(ResidentHome.objects.current(on).filter(resident=OuterRef("pk")))
    if equality:
        counted &= Q(equality_profile__isnull=False)
    return involved.exclude(counted).count()


def _counts(
    characteristic: Characteristic, rows: Iterable[tuple[Any, int, int]]
) -> tuple[dict[str, tuple[int, int]], tuple[Category, ...]]:
    """Residents and involved in each category, from (value, residents, involved) rows."""
    raw: dict[Any, tuple[int, int]] = {}
    for value, residents, involved in rows:
        before = raw.get(value, (0, 0))
        raw[value] = (before[0] + residents, before[1] + involved)
    mapping: dict[Any, str] = {}
    found: tuple[Category, ...] = ()
    if characteristic.resolve is not None:
        mapping, found = characteristic.resolve(raw)
    counts: dict[str, tuple[int, int]] = {}
    for value, (residents, involved) in raw.items():
        code = NOT_KNOWN if value in (None, "") else str(mapping.get(value, value))
        before = counts.get(code, (0, 0))
        counts[code] = (before[0] + residents, before[1] + involved)
    return counts, found


def _suppression(
    categories: list[Category], counts: dict[str, tuple[int, int]], elsewhere: int, threshold: int
) -> Suppression[Key]:
    """Residents and involved per category and in all, the not-involved as unpublished counts
    (a reader can subtract, so a small number of them must be protected too), and the involved
    not counted on their own."""
    values: dict[Key, int] = {}
    lines: list[tuple[Key, list[Key]]] = []
    for category in categories:
        residents, involved = counts.get(category.code, (0, 0))
        code = category.code
        values |= {
            ("residents", code): residents,
            ("involved", code): involved,
            ("others", code): residents - involved,
        }
        lines.append((("residents", code), [("involved", code), ("others", code)]))
    for kind in ("residents", "involved", "others"):
        values[(kind, ALL)] = sum(values[(kind, c.code)] for c in categories)
        lines.append(((kind, ALL), [(kind, c.code) for c in categories]))
    lines.append((("residents", ALL), [("involved", ALL), ("others", ALL)]))
    values[("elsewhere", ALL)] = elsewhere
    unpublished = [("others", c.code) for c in categories] + [("others", ALL)]
    return suppress(values, threshold, totals=lines, unpublished=unpublished)


def _line(category: Category, shown: Suppression[Key]) -> Line:
    code = category.code
    residents, involved = ("residents", code), ("involved", code)
    of_residents = shown.percent(residents, ("residents", ALL), digits=None)
    of_involved = shown.percent(involved, ("involved", ALL), digits=None)
    gap: Figure
    if isinstance(of_residents, Hidden) or isinstance(of_involved, Hidden):
        gap = HIDDEN
    elif of_residents is None or of_involved is None:
        gap = None
    else:
        gap = of_involved - of_residents
    rate = shown.percent(involved, residents, digits=None)
    low: Figure
    high: Figure
    if isinstance(rate, Hidden):
        low = high = HIDDEN
    elif rate is None:
        low = high = None
    else:
        low, high = wilson_interval(shown.counts[involved], shown.counts[residents])
    return Line(
        category,
        shown.count(residents),
        shown.count(involved),
        of_residents,
        of_involved,
        gap,
        rate,
        low,
        high,
    )


def ratio_in_words(ratio: float) -> str:
    """A ratio of rates as people say it: "a third of the rate", "63% of the rate"."""
    for value, words in ((1 / 4, "a quarter of"), (1 / 3, "a third of"), (1 / 2, "half"),
                         (2 / 3, "two thirds of"), (3 / 4, "three quarters of")):  # fmt: skip
        if abs(ratio - value) <= 0.02:
            return f"{words} the rate"
    return f"{round(100 * ratio)}% of the rate"


def _score(lines: Sequence[Line]) -> Figure:
    rated = [line for line in lines if not line.category.unknown and line.rate is not None]
    if any(isinstance(line.rate, Hidden) for line in rated):
        return HIDDEN
    rates = [float(line.rate) for line in rated if isinstance(line.rate, float | int)]
    if len(rates) < 2 or max(rates) == 0:
        return None
    return 100 * min(rates) / max(rates)


def _under_represented(lines: Sequence[Line]) -> tuple[str, ...]:
    """The categories (shown, known) whose rate is below four fifths of the highest shown one,
    lowest first, as sentences a Board member reads without the table."""
    shown = [
        (float(line.rate), line)
        for line in lines
        if not line.category.unknown and isinstance(line.rate, float | int)
    ]
    if len(shown) < 2:
        return ()
    top_rate, top = max(shown, key=lambda item: item[0])
    if top_rate == 0:
        return ()
    low = sorted(
        (item for item in shown if item[0] < UNDER_REPRESENTED_BELOW * top_rate), key=lambda item: item[0]
    )
    sentences = []
    for rate, line in low[:NAMED_AT_MOST]:
        if rate == 0:
            sentences.append(
                f"None of the residents {line.category.words} take part, against "
                f"{top_rate:.1f}% of those {top.category.words}."
            )
        else:
            sentences.append(
                f"Residents {line.category.words} take part at {ratio_in_words(rate / top_rate)} "
                f"of those {top.category.words}."
            )
    return tuple(sentences)


def _threshold(threshold: int | None) -> int:
    if threshold is not None:
        return threshold
    from tenantvoice.surveys.results import landlord_threshold

    return landlord_threshold()


def compare(
    characteristic: Characteristic,
    involved_ids: QuerySet[Any],
    on: dt.date,
    base: QuerySet[Any] | None = None,
    threshold: int | None = None,
) -> Comparison:
    """Compare the involved (``involved_ids``: a query of resident ids, e.g. from
    :mod:`tenantvoice.representation.populations`) with ``base`` (residents living in the
    landlord's homes on ``on`` unless given: e.g. a survey's respondents) on ``characteristic``.

    The involved are counted among the base: an involved person outside it (not living in one
    of the landlord's homes that day) is counted only in ``involved_not_counted``. For an
    equality characteristic both populations are only the residents with recorded consent.
    Counts below ``threshold`` (the landlord's unless given) are hidden, with secondary
    suppression, and so is everything made from them.
    """
    return compare_many([characteristic], involved_ids, on, base, threshold)[characteristic.slug]


@dataclass(frozen=True)
class Counted:
    """The counts a comparison is made from, before suppression: residents and involved per
    category code, the categories found at run time, and the involved not counted. Plain data,
    so a page may keep them in the summary store (decision 0040) and compare them later."""

    counts: dict[str, tuple[int, int]]
    found: tuple[Category, ...]
    elsewhere: int


def count_many(
    characteristics: Sequence[Characteristic],
    involved_ids: QuerySet[Any],
    on: dt.date,
    base: QuerySet[Any] | None = None,
) -> dict[str, Counted]:
    """The counts :func:`compare_many` makes its comparisons from, by slug, sharing the
    queries they can: every fact of the home comes from one grouped join, and the involved not
    counted are counted once for the register's facts and once for the equality answers."""
    all_at_home = base is None
    base = residents_on(on) if base is None else base
    everyone = Resident.objects.filter(pk__in=base)
    consented = everyone.filter(equality_profile__isnull=False)
    # Facts of the home, and (when everyone counted is at home) the resident's facts kept on
    # the home rows, come from one read of the kept homes (decision 0054).
    homes = [c for c in characteristics if not c.equality and (c.home or (all_at_home and c.kept))]
    home_rows = _home_rows(homes, everyone, involved_ids, on, all_at_home=all_at_home) if homes else {}
    elsewhere: dict[bool, int] = {}
    if home_rows and all_at_home:
        # Everyone at home is in the home rows once: the involved not counted are the rest.
        counted = sum(involved for _, _, involved in next(iter(home_rows.values())))
        elsewhere[False] = _distinct_count(involved_ids) - counted
    found: dict[str, Counted] = {}
    for characteristic in characteristics:
        equality = characteristic.equality
        people = consented if equality else everyone
        rows = home_rows.get(characteristic.slug)
        if rows is None:
            rows = _resident_rows(characteristic, people, involved_ids, on)
        counts, listed = _counts(characteristic, rows)
        if equality not in elsewhere:
            elsewhere[equality] = _outside(
                involved_ids, people, on, all_at_home=all_at_home, equality=equality
            )
        found[characteristic.slug] = Counted(counts, listed, elsewhere[equality])
    return found


def compare_counted(
    characteristic: Characteristic, counted: Counted, on: dt.date, threshold: int | None = None
) -> Comparison:
    """The comparison made from ``counted``: shares, gaps, rates, the score, the named groups,
    with counts below ``threshold`` (the landlord's unless given) hidden."""
    limit = _threshold(threshold)
    categories = _ordered(characteristic, counted.counts, counted.found)
    shown = _suppression(categories, counted.counts, counted.elsewhere, limit)
    lines = tuple(_line(category, shown) for category in categories)
    return Comparison(
        characteristic=characteristic,
        on=on,
        lines=lines,
        residents=shown.count(("residents", ALL)),
        involved=shown.count(("involved", ALL)),
        involved_not_counted=shown.count(("elsewhere", ALL)),
        score=_score(lines),
        under_represented=_under_represented(lines),
        threshold=limit,
        suppression=shown,
    )


def compare_many(
    characteristics: Sequence[Characteristic],
    involved_ids: QuerySet[Any],
    on: dt.date,
    base: QuerySet[Any] | None = None,
    threshold: int | None = None,
) -> dict[str, Comparison]:
    """:func:`compare` for each of ``characteristics``, by slug, from :func:`count_many`'s
    shared queries. A page or report of several characteristics calls this, not
    :func:`compare` in a loop."""
    limit = _threshold(threshold)
    counted = count_many(characteristics, involved_ids, on, base)
    return {c.slug: compare_counted(c, counted[c.slug], on, limit) for c in characteristics}


def quarter_ends_between(start: dt.date, end: dt.date) -> list[dt.date]:
    """The quarter ends (31 March, 30 June, 30 September, 31 December) from ``start`` to ``end``."""
    found = []
    for year in range(start.year, end.year + 1):
        for month, day in ((3, 31), (6, 30), (9, 30), (12, 31)):
            date = dt.date(year, month, day)
            if start <= date <= end:
                found.append(date)
    return found


def compare_over_time(
    characteristic: Characteristic,
    involved_at: Callable[[dt.date], QuerySet[Any]],
    quarter_ends: Iterable[dt.date],
    *,
    base_at: Callable[[dt.date], QuerySet[Any]] | None = None,
    threshold: int | None = None,
) -> list[Comparison]:
    """The same comparison at each date of ``quarter_ends``: the involved on that date
    (``involved_at(date)``, e.g. ``all_involved``) against residents on that date (or
    ``base_at(date)``). Each date is suppressed on its own."""
    limit = _threshold(threshold)
    return [
        compare(
            characteristic,
            involved_at(day),
            day,
            base=None if base_at is None else base_at(day),
            threshold=limit,
        )
        for day in quarter_ends
    ]
