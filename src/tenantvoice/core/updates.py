"""The one way a service changes fields of a row it already has (decision 0035).

``model_update`` sets the given fields, works out which of them really changed, saves only
those (with ``update_fields``, so a concurrent change to another column is not overwritten) and
only when something changed, and returns ``{field: [old, new]}``: the keys are the changed
fields, and the whole is what the audit row's "Changes" column records (decision 0021).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.db import models

from .audit import diff_fields

Changes = dict[str, list[Any]]


def model_update(
    instance: models.Model,
    fields: Iterable[str],
    data: Mapping[str, Any],
    *,
    derive: Callable[[list[str]], Iterable[str]] | None = None,
) -> Changes:
    """Set ``data`` on ``instance`` and save what changed; returns ``{field: [old, new]}``.

    ``fields`` are the fields the caller may change: a key of ``data`` outside them is a
    programming error (``TypeError``), never silently dropped. A many-to-many field is set
    after the row, and recorded as each side's items joined by "; ".

    ``derive``, when given and something changed, is called with the changed field names once
    the new values are set and before the save, to fill columns that follow from them (search
    keys, a path); it returns the names of the columns it set, which are saved too but are not
    reported as changes. An ``updated_at`` column is saved with any change.
    """
    allowed = set(fields)
    unknown = set(data) - allowed
    if unknown:
        raise TypeError(f"These cannot be changed here: {', '.join(sorted(unknown))}")
    meta = instance._meta
    many = {name for name in data if isinstance(meta.get_field(name), models.ManyToManyField)}
    plain = {name: value for name, value in data.items() if name not in many}

    before = {name: getattr(instance, name) for name in plain}
    for name, value in plain.items():
        setattr(instance, name, value)
    changes = diff_fields(before, {name: getattr(instance, name) for name in plain})
    if changes:
        also = list(derive(list(changes))) if derive is not None else []
        if any(field.name == "updated_at" for field in meta.concrete_fields):
            also.append("updated_at")
        instance.save(update_fields=list(dict.fromkeys([*changes, *also])))

    for name in sorted(many):
        manager = getattr(instance, name)
        had = list(manager.all())
        manager.set(data[name])
        now = list(manager.all())
        if {item.pk for item in had} != {item.pk for item in now}:
            changes[name] = ["; ".join(sorted(map(str, had))), "; ".join(sorted(map(str, now)))]
    return changes
