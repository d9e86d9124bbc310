"""Spreadsheets in and out: the one reader every import uses, and the one rule that keeps every
download's cells from running as formulas (decision 0033; the rule is decision 0017's).

Reading: :func:`read_rows` gives a CSV file, or the first sheet of an Excel workbook, one row
at a time as a list of stripped text, heading row first. Nothing holds the whole file: a CSV
is decoded as it is read (its encoding is found first by one pass over its bytes), a workbook
is opened with openpyxl's ``read_only`` mode, which parses the sheet as it goes. A problem
with the file as a whole is an :class:`ImportFileError` in words an officer can act on; a
problem with one row is the importer's :class:`RowError`, reported with the others.

Writing: a text cell starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return is one a
spreadsheet would run as a formula (OWASP "CSV Injection"). :func:`is_formula_like` is that
rule; :func:`safe_text` applies it to a CSV cell and ``core.tables``'s XLSX writer applies it
to an Excel one; :func:`csv_writer` is the ``csv.writer`` every CSV download uses.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from .errors import DomainError

READABLE_TYPES = "a CSV file (.csv) or an Excel workbook (.xlsx)"
# How much of a CSV file is read at a time while finding its encoding.
_CHUNK = 1 << 16
# A NUL byte in the first 64 KiB: a binary file (a PDF, an old .xls renamed .csv), not text.
_SNIFF = 1 << 16


class ImportFileError(DomainError):
    """A problem with the whole file (type, encoding, headings): nothing is imported."""


@dataclass(frozen=True)
class RowError:
    """One problem on one row, as the officer sees the file: the row number as in the
    spreadsheet (the heading row is row 1), the column's heading, the value and what is wrong."""

    row: int
    column: str  # as headed in the file
    value: str
    problem: str

    @property
    def message(self) -> str:
        return f"Row {self.row}, column {self.column}: {self.problem}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "problem": self.problem,
            "message": self.message,
        }


# --- Reading -------------------------------------------------------------------------------


def _damaged(name: str) -> ImportFileError:
    return ImportFileError(
        f"'{name}' could not be opened as an Excel workbook. It may be damaged; "
        "try saving it again from Excel, or as CSV."
    )


def file_kind(path: Path, name: str) -> str:
    """ "csv" or "xlsx", from the file's first bytes and its name; raises ImportFileError."""
    with path.open("rb") as handle:
        start = handle.read(8)
    suffix = Path(name).suffix.lower()
    if start.startswith(b"PK\x03\x04"):
        if suffix in {".xlsx", ".xlsm", ""}:
            return "xlsx"
        raise ImportFileError(
            f"'{name}' is not {READABLE_TYPES}. Save it in one of those formats and upload it again."
        )
    if start.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError(
            f"'{name}' is an old-style Excel file (.xls). Open it in Excel and save "
            "it as an Excel workbook (.xlsx) or CSV, then upload that."
        )
    if suffix in {".xlsx", ".xlsm"}:
        raise _damaged(name)
    if suffix in {".csv", ".txt", ""}:
        return "csv"
    raise ImportFileError(
        f"'{name}' is not {READABLE_TYPES}. Save it in one of those formats and upload it again."
    )


