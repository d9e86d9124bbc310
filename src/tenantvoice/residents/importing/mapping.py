"""The mapping file: how one landlord's extract differs from the canonical columns (its own
headings, its own codes, its own date formats). Format in docs/importing.md."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from tenantvoice.core.spreadsheets import ImportFileError

from ..hms_columns import COLUMN_NAMES


class MappingError(ImportFileError):
    """The mapping file cannot be used."""


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
