"""Small-number suppression for every table that counts people (decision 0017).

One function, :func:`suppress`, decides which counts a report may show. It is given every
count a report publishes, which counts are totals of which others (the report's rows, columns
and any subtotal, even across tables), and the landlord's threshold. It then

* hides each count of 1 up to the threshold less one (primary suppression: zero identifies
  nobody and is shown);
* hides more counts (complementary suppression), smallest first, until no hidden count can be
  worked out from those shown: in every sum whose total is shown, hidden cells come at least
  two at a time and add up to at least the threshold, and no hidden count follows exactly from any
  combination of the sums (an exact linear-algebra check, so subtracting one table's row from
  another's column cannot find it either);
* hides a total itself when nothing else can protect a hidden cell in it.

Percentages and rates are hidden through :meth:`Suppression.percent` and
:meth:`Suppression.hides`: a figure made from a hidden count is hidden too.

A hidden cell is :data:`HIDDEN` whether it was small or hidden to protect a small one: telling
the two apart would let a reader narrow a hidden count down (a "small" cell beside a "not
small" one in a sum of 6 must be 1).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)

# The symbol the Government Statistical Service recommends for a figure withheld to protect
# confidentiality ("Symbols in tables, definitions and copy": [c] confidential).
HIDDEN_SYMBOL = "[c]"
HIDDEN_REASON = (
    "Hidden to protect small numbers: fewer than the landlord's threshold, or hidden so that a "
    "smaller hidden count cannot be worked out from the totals."
)


class Hidden:
    """A cell withheld by suppression. Downloads write ``[c]``; the page says "hidden"; the API
    gives null with a reason."""

    hidden = True
    reason = HIDDEN_REASON

    def __str__(self) -> str:
        return HIDDEN_SYMBOL

    def __repr__(self) -> str:
        return "HIDDEN"

    def __bool__(self) -> bool:
        return False


HIDDEN = Hidden()


def hidden_note(threshold: int) -> str:
    """What a table that hides counts says beneath it."""
    return (
        f"Counts below {threshold} are hidden ({HIDDEN_SYMBOL}), and so are some others so that "
        "hidden ones cannot be worked out; percentages made from a hidden count are hidden too."
    )


@dataclass(frozen=True)
class Suppression(Generic[K]):
    """Which of a report's counts are shown. Read every published figure through it."""

    counts: Mapping[K, int]
    hidden: frozenset[K]
    threshold: int
    # What it was decided on, so that a test can check it: the sums and the unpublished counts.
    lines: tuple[tuple[K, tuple[K, ...]], ...] = ()
    unpublished: frozenset[K] = frozenset()

    def hides(self, *keys: K) -> bool:
        """Whether a figure made from these counts must be hidden (any of them is)."""
        return any(key in self.hidden for key in keys)

    def count(self, key: K) -> int | Hidden:
        return HIDDEN if key in self.hidden else self.counts[key]

    def percent(self, part: K, whole: K, digits: int | None = 1) -> float | Hidden | None:
        """``part`` as a percentage of ``whole``; hidden when either is; None when ``whole`` is 0."""
        if self.hides(part, whole):
            return HIDDEN
        if not self.counts[whole]:
            return None
        value = 100 * self.counts[part] / self.counts[whole]
        return value if digits is None else round(value, digits)

    def or_hidden(self, value: object, *keys: K) -> object:
        """``value`` (a rate, an interval, an amount of a group), or HIDDEN when it is made from
        a hidden count."""
        return HIDDEN if self.hides(*keys) else value

    @property
    def note(self) -> str:
        return hidden_note(self.threshold) if self.hidden else ""


