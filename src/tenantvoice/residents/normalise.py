"""Normalising names, postcodes and references so search and matching are exact and indexed."""

from __future__ import annotations

import re
import unicodedata

_NOT_WORD = re.compile(r"[^a-z0-9 ]+")
_SPACES = re.compile(r"\s+")
# A full UK postcode: outward code, then a digit and two letters.
POSTCODE_RE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")


def search_key(text: str) -> str:
    """Lower case, accents removed, punctuation dropped: "O'Brien-Smith" -> "obrien smith"."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    ascii_only = decomposed.encode("ascii", "ignore").decode().lower().replace("'", "")
    return _SPACES.sub(" ", _NOT_WORD.sub(" ", ascii_only)).strip()


def postcode_key(postcode: str) -> str:
    """Upper case without spaces: "m15 4ab" -> "M154AB"; what search and matching use."""
    return re.sub(r"\s+", "", postcode or "").upper()


def format_postcode(postcode: str) -> str:
    """The familiar form with one space before the inward code: "m154ab" -> "M15 4AB"."""
    key = postcode_key(postcode)
    if len(key) < 5:
        return key
    return f"{key[:-3]} {key[-3:]}"


def is_valid_postcode(postcode: str) -> bool:
    return bool(POSTCODE_RE.match(format_postcode(postcode)))


def prefix_upper_bound(prefix: str) -> str:
    """The smallest string greater than every string starting with ``prefix``.

    ``field >= prefix AND field < bound`` is a range scan on a plain B-tree index in both
    SQLite and PostgreSQL, whatever the collation, which LIKE 'x%' is not.
    """
    return prefix[:-1] + chr(ord(prefix[-1]) + 1) if prefix else ""
