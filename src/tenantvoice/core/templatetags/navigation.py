"""Links that appear only for readers who may open them: ``{% load navigation %}``."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from tenantvoice.core.navigation import can_open

register = template.Library()


@register.simple_tag(takes_context=True)
def crumb(context: dict[str, Any], name: str, label: str, *args: Any) -> SafeString | str:
    """A breadcrumb's ``<li>`` linking to URL ``name``, or nothing if the reader cannot open it."""
    request = context.get("request")
    if request is None or not can_open(request.user, name, *args):
        return ""
    return format_html('<li><a href="{}">{}</a></li>', reverse(name, args=args), label)


@register.simple_tag(takes_context=True)
def may_open(context: dict[str, Any], name: str, *args: Any) -> bool:
    """Whether the reader may open URL ``name``: ``{% may_open 'surveys:peers' as show %}``."""
    request = context.get("request")
    return request is not None and can_open(request.user, name, *args)
