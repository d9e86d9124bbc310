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


# The last character of each alphabet of the keys: a prefix ending in one of these has no
# "next character" that sorts after it in every collation.
_LAST_OF_ALPHABET = "9zZ "


def prefix_upper_bound(prefix: str) -> str | None:
    """A string above every string that starts with ``prefix``, in any collation; None if none.

    ``field >= prefix AND field < bound`` is a range scan on a plain B-tree index in SQLite and
    PostgreSQL alike, which LIKE 'x%' is not. Adding one to the last character would be exact
    in the C collation but not in a linguistic one (en_GB on glibc or ICU, common on UK
    PostgreSQL servers): there "smi{" sorts before "smiz" and "M1:" before "M19". So the last
    letter or digit is replaced by the next of the same kind, after dropping trailing z, Z, 9
    and spaces ("smiz" -> "smj", "M19" -> "M2"). The range may then hold a few strays, so pair
    it with ``startswith`` (see ``residents.selectors.prefix_condition``).
    """
    stem = prefix.rstrip(_LAST_OF_ALPHABET)
    if not stem:
        return None
    return stem[:-1] + chr(ord(stem[-1]) + 1)
