"""Weighting respondents to the population by raking (iterative proportional fitting), as
plain functions with no database.

Respondents are grouped into cells (one per combination of the weighting variables, e.g.
("lcra", "sheltered", "65-74")); every respondent in a cell gets the cell's weight. Raking
adjusts the weights one variable at a time until the weighted respondents match the
population's share in every category of every variable. It needs only each variable's
population totals (the margins), not the population's cross-tabulation, which is what a
landlord has.

Honesty rules, recorded in decision 0013:
- A population category with no respondents cannot be weighted up from nothing: it is left out
  of that variable's targets (the other categories' shares are rescaled) and named in the summary.
- Respondents whose category is not known (blank) keep their weight on that variable.
- Weights are trimmed to between 1/5 and 5 times the average so that a handful of respondents
  cannot carry a result; trimming is reported.
- The summary gives the design effect (Kish) and the effective sample size, which the weighted
  confidence intervals use, so weighting never makes a result look more certain than it is.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

Cell = tuple[str, ...]
TRIM = 5.0
MAX_ITERATIONS = 100
TOLERANCE = 1e-6


@dataclass(frozen=True)
class Weighting:
    variables: tuple[str, ...]
    weights: dict[Cell, float]
    respondents: int
    iterations: int
    converged: bool
    design_effect: float
    trimmed_respondents: int
    smallest: float
    largest: float
    not_represented: list[tuple[str, str]] = field(default_factory=list)  # (variable, category)

    @property
    def effective_respondents(self) -> float:
        return self.respondents / self.design_effect if self.design_effect else 0.0


def rake(
    variables: Sequence[str],
    cells: Mapping[Cell, int],
    margins: Mapping[str, Mapping[str, int]],
    *,
    trim: float = TRIM,
    max_iterations: int = MAX_ITERATIONS,
    tolerance: float = TOLERANCE,
) -> Weighting:
    """Weights per cell so that weighted respondents match ``margins`` (population counts per
    category, for each variable); the weights average 1, so weighted bases stay near the real ones."""
    total = sum(cells.values())
    weights = dict.fromkeys(cells, 1.0)
    if total == 0:
        return Weighting(tuple(variables), weights, 0, 0, True, 1.0, 0, 1.0, 1.0)

    targets: list[dict[str, float]] = []
    not_represented: list[tuple[str, str]] = []
    for index, variable in enumerate(variables):
        present = {cell[index] for cell, n in cells.items() if n}
        population = {category: n for category, n in margins.get(variable, {}).items() if category and n > 0}
        not_represented += [
            (variable, category) for category in sorted(population) if category not in present
        ]
        kept = {category: n for category, n in population.items() if category in present}
        kept_total = sum(kept.values())
        targets.append({category: n / kept_total for category, n in kept.items()} if kept_total else {})

    iterations, converged = 0, False
    while iterations < max_iterations and not converged:
        iterations += 1
        biggest_change = 0.0
        for index, shares in enumerate(targets):
            if not shares:
                continue
            # Only respondents in a category the population has are adjusted on this variable.
            adjustable = {cell: n for cell, n in cells.items() if cell[index] in shares}
            weighted_total = sum(n * weights[cell] for cell, n in adjustable.items())
            by_category: dict[str, float] = {}
            for cell, n in adjustable.items():
                by_category[cell[index]] = by_category.get(cell[index], 0.0) + n * weights[cell]
            for cell in adjustable:
                category = cell[index]
                factor = shares[category] * weighted_total / by_category[category]
                biggest_change = max(biggest_change, abs(factor - 1))
                weights[cell] *= factor
        converged = biggest_change < tolerance

    weights, trimmed = _trim(weights, cells, total, trim)
    sum_w = sum(n * weights[cell] for cell, n in cells.items())
    sum_w2 = sum(n * weights[cell] ** 2 for cell, n in cells.items())
    used = [weights[cell] for cell, n in cells.items() if n]
    return Weighting(
        variables=tuple(variables),
        weights=weights,
        respondents=total,
        iterations=iterations,
        converged=converged,
        design_effect=total * sum_w2 / (sum_w * sum_w),
        trimmed_respondents=trimmed,
        smallest=min(used),
        largest=max(used),
        not_represented=not_represented,
    )


def _trim(
    weights: dict[Cell, float], cells: Mapping[Cell, int], total: int, trim: float
) -> tuple[dict[Cell, float], int]:
    """Hold every weight between 1/trim and trim (the average weight is 1): weights past a bound
    are set to it and the others rescaled to keep the total, until none is past a bound."""
    scale = total / sum(n * weights[cell] for cell, n in cells.items())
    weights = {cell: weight * scale for cell, weight in weights.items()}
    fixed: set[Cell] = set()
    for _ in range(50):
        past = {cell for cell, w in weights.items() if cell not in fixed and (w > trim or w < 1 / trim)}
        if not past:
            break
        for cell in past:
            weights[cell] = min(trim, max(1 / trim, weights[cell]))
        fixed |= past
        free = [cell for cell in cells if cell not in fixed]
        have = sum(cells[cell] * weights[cell] for cell in free)
        if not have:
            break
        factor = (total - sum(cells[cell] * weights[cell] for cell in fixed)) / have
        for cell in free:
            weights[cell] *= factor
    return weights, sum(cells[cell] for cell in fixed)


def weighted_share(
    weighting: Weighting, positives: Mapping[Cell, int], bases: Mapping[Cell, int]
) -> float | None:
    """The weighted proportion: sum of weights of positive answers over the sum for all answers."""
    denominator = sum(n * weighting.weights.get(cell, 1.0) for cell, n in bases.items())
    if not denominator:
        return None
    return sum(n * weighting.weights.get(cell, 1.0) for cell, n in positives.items()) / denominator
