"""Reads of the tracker that pages, downloads, the API and reports share.

Nothing here asks which kind of source an action has: each kind answers through its
``ActionSource`` (``sources.SOURCES``), and every list joins each source key once
(``select_related(*source_relations())``), so a new kind adds no query per row."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from tenantvoice.core.access import first_or_404
from tenantvoice.core.tables import Table
from tenantvoice.involvement.selectors import group_holdings_current
from tenantvoice.residents.models import Resident

from .forms import OPEN, OVERDUE
from .models import OPEN_STATUSES, SOURCE_FIELDS, Action, ActionStatus
from .sources import OWN, source_kind, source_label, source_relations

# The columns of every download of the tracker (and the API's names for the same facts).
DOWNLOAD_HEADERS = [
    "Id",
    "Sub-action of",
    "Title",
    "From",
    "Source title",
    "Owner",
    "Due",
    "Status",
    "Progress (%)",
    "Evidence",
    "Done on",
    "Re-test by",
    "Public",
]

# Soonest due first, actions with no date last (on SQLite and PostgreSQL alike).
SOONEST_FIRST = F("due_on").asc(nulls_last=True)


def _listed(actions: QuerySet[Action]) -> QuerySet[Action]:
    """What a list shows of each action in one query: its owners and its source."""
    return actions.select_related("owner_user", "owner_group", *source_relations())


def actions_matching(
    actions: QuerySet[Action],
    *,
    on: dt.date,
    owner: str = "",
    owner_user: Any = None,
    owner_group: Any = None,
    source: str = "",
    status: str = "",
    due_from: dt.date | None = None,
    due_to: dt.date | None = None,
) -> QuerySet[Action]:
    """``actions`` narrowed by the tracker's filters (each optional, all together)."""
    if owner_user is not None:
        actions = actions.filter(owner_user=owner_user)
    if owner_group is not None:
        actions = actions.filter(owner_group=owner_group)
    if owner:
        actions = actions.filter(
            Q(owner_name__icontains=owner)
            | Q(owner_group__name__icontains=owner)
            | Q(owner_user__full_name__icontains=owner)
        )
    if source == OWN:
        actions = actions.filter(**{f"{f}__isnull": True for f in SOURCE_FIELDS})
    elif source in SOURCE_FIELDS:
        actions = actions.filter(**{f"{source}__isnull": False})
    if status == OPEN:
        actions = actions.filter(status__in=OPEN_STATUSES)
    elif status == OVERDUE:
        actions = actions.filter(status__in=OPEN_STATUSES, due_on__lt=on)
    elif status:
        actions = actions.filter(status=status)
    if due_from is not None:
        actions = actions.filter(due_on__gte=due_from)
    if due_to is not None:
        actions = actions.filter(due_on__lte=due_to)
    return actions


def actions_filtered(*, on: dt.date, **filters: Any) -> QuerySet[Action]:
    """Top-level actions matching the tracker's filters, soonest due first (no date last)."""
    matching = actions_matching(Action.objects.top_level(), on=on, **filters)
    return _listed(matching).order_by(SOONEST_FIRST, "pk")


def actions_counted(actions: QuerySet[Action], on: dt.date) -> dict[str, int]:
    """How many of ``actions`` there are, how many are open and how many overdue (one query)."""
    open_ = Q(status__in=OPEN_STATUSES)
    return actions.order_by().aggregate(
        total=Count("pk"),
        open=Count("pk", filter=open_),
        overdue=Count("pk", filter=open_ & Q(due_on__lt=on)),
    )


