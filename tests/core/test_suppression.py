"""The one small-number suppression helper: primary and complementary suppression, checked on
worked examples and, with hypothesis, on random tables against an independent rank test."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import example, given, settings
from hypothesis import strategies as st

from tenantvoice.core.suppression import HIDDEN, Hidden, suppress, suppress_grid


def _rank(rows: list[list[Fraction]]) -> int:
    """Plain Gaussian elimination (the oracle; the helper uses its own reduced echelon form)."""
    matrix = [row[:] for row in rows if any(row)]
    rank, columns = 0, len(matrix[0]) if matrix else 0
    for column in range(columns):
        pivot = next((r for r in range(rank, len(matrix)) if matrix[r][column]), None)
        if pivot is None:
            continue
        matrix[rank], matrix[pivot] = matrix[pivot], matrix[rank]
        for r in range(len(matrix)):
            if r != rank and matrix[r][column]:
                factor = matrix[r][column] / matrix[rank][column]
                matrix[r] = [a - factor * b for a, b in zip(matrix[r], matrix[rank], strict=True)]
        rank += 1
    return rank


def recoverable(counts: dict, lines: list, unknown: set) -> set:
    """Unknown counts that the shown counts and sums fix to one value: a count is fixed when
    leaving its column out lowers the rank of the sums' equations in the unknowns. Sums that
    share no unknown are independent, so each group of linked sums is tested on its own."""
    equations = []
    for total, members in lines:
        row: dict = {}
        for key in members:
            if key in unknown:
                row[key] = row.get(key, 0) + 1
        if total in unknown:
            row[total] = row.get(total, 0) - 1
        row = {k: v for k, v in row.items() if v}
        if row:
            equations.append(row)
    parent = {key: key for key in unknown}  # union-find: equations linked by an unknown

    def find(key: object) -> object:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for equation in equations:
        first, *rest = list(equation)
        for key in rest:
            parent[find(key)] = find(first)
    groups: dict = {}
    for equation in equations:
        groups.setdefault(find(next(iter(equation))), []).append(equation)
    fixed = set()
    for group in groups.values():
        keys = sorted({k for equation in group for k in equation}, key=repr)
        rows = [[Fraction(equation.get(k, 0)) for k in keys] for equation in group]
        full = _rank(rows)
        fixed |= {key for i, key in enumerate(keys) if _rank([row[:i] + row[i + 1 :] for row in rows]) < full}
    return fixed


def _grid_lines(n_rows: int, n_columns: int) -> list:
    lines = [(("row", r), [(r, c) for c in range(n_columns)]) for r in range(n_rows)]
    lines += [(("column", c), [(r, c) for r in range(n_rows)]) for c in range(n_columns)]
    lines += [(("all",), [("row", r) for r in range(n_rows)])]
    lines += [(("all",), [("column", c) for c in range(n_columns)])]
    return lines


def test_it_hides_a_small_count_and_the_next_smallest_in_its_row() -> None:
    shown = suppress_grid([[3, 40, 12]], 5, column_totals=False)
    assert shown.count((0, 0)) is HIDDEN
    assert shown.count((0, 2)) is HIDDEN  # else 55 - 40 gives the 3 away
    assert shown.count((0, 1)) == 40 and shown.count(("row", 0)) == 55


def test_it_shows_zero_and_counts_at_the_threshold() -> None:
    shown = suppress_grid([[0, 5, 9]], 5)
    assert not shown.hidden
    assert shown.note == ""


def test_two_small_counts_that_add_up_to_less_than_the_threshold_take_a_third() -> None:
    # 1 + 2 = 3 would be known from the total: still a small number.
    shown = suppress_grid([[1, 2, 30, 40]], 5, column_totals=False)
    assert shown.hides((0, 0), (0, 1), (0, 2)) and shown.count((0, 3)) == 40


def test_the_total_is_hidden_when_nothing_else_can_protect_a_cell() -> None:
    shown = suppress_grid([[3, 0]], 5, column_totals=False)
    assert shown.count(("row", 0)) is HIDDEN


def test_percentages_made_from_a_hidden_count_are_hidden() -> None:
    shown = suppress({"all": 43, "a": 3, "b": 40}, 5, totals=[("all", ["a", "b"])])
    assert isinstance(shown.percent("a", "all"), Hidden)
    assert isinstance(shown.percent("b", "all"), Hidden)
    assert shown.or_hidden(12.5, "b") is HIDDEN
    assert str(HIDDEN) == "[c]" and not HIDDEN


def test_an_unpublished_count_protects_a_small_one_beside_it() -> None:
    """The TSM table shows low-cost rental and home ownership, not other tenures: all answers
    less rental gives ownership plus other, which hides ownership's 3 without hiding more."""
    counts = {"all": 143, "lcra": 100, "lcho": 3, "other": 40}
    shown = suppress(counts, 5, totals=[("all", ["lcra", "lcho", "other"])], unpublished=["other"])
    assert shown.hidden == {"lcho"}


