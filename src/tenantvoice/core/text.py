"""Counts and possessives in plain English, through Django's own pluralisation and humanize.

``counted(1, "resident", "residents")`` is "1 resident", ``counted(1200, ...)`` "1,200 residents";
``possessive("Riverside Homes")`` is "Riverside Homes'" and ``possessive("Southway")``
"Southway's". Templates have the same as filters: ``{% load wording %}``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.contrib.humanize.templatetags.humanize import intcomma
from django.template.defaultfilters import floatformat
from django.utils.translation import ngettext


def counted(count: int, singular: str, plural: str) -> str:
    """The count with thousands separators and the noun that agrees with it."""
    return f"{intcomma(count)} {ngettext(singular, plural, count)}"


def possessive(name: str) -> str:
    """The name with its possessive ending: an apostrophe alone after a final s."""
    name = str(name).rstrip()
    if not name:
        return name
    return f"{name}'" if name.endswith(("s", "S")) else f"{name}'s"


def one_of(items: Iterable[Any]) -> str:
    """Choices in a sentence: "A", "A or B", "A, B or C" (nothing for none)."""
    words = [str(item) for item in items]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " or " + words[-1]


def figure(value: Any) -> Any:
    """A number as the page shows it, with thousands separators: a float to one decimal place
    (as in the CSV), a Decimal to its own places (£1,234.50); anything else (text, dates, a
    hidden count) unchanged. Downloads keep the raw numbers (core.tables)."""
    if isinstance(value, bool | dt.date):
        return value
    if isinstance(value, int):
        return intcomma(value)
    if isinstance(value, Decimal):  # e.g. money: as many decimal places as it has
        exponent = value.as_tuple().exponent
        return floatformat(value, f"{-exponent if isinstance(exponent, int) and exponent < 0 else 0}g")
    if isinstance(value, float):
        return floatformat(value, "1g")
    return value
