"""Checking the whole file (phase 1, no transaction): headings matched, every row read, the
rows for one property or tenancy made to agree, and every problem collected row by row."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils import timezone

from tenantvoice.core.spreadsheets import ImportFileError, RowError, read_rows

from ..hms_columns import COLUMN_NAMES, REQUIRED_COLUMNS
from .mapping import Mapping, header_key
from .rows import (
    KEEP,
    PROPERTY_COLUMNS,
    RESIDENT_COLUMNS,
    TENANCY_COLUMNS,
    _Bad,
    _list,
    _RowReader,
    _show_date,
)

PROGRESS_EVERY = 1000

Progress = Callable[[int, int], None]


@dataclass
class _Definition:
    row: int
    values: dict[str, Any]


@dataclass
class _Person:
    row: int
    ref: str
    values: dict[str, Any]  # resident field -> value (None: keep the stored value)
    tenancy_ref: str
    role: str | None
    tenancy_end: dt.date | None


@dataclass
class CheckedFile:
    """What phase 1 found: the good rows' records, and the problems."""

    headings: dict[str, str]  # canonical column -> heading in the file
    rows_total: int = 0
    errors: list[RowError] = field(default_factory=list)
    bad_rows: set[int] = field(default_factory=set)
    people: list[_Person] = field(default_factory=list)
    properties: dict[str, _Definition] = field(default_factory=dict)
    tenancies: dict[str, _Definition] = field(default_factory=dict)
    # References seen on any row, good or bad: a full extract must not end what a bad row names.
    seen_tenancies: set[str] = field(default_factory=set)
    seen_pairs: set[tuple[str, str]] = field(default_factory=set)
    ignored_headings: list[str] = field(default_factory=list)


def _match_headings(
    header: Sequence[str], mapping: Mapping, full_extract: bool
) -> tuple[dict[str, int], list[str]]:
    positions: dict[str, int] = {}
    by_key: dict[str, int] = {}
    for index, heading in enumerate(header):
        key = header_key(heading)
        if not key:
            continue
        if key in by_key:
            raise ImportFileError(
                f"The heading '{heading}' appears twice (columns {by_key[key] + 1} and "
                f"{index + 1}). Each column needs its own heading."
            )
        by_key[key] = index
    used: set[int] = set()
    for name in COLUMN_NAMES:
        wanted = header_key(mapping.columns.get(name, name))
        if wanted in by_key:
            positions[name] = by_key[wanted]
            used.add(by_key[wanted])
    missing = [name for name in REQUIRED_COLUMNS if name not in positions]
    if missing:
        described = _list(
            f"{name}" + (f" (mapped to '{mapping.columns[name]}')" if name in mapping.columns else "")
            for name in missing
        )
        raise ImportFileError(
            f"The file has no {described} column, which every import needs. The "
            f"headings found were: {', '.join(h for h in header if h) or 'none'}. "
            "Rename the heading, or map it in the mapping file."
        )
    if "tenancy_ref" in positions:
        needed = [n for n in ("tenure", "property_ref", "address_line_1", "postcode") if n not in positions]
        if needed:
            raise ImportFileError(
                f"The file has tenancies but no {_list(needed)} column. A tenancy "
                "needs its tenure and its property's reference, address and postcode."
            )
    elif full_extract:
        raise ImportFileError(
            "The file has no tenancy_ref column, so as a full extract it would end "
            "every tenancy. Add the tenancy_ref column, or import it as a partial "
            "extract (untick 'full extract', or use --partial)."
        )
    ignored = [h for i, h in enumerate(header) if h and i not in used]
    return positions, ignored


def check_file(path: str | Path, *, name: str | None = None, **options: Any) -> CheckedFile:
    """Phase 1 for a file: see :func:`check_rows`. Raises ImportFileError for file-level problems."""
    return check_rows(read_rows(path, name), name=name or Path(path).name, **options)


def check_rows(
    rows: Iterable[Sequence[str]],
    *,
    name: str,
    mapping: Mapping | None = None,
    full_extract: bool = True,
    today: dt.date | None = None,
    progress: Progress | None = None,
    total_hint: int = 0,
) -> CheckedFile:
    """Validate rows of cells, the heading row first (from a file, or the generator)."""
    mapping = mapping or Mapping()
    rows = iter(rows)
    header: list[str] | None = None
    # Row numbers as the officer sees them: the heading row is row 1 (blank rows above count).
    row_number = 0
    for row in rows:
        row_number += 1
        if any(row):
            header = list(row)
            break
    if header is None:
        raise ImportFileError(
            f"'{name}' is empty. Export the extract again, with a heading row and one row per person."
        )
    positions, ignored = _match_headings(header, mapping, full_extract)
    checked = CheckedFile(headings={n: header[i] for n, i in positions.items()}, ignored_headings=ignored)
    reader = _RowReader(mapping, today or timezone.localdate())
    people_rows: dict[str, int] = {}
    items = list(positions.items())
    total = total_hint
    for row in rows:
        row_number += 1
        if not any(row):
            continue
        checked.rows_total += 1
        _check_row(checked, reader, items, row, row_number, people_rows)
        if progress and checked.rows_total % PROGRESS_EVERY == 0:
            total = max(total, checked.rows_total)
            progress(checked.rows_total, total)
    if checked.rows_total == 0:
        raise ImportFileError(
            f"'{name}' has headings but no rows. Export the extract again with one row per person."
        )
    if progress:
        progress(checked.rows_total, checked.rows_total)
    return checked