def test_a_small_unpublished_count_cannot_be_worked_out() -> None:
    counts = {"all": 142, "lcra": 100, "lcho": 40, "other": 2}
    shown = suppress(counts, 5, totals=[("all", ["lcra", "lcho", "other"])], unpublished=["other"])
    assert shown.hidden == {"lcho"}


def test_it_protects_across_nested_sums() -> None:
    """Very satisfied 3 and fairly satisfied 40 make the % satisfied: hiding only the 3 would
    let it be worked out from that percentage."""
    counts = {"base": 60, "pos": 43, "vs": 3, "fs": 40, "n": 10, "fd": 7}
    lines = [("base", ["vs", "fs", "n", "fd"]), ("pos", ["vs", "fs"])]
    shown = suppress(counts, 5, totals=lines)
    assert {"vs", "fs"} <= shown.hidden
    assert not recoverable(counts, lines, set(shown.hidden)) & shown.hidden


def test_counts_made_small_by_another_rule_are_hidden() -> None:
    shown = suppress({"t": 20, "a": 6, "b": 14}, 5, totals=[("t", ["a", "b"])], also_small=["a"])
    assert shown.hidden == {"a", "b"}


def test_a_wrong_sum_is_refused() -> None:
    try:
        suppress({"t": 3, "a": 1}, 5, totals=[("t", ["a"])])
    except ValueError:
        return
    raise AssertionError("a total that is not the sum of its members must be refused")


grids = st.integers(1, 4).flatmap(
    lambda columns: st.lists(
        st.lists(st.one_of(st.integers(0, 6), st.integers(0, 60)), min_size=columns, max_size=columns),
        min_size=1,
        max_size=4,
    )
)


@settings(max_examples=150, deadline=None)
@given(grids, st.integers(2, 10))
# Found by Hypothesis: every line through (0, 2) was already hidden, yet the grand total less
# row 2 and column 1 (both shown) gave it away.
@example([[0, 1, 1], [0, 2, 0], [1, 0, 1]], 2)
def test_no_hidden_count_can_be_recovered_from_the_totals(rows: list[list[int]], threshold: int) -> None:
    shown = suppress_grid(rows, threshold)
    counts = dict(shown.counts)
    lines = _grid_lines(len(rows), len(rows[0]))
    # Every small count is hidden.
    assert all(key in shown.hidden for key, n in counts.items() if 0 < n < threshold)
    for total, members in lines:
        if total in shown.hidden:
            continue
        hidden = [m for m in members if m in shown.hidden]
        # Shown total less shown cells never leaves one hidden cell, nor a small remainder.
        assert len(hidden) != 1
        assert not hidden or sum(counts[m] for m in hidden) >= threshold
    # Nor any combination of rows and columns (an independent rank test).
    assert not {k for k in recoverable(counts, lines, set(shown.hidden)) if counts[k]}


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.integers(0, 30), min_size=2, max_size=6),
    st.lists(st.integers(0, 30), min_size=2, max_size=6),
    st.integers(3, 10),
)
def test_two_tables_of_the_same_people_cannot_be_played_off_against_each_other(
    by_area: list[int], by_age: list[int], threshold: int
) -> None:
    """Two breakdowns of one total (by area, by age): each is protected and so is the total."""
    total = sum(by_area)
    by_age = by_age[:-1] + [0]
    by_age[-1] = total - sum(by_age)
    if by_age[-1] < 0:
        return
    counts = {"all": total} | {("area", i): n for i, n in enumerate(by_area)}
    counts |= {("age", i): n for i, n in enumerate(by_age)}
    lines = [
        ("all", [("area", i) for i in range(len(by_area))]),
        ("all", [("age", i) for i in range(len(by_age))]),
    ]
    shown = suppress(counts, threshold, totals=lines)
    assert all(key in shown.hidden for key, n in counts.items() if 0 < n < threshold)
    assert not {k for k in recoverable(counts, lines, set(shown.hidden)) if counts[k]}


def test_a_count_to_keep_is_hidden_last() -> None:
    """Low-cost rental's TSM must be published: with home ownership's 3 hidden, the total goes
    rather than rental's 40."""
    counts = {"all": 43, "lcra": 40, "lcho": 3}
    shown = suppress(counts, 5, totals=[("all", ["lcra", "lcho"])], keep=["lcra"])
    assert shown.hidden == {"lcho", "all"}
    assert suppress(counts, 5, totals=[("all", ["lcra", "lcho"])]).hidden == {"lcho", "lcra"}
