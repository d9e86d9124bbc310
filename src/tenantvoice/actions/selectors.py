"""Reads of the tracker that pages, the API and reports share."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from tenantvoice.core.access import first_or_404
from tenantvoice.involvement.selectors import group_holdings_current
from tenantvoice.residents.models import Resident

from .forms import OVERDUE
from .models import OPEN_STATUSES, SOURCE_FIELDS, Action
from .sources import OWN, source_kind


def actions_filtered(
    *,
    on: dt.date,
    owner: str = "",
    source: str = "",
    status: str = "",
    due_from: dt.date | None = None,
    due_to: dt.date | None = None,
) -> QuerySet[Action]:
    """Top-level actions matching the tracker's filters, soonest due first (no date last)."""
    actions = Action.objects.top_level().select_related("owner_user", "owner_group")
    if owner:
        actions = actions.filter(
            Q(owner_name__icontains=owner)
            | Q(owner_group__name__icontains=owner)
            | Q(owner_user__first_name__icontains=owner)
            | Q(owner_user__last_name__icontains=owner)
        )
    if source == OWN:
        actions = actions.filter(**{f"{f}__isnull": True for f in SOURCE_FIELDS})
    elif source in SOURCE_FIELDS:
        actions = actions.filter(**{f"{source}__isnull": False})
    if status == "open":
        actions = actions.filter(status__in=OPEN_STATUSES)
    elif status == OVERDUE:
        actions = actions.overdue(on)
    elif status:
        actions = actions.filter(status=status)
    if due_from is not None:
        actions = actions.filter(due_on__gte=due_from)
    if due_to is not None:
        actions = actions.filter(due_on__lte=due_to)
    return actions.order_by("due_on", "pk")


def access_action_for_staff(pk: object) -> Action:
    """Any action, for staff who see the tracker."""
    return first_or_404(
        Action.objects.select_related("owner_user", "owner_group", "asked_by", "parent"),
        "There is no such action.",
        pk=pk,
    )


def action_children(action: Action) -> list[Action]:
    return list(action.children.select_related("owner_user", "owner_group").order_by("due_on", "pk"))


def action_history(action: Action) -> list[Any]:
    return list(action.updates.select_related("made_by"))


def told_residents(action: Action, on: dt.date | None = None) -> QuerySet[Resident]:
    """Who is told when the action's status changes: the residents its source names, those
    recorded as raising it, and the current members of the group that asked for it."""
    on = on or timezone.localdate()
    ids: set[int] = set(action.raised_by.values_list("pk", flat=True))
    if action.source_field:
        named = source_kind(action.source_field).residents(action.source)
        if named is not None:
            ids.update(named.values_list("pk", flat=True))
    if action.asked_by_id is not None:
        ids.update(
            group_holdings_current(action.asked_by_id, on)
            .filter(resident__isnull=False)
            .values_list("resident_id", flat=True)
        )
    return Resident.objects.filter(pk__in=ids).order_by("pk")


def action_placeholders(action: Action, note: str = "") -> dict[str, str]:
    return {
        "action": action.title,
        "status": str(action.get_status_display()),
        "progress": f"{action.progress}%",
        "due": action.due_display,
        "note": note,
    }