def _check_row(
    checked: CheckedFile,
    reader: _RowReader,
    items: list[tuple[str, int]],
    row: Sequence[str],
    row_number: int,
    people_rows: dict[str, int],
) -> None:
    values: dict[str, Any] = {}
    raw: dict[str, str] = {}
    errors: list[RowError] = []
    headings = checked.headings
    width = len(row)
    for column, index in items:
        text = row[index] if index < width else ""
        raw[column] = text
        try:
            values[column] = reader.value(column, text)
        except _Bad as bad:
            errors.append(RowError(row_number, _heading(headings, column), text, bad.problem))

    def problem(column: str, text: str) -> None:
        errors.append(RowError(row_number, _heading(headings, column), raw.get(column, ""), text))

    for column in REQUIRED_COLUMNS:
        if column in values and not raw[column]:
            problem(column, f"this is empty. Every person needs a {column.replace('_', ' ')}.")
    person_ref = raw["person_ref"]
    tenancy_ref = raw.get("tenancy_ref", "")
    property_ref = raw.get("property_ref", "")
    if person_ref:
        if person_ref in people_rows:
            problem(
                "person_ref",
                f"'{person_ref}' appears again: the same person is already on row "
                f"{people_rows[person_ref]}. Each person should have one row.",
            )
        else:
            people_rows[person_ref] = row_number
    dob = values.get("date_of_birth")
    if isinstance(dob, dt.date) and dob > reader.today:
        problem(
            "date_of_birth",
            f"'{raw['date_of_birth']}' is in the future. A date of birth must be in the past.",
        )
    if tenancy_ref:
        checked.seen_tenancies.add(tenancy_ref)
        if person_ref:
            checked.seen_pairs.add((tenancy_ref, person_ref))
        if not property_ref:
            problem(
                "property_ref",
                f"this is empty, but the row has a tenancy ({tenancy_ref}). A "
                "tenancy needs its property's reference.",
            )
        if not raw.get("tenure"):
            problem(
                "tenure",
                f"this is empty, but the row has a tenancy ({tenancy_ref}). Say which "
                "tenure it is, e.g. secure or assured.",
            )
        start, end = values.get("tenancy_start"), values.get("tenancy_end")
        if isinstance(start, dt.date) and isinstance(end, dt.date) and end < start:
            problem(
                "tenancy_end",
                f"'{raw['tenancy_end']}' is before the tenancy start "
                f"({_show_date(start)}). A tenancy cannot end before it starts.",
            )
    else:
        for column in ("tenure", "tenancy_start", "tenancy_end"):
            if raw.get(column):
                problem(
                    column,
                    f"'{raw[column]}' is given but tenancy_ref is empty. Give the tenancy's "
                    "reference, or leave its columns empty for a person without a tenancy.",
                )
    if property_ref:
        for column in ("address_line_1", "postcode"):
            if column in raw and not raw[column]:
                problem(
                    column,
                    f"this is empty, but the row has a property ({property_ref}). Every "
                    f"property needs its {column.replace('_', ' ').replace(' 1', '')}.",
                )
    if errors:
        checked.errors.extend(errors)
        checked.bad_rows.add(row_number)
        return
    # The row is good on its own; now it must agree with earlier rows for the same records.
    if property_ref:
        prop_values = {c: values[c] for c in PROPERTY_COLUMNS if c in values}
        if not _agrees(
            checked, "property", checked.properties, property_ref, prop_values, row_number, raw, headings
        ):
            return
    if tenancy_ref:
        ten_values = {c: values[c] for c in TENANCY_COLUMNS if c in values}
        ten_values["property_ref"] = property_ref
        if not _agrees(
            checked, "tenancy", checked.tenancies, tenancy_ref, ten_values, row_number, raw, headings
        ):
            return
    person_values = {RESIDENT_COLUMNS[c]: values[c] for c in RESIDENT_COLUMNS if c in values}
    checked.people.append(
        _Person(
            row=row_number,
            ref=person_ref,
            values=person_values,
            tenancy_ref=tenancy_ref,
            role=None if values.get("relationship") in (None, KEEP) else values["relationship"],
            tenancy_end=values.get("tenancy_end"),
        )
    )
    if property_ref and property_ref not in checked.properties:
        checked.properties[property_ref] = _Definition(row_number, prop_values)
    if tenancy_ref and tenancy_ref not in checked.tenancies:
        checked.tenancies[tenancy_ref] = _Definition(row_number, ten_values)


def _heading(headings: dict[str, str], column: str) -> str:
    heading = headings.get(column, column)
    return heading if header_key(heading) == column else f"{heading} ({column})"


def _agrees(
    checked: CheckedFile,
    noun: str,
    seen: dict[str, _Definition],
    ref: str,
    values: dict[str, Any],
    row_number: int,
    raw: dict[str, str],
    headings: dict[str, str],
) -> bool:
    first = seen.get(ref)
    if first is None:
        return True
    errors = []
    for column, value in values.items():
        if first.values.get(column) != value:
            earlier = first.values.get(column)
            shown = (
                _show_date(earlier)
                if isinstance(earlier, dt.date)
                else ("empty" if earlier in (None, KEEP, "") else earlier)
            )
            errors.append(
                RowError(
                    row_number,
                    _heading(headings, column),
                    raw.get(column, ""),
                    f"'{raw.get(column, '')}' differs from row {first.row} for the same {noun} {ref} "
                    f"('{shown}'). Rows for one {noun} must agree.",
                )
            )
    if errors:
        checked.errors.extend(errors)
        checked.bad_rows.add(row_number)
        return False
    return True