def cell_text(value: object) -> str:
    """A workbook cell as the text a CSV of it would hold."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel keeps UPRNs and phone numbers as numbers
    return str(value).strip()


def csv_encoding(path: Path, name: str) -> str:
    """UTF-8 (with or without Excel's byte-order mark), else Windows-1252, the "CSV" of Excel on
    Windows, else Latin-1, which decodes any byte at all. Found by decoding the bytes a chunk at
    a time, so a file is never held whole; raises ImportFileError for a file that is not text."""
    with path.open("rb") as handle:
        start = handle.read(_SNIFF)
        if b"\x00" in start:
            raise ImportFileError(
                f"'{name}' is not a text file, so it cannot be read as CSV. Save it as "
                "CSV (comma separated) or as an Excel workbook (.xlsx)."
            )
        for encoding in ("utf-8-sig", "cp1252"):
            handle.seek(0)
            decoder = codecs.getincrementaldecoder(encoding)()
            try:
                while chunk := handle.read(_CHUNK):
                    decoder.decode(chunk)
                decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                continue
            return encoding
    return "latin-1"


def _delimiter(first_line: str) -> str:
    if "," in first_line:
        return ","
    return ";" if ";" in first_line else ("\t" if "\t" in first_line else ",")


def _csv_rows(path: Path, name: str) -> Iterator[list[str]]:
    encoding = csv_encoding(path, name)
    with path.open(encoding=encoding, newline="") as handle:
        delimiter = _delimiter(handle.readline())
        handle.seek(0)
        for row in csv.reader(handle, delimiter=delimiter):
            yield [cell.strip() for cell in row]


def _xlsx_rows(path: Path, name: str) -> Iterator[list[str]]:
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise _damaged(name) from exc
    try:
        sheet = workbook.worksheets[0]
        for values in sheet.iter_rows(values_only=True):
            yield [cell_text(v) for v in values]
    finally:
        workbook.close()


def read_rows(path: str | Path, name: str | None = None) -> Iterator[list[str]]:
    """Every row of the file (heading row first) as stripped text, one at a time; ``name`` is
    the file's name as the officer knows it (an upload's). Raises ImportFileError."""
    path = Path(path)
    name = name or path.name
    try:
        kind = file_kind(path, name)
    except OSError as exc:
        raise ImportFileError(f"'{name}' could not be opened.") from exc
    try:
        if kind == "xlsx":
            yield from _xlsx_rows(path, name)
        else:
            yield from _csv_rows(path, name)
    except csv.Error as exc:
        raise ImportFileError(f"'{name}' could not be read as CSV ({exc}).") from exc


def count_rows(path: str | Path, name: str | None = None) -> int:
    """The number of data rows (not the heading, not blank rows); raises ImportFileError.

    For a workbook this is the sheet's own count (blank rows included), which needs no reading.
    """
    path = Path(path)
    name = name or path.name
    if file_kind(path, name) == "xlsx":
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(path, read_only=True, data_only=True)
            max_row = workbook.worksheets[0].max_row
            workbook.close()
        except Exception as exc:  # openpyxl raises many kinds for a damaged file
            raise _damaged(name) from exc
        if max_row:
            return max(0, max_row - 1)
    return sum(1 for row in read_rows(path, name) if any(row)) - 1


# --- Writing -------------------------------------------------------------------------------

# A spreadsheet runs text starting with these as a formula (or, in a CSV, as a DDE command).
# OWASP "CSV Injection": prefix such cells with a single quote so they are read as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(text: str) -> bool:
    """Text a spreadsheet would run rather than show: the one rule every download follows."""
    return text.startswith(FORMULA_STARTS)


def safe_text(text: str) -> str:
    """Text for a CSV cell: formula-like text gets a leading apostrophe, the rest is unchanged."""
    return "'" + text if is_formula_like(text) else text


def cell_as_text(cell: Any) -> str:
    """A cell as a download writes it: dates as 31/12/2026, one decimal place for a float."""
    if cell is None:
        return ""
    if isinstance(cell, dt.datetime):
        return cell.isoformat()
    if isinstance(cell, dt.date):
        return f"{cell:%d/%m/%Y}"
    if isinstance(cell, float):
        return f"{cell:.1f}"
    return str(cell)


def csv_cells(row: Iterable[Any]) -> list[str]:
    """One row for ``csv.writer``: every cell as text, numbers as they are (a negative number
    stays a number), any text a spreadsheet would run neutralised."""
    return [
        cell_as_text(cell) if isinstance(cell, int | float | Decimal) else safe_text(cell_as_text(cell))
        for cell in row
    ]


class SafeWriter:
    """``csv.writer`` that writes every row through :func:`csv_cells`: what every CSV download
    of the project uses, so no text in any of them can run as a formula."""

    def __init__(self, out: Any) -> None:
        self._writer = csv.writer(out)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow(csv_cells(row))

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(out: Any) -> SafeWriter:
    return SafeWriter(out)
