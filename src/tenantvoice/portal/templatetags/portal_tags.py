"""Showing the values of "everything we hold" in plain words."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils import timezone
from django.utils.formats import date_format

register = template.Library()

# Labels that read better than the key turned into words.
_LABELS = {
    "person_reference": "Person reference (from our housing system)",
    "kind": "Type of record",
    "dob": "Date of birth",
    "needs_interpreter": "Would like an interpreter",
    "news_and_newsletters": "News and newsletters",
    "news_consent_given": "Agreed to news on",
    "gender_same_as_sex_at_birth": "Gender the same as sex registered at birth",
    "sign_in_email": "Email address you sign in with",
}


@register.filter
def key_label(key: str) -> str:
    """``"date_of_birth"`` -> ``"Date of birth"``."""
    return _LABELS.get(key, key.replace("_", " ").capitalize())


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
def language(code: str) -> str:
    """A language code as its English name ("pl" -> "Polish")."""
    from tenantvoice.portal.languages import language_name

    return language_name(code)
