"""Loading a strategy's action plan and review cycles (``[action_plan]`` and ``[[reviews]]`` in
``strategies/data/*.toml``; docs/strategies.md), called by ``strategies.loader`` inside its
transaction.

Each item of the plan becomes an action in the tracker whose source is the plan; a nested item
is a sub-action of its parent. Every item carries its source (decision 0022): the title needs
the strategy's section and an exact quote, and an owner, a target date, the plan's words for
when, a status or a performance measure each need a source too, or sit in ``chosen``.

Loading again updates, field by field, only what an officer has not changed since the last
load (the loaded values are kept on ``PlanItem.loaded``), and never touches recorded progress:
the status from the file is applied only while the action has no recorded update and still has
the status it was loaded with. Items taken out of the file are left in the tracker, with their
history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.utils import timezone
from django.utils.text import slugify

from tenantvoice.actions.models import Action, ActionStatus
from tenantvoice.actions.services import action_change, action_create, action_progress
from tenantvoice.core.updates import model_update

from .models import ActionPlan, PlanItem, PlanItemKind, ReviewCycle, StrategyReview
from .schedule import add_months

PLAN_FIELDS = frozenset({"slug", "title", "period", "published", "note"})
PLAN_RULES = frozenset({"period", "published"})
ITEM_FIELDS = frozenset({"key", "title", "kind", "owner", "due", "due_note", "status", "measure", "detail"})
ITEM_RULES = frozenset({"owner", "due", "due_note", "status", "measure"})
REVIEW_FIELDS = frozenset({"slug", "what", "months", "frequency", "starts_on"})
REVIEW_RULES = frozenset({"months", "frequency", "starts_on"})
# The one status a plan gives in words; anything else is the tracker's to record.
STATUSES = {"complete": ActionStatus.DONE}
# The action's fields a load sets, and so may update while an officer has not changed them.
LOADED_FIELDS = ("title", "detail", "owner_name", "due_on", "due_note")


def _json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def plans_load(name: str, data: Mapping[str, Any], *, by: Any = None) -> dict[str, int]:
    """Load the strategy's plan and review cycles; how many of each it holds."""
    from tenantvoice.strategies.loader import StrategyError, _traced

    plan_data = data.get("action_plan")
    reviews = data.get("reviews", [])
    if plan_data is None:
        if reviews:
            raise StrategyError(
                "[[reviews]]: a review needs the strategy's [action_plan], even one not published."
            )
        return {}
    values, traced = _traced(
        plan_data,
        "[action_plan]",
        known=PLAN_FIELDS,
        rules=PLAN_RULES,
        defaults={"published": True},
        nested=frozenset({"items"}),
        needs=frozenset({"title"}),
    )
    slug = values.get("slug")
    if not isinstance(slug, str) or slugify(slug) != slug:
        raise StrategyError("[action_plan] field 'slug': a slug of lower-case letters, digits and hyphens.")
    items = plan_data.get("items", [])
    published = values.get("published", True)
    if not isinstance(published, bool):
        raise StrategyError("[action_plan] field 'published': true or false.")
    if not published and any(
        isinstance(i, Mapping) and i.get("kind") != PlanItemKind.OBJECTIVE for i in items
    ):
        raise StrategyError(
            "[action_plan] field 'items': the strategy publishes no plan, so its items can only be the "
            'objectives it says the plan will achieve (kind = "objective").'
        )
    if not published and not values.get("note"):
        raise StrategyError("[action_plan] field 'note': say why there is no plan, for the page to show.")
    title_source = traced.get("title", {})
    plan = ActionPlan.objects.filter(slug=slug).first() or ActionPlan(slug=slug)
    for field, value in {
        "title": values["title"],
        "strategy": name,
        "period": values.get("period", ""),
        "published": published,
        "note": values.get("note", ""),
        "source_section": title_source.get("section", ""),
        "source_quote": title_source.get("quote", ""),
        "sources": traced,
    }.items():
        setattr(plan, field, value)
    plan.save()
    count = _items_load(plan, items, parent=None, prefix="", by=by, seen=set(), order=[0])
    cycles = _reviews_load(plan, reviews)
    return {"action plan items": count, "review cycles": cycles}


def _items_load(
    plan: ActionPlan,
    items: Any,
    *,
    parent: Action | None,
    prefix: str,
    by: Any,
    seen: set[str],
    order: list[int],
) -> int:
    from tenantvoice.strategies.loader import StrategyError, _traced

    if not isinstance(items, list):
        raise StrategyError(f"[action_plan] items{' of ' + prefix if prefix else ''}: a list of items.")
    count = 0
    for item in items:
        raw_key = item.get("key") if isinstance(item, Mapping) else None
        where = f"action plan item '{prefix}{raw_key}'"
        if not isinstance(raw_key, str) or not raw_key.strip():
            raise StrategyError(f"{where} field 'key': each item needs its own key, e.g. \"3\".")
        key = f"{prefix}{raw_key}"
        if key in seen:
            raise StrategyError(f"{where} field 'key': used twice.")
        seen.add(key)
        values, traced = _traced(
            item,
            where,
            known=ITEM_FIELDS,
            rules=ITEM_RULES,
            defaults={},
            nested=frozenset({"items"}),
            needs=frozenset({"title"}),
        )
        kind = values.get("kind", PlanItemKind.ACTION)
        if kind not in PlanItemKind.values:
            raise StrategyError(
                f"{where} field 'kind': '{kind}' is not one of {', '.join(PlanItemKind.values)}."
            )
        status = values.get("status")
        if status is not None and status not in STATUSES:
            raise StrategyError(f"{where} field 'status': '{status}' is not one of {', '.join(STATUSES)}.")
        due = values.get("due")
        if due is not None and (not isinstance(due, dt.date) or isinstance(due, dt.datetime)):
            raise StrategyError(
                f"{where} field 'due': a date, e.g. 2018-03-31 (the plan's words go in due_note)."
            )
        if due is not None and values.get("due_note"):
            raise StrategyError(f"{where} field 'due_note': give a date or the plan's words, not both.")
        for field, most in (("title", 300), ("owner", 160), ("due_note", 80)):
            if len(str(values.get(field, ""))) > most:
                raise StrategyError(f"{where} field '{field}': at most {most} characters.")
        order[0] += 1
        action = _item_load(plan, key, values, traced, parent=parent, order=order[0], by=by)
        count += 1 + _items_load(
            plan, item.get("items", []), parent=action, prefix=f"{key}/", by=by, seen=seen, order=order
        )
    return count


