"""Showing the values of "everything we hold" in plain words."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils import timezone
from django.utils.formats import date_format

register = template.Library()


@register.filter
def plain(value: Any) -> str:
    """A value as a person would say it: dates in words, Yes/No, lists joined."""
    if value is None or value == "" or value == []:
        return "Not given"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dt.datetime):
        return date_format(timezone.localtime(value), "j F Y, H:i")
    if isinstance(value, dt.date):
        return date_format(value, "j F Y")
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


@register.filter
def plain_or_blank(value: Any) -> str:
    """As ``plain``, but nothing at all for a missing value (in tables, where "Not given" is noise)."""
    if value is None or value == "" or value == []:
        return ""
    return plain(value)


@register.filter
def is_list(value: Any) -> bool:
    return isinstance(value, list | tuple)


@register.filter
def language(code: str) -> str:
    """A language code as its English name ("pl" -> "Polish")."""
    from tenantvoice.core.languages import language_name

    return language_name(code)
