"""Reading one row: each canonical column's cell turned into a typed value (a code, a flag, a
date, an area path, a phone number ...) or a :class:`_Bad` problem in plain words."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models

from tenantvoice.core.phones import PhoneError, normalise_phone

from ..models import (
    Channel,
    Location,
    MemberRole,
    Property,
    PropertyType,
    Resident,
    ResidentKind,
    Tenure,
)
from ..normalise import is_valid_postcode
from ..services import AREA_SEPARATOR
from .mapping import Mapping, _value_key


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
# In E.164 (core.phones). A landline in mobile_phone is let through: HMS records often have one
# there, and the officers' pages and a failed text (comms.delivery) bring it to light.
PHONE_COLUMNS = frozenset({"mobile_phone", "other_phone"})
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
        if column in PHONE_COLUMNS:
            # Before the length check: "+44 (0) 7700 900 123" is longer than what is stored.
            try:
                return normalise_phone(text)
            except PhoneError as exc:
                raise _Bad(f"'{text}' {exc.problem}. {exc.advice}") from None
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