def access_action_for_staff(pk: object) -> Action:
    """Any action, for staff who see the tracker."""
    return first_or_404(
        Action.objects.select_related("owner_user", "owner_group", "asked_by", "parent", *source_relations()),
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


# At most this many names are listed on the action's page; the count is always exact.
TOLD_NAMES_SHOWN = 50


@dataclass(frozen=True)
class Told:
    count: int
    names: list[str]  # only for readers who may see residents' details; else empty
    group: str  # the group that asked, whose current members are told


def action_told(action: Action, *, with_names: bool) -> Told:
    """Who would be told of a change of status: a count, and names only when ``with_names``
    (staff who may see residents' personal details; never board readers)."""
    told = told_residents(action)
    names = (
        [str(r) for r in told.order_by("last_name", "first_name", "pk")[:TOLD_NAMES_SHOWN]]
        if with_names
        else []
    )
    return Told(told.count(), names, str(action.asked_by) if action.asked_by_id else "")


def action_placeholders(action: Action, note: str = "") -> dict[str, str]:
    return {
        "action": action.title,
        "status": str(action.get_status_display()),
        "progress": f"{action.progress}%",
        "due": action.due_display,
        "note": note,
    }


def source_title(action: Action) -> str:
    """What the action's source is called (empty for an officer's own action)."""
    source = action.source
    return source_kind(action.source_field).title(source) if source is not None else ""


def source_url(action: Action) -> str:
    source = action.source
    return source_kind(action.source_field).url(source) if source is not None else ""


def public_source_title(action: Action) -> str:
    """What residents see an action came from: the kind's public words, never a person's name."""
    source = action.source
    if source is None:
        return "Our own plans"
    return source_kind(action.source_field).public_title(source)


def actions_with_sub_actions(top: QuerySet[Action]) -> list[tuple[Action, int]]:
    """Every action in ``top`` followed by its sub-actions (and theirs), each with its depth
    (0 for a top-level action): one query per level of nesting, not per action."""
    parents = list(top)
    children_of: dict[int, list[Action]] = {}
    level = [a.pk for a in parents]
    seen = set(level)
    while level:
        below = list(_listed(Action.objects.filter(parent_id__in=level)).order_by(SOONEST_FIRST, "pk"))
        below = [a for a in below if a.pk not in seen]
        for child in below:
            children_of.setdefault(child.parent_id, []).append(child)  # type: ignore[arg-type]
        level = [a.pk for a in below]
        seen.update(level)
    rows: list[tuple[Action, int]] = []

    def add(action: Action, depth: int) -> None:
        rows.append((action, depth))
        for child in children_of.get(action.pk, []):
            add(child, depth + 1)

    for action in parents:
        add(action, 0)
    return rows


def actions_table(rows: list[tuple[Action, int]], on: dt.date, title: str = "Actions") -> Table:
    """The tracker as a table for CSV and XLSX: each action, then its sub-actions indented,
    each row saying which action it is part of."""
    table = Table(title, list(DOWNLOAD_HEADERS))
    for action, depth in rows:
        status = str(action.get_status_display())
        if action.is_overdue(on):
            status += " (overdue)"
        table.rows.append(
            [
                action.pk,
                action.parent_id,
                ("    " * depth) + action.title,
                source_label(action),
                source_title(action),
                action.owner_display,
                action.due_on if action.due_on is not None else (action.due_note or None),
                status,
                action.progress,
                action.evidence,
                action.done_on,
                action.retest_on,
                "Yes" if action.public else "No",
            ]
        )
    table.note = f"{len(rows)} actions and sub-actions, as on {on.day} {on:%B %Y}."
    return table


def actions_public() -> QuerySet[Action]:
    """Public top-level actions for residents: those still open first (soonest due first,
    undated last), then those finished or closed, the latest first."""
    closed = Case(
        When(status__in=OPEN_STATUSES, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return (
        Action.objects.top_level()
        .filter(public=True)
        .select_related(*source_relations())
        .annotate(closed=closed)
        .order_by("closed", SOONEST_FIRST, F("done_on").desc(nulls_last=True), "pk")
    )


@dataclass(frozen=True)
class PublicAction:
    """What residents see of one action: never who owns it, nor who raised it."""

    pk: int
    title: str
    detail: str
    came_from: str
    status: str
    progress: int
    due: str
    late_since: dt.date | None
    done: bool
    done_on: dt.date | None


def public_actions(actions: list[Action], on: dt.date) -> list[PublicAction]:
    return [
        PublicAction(
            pk=a.pk,
            title=a.title,
            detail=a.detail,
            came_from=public_source_title(a),
            status=str(a.get_status_display()),
            progress=a.progress,
            due=a.due_display,
            late_since=a.due_on if a.is_overdue(on) else None,
            done=a.status == ActionStatus.DONE,
            done_on=a.done_on,
        )
        for a in actions
    ]
