"""Every change to an action (decision 0042): create, record progress, change the plan,
re-test. Each writes an audit row; a change of status tells the residents whose views led to
the action and the group that asked for it, through the outbox."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from tenantvoice.comms.services import message_queue
from tenantvoice.core.audit import audit_record
from tenantvoice.core.errors import DomainError
from tenantvoice.core.models import AuditAction
from tenantvoice.core.updates import model_update
from tenantvoice.involvement.models import Group
from tenantvoice.residents.models import Resident

from .models import SOURCE_FIELDS, Action, ActionStatus, ActionUpdate, weighted_progress
from .selectors import action_placeholders, told_residents
from .sources import source_kind


class ActionError(DomainError):
    """A change to an action the rules do not allow, said so an officer can put it right."""


# What an officer may change on an action after it is made (status and progress go through
# action_progress, which keeps the history and tells people).
CHANGEABLE = (
    "title",
    "detail",
    "owner_user",
    "owner_group",
    "owner_name",
    "due_on",
    "due_note",
    "retest_on",
    "public",
    "weight",
    "asked_by",
)


def _audit(by: Any, action: AuditAction, item: Action, summary: str, **extra: Any) -> None:
    audit_record(actor=by, action=action, object_type="action", object_id=item.pk, summary=summary, **extra)


def _source_field(source: models.Model) -> str:
    for field in SOURCE_FIELDS:
        if isinstance(source, Action._meta.get_field(field).related_model):  # type: ignore[arg-type]
            return field
    raise ActionError(f"An action cannot come from a {source._meta.verbose_name}.")


@transaction.atomic
def action_create(
    *,
    title: str,
    source: models.Model | None = None,
    parent: Action | None = None,
    owner_user: Any = None,
    owner_group: Group | None = None,
    owner_name: str = "",
    due_on: dt.date | None = None,
    due_note: str = "",
    detail: str = "",
    status: str = ActionStatus.NOT_STARTED,
    progress: int = 0,
    public: bool = False,
    weight: int = 1,
    retest_on: dt.date | None = None,
    asked_by: Group | None = None,
    raised_by: list[Resident] | None = None,
    evidence: str = "",
    done_on: dt.date | None = None,
    source_section: str = "",
    source_quote: str = "",
    by: Any = None,
) -> Action:
    """Add an action to the tracker, from ``source`` (a meeting, a plan, a recommendation ...)
    or under ``parent`` as a sub-action, which shares its parent's source."""
    title = title.strip()
    if not title:
        raise ActionError("Say what will be done.", field="title")
    if not 0 <= progress <= 100:
        raise ActionError("Progress is a percentage from 0 to 100.", field="progress")
    if weight < 1:
        raise ActionError("A weight is a whole number of 1 or more.", field="weight")
    if status == ActionStatus.DONE and not done_on:
        done_on = timezone.localdate()
    keys: dict[str, Any] = {}
    if parent is not None:
        if source is not None:
            raise ActionError("A sub-action comes from its parent's source.")
        keys = {f"{f}_id": getattr(parent, f"{f}_id") for f in SOURCE_FIELDS}
        asked_by = asked_by or parent.asked_by
        public = public or parent.public
    elif source is not None:
        field = _source_field(source)
        keys = {field: source}
        asked_by = asked_by or source_kind(field).group(source)
    action = Action.objects.create(
        title=title[:300],
        detail=detail.strip(),
        parent=parent,
        weight=weight,
        owner_user=owner_user if getattr(owner_user, "is_authenticated", False) else None,
        owner_group=owner_group,
        owner_name=owner_name.strip(),
        due_on=due_on,
        due_note=due_note.strip(),
        status=status,
        progress=100 if status == ActionStatus.DONE else progress,
        evidence=evidence.strip(),
        done_on=done_on if status == ActionStatus.DONE else None,
        retest_on=retest_on,
        public=public,
        asked_by=asked_by,
        source_section=source_section,
        source_quote=source_quote,
        created_by=by if getattr(by, "is_authenticated", False) else None,
        **keys,
    )
    if raised_by:
        action.raised_by.set(raised_by)
    if parent is not None:
        _roll_up(parent)
    _audit(by, AuditAction.CREATE, action, f"Action added: {action.title[:120]}")
    return action


