"""Importing the housing management system (HMS) extract: properties, tenancies, households
and residents, one row per person (see :mod:`.hms_columns` and docs/importing.md).

The import runs in two phases:

1. **Check** (no transaction): read the file as a stream, map headings and codes, validate
   every row and collect the properties, tenancies, people and memberships it describes.
   Progress is reported row by row here, because this phase holds no lock.
2. **Write** (one transaction): load the existing records for the file's references with
   ``values_list`` in chunks, compare in Python, then ``bulk_create`` the new and
   ``bulk_update`` only the changed; for a full extract, end the tenancies and memberships
   that are current but absent. A dry run does all of this and then rolls back.

A file with any bad row imports nothing, unless ``good_rows_only`` is set.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
import re
import tomllib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.validators import validate_email
from django.db import DatabaseError, models, transaction
from django.db.models import Q
from django.utils import timezone

from tenantvoice.core.audit import audit_record
from tenantvoice.core.models import AuditAction
from tenantvoice.core.spreadsheets import ImportFileError

from ..bulk import Draft, insert_rows, update_rows
from ..hms_columns import COLUMN_NAMES, REQUIRED_COLUMNS
from ..models import (
    Area,
    Channel,
    ImportRun,
    ImportStatus,
    Location,
    MemberRole,
    Property,
    PropertyType,
    Resident,
    ResidentKind,
    Tenancy,
    TenancyMember,
    Tenure,
)
from ..normalise import is_valid_postcode
from ..services import AREA_LEVEL_ORDER, AREA_SEPARATOR, property_set_keys, resident_set_keys

logger = logging.getLogger(__name__)

BATCH_SIZE = 2000
# Chunk of references per ``IN (...)`` query: well under every SQLite build's variable limit.
LOOKUP_CHUNK = 900
# The error report kept on an ImportRun; the count is always exact.
MAX_STORED_ERRORS = 5000
PROGRESS_EVERY = 1000
READABLE_TYPES = "a CSV file (.csv) or an Excel workbook (.xlsx)"

Progress = Callable[[int, int], None]


class MappingError(ImportFileError):
    """The mapping file cannot be used."""


# --- The mapping file --------------------------------------------------------------------


def header_key(text: object) -> str:
    """Headings match whatever their case and spacing: " Person Ref " -> "person_ref"."""
    return re.sub(r"[\s\-]+", "_", str(text or "").strip().lower())


def _value_key(text: str) -> str:
    return " ".join(text.strip().lower().split())


@dataclass(frozen=True)
class Mapping:
    """How one landlord's extract differs from the canonical columns.

    ``columns``: canonical column -> the landlord's heading. ``values``: canonical column ->
    {landlord's value -> canonical value}, matched ignoring case and extra spaces.
    ``date_formats``: ``strptime`` formats tried before the built-in DD/MM/YYYY and YYYY-MM-DD.
    """

    columns: dict[str, str] = field(default_factory=dict)
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    date_formats: tuple[str, ...] = ()
    source: str = ""


def mapping_load(path: str | Path) -> Mapping:
    """Read a TOML mapping file (format in docs/importing.md); raises MappingError."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError as exc:
        raise MappingError(f"The mapping file {path} does not exist.") from exc
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise MappingError(f"The mapping file {path} could not be read: {exc}") from exc
    unknown_sections = set(data) - {"columns", "values", "date_formats"}
    if unknown_sections:
        raise MappingError(
            f"The mapping file {path} has sections TenantVoice does not know: "
            f"{', '.join(sorted(unknown_sections))}. Use [columns], [values.<column>] "
            "and date_formats."
        )
    columns = data.get("columns", {})
    values = data.get("values", {})
    formats = data.get("date_formats", [])
    if not isinstance(columns, dict) or not all(isinstance(v, str) for v in columns.values()):
        raise MappingError(
            "In the mapping file, [columns] must map each column name to a heading, "
            'like date_of_birth = "DOB".'
        )
    if not isinstance(values, dict) or not all(isinstance(v, dict) for v in values.values()):
        raise MappingError(
            'In the mapping file, each [values.<column>] must map codes to values, like SEC = "secure".'
        )
    if not isinstance(formats, list) or not all(isinstance(f, str) for f in formats):
        raise MappingError('In the mapping file, date_formats must be a list like ["%d.%m.%Y"].')
    for section in (columns, values):
        unknown = set(section) - set(COLUMN_NAMES)
        if unknown:
            raise MappingError(
                f"The mapping file names columns TenantVoice does not have: "
                f"{', '.join(sorted(unknown))}. See docs/importing.md for the list."
            )
    return Mapping(
        columns={name: str(heading) for name, heading in columns.items()},
        values={
            name: {_value_key(str(k)): str(v) for k, v in codes.items()} for name, codes in values.items()
        },
        date_formats=tuple(formats),
        source=str(path),
    )


def mapping_default() -> Mapping:
    """The mapping named by TENANTVOICE_IMPORT_MAPPING, or none (canonical headings)."""
    path = getattr(settings, "TENANTVOICE_IMPORT_MAPPING", "")
    return mapping_load(path) if path else Mapping()


# --- Reading the file --------------------------------------------------------------------


def _file_kind(path: Path, name: str) -> str:
    with path.open("rb") as handle:
        start = handle.read(8)
    suffix = Path(name).suffix.lower()
    if start.startswith(b"PK\x03\x04"):
        if suffix in {".xlsx", ".xlsm", ""}:
            return "xlsx"
        raise ImportFileError(
            f"'{name}' is not {READABLE_TYPES}. Save the extract in one of those formats and upload it again."
        )
    if start.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError(
            f"'{name}' is an old-style Excel file (.xls). Open it in Excel and save "
            "it as an Excel workbook (.xlsx) or CSV, then upload that."
        )
    if suffix in {".xlsx", ".xlsm"}:
        raise ImportFileError(
            f"'{name}' could not be opened as an Excel workbook. It may be damaged; "
            "try saving it again from Excel, or as CSV."
        )
    if suffix in {".csv", ".txt", ""}:
        return "csv"
    raise ImportFileError(
        f"'{name}' is not {READABLE_TYPES}. Save the extract in one of those formats and upload it again."
    )


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel keeps UPRNs and phone numbers as numbers
    return str(value).strip()


def _csv_text(path: Path, name: str) -> str:
    raw = path.read_bytes()
    if b"\x00" in raw[:65536]:
        raise ImportFileError(
            f"'{name}' is not a text file, so it cannot be read as CSV. Save the "
            "extract as CSV (comma separated) or as an Excel workbook (.xlsx)."
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Windows saves "CSV" in Windows-1252; Latin-1 decodes any byte at all.
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError:
            return raw.decode("latin-1")


def _csv_rows(text: str) -> Iterator[list[str]]:
    first_line = text.split("\n", 1)[0]
    delimiter = ","
    if "," not in first_line:
        delimiter = ";" if ";" in first_line else ("\t" if "\t" in first_line else ",")
    for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
        yield [cell.strip() for cell in row]


def _xlsx_rows(path: Path, name: str) -> Iterator[list[str]]:
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise ImportFileError(
            f"'{name}' could not be opened as an Excel workbook. It may be damaged; "
            "try saving it again from Excel, or as CSV."
        ) from exc
    try:
        sheet = workbook.worksheets[0]
        for values in sheet.iter_rows(values_only=True):
            yield [_cell_text(v) for v in values]
    finally:
        workbook.close()


def read_rows(path: str | Path, name: str | None = None) -> Iterator[list[str]]:
    """Every row of the file (heading row first) as stripped text; raises ImportFileError."""
    path = Path(path)
    name = name or path.name
    try:
        kind = _file_kind(path, name)
    except OSError as exc:
        raise ImportFileError(f"'{name}' could not be opened.") from exc
    try:
        if kind == "xlsx":
            yield from _xlsx_rows(path, name)
        else:
            yield from _csv_rows(_csv_text(path, name))
    except csv.Error as exc:
        raise ImportFileError(f"'{name}' could not be read as CSV ({exc}).") from exc


def count_rows(path: str | Path, name: str | None = None) -> int:
    """The number of data rows (not the heading, not blank rows); raises ImportFileError."""
    path = Path(path)
    name = name or path.name
    if _file_kind(path, name) == "xlsx":
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(path, read_only=True, data_only=True)
            max_row = workbook.worksheets[0].max_row
            workbook.close()
        except Exception as exc:  # openpyxl raises many kinds for a damaged file
            raise ImportFileError(
                f"'{name}' could not be opened as an Excel workbook. It may be "
                "damaged; try saving it again from Excel, or as CSV."
            ) from exc
        if max_row:
            return max(0, max_row - 1)
    return sum(1 for row in read_rows(path, name) if any(row)) - 1


# --- Reading one row ---------------------------------------------------------------------


@dataclass(frozen=True)
class RowError:
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


class _Bad(Exception):
    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


YES = frozenset({"y", "yes", "true", "t", "1", "x"})
NO = frozenset({"n", "no", "false", "f", "0"})


def _code_lookup(choices: type[models.TextChoices]) -> dict[str, str]:
    lookup: dict[str, str] = {}
    for value, label in zip(choices.values, choices.labels, strict=True):
        for text in (value, str(label), value.replace("_", " ")):
            lookup[_value_key(text.replace("_", " "))] = value
            lookup[_value_key(text)] = value
    return lookup


CODE_COLUMNS: dict[str, tuple[type[models.TextChoices], str]] = {
    "resident_kind": (ResidentKind, "kind of resident"),
    "preferred_channel": (Channel, "channel"),
    "relationship": (MemberRole, "relationship"),
    "tenure": (Tenure, "tenure"),
    "property_type": (PropertyType, "property type"),
    "location": (Location, "location"),
}
_CODE_LOOKUPS = {name: _code_lookup(choices) for name, (choices, _) in CODE_COLUMNS.items()}
# Synonyms officers meet in real extracts.
_CODE_LOOKUPS["relationship"].update(
    {
        "named tenant": "tenant",
        "lead tenant": "tenant",
        "joint": "joint_tenant",
        "member": "household_member",
        "occupant": "household_member",
    }
)
_CODE_LOOKUPS["preferred_channel"].update(
    {"text": "sms", "text message": "sms", "post": "letter", "telephone": "phone", "online": "portal"}
)
FLAG_COLUMNS = ("needs_interpreter", "large_print", "braille", "audio", "easy_read", "translation")
DATE_COLUMNS = ("date_of_birth", "tenancy_start", "tenancy_end")
# Columns whose empty cell means "not known": an existing record keeps its value.
KEEP_WHEN_EMPTY = frozenset(
    {
        "resident_kind",
        "preferred_channel",
        "language",
        "relationship",
        "property_type",
        "location",
        *FLAG_COLUMNS,
    }
)

RESIDENT_COLUMNS = {
    "resident_kind": "kind",
    "title": "title",
    "first_name": "first_name",
    "last_name": "last_name",
    "preferred_name": "preferred_name",
    "date_of_birth": "date_of_birth",
    "email": "email",
    "mobile_phone": "mobile_phone",
    "other_phone": "other_phone",
    "preferred_channel": "preferred_channel",
    "language": "language",
    **{flag: flag for flag in FLAG_COLUMNS},
    "support_needs": "support_needs",
}
PROPERTY_COLUMNS = {
    "address_line_1": "address_line_1",
    "address_line_2": "address_line_2",
    "address_line_3": "address_line_3",
    "town": "town",
    "postcode": "postcode",
    "uprn": "uprn",
    "area": "area_id",
    "property_type": "property_type",
    "location": "location",
    "managed_for": "managed_for",
}
TENANCY_COLUMNS = {"tenure": "tenure", "tenancy_start": "start_date", "tenancy_end": "end_date"}


def _max_lengths() -> dict[str, int]:
    lengths: dict[str, int] = {}
    for model, columns in ((Resident, RESIDENT_COLUMNS), (Property, PROPERTY_COLUMNS)):
        for column, field_name in columns.items():
            model_field = model._meta.get_field(field_name)
            if isinstance(model_field, models.CharField) and column not in CODE_COLUMNS:
                lengths[column] = model_field.max_length or 0
    lengths["person_ref"] = lengths["tenancy_ref"] = lengths["property_ref"] = 64
    lengths["area"] = 500
    return {k: v for k, v in lengths.items() if v}


MAX_LENGTHS = _max_lengths()


def _list(values: Iterable[str]) -> str:
    items = list(values)
    return ", ".join(items[:-1]) + f" or {items[-1]}" if len(items) > 1 else "".join(items)


def _show_date(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")


class _Keep:
    """An empty cell in a KEEP_WHEN_EMPTY column: keep the stored value (or the default)."""

    def __repr__(self) -> str:
        return "KEEP"


KEEP: Any = _Keep()


_MISSING = object()
REPEATED_COLUMNS = frozenset(
    {
        *CODE_COLUMNS,
        *FLAG_COLUMNS,
        *DATE_COLUMNS,
        "area",
        "language",
        "town",
        "postcode",
        "title",
        "managed_for",
    }
)


class _RowReader:
    """Turns one row's cells into typed values for the canonical columns."""

    def __init__(self, mapping: Mapping, today: dt.date) -> None:
        self.mapping = mapping
        self.today = today
        self._date_cache: dict[str, dt.date] = {}
        self._cache: dict[tuple[str, str], Any] = {}

    def date(self, text: str) -> dt.date:
        cached = self._date_cache.get(text)
        if cached is not None:
            return cached
        value = self._parse_date(text)
        self._date_cache[text] = value
        return value

    def _parse_date(self, text: str) -> dt.date:
        for fmt in self.mapping.date_formats:
            try:
                return dt.datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a date, no time
            except ValueError:
                continue
        match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?", text)
        if match:
            year, month, day = (int(g) for g in match.groups())
        else:
            match = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})", text)
            if not match:
                raise _Bad(f"'{text}' is not a date TenantVoice can read. Use DD/MM/YYYY.")
            day, month, year = (int(g) for g in match.groups())
        try:
            return dt.date(year, month, day)
        except ValueError:
            raise _Bad(f"'{text}' is not a real date. Use DD/MM/YYYY.") from None

    def value(self, column: str, text: str) -> Any:
        """The typed value of ``text`` in ``column``: KEEP or None (NULL) where empty matters."""
        if column not in REPEATED_COLUMNS:
            return self._value(column, text)
        # Codes, flags, dates, areas and towns repeat across rows: each is worked out once.
        key = (column, text)
        found = self._cache.get(key, _MISSING)
        if found is _MISSING:
            found = self._cache[key] = self._value(column, text)
        return found

    def _value(self, column: str, text: str) -> Any:
        codes = self.mapping.values.get(column)
        if codes and text:
            text = codes.get(_value_key(text), text)
        if not text:
            if column in KEEP_WHEN_EMPTY:
                return KEEP
            return None if column in DATE_COLUMNS or column == "area" else ""
        limit = MAX_LENGTHS.get(column)
        if limit and len(text) > limit:
            raise _Bad(f"'{text[:40]}...' is too long: at most {limit} characters.")
        if column in CODE_COLUMNS:
            code = _CODE_LOOKUPS[column].get(_value_key(text.replace("_", " "))) or _CODE_LOOKUPS[column].get(
                _value_key(text)
            )
            if code is None:
                choices, noun = CODE_COLUMNS[column]
                raise _Bad(
                    f"'{text}' is not a {noun} TenantVoice knows. Use {_list(choices.values)}, "
                    "or map your codes in the mapping file."
                )
            return code
        if column in FLAG_COLUMNS:
            key = text.lower()
            if key in YES:
                return True
            if key in NO:
                return False
            raise _Bad(f"'{text}' is not Y or N.")
        if column in DATE_COLUMNS:
            return self.date(text)
        if column == "email":
            try:
                validate_email(text)
            except ValidationError:
                raise _Bad(f"'{text}' is not a valid email address.") from None
            return text
        if column == "postcode":
            if not is_valid_postcode(text):
                raise _Bad(f"'{text}' is not a full UK postcode, like M1 1AE.")
            return text
        if column == "uprn":
            if not text.isdigit() or len(text) > 12:
                raise _Bad(f"'{text}' is not a UPRN: it must be up to 12 digits.")
            return text
        if column == "area":
            parts = [p.strip() for p in text.split(">")]
            if not all(parts):
                raise _Bad(
                    f"'{text}' has an empty area name. Separate areas with ' > ', like "
                    "'North > Riverside > Oak Estate'."
                )
            return AREA_SEPARATOR.join(parts)
        if column == "language":
            return text.lower()
        return text


# --- Checking the whole file -------------------------------------------------------------


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


# --- Writing -----------------------------------------------------------------------------


def _chunks(items: Sequence[Any], size: int = LOOKUP_CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _existing(
    model: type[models.Model], refs: Sequence[str], fields: Sequence[str], key: str = "hms_ref"
) -> dict[Any, tuple[Any, ...]]:
    """{ref: (pk, *fields)} for the given references, in chunked ``IN`` queries."""
    found: dict[Any, tuple[Any, ...]] = {}
    for chunk in _chunks(list(refs)):
        for row in model._default_manager.filter(**{f"{key}__in": chunk}).values_list(key, "pk", *fields):
            found[row[0]] = row[1:]
    return found


def _new_pks(model: type[models.Model], refs: list[str]) -> dict[str, int]:
    """The ids the database gave the inserted records, looked up by their references."""
    return {ref: row[0] for ref, row in _existing(model, refs, ()).items()}


def _counts() -> dict[str, int]:
    return {"added": 0, "updated": 0, "unchanged": 0}


@dataclass
class ImportResult:
    status: str  # an ImportStatus value
    rows_total: int = 0
    rows_imported: int = 0
    rows_skipped: int = 0
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)
    message: str = ""
    notes: list[str] = field(default_factory=list)
    # A dry run found that the import would end many tenancies: confirming needs a tick.
    many_ended: bool = False

    @property
    def error_count(self) -> int:
        return len(self.errors)

    @property
    def summary(self) -> dict[str, Any]:
        return {
            "rows_total": self.rows_total,
            "rows_imported": self.rows_imported,
            "rows_skipped": self.rows_skipped,
            "counts": self.counts,
            "notes": self.notes,
            "many_ended": self.many_ended,
        }

    def summary_lines(self) -> list[str]:
        lines = [f"Rows: {self.rows_total} read, {self.rows_imported} imported, {self.rows_skipped} skipped."]
        for noun, counts in self.counts.items():
            parts = [f"{n} {label}" for label, n in counts.items()]
            lines.append(f"{noun.capitalize()}: {', '.join(parts)}.")
        return lines


class _DryRun(Exception):
    """Raised inside the transaction to roll a dry run back."""


class _Writer:
    def __init__(
        self, checked: CheckedFile, *, full_extract: bool, as_of: dt.date, progress: Progress | None
    ) -> None:
        self.checked = checked
        self.full_extract = full_extract
        self.as_of = as_of
        # End dates are inclusive (the last day of the tenancy): what an extract of ``as_of``
        # no longer lists ended the day before.
        self.last_day = as_of - dt.timedelta(days=1)
        self.now = timezone.now()
        self.progress = progress
        self.counts: dict[str, dict[str, int]] = {
            "areas": {"added": 0},
            "properties": _counts(),
            "tenancies": {**_counts(), "ended": 0},
            "residents": _counts(),
            "memberships": {**_counts(), "ended": 0},
        }
        self.areas: dict[str, tuple[int, str]] = {}

    def run(self) -> None:
        areas_before = Area.objects.count()
        property_pks = self._properties()
        # A new path may add its parents too ("North > Riverside" adds North if missing).
        self.counts["areas"]["added"] = Area.objects.count() - areas_before
        tenancy_pks = self._tenancies(property_pks)
        resident_pks = self._residents()
        self._memberships(tenancy_pks, resident_pks)
        if self.full_extract:
            self._end_absent_tenancies()

    def _area_id(self, path: str | None) -> int | None:
        """The id of the area at ``path``, creating it and any missing parents."""
        if path is None:
            return None
        if not self.areas:
            # Areas number in the thousands at most: load them all once.
            self.areas = {
                name: (pk, tree) for name, pk, tree in Area.objects.values_list("full_name", "pk", "path")
            }
        if path not in self.areas:
            parent: tuple[int, str] | None = None
            names = path.split(AREA_SEPARATOR)
            for depth in range(len(names)):
                full_name = AREA_SEPARATOR.join(names[: depth + 1])
                if full_name not in self.areas:
                    area = Area.objects.create(
                        name=names[depth],
                        full_name=full_name,
                        parent_id=parent[0] if parent else None,
                        level=AREA_LEVEL_ORDER[min(depth, len(AREA_LEVEL_ORDER) - 1)],
                    )
                    tree = f"{parent[1] if parent else '/'}{area.pk}/"
                    Area.objects.filter(pk=area.pk).update(path=tree)
                    self.areas[full_name] = (area.pk, tree)
                parent = self.areas[full_name]
        return self.areas[path][0]

    def _sync(
        self,
        model: type[models.Model],
        targets: dict[str, dict[str, Any]],
        set_keys: Callable[[Any], None] | None,
        key_fields: Sequence[str],
        counts: dict[str, int],
    ) -> dict[str, int]:
        """Create the missing and update the changed; returns {ref: pk} for every target.

        ``targets`` holds, per reference, the field values from the file; KEEP means "keep
        what is stored" (or the model's default for a new record).
        """
        if not targets:
            return {}
        fields = sorted({name for values in targets.values() for name in values} | set(key_fields))
        existing = _existing(model, list(targets), fields)
        to_create: list[dict[str, Any]] = []
        to_update: list[dict[str, Any]] = []
        pks: dict[str, int] = {}
        for ref, values in targets.items():
            given = {k: v for k, v in values.items() if v is not KEEP}
            stored = existing.get(ref)
            if stored is None:
                draft = Draft(model, {"hms_ref": ref, **given})
                if set_keys:
                    set_keys(draft)
                to_create.append(draft.values())
                continue
            pk, *old = stored
            pks[ref] = pk
            before = dict(zip(fields, old, strict=True))
            draft = Draft(model, {**before, **given})
            if set_keys:
                set_keys(draft)
            after = draft.values()
            if after != before:
                to_update.append({**after, "pk": pk})
            else:
                counts["unchanged"] += 1
        insert_rows(model, to_create)
        counts["added"] += len(to_create)
        pks.update(_new_pks(model, [row["hms_ref"] for row in to_create]))
        update_rows(model, to_update, fields)
        counts["updated"] += len(to_update)
        return pks

    def _properties(self) -> dict[str, int]:
        targets: dict[str, dict[str, Any]] = {}
        for ref, definition in self.checked.properties.items():
            values = {PROPERTY_COLUMNS[c]: v for c, v in definition.values.items() if c in PROPERTY_COLUMNS}
            if "area_id" in values:
                values["area_id"] = self._area_id(values["area_id"])
            targets[ref] = values
        # The search keys are derived from these, so they are loaded even if the file lacks them.
        keys = ("postcode", "address_line_1", "postcode_key", "address_key")
        return self._sync(Property, targets, property_set_keys, keys, self.counts["properties"])

    def _tenancies(self, property_pks: dict[str, int]) -> dict[str, int]:
        # Properties referenced but not described by a good row (good_rows_only) may already exist.
        referenced = {d.values["property_ref"] for d in self.checked.tenancies.values()}
        unknown = [ref for ref in referenced if ref not in property_pks]
        property_pks.update({ref: row[0] for ref, row in _existing(Property, unknown, ()).items()})
        targets: dict[str, dict[str, Any]] = {}
        for ref, definition in self.checked.tenancies.items():
            values = {TENANCY_COLUMNS[c]: v for c, v in definition.values.items() if c in TENANCY_COLUMNS}
            values["property_id"] = property_pks[definition.values["property_ref"]]
            targets[ref] = values
        return self._sync(Tenancy, targets, None, (), self.counts["tenancies"])

    def _residents(self) -> dict[str, int]:
        targets: dict[str, dict[str, Any]] = {}
        for person in self.checked.people:
            values = dict(person.values)
            channel = values.get("preferred_channel")
            if channel and channel is not KEEP:
                values[f"accepts_{channel}"] = True
            targets[person.ref] = values
        return self._sync(
            Resident,
            targets,
            resident_set_keys,
            ("first_name", "preferred_name", "last_name", "first_name_key", "last_name_key"),
            self.counts["residents"],
        )

    def _memberships(self, tenancy_pks: dict[str, int], resident_pks: dict[str, int]) -> None:
        counts = self.counts["memberships"]
        wanted: dict[tuple[int, int], tuple[str | None, dt.date | None]] = {}
        for person in self.checked.people:
            if person.tenancy_ref:
                pair = (tenancy_pks[person.tenancy_ref], resident_pks[person.ref])
                wanted[pair] = (person.role, person.tenancy_end)
        if not wanted:
            return
        existing: dict[tuple[int, int], tuple[int, str, dt.date | None]] = {}
        for chunk in _chunks(sorted({t for t, _ in wanted})):
            for pk, tenancy_id, resident_id, stored_role, stored_end in TenancyMember.objects.filter(
                tenancy_id__in=chunk
            ).values_list("pk", "tenancy_id", "resident_id", "role", "end_date"):
                existing[(tenancy_id, resident_id)] = (pk, stored_role, stored_end)
        to_create: list[dict[str, Any]] = []
        to_update: list[dict[str, Any]] = []
        for (tenancy_id, resident_id), (role, end) in wanted.items():
            stored = existing.get((tenancy_id, resident_id))
            if stored is None:
                to_create.append(
                    {
                        "tenancy_id": tenancy_id,
                        "resident_id": resident_id,
                        "role": role or MemberRole.TENANT,
                        "end_date": end,
                    }
                )
            elif (role or stored[1], end) != stored[1:]:
                to_update.append({"pk": stored[0], "role": role or stored[1], "end_date": end})
            else:
                counts["unchanged"] += 1
        insert_rows(TenancyMember, to_create)
        update_rows(TenancyMember, to_update, ["role", "end_date"])
        counts["added"] += len(to_create)
        counts["updated"] += len(to_update)
        if self.full_extract:
            # Someone who has left a household that carries on: the file no longer lists them.
            candidates = {
                pair: stored[0]
                for pair, stored in existing.items()
                if pair not in wanted and _open(stored[2], self.as_of)
            }
            spared = self._pairs_named_on_bad_rows(list(candidates))
            gone = [pk for pair, pk in candidates.items() if pair not in spared]
            for chunk in _chunks(gone):
                counts["ended"] += TenancyMember.objects.filter(pk__in=chunk).update(end_date=self.last_day)

    def _pairs_named_on_bad_rows(self, pairs: list[tuple[int, int]]) -> set[tuple[int, int]]:
        """The (tenancy, resident) pairs that a bad row skipped under good_rows_only still names."""
        if not self.checked.bad_rows or not pairs:
            return set()
        tenancy_refs: dict[int, str] = {}
        for chunk in _chunks(sorted({t for t, _ in pairs})):
            tenancy_refs.update(Tenancy.objects.filter(pk__in=chunk).values_list("pk", "hms_ref"))
        person_refs: dict[int, str] = {}
        for chunk in _chunks(sorted({r for _, r in pairs})):
            person_refs.update(
                (pk, ref or "")
                for pk, ref in Resident.objects.filter(pk__in=chunk).values_list("pk", "hms_ref")
            )
        return {
            pair for pair in pairs if (tenancy_refs[pair[0]], person_refs[pair[1]]) in self.checked.seen_pairs
        }

    def _end_absent_tenancies(self) -> None:
        seen = self.checked.seen_tenancies
        current = Tenancy.objects.current(self.as_of).values_list("pk", "hms_ref")
        gone = [pk for pk, ref in current.iterator(chunk_size=5000) if ref not in seen]
        for chunk in _chunks(gone):
            self.counts["tenancies"]["ended"] += Tenancy.objects.filter(pk__in=chunk).update(
                end_date=self.last_day, updated_at=self.now
            )
            self.counts["memberships"]["ended"] += TenancyMember.objects.filter(
                Q(end_date__isnull=True) | Q(end_date__gte=self.as_of),
                tenancy_id__in=chunk,
            ).update(end_date=self.last_day)


def _open(end: dt.date | None, on: dt.date) -> bool:
    return end is None or end >= on


# --- Running an import -------------------------------------------------------------------

# A full extract that would end more than this share of the current tenancies is more
# likely a cut-short file than a mass exodus; it is refused unless the caller allows it.
MAX_ENDED_SHARE = 0.5
MAX_ENDED_ALWAYS_ALLOWED = 20


class TooManyEnded(ImportFileError):
    """A full extract would end a suspicious share of the current tenancies."""

    def __init__(self, warning: str) -> None:
        super().__init__(
            f"Nothing was imported. {warning} To go ahead, confirm that they have "
            "ended (or use --allow-many-ended)."
        )


def import_file(path: str | Path, *, name: str | None = None, **options: Any) -> ImportResult:
    """Check the file, then (unless a row is bad and ``good_rows_only`` is off) write it.

    The options are :func:`import_rows`'s. Returns the outcome; raises ImportFileError for a
    problem with the file as a whole. Either everything the result reports is saved, or (dry
    run, rejection, any error) nothing at all.
    """
    return import_rows(read_rows(path, name), name=name or Path(path).name, **options)


def import_rows(
    rows: Iterable[Sequence[str]],
    *,
    name: str,
    mapping: Mapping | None = None,
    dry_run: bool = False,
    good_rows_only: bool = False,
    full_extract: bool = True,
    allow_many_ended: bool = False,
    as_of: dt.date | None = None,
    by: Any = None,
    progress: Progress | None = None,
    total_hint: int = 0,
) -> ImportResult:
    """Check rows (the heading row first), then write them unless a row is bad and
    ``good_rows_only`` is off. Dry runs, rejections and errors save nothing at all."""
    as_of = as_of or timezone.localdate()
    checked = check_rows(
        rows,
        name=name,
        mapping=mapping,
        full_extract=full_extract,
        today=as_of,
        progress=progress,
        total_hint=total_hint,
    )
    skipped = len(checked.bad_rows)
    result = ImportResult(
        status=ImportStatus.COMPLETED,
        rows_total=checked.rows_total,
        rows_skipped=skipped,
        errors=checked.errors,
    )
    if checked.ignored_headings:
        result.notes.append("These columns were not used: " + ", ".join(checked.ignored_headings) + ".")
    if checked.errors and not good_rows_only and not dry_run:
        result.status = ImportStatus.REJECTED
        result.rows_skipped = checked.rows_total
        result.message = (
            f"Nothing was imported: {_rows(skipped)} of {checked.rows_total} "
            f"{'has a problem' if skipped == 1 else 'have problems'}. Correct "
            f"{'it' if skipped == 1 else 'them'} and upload the file again, or choose to import "
            "only the rows without problems."
        )
        return result
    writer = _Writer(checked, full_extract=full_extract, as_of=as_of, progress=progress)
    try:
        with transaction.atomic():
            writer.run()
            many_ended = _many_ended(writer)
            if dry_run:
                raise _DryRun
            if many_ended and not allow_many_ended:
                raise TooManyEnded(many_ended)
            audit_record(
                actor=by,
                action=AuditAction.IMPORT,
                object_type="import",
                object_id=name,
                summary=f"Imported {name}: " + " ".join(_result_with(result, writer).summary_lines()),
                via="web" if by is not None else "command",
            )
    except _DryRun:
        if many_ended:
            result.many_ended = True
            result.notes.append(many_ended)
    _result_with(result, writer)
    result.rows_imported = checked.rows_total - skipped
    if dry_run:
        result.status = ImportStatus.CHECKED
        result.message = "Checked: this is what the import would change. Nothing was saved."
        if skipped:
            # A check goes on past bad rows, so the officer sees the whole picture at once.
            result.message = (
                f"Checked: {_rows(skipped)} of {checked.rows_total} "
                f"{'has a problem' if skipped == 1 else 'have problems'}. Imported as it is, the file "
                "would change nothing. If you import only the rows without problems, this is what "
                "would change. Nothing was saved."
            )
    else:
        result.message = (
            "Imported." if not skipped else (f"Imported the rows without problems; {_rows(skipped)} skipped.")
        )
    return result


def _rows(count: int) -> str:
    return f"{count} row" + ("" if count == 1 else "s")


def _result_with(result: ImportResult, writer: _Writer) -> ImportResult:
    result.counts = writer.counts
    return result


def _many_ended(writer: _Writer) -> str:
    """A warning when a full extract would end a suspicious share of current tenancies."""
    ended = writer.counts["tenancies"]["ended"]
    if ended <= MAX_ENDED_ALWAYS_ALLOWED:
        return ""
    # Ended tenancies ended the day before ``as_of``, so they are no longer current on it.
    were_current = Tenancy.objects.current(writer.as_of).count() + ended
    if ended <= MAX_ENDED_SHARE * were_current:
        return ""
    return (
        f"As a full extract, this file would end {ended} of the {were_current} current "
        "tenancies, because they are not in it. That usually means the extract was cut short. "
        "Check the file; import it only if those tenancies really have ended."
    )


# --- Import runs (the officers' pages and the task worker) -------------------------------


def import_run_execute(run: ImportRun, *, mapping: Mapping | None = None) -> ImportRun:
    """Run an uploaded import and record its outcome on ``run``; never raises for bad input."""
    from tenantvoice.worker.liveness import process_tag

    # Stamped with this process, so that if it dies the run is marked failed (worker.recovery).
    ImportRun.objects.filter(pk=run.pk).update(
        status=ImportStatus.RUNNING, started_at=timezone.now(), claimed_by=process_tag()
    )
    run.refresh_from_db()

    def progress(done: int, total: int) -> None:
        # Outside the write transaction this is seen at once by the progress page.
        ImportRun.objects.filter(pk=run.pk).update(rows_done=done, rows_total=max(total, done))

    try:
        mapping = mapping or mapping_default()
        local_path = Path(run.file.path)  # stored with the default (file system) storage
        result = import_file(
            local_path,
            name=run.original_name,
            mapping=mapping,
            dry_run=run.dry_run,
            good_rows_only=run.good_rows_only,
            full_extract=run.full_extract,
            allow_many_ended=run.allow_many_ended,
            by=run.created_by,
            progress=progress,
            total_hint=run.rows_total,
        )
    except ImportFileError as exc:
        run.status = ImportStatus.FAILED if not isinstance(exc, TooManyEnded) else ImportStatus.REJECTED
        run.message = str(exc)
    except DatabaseError:
        # The transaction rolled back, so nothing was written; the detail is in the log.
        logger.exception("Import %s failed", run.pk)
        run.status = ImportStatus.FAILED
        run.message = (
            "The import could not be saved because of a database problem, so nothing was "
            "changed. Try again; if it happens again, tell your administrator."
        )
    else:
        run.status = result.status
        run.message = result.message
        run.summary = result.summary
        run.rows_total = result.rows_total
        run.rows_done = result.rows_total
        run.error_count = result.error_count
        run.errors = [e.as_dict() for e in result.errors[:MAX_STORED_ERRORS]]
    run.finished_at = timezone.now()
    run.save(
        update_fields=[
            "status",
            "message",
            "summary",
            "rows_total",
            "rows_done",
            "error_count",
            "errors",
            "finished_at",
        ]
    )
    return run


def import_run_create(
    *, upload: File, by: Any, dry_run: bool, good_rows_only: bool, full_extract: bool
) -> ImportRun:
    """Store an uploaded file as a queued ImportRun (it is then run now or by the worker)."""
    run = ImportRun(
        created_by=by,
        original_name=Path(upload.name or "extract").name[:255],
        dry_run=dry_run,
        good_rows_only=good_rows_only,
        full_extract=full_extract,
    )
    run.file.save(run.original_name, upload, save=False)
    try:
        run.rows_total = count_rows(run.file.path, run.original_name)
    except ImportFileError:
        run.rows_total = 0  # the run itself reports the problem in full
    run.save()
    audit_record(
        actor=by,
        action=AuditAction.CREATE,
        object_type="import",
        object_id=run.pk,
        summary=f"Uploaded {run.original_name} to {'check' if dry_run else 'import'}",
    )
    return run


def import_run_confirm(
    check: ImportRun, *, by: Any, good_rows_only: bool, allow_many_ended: bool
) -> ImportRun:
    """A queued import of the file that ``check`` (a finished dry run) checked."""
    run = ImportRun.objects.create(
        created_by=by,
        file=check.file.name,
        original_name=check.original_name,
        dry_run=False,
        full_extract=check.full_extract,
        rows_total=check.rows_total,
        good_rows_only=good_rows_only,
        allow_many_ended=allow_many_ended,
        from_check=check,
    )
    audit_record(
        actor=by,
        action=AuditAction.CREATE,
        object_type="import",
        object_id=run.pk,
        summary=f"Confirmed the import of {run.original_name} after its check",
    )
    return run


def import_run_start(run: ImportRun) -> bool:
    """Run small files now and queue large ones for the worker; True when queued."""
    if run.rows_total > settings.TENANTVOICE_BACKGROUND_IMPORT_ROWS:
        from ..tasks import run_import

        # After commit, so that the worker can see the run it is asked to do.
        transaction.on_commit(lambda: run_import.enqueue(run.pk))
        return True
    import_run_execute(run)
    return False


def errors_as_csv(errors: Iterable[dict[str, Any]]) -> str:
    """The row-by-row report as CSV text for a spreadsheet (formula-like cells neutralised)."""
    from tenantvoice.core.tables import csv_writer

    out = io.StringIO()
    writer = csv_writer(out)  # neutralises formula-like text such as "=HYPERLINK(...)"
    writer.writerow(["Row", "Column", "Value", "Problem"])
    for error in errors:
        writer.writerow(
            [
                error["row"],
                error["column"],
                str(error["value"]),
                error["problem"],
            ]
        )
    return out.getvalue()
