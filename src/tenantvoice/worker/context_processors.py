"""Template context from the task worker's app."""

from __future__ import annotations

from django.http import HttpRequest

from tenantvoice.core.roles import Capability, has_capability

from .selectors import background_delay


def background_work(request: HttpRequest) -> dict[str, object]:
    """Officers and administrators are told when messages or jobs wait longer than expected
    (a callable: the template asks, and only on pages for those who can act)."""
    if not has_capability(getattr(request, "user", None), Capability.MANAGE_MESSAGES):
        return {}
    return {"background_delay": background_delay}
