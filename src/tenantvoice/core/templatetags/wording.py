"""Numbers, counts, possessives and phone numbers on the page: ``{% load wording %}`` (see
core.text and core.phones)."""

from __future__ import annotations

from typing import Any

from django import template

from tenantvoice.core import text
from tenantvoice.core.phones import phone_for_people

register = template.Library()


@register.filter
def figure(value: Any) -> Any:
    """``{{ cell|figure }}``: 1234 as "1,234", 45.25 as "45.3", anything else as it is."""
    return text.figure(value)


@register.filter
def possessive(name: Any) -> str:
    """``{{ landlord.name|possessive }}``: "Riverside Homes'", "Southway's"."""
    return text.possessive(str(name))


@register.filter
def phone(value: Any) -> str:
    """``{{ resident.mobile_phone|phone }}``: a stored number as people write it, "07700 900123"."""
    return phone_for_people(str(value or ""))
