"""``{% equality_assessments_of consultation=... %}`` / ``group=...``: a subject's page links to
its equality impact assessments (one query), and officers who record them to a new one."""

from __future__ import annotations

from typing import Any

from django import template

from tenantvoice.core.roles import Capability, has_capability

from ..models import STATES
from ..selectors import assessments_of

register = template.Library()


@register.inclusion_tag("equality_impact/_subject_links.html", takes_context=True)
def equality_assessments_of(context: template.Context, **subject: Any) -> dict[str, Any]:
    user = context["request"].user
    if not has_capability(user, Capability.VIEW_REPORTS):
        return {"shown": False}
    ((kind, value),) = subject.items()
    found = assessments_of(**{kind: value})
    return {
        "shown": True,
        "rows": [(a, STATES[a.status]) for a in found],
        "can_record": has_capability(user, Capability.MANAGE_INVOLVEMENT),
        "kind": kind,
        "pk": value.pk,
    }
