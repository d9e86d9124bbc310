"""Peer groups: other landlords' TSM results imported from a file, and where each of ours falls
among them (its quartile).

The file (CSV or Excel) has one row per landlord: a "landlord" column, an optional "tenure group"
column (LCRA or LCHO; LCRA when absent) and a column for each measure, headed TP01 to TP12, holding
the percentage (72.5 or 72.5%). Empty cells are measures that landlord did not report. All-or-
nothing per file unless the officer keeps the good rows; every problem is reported by row.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.db import transaction

from tenantvoice.core.audit import audit_record
from tenantvoice.core.models import AuditAction
from tenantvoice.core.spreadsheets import RowError, read_rows

from .bank import TSM_CODES
from .models import PeerFigure, PeerGroup

GROUPS = {
    "lcra": "lcra",
    "low-cost rental": "lcra",
    "lcho": "lcho",
    "low-cost home ownership": "lcho",
    "": "lcra",
}
MIN_PEERS = 4  # fewer than this and quartiles say nothing


@dataclass
class PeerImport:
    group: PeerGroup | None = None
    figures: int = 0
    problems: list[RowError] = field(default_factory=list)


def peers_import(
    path: str | Path,
    *,
    name: str,
    source: str = "",
    file_name: str | None = None,
    good_rows_only: bool = False,
    by: Any = None,
) -> PeerImport:
    rows = read_rows(path, file_name)
    outcome = PeerImport()
    first = next(rows, None)
    if first is None:
        outcome.problems.append(RowError(1, "", "", "The file is empty."))
        return outcome
    headings = [h.strip() for h in first]
    lower = [h.lower() for h in headings]
    if "landlord" not in lower:
        outcome.problems.append(RowError(1, "", "", "The file needs a column headed 'landlord'."))
    measures = {i: h.upper() for i, h in enumerate(headings) if h.upper() in TSM_CODES}
    unknown = [
        h
        for h in headings
        if h and h.lower() not in ("landlord", "tenure group") and h.upper() not in TSM_CODES
    ]
    for heading in unknown:
        outcome.problems.append(
            RowError(
                1,
                heading,
                heading,
                "Use 'landlord', 'tenure group' and the measures TP01 to TP12 as headings.",
            )
        )
    if not measures:
        outcome.problems.append(RowError(1, "", "", "No column is headed with a measure (TP01 to TP12)."))
    if outcome.problems:
        return outcome

    figures: list[PeerFigure] = []
    seen: set[tuple[str, str]] = set()
    for number, row in enumerate(rows, start=2):
        if not any(row):
            continue
        cells = dict(zip(lower, row, strict=False))
        landlord = cells.get("landlord", "").strip()
        group = GROUPS.get(cells.get("tenure group", "").strip().lower())
        row_problems = []
        if not landlord:
            row_problems.append(RowError(number, "landlord", "", "Give the landlord's name."))
        if group is None:
            row_problems.append(
                RowError(
                    number,
                    "tenure group",
                    cells.get("tenure group", ""),
                    "Use LCRA or LCHO, or leave it empty.",
                )
            )
        elif (landlord.lower(), group) in seen:
            row_problems.append(RowError(number, "landlord", landlord, "This landlord is in the file twice."))
        row_figures = []
        for index, measure in measures.items():
            text = row[index].strip().rstrip("%").strip() if index < len(row) else ""
            if not text:
                continue
            try:
                percent = Decimal(text)
            except InvalidOperation:
                percent = Decimal(-1)
            if not Decimal(0) <= percent <= Decimal(100):
                row_problems.append(RowError(number, measure, row[index], "Give a percentage from 0 to 100."))
                continue
            row_figures.append(
                PeerFigure(landlord=landlord, measure=measure, tenure_group=group or "lcra", percent=percent)
            )
        if row_problems:
            outcome.problems += row_problems
            continue
        seen.add((landlord.lower(), group or "lcra"))
        figures += row_figures
    if outcome.problems and not good_rows_only:
        return outcome
    with transaction.atomic():
        outcome.group = PeerGroup.objects.create(name=name.strip(), source=source.strip(), imported_by=by)
        for figure in figures:
            figure.peer_group = outcome.group
        PeerFigure.objects.bulk_create(figures)
        audit_record(
            actor=by,
            action=AuditAction.IMPORT,
            object_type="peer_group",
            object_id=outcome.group.pk,
            summary=f"Imported peer group {outcome.group.name}: {len(figures)} figures",
        )
    outcome.figures = len(figures)
    return outcome


@dataclass(frozen=True)
class Quartile:
    peers: int
    lower: float  # the quartile boundaries of the peers' figures
    median: float
    upper: float
    ours: float

    @property
    def label(self) -> str:
        """Higher satisfaction is better for every TSM perception measure."""
        if self.ours >= self.upper:
            return "Top quartile"
        if self.ours >= self.median:
            return "Second quartile"
        if self.ours >= self.lower:
            return "Third quartile"
        return "Bottom quartile"


def quartiles(
    group: PeerGroup, tsm: list[tuple[str, str, Any, Any]]
) -> dict[tuple[str, str], Quartile | None]:
    """Each of our TSM figures placed among the peers' (None: too few peers, or no figure of ours)."""
    values: dict[tuple[str, str], list[float]] = {}
    for measure, tenure_group, percent in group.figures.values_list("measure", "tenure_group", "percent"):
        values.setdefault((measure, tenure_group), []).append(float(percent))
    placed: dict[tuple[str, str], Quartile | None] = {}
    for code, _text, lcra, lcho in tsm:
        for tenure_group, ours in (("lcra", lcra), ("lcho", lcho)):
            peers = values.get((code, tenure_group), [])
            if len(peers) < MIN_PEERS or ours.percent is None:
                placed[(code, tenure_group)] = None
                continue
            lower, median, upper = statistics.quantiles(peers, n=4, method="inclusive")
            placed[(code, tenure_group)] = Quartile(len(peers), lower, median, upper, ours.percent)
    return placed
