"""Tables of figures as reports give them: on the page, as CSV and as an Excel workbook.

Every report that offers a download builds a list of ``Table``s once, so the page, the CSV and
the XLSX always hold the same numbers. Cells are strings, numbers, dates, None (shown empty) or
``core.suppression.HIDDEN`` (a count withheld to protect small numbers, written ``[c]``);
numbers stay numbers in Excel so that officers can sum and chart them.

Every download of the project writes its text through ``core.spreadsheets.csv_writer`` (CSV) or
this module's XLSX writer, which neutralise text a spreadsheet would run as a formula by
``core.spreadsheets``'s one rule (decisions 0017, 0033).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.http import HttpResponse

from .spreadsheets import cell_as_text, csv_writer, is_formula_like
from .suppression import HIDDEN, Hidden

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    note: str = ""  # e.g. how small counts were suppressed; printed under the table


def tables_csv(tables: Sequence[Table]) -> str:
    """Each table as a title line, a header row and its rows, with a blank line between tables."""
    out = io.StringIO()
    writer = csv_writer(out)
    for index, table in enumerate(tables):
        if index:
            writer.writerow([])
        writer.writerow([table.title])
        writer.writerow(table.headers)
        writer.writerows(table.rows)
        if table.note:
            writer.writerow([table.note])
    return out.getvalue()


def _sheet_title(title: str, taken: set[str]) -> str:
    # Excel allows 31 characters and no []:*?/\ in a sheet name, each name once.
    clean = "".join(" " if ch in "[]:*?/\\" else ch for ch in title)[:31].strip() or "Sheet"
    name, n = clean, 2
    while name.lower() in taken:
        suffix = f" ({n})"
        name, n = clean[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


def tables_xlsx(tables: Sequence[Table]) -> bytes:
    """One sheet per table: a bold title, bold headers, numbers as numbers, readable widths."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    for table in tables:
        sheet = book.create_sheet(_sheet_title(table.title, taken))
        _xlsx_append(sheet, [table.title])
        sheet["A1"].font = Font(bold=True, size=12)
        _xlsx_append(sheet, table.headers)
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for row in table.rows:
            _xlsx_append(sheet, row)
        if table.note:
            sheet.append([])
            _xlsx_append(sheet, [table.note])
        for column, header in enumerate(table.headers, start=1):
            width = max(
                [
                    len(header),
                    *(len(cell_as_text(row[column - 1])) for row in table.rows if len(row) >= column),
                ]
            )
            sheet.column_dimensions[sheet.cell(row=2, column=column).column_letter].width = min(60, width + 2)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_cell(cell: Any) -> Any:
    if isinstance(cell, Decimal):
        return float(cell)
    if isinstance(cell, dt.datetime) and cell.tzinfo is not None:
        return cell.replace(tzinfo=None)  # Excel has no time zones; the text says which
    if cell is None or isinstance(cell, int | float | dt.date | str):
        return cell
    return str(cell)


def _xlsx_append(sheet: Any, row: Iterable[Any]) -> None:
    """Append a row; text is always stored as text. openpyxl would store text starting with
    "=" as a formula, so text cells are typed as strings and marked with Excel's quote prefix
    (the apostrophe Excel itself adds), which keeps them text even when edited."""
    sheet.append([_xlsx_cell(cell) for cell in row])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"
            if is_formula_like(cell.value):
                cell.quotePrefix = True


def download(tables: Sequence[Table], kind: str, filename: str) -> HttpResponse | None:
    """The tables as a CSV or XLSX attachment, or None when ``kind`` asks for the page."""
    if kind == "csv":
        response = HttpResponse(tables_csv(tables), content_type="text/csv; charset=utf-8")
    elif kind == "xlsx":
        response = HttpResponse(tables_xlsx(tables), content_type=XLSX_TYPE)
    else:
        return None
    response["Content-Disposition"] = f'attachment; filename="{filename}.{kind}"'
    return response


# --- Keeping what was presented (a report frozen when made, a summary kept in the store) ---


def tables_to_json(tables: Sequence[Table]) -> list[dict[str, Any]]:
    """Tables as JSON, to keep the figures as presented (HIDDEN stays hidden)."""

    def cell(value: object) -> object:
        if isinstance(value, Hidden):
            return {"hidden": True}
        if isinstance(value, dt.date):
            return {"date": value.isoformat()}
        if isinstance(value, Decimal):
            return float(value)
        return value

    return [
        {
            "title": t.title,
            "headers": t.headers,
            "rows": [[cell(c) for c in row] for row in t.rows],
            "note": t.note,
        }
        for t in tables
    ]


def tables_from_json(data: Sequence[dict[str, Any]]) -> list[Table]:
    def cell(value: object) -> object:
        if isinstance(value, dict):
            if value.get("hidden"):
                return HIDDEN
            if "date" in value:
                return dt.date.fromisoformat(str(value["date"]))
        return value

    return [
        Table(
            t["title"], list(t["headers"]), [[cell(c) for c in row] for row in t["rows"]], t.get("note", "")
        )
        for t in data
    ]
