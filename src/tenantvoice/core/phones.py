"""Phone numbers: one way in, one way out (decision 0033).

Every place a phone number enters TenantVoice (the resident's and officers' forms, the HMS
import, the API, the landlord's contact details) passes it through :func:`normalise_phone`,
which stores it in E.164 ("+447700900123"), the form SMS providers and ``tel:`` links take.
Google's libphonenumber (the ``phonenumbers`` package) does the parsing, with the UK as the
home region, so that:

- "07700 900123", "+44 (0)7700 900123", "0044 7700 900123" and "7700900123" (Excel drops the
  leading zero of a number it thinks is a number) are all +447700900123;
- a number that cannot be dialled ("12345", "call me maybe", "7.7009E+09") is refused with a
  sentence that says what to do;
- a number from abroad ("+33 6 12 34 56 78") is kept, in its own country's form.

:func:`phone_for_people` shows a stored number as people write it: "07700 900123" for a UK
number, "+33 6 12 34 56 78" for any other.

Ofcom keeps some ranges for TV, radio and examples (07700 900000 to 900999 and 01632 960000 to
960999); libphonenumber calls them unallocated, but they are accepted here: the synthetic
landlord, the demo and the tests use them so that no real person is ever texted.
"""

from __future__ import annotations

import re

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumber, PhoneNumberFormat

from .errors import DomainError

# Every UK nation dials +44; the landlord's nation (core.models.Nation) changes nothing here.
HOME_REGION = "GB"
EXAMPLE = "07700 900123"
# Ofcom's drama ranges that libphonenumber treats as never allocated (see the docstring).
_FICTIONAL = re.compile(r"\+44(?:7700900|1632960)\d{3}")
# What Excel writes in a CSV for a long number in a General cell: its last digits are lost.
_ROUNDED_BY_EXCEL = re.compile(r"\d(?:\.\d+)?[eE]\+?\d+")
_LETTERS = re.compile(r"[^\W\d_]")
# How UK numbers are nearly always written, once spaces, brackets, dots and dashes are gone:
# 0 and 9 or 10 digits, the same after +44 or 0044 (with or without the "(0)"), or without the
# 0 where Excel dropped it. These are read here, as libphonenumber would read them, because its
# general parser is half the cost of an import's phone numbers; anything else goes to it.
_PUNCTUATION = re.compile(r"[\s().\-]")
_UK_WRITTEN = re.compile(r"(?:\+44|0044)?0?([1-9]\d{8,9})")
_UK_CODE = 44


# Each refusal: what is wrong, said after the number ("'12345' is not a whole phone number"),
# and what to do, which is all a form shows.
REFUSALS: dict[str, tuple[str, str]] = {
    "not_a_number": (
        "is not a phone number",
        f"Enter a phone number using numbers only, for example {EXAMPLE}.",
    ),
    "invalid": (
        "is not a whole phone number",
        f"Enter a phone number with 10 or 11 numbers, for example {EXAMPLE}.",
    ),
    "rounded": (
        "is a phone number that Excel has rounded, so its last numbers are lost",
        "Format the phone number column as Text in Excel and type the number again.",
    ),
    "extension": (
        "has an extension",
        "Enter a phone number without an extension: one that reaches the person directly.",
    ),
    "not_mobile": (
        "is not a UK mobile number",
        f"A UK mobile number starts with 07, for example {EXAMPLE}.",
    ),
}


class PhoneError(DomainError):
    """A phone number that cannot be used. ``str()`` says what to do; ``problem`` says what is
    wrong, after the number itself; ``code`` is a key of :data:`REFUSALS`. The caller knows
    which box or column it was, so ``field`` is left for it to give."""

    def __init__(self, code: str) -> None:
        self.code = code
        self.problem, self.advice = REFUSALS[code]
        super().__init__(self.advice)


def _refuse(text: str) -> PhoneError:
    """The error for text that is not a phone number anyone could dial."""
    if _ROUNDED_BY_EXCEL.fullmatch(text):
        return PhoneError("rounded")
    if not any(ch.isdigit() for ch in text) or _LETTERS.search(text):
        return PhoneError("not_a_number")
    return PhoneError("invalid")


def normalise_phone(text: str, *, mobile: bool = False) -> str:
    """``text`` as E.164 ("+447700900123"), or "" for empty text; raises :class:`PhoneError`.

    ``mobile``: the number must be a UK mobile (it starts 07), for a box that texts go to.
    Idempotent: a normalised number normalises to itself.
    """
    text = text.strip()
    if not text:
        return ""
    number = _parse(text)
    normalised = phonenumbers.format_number(number, PhoneNumberFormat.E164)
    if not (_FICTIONAL.fullmatch(normalised) or _is_valid(number)):
        raise _refuse(text)
    if number.extension:
        # E.164 has no room for an extension, and neither a text nor a dialler can use one.
        raise PhoneError("extension")
    if _LETTERS.search(text):
        # libphonenumber reads "call me on 0161 ..." and "0800 FLOWERS"; a person who wrote words
        # in a phone box may have meant something else, so they are asked for the number alone.
        raise _refuse(text)
    if mobile and not normalised.startswith("+447"):
        raise PhoneError("not_mobile")
    return normalised


def _parse(text: str) -> PhoneNumber:
    uk = _UK_WRITTEN.fullmatch(_PUNCTUATION.sub("", text))
    if uk:
        return PhoneNumber(country_code=_UK_CODE, national_number=int(uk.group(1)))
    try:
        return phonenumbers.parse(text, HOME_REGION)
    except NumberParseException:
        raise _refuse(text) from None


def _is_valid(number: PhoneNumber) -> bool:
    # +44 is shared by the UK, Guernsey, Jersey and the Isle of Man: trying the UK alone first
    # spares checking the number against all four.
    if number.country_code == _UK_CODE and phonenumbers.is_valid_number_for_region(number, HOME_REGION):
        return True
    return phonenumbers.is_valid_number(number)


def normalise_phone_or_keep(text: str) -> str:
    """E.164 where ``text`` is a phone number, else ``text`` as it is: for numbers stored before
    every entry point normalised them (the data migration, a bounce matched to a resident)."""
    try:
        return normalise_phone(text)
    except PhoneError:
        return text


def phone_for_people(stored: str) -> str:
    """A stored number as people write it: "07700 900123" in the UK, "+33 6 12 34 56 78" for
    another country; anything that is not a number (an old value) is shown as it is."""
    if not stored.startswith("+"):
        return stored
    try:
        number = phonenumbers.parse(stored, HOME_REGION)
    except NumberParseException:
        return stored
    if number.country_code == _UK_CODE:
        return phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)