def suppress(
    counts: Mapping[K, int],
    threshold: int,
    *,
    totals: Iterable[tuple[K, Sequence[K]]] = (),
    unpublished: Iterable[K] = (),
    also_small: Iterable[K] = (),
    keep: Iterable[K] = (),
) -> Suppression[K]:
    """Decide which of ``counts`` may be shown.

    ``totals`` are the sums the figures obey: ``(total, members)`` says that ``counts[total]``
    is the sum of the members' counts (a row and its total, a column and its total, the
    respondents in each tenure group and all respondents). Give every sum a reader could use,
    including ones that run across tables. ``unpublished`` counts take part in the sums but are
    not shown anywhere (e.g. a group a table leaves out); a reader must not be able to work out
    a small one. ``also_small`` are counts to treat as small whatever their value (e.g. claims
    made by fewer people than the threshold). ``keep`` are counts to hide only when nothing
    else will do (e.g. figures a regulator requires): a line's total is hidden before them.
    """
    lines = [(total, tuple(members)) for total, members in totals]
    for total, members in lines:
        if counts[total] != sum(counts[m] for m in members):
            raise ValueError(f"{total!r} is not the sum of {members!r}")
    unknown_by_design = frozenset(unpublished)
    kept = frozenset(keep)
    small = {k for k, n in counts.items() if 0 < n < threshold} | set(also_small)
    small = {k for k in small if counts[k] > 0}
    hidden: set[K] = {k for k in small if k not in unknown_by_design}
    # Unpublished counts that are small must be protected; larger ones need not be, but they
    # are still unknown to the reader.
    protected_unpublished = {k for k in unknown_by_design if k in small}

    def unknown(key: K) -> bool:
        return key in hidden or key in unknown_by_design

    def protected(key: K) -> bool:
        return counts[key] > 0 and (key in hidden or key in protected_unpublished)

    def hide_another(line: tuple[K, tuple[K, ...]]) -> bool:
        """Hide the line's smallest shown non-zero member, or else its total."""
        total, members = line
        candidates = sorted(
            (m in kept, counts[m], index, m)
            for index, m in enumerate(members)
            if not unknown(m) and counts[m] > 0
        )
        total_free = not unknown(total) and counts[total] > 0
        if candidates and not (candidates[0][0] and total_free and total not in kept):
            hidden.add(candidates[0][3])
            return True
        if total_free:
            hidden.add(total)
            return True
        return False

    while True:
        changed = False
        for line in lines:
            total, members = line
            unknowns = [k for k in (*members, total) if unknown(k)]
            if not any(protected(k) for k in unknowns):
                continue
            if len(unknowns) == 1:
                changed |= hide_another(line)
            elif not unknown(total):
                # What the hidden members add up to is known (total less those shown): it must
                # be no smaller than the threshold, or it is a small number itself.
                remainder = sum(counts[k] for k in unknowns)
                if remainder < threshold:
                    changed |= hide_another(line)
        if changed:
            continue
        determined = _determined([k for k in counts if unknown(k)], lines)
        exposed = [k for k in determined if protected(k)]
        if not exposed:
            break
        key = exposed[0]

        def smallest_shown(line: tuple[K, tuple[K, ...]]) -> int:
            shown = (counts[m] for m in line[1] if not unknown(m) and counts[m] > 0)
            return min(shown, default=counts[line[0]])

        # First the lines the exposed count is in; when everything in those is already hidden,
        # the count is worked out through other lines (a grand total less a row and a column
        # that are shown), so hide the smallest shown count of any line.
        own = sorted((line for line in lines if key == line[0] or key in line[1]), key=smallest_shown)
        for line in [*own, *sorted(lines, key=smallest_shown)]:
            if hide_another(line):
                changed = True
                break
        if not changed:  # pragma: no cover - with every non-zero count hidden nothing is determined
            raise RuntimeError(f"cannot protect {key!r}")
    return Suppression(counts, frozenset(hidden), threshold, tuple(lines), unknown_by_design)


def _determined(unknowns: list[K], lines: list[tuple[K, tuple[K, ...]]]) -> list[K]:
    """The unknown counts that the sums fix to one value, whatever the shown counts are.

    Each sum is an equation ``members - total = 0``; moving shown counts to the right leaves a
    system in the unknowns. An unknown is fixed exactly when its unit vector lies in the
    equations' row space, which in reduced row echelon form means its pivot row has no other
    entry."""
    index = {key: i for i, key in enumerate(unknowns)}
    rows: list[dict[int, Fraction]] = []
    for total, members in lines:
        row: dict[int, Fraction] = {}
        for key, sign in [*((m, 1) for m in members), (total, -1)]:
            if key in index:
                row[index[key]] = row.get(index[key], Fraction(0)) + sign
        row = {c: v for c, v in row.items() if v}
        if row:
            rows.append(row)
    pivots: list[tuple[int, dict[int, Fraction]]] = []
    for row in rows:
        for column, pivot_row in pivots:
            if column in row:
                factor = row[column]
                for c, v in pivot_row.items():
                    row[c] = row.get(c, Fraction(0)) - factor * v
                row = {c: v for c, v in row.items() if v}
        if not row:
            continue
        column = min(row)
        scale = row[column]
        row = {c: v / scale for c, v in row.items()}
        # Keep the basis reduced: clear the new pivot's column from earlier rows.
        for i, (other_column, other) in enumerate(pivots):
            if column in other:
                factor = other[column]
                for c, v in row.items():
                    other[c] = other.get(c, Fraction(0)) - factor * v
                pivots[i] = (other_column, {c: v for c, v in other.items() if v})
        pivots.append((column, row))
    return [unknowns[column] for column, row in pivots if len(row) == 1]


def suppress_grid(
    rows: Sequence[Sequence[int]],
    threshold: int,
    *,
    row_totals: bool = True,
    column_totals: bool = True,
) -> Suppression[tuple[object, ...]]:
    """A rows x columns table of counts with the totals it shows: cells are keyed ``(r, c)``,
    row totals ``("row", r)``, column totals ``("column", c)`` and the grand total ``("all",)``
    (present when both kinds of total are shown)."""
    counts: dict[tuple[object, ...], int] = {}
    lines: list[tuple[tuple[object, ...], list[tuple[object, ...]]]] = []
    width = max((len(row) for row in rows), default=0)
    for r, row in enumerate(rows):
        for c in range(width):
            counts[(r, c)] = row[c] if c < len(row) else 0
    if row_totals:
        for r in range(len(rows)):
            counts[("row", r)] = sum(counts[(r, c)] for c in range(width))
            lines.append((("row", r), [(r, c) for c in range(width)]))
    if column_totals:
        for c in range(width):
            counts[("column", c)] = sum(counts[(r, c)] for r in range(len(rows)))
            lines.append((("column", c), [(r, c) for r in range(len(rows))]))
    if row_totals and column_totals:
        counts[("all",)] = sum(counts[(r, c)] for r in range(len(rows)) for c in range(width))
        lines.append((("all",), [("row", r) for r in range(len(rows))]))
        lines.append((("all",), [("column", c) for c in range(width)]))
    return suppress(counts, threshold, totals=lines)
