"""Numbers, counts and possessives on the page: ``{% load wording %}`` (see core.text)."""

from __future__ import annotations

from typing import Any

from django import template

from tenantvoice.core import text

register = template.Library()


@register.filter
def figure(value: Any) -> Any:
    """``{{ cell|figure }}``: 1234 as "1,234", 45.25 as "45.3", anything else as it is."""
    return text.figure(value)


@register.filter
def possessive(name: Any) -> str:
    """``{{ landlord.name|possessive }}``: "Riverside Homes'", "Southway's"."""
    return text.possessive(str(name))