@transaction.atomic
def action_progress(
    *,
    action: Action,
    status: str,
    progress: int | None = None,
    note: str = "",
    evidence: str | None = None,
    on: dt.date | None = None,
    by: Any = None,
) -> Action:
    """Record where an action has got to. Done needs the evidence that it is done; "not going
    ahead" needs the reason. A parent's progress is its children's, so only its status is set
    here. A change of status tells those whose views led to it and the group that asked."""
    action = Action.objects.select_for_update().get(pk=action.pk)
    on = on or timezone.localdate()
    note = note.strip()
    evidence = action.evidence if evidence is None else evidence.strip()
    if status not in ActionStatus.values:
        raise ActionError("Choose a status.", field="status")
    has_children = action.children.exists()
    if has_children:
        progress = action.progress
    elif progress is None:
        progress = 100 if status == ActionStatus.DONE else action.progress
    if not 0 <= progress <= 100:
        raise ActionError("Progress is a percentage from 0 to 100.", field="progress")
    if status == ActionStatus.DONE:
        if not evidence:
            raise ActionError("Say what shows it is done: the evidence a panel can check.", field="evidence")
        if (
            has_children
            and action.children.filter(
                status__in=[ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS]
            ).exists()
        ):
            raise ActionError("Finish or close each sub-action first.", field="status")
        progress = 100
    if status == ActionStatus.NOT_DOING and not note:
        raise ActionError("Say why it is not going ahead.", field="note")
    if status == ActionStatus.NOT_STARTED and progress > 0:
        status = ActionStatus.IN_PROGRESS
    status_changed = status != action.status
    if not status_changed and progress == action.progress and not note and evidence == action.evidence:
        raise ActionError("Nothing has changed: give a new status, progress or a note.")
    changes = model_update(
        action,
        ("status", "progress", "evidence", "done_on", "sequence"),
        {
            "status": status,
            "progress": progress,
            "evidence": evidence,
            "done_on": (action.done_on or on) if status == ActionStatus.DONE else None,
            "sequence": action.sequence + 1 if status_changed else action.sequence,
        },
    )
    changes.pop("sequence", None)
    ActionUpdate.objects.create(
        action=action,
        on=on,
        status=status,
        progress=progress,
        note=note,
        made_by=by if getattr(by, "is_authenticated", False) else None,
    )
    if action.parent_id is not None:
        _roll_up(action.parent)  # type: ignore[arg-type]
    if status_changed:
        _tell(action, note)
    _audit(
        by,
        AuditAction.UPDATE,
        action,
        f"Action now {action.get_status_display().lower()}, {action.progress}%",
        changes=changes,
    )
    return action


@transaction.atomic
def action_change(*, action: Action, by: Any = None, **data: Any) -> Action:
    """Change what, who, when, the re-test date or whether residents see it."""
    if "title" in data:
        data["title"] = str(data["title"]).strip()
        if not data["title"]:
            raise ActionError("Say what will be done.", field="title")
    if data.get("weight") is not None and data["weight"] < 1:
        raise ActionError("A weight is a whole number of 1 or more.", field="weight")
    changes = model_update(action, CHANGEABLE, data)
    if "weight" in changes and action.parent_id is not None:
        _roll_up(action.parent)  # type: ignore[arg-type]
    if changes:
        _audit(by, AuditAction.UPDATE, action, f"Action changed: {action.title[:120]}", changes=changes)
    return action


@transaction.atomic
def action_retest(*, action: Action, result: str, on: dt.date | None = None, by: Any = None) -> Action:
    """Record the re-test: whether the change made still works, checked on ``on``."""
    if not result.strip():
        raise ActionError("Say what the re-test found.", field="result")
    if action.status != ActionStatus.DONE:
        raise ActionError("An action is re-tested once it is done.")
    changes = model_update(
        action,
        ("retested_on", "retest_result"),
        {"retested_on": on or timezone.localdate(), "retest_result": result.strip()},
    )
    _audit(by, AuditAction.UPDATE, action, "Action re-tested", changes=changes)
    return action


def _roll_up(parent: Action) -> None:
    """Set ``parent``'s progress, and each ancestor's, from its children's."""
    seen: set[int] = set()
    node: Action | None = parent
    while node is not None and node.pk not in seen:
        seen.add(node.pk)
        pairs = list(node.children.exclude(status=ActionStatus.NOT_DOING).values_list("weight", "progress"))
        mean = weighted_progress(pairs)
        if mean is not None and mean != node.progress:
            Action.objects.filter(pk=node.pk).update(progress=mean, updated_at=timezone.now())
            node.progress = mean
        node = Action.objects.filter(pk=node.parent_id).first() if node.parent_id else None


def _tell(action: Action, note: str) -> None:
    message_queue(
        recipients=told_residents(action),
        template="action_status",
        # One message per change of status: each is news.
        key=f"action:{action.pk}:{action.sequence}",
        context=action_placeholders(action, note),
    )