def _item_load(
    plan: ActionPlan,
    key: str,
    values: dict[str, Any],
    traced: dict[str, Any],
    *,
    parent: Action | None,
    order: int,
    by: Any,
) -> Action:
    title_source = traced["title"]
    wanted = {
        "title": values["title"].strip(),
        "detail": values.get("detail", "").strip(),
        "owner_name": values.get("owner", "").strip(),
        "due_on": values.get("due"),
        "due_note": values.get("due_note", "").strip(),
    }
    status = STATUSES.get(values.get("status", ""), ActionStatus.NOT_STARTED)
    section = title_source.get("section", "")
    evidence = f"Marked complete in the strategy (section {section})" if status == ActionStatus.DONE else ""
    loaded = {field: _json(value) for field, value in wanted.items()} | {"status": str(status)}
    existing = PlanItem.objects.filter(plan=plan, key=key).select_related("action").first()
    if existing is None:
        action = action_create(
            source=plan if parent is None else None,
            parent=parent,
            status=status,
            evidence=evidence,
            source_section=section,
            source_quote=title_source.get("quote", ""),
            by=by,
            **wanted,
        )
        PlanItem.objects.create(
            plan=plan,
            key=key,
            action=action,
            kind=values.get("kind", PlanItemKind.ACTION),
            measure=values.get("measure", ""),
            order=order,
            loaded=loaded,
            sources=traced,
        )
        return action
    action = existing.action
    before = existing.loaded
    # A field is the file's while it still holds what the last load put there.
    changes = {
        field: value
        for field, value in wanted.items()
        if _json(getattr(action, field)) == before.get(field) and getattr(action, field) != value
    }
    if changes:
        action_change(action=action, by=by, **changes)
    model_update(
        action,
        ("source_section", "source_quote"),
        {"source_section": section, "source_quote": title_source.get("quote", "")},
    )
    untouched = not action.updates.exists() and action.status == before.get("status")
    if untouched and action.status != status:
        action_progress(
            action=action,
            status=status,
            progress=100 if status == ActionStatus.DONE else 0,
            evidence=evidence,
            note="Status from the strategy's action plan",
            by=by,
        )
    model_update(
        existing,
        ("kind", "measure", "order", "loaded", "sources"),
        {
            "kind": values.get("kind", PlanItemKind.ACTION),
            "measure": values.get("measure", ""),
            "order": order,
            # What the file now says: a field whose value differs from it is an officer's.
            "loaded": loaded,
            "sources": traced,
        },
    )
    return action


def _reviews_load(plan: ActionPlan, items: Any) -> int:
    from tenantvoice.strategies.loader import StrategyError, _traced

    if not isinstance(items, list):
        raise StrategyError("[[reviews]]: a list of reviews.")
    today = timezone.localdate()
    for item in items:
        slug = item.get("slug") if isinstance(item, Mapping) else None
        where = f"review '{slug}'"
        values, traced = _traced(
            item,
            where,
            known=REVIEW_FIELDS,
            rules=REVIEW_RULES,
            defaults={"starts_on": None},
            needs=frozenset({"what", "months"}),
        )
        if not isinstance(slug, str) or slugify(slug) != slug:
            raise StrategyError(f"{where} field 'slug': a slug of lower-case letters, digits and hyphens.")
        months = values.get("months")
        if not isinstance(months, int) or isinstance(months, bool) or not 1 <= months <= 60:
            raise StrategyError(f"{where} field 'months': the cycle in whole months, e.g. 6 or 12.")
        starts_on = values.get("starts_on")
        if starts_on is not None and (
            not isinstance(starts_on, dt.date) or isinstance(starts_on, dt.datetime)
        ):
            raise StrategyError(f"{where} field 'starts_on': a date, e.g. 2026-04-01.")
        cycle = ReviewCycle.objects.filter(slug=slug).first()
        if starts_on is None:
            # The strategy does not say when the cycle starts, nor did the landlord: from the
            # day it was loaded (kept on reloads), and said so as the landlord's choice.
            starts_on = cycle.starts_on if cycle is not None else today
            traced["starts_on"] = {
                "chosen": True,
                "default": None,
                "note": "The strategy does not say when the cycle starts: from the day it was loaded.",
            }
        cycle = cycle or ReviewCycle(slug=slug)
        for field, value in {
            "plan": plan,
            "what": values["what"],
            "months": months,
            "frequency": values.get("frequency", ""),
            "starts_on": starts_on,
            "sources": traced,
        }.items():
            setattr(cycle, field, value)
        cycle.save()
        if not cycle.reviews.exists():
            StrategyReview.objects.create(cycle=cycle, due_on=add_months(starts_on, months))
        elif not cycle.reviews.held().exists():
            # Nothing held yet: the first review follows the cycle and start as now loaded.
            cycle.reviews.waiting().update(due_on=add_months(starts_on, months))
    return len(items)
