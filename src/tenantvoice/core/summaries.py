"""Summaries of the whole register, exact and read in one query (decision 0040).

A figure that needs every resident (residents at each level on a day, a survey's population on
the weighting variables) or every response of a survey is computed once and kept in
``Summary`` with the versions of the topics it depends on. A topic's version is the number of
committed changes to its tables: each change inserts a ``SummaryChange`` row in its own
transaction (an insert, so writers never wait for each other on a counter), and the refresh
folds those rows into ``SummaryTopic``; a version is read in one statement, so it never goes
back. So:

- a reader takes the topics' versions *before* computing; what it computes is at least as new
  as those versions, so storing it under them can only make it look older than it is, never
  newer: a summary is used only while no change has been committed since, and is then exactly
  what a direct count would give;
- a summary whose versions are out of date is computed directly (slow once) and stored again;
- after a change commits, the ``topics_changed`` signal lets the worker refresh the summaries
  read lately, so the next reader finds them fresh (and ``tenantvoice daily`` does it too).

Changes are counted by the models' ``post_save``/``post_delete`` signals (``watch``, connected by
each app) and, for the writes that send no signal (bulk inserts and updates), by calling
``bump`` next to them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import Summary, SummaryChange, SummaryTopic

# Sent once after a transaction that changed topics commits (the worker refreshes summaries).
topics_changed = Signal()

# Summaries nobody has read for this long are not refreshed in the background any more (the
# next reader computes them once), and after PRUNE_AFTER_DAYS they are deleted.
REFRESH_READ_WITHIN_DAYS = 7
PRUNE_AFTER_DAYS = 30

_direct: ContextVar[bool] = ContextVar("summaries_computed_directly", default=False)


@contextmanager
def computed_directly() -> Iterator[None]:
    """Inside, every summary is computed from the tables and the store is neither read nor
    written: the figures a page would show without the store, to compare it with."""
    token = _direct.set(True)
    try:
        yield
    finally:
        _direct.reset(token)


def bump(*topics: str) -> None:
    """Count a change to each topic, in the caller's transaction (call it inside the
    transaction that makes the change, so the count and the change commit together)."""
    SummaryChange.objects.bulk_create([SummaryChange(topic=topic) for topic in dict.fromkeys(topics)])
    _announce_on_commit()


def _announce() -> None:
    topics_changed.send(sender=Summary)


def _announce_on_commit() -> None:
    # One announcement per transaction however many rows it changes: a callback registered in a
    # savepoint that is rolled back is dropped by Django, so the list is exactly what will run.
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(entry[1] is _announce for entry in connection.run_on_commit):
        return
    transaction.on_commit(_announce)


def watch(
    model: type[models.Model], topics: Callable[[Any], Iterable[str]], *, fields: Iterable[str] = ()
) -> None:
    """Count every saved or deleted row of ``model`` as a change to ``topics(row)``. With
    ``fields``, a save that names the fields it writes (``update_fields``, as
    ``core.updates.model_update`` does) counts only when it writes one of them."""
    watched = frozenset(fields)

    def changed(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
        written = kwargs.get("update_fields")
        if watched and written is not None and not watched & set(written):
            return
        bump(*topics(instance))

    uid = f"summaries:{model._meta.label}"
    post_save.connect(changed, sender=model, weak=False, dispatch_uid=uid)
    post_delete.connect(changed, sender=model, weak=False, dispatch_uid=uid)


def versions(topics: Iterable[str]) -> dict[str, int]:
    """The current version of each topic (0 for one never changed): the changes folded in plus
    those not yet, in one statement, so that a fold committing meanwhile is seen whole or not
    at all (two queries could miss the rows it deleted and the count it added)."""
    names = sorted(set(topics))
    if not names:
        return {}
    quote = connection.ops.quote_name
    base, changes = quote(SummaryTopic._meta.db_table), quote(SummaryChange._meta.db_table)
    one = (
        f"SELECT %s, (SELECT COALESCE(SUM(version), 0) FROM {base} WHERE name = %s)"  # noqa: S608 - quoted names
        f" + (SELECT COUNT(*) FROM {changes} WHERE topic = %s)"
    )
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join([one] * len(names)), [n for name in names for n in (name,) * 3])
        return {str(name): int(version) for name, version in cursor.fetchall()}


def changes_fold() -> int:
    """Fold the counted changes into each topic's version (the sum stays the same), so that
    reading a version counts few rows. Folds of one topic queue on its row; writers never do."""
    folded = 0
    for topic in SummaryChange.objects.values_list("topic", flat=True).distinct().order_by("topic"):
        with transaction.atomic():
            SummaryTopic.objects.get_or_create(name=topic)
            row = SummaryTopic.objects.select_for_update().get(name=topic)
            pending = SummaryChange.objects.filter(topic=topic)
            last = pending.order_by("-id").values_list("id", flat=True).first()
            if last is None:  # another fold took them meanwhile
                continue
            # Changes committed after ``last`` keep their rows until the next fold.
            count, _ = pending.filter(id__lte=last).delete()
            SummaryTopic.objects.filter(name=topic).update(version=row.version + count)
            folded += count
    return folded


def _json(data: Any) -> Any:
    """``data`` as it comes back from the JSON column, so a fresh and a stored read are alike."""
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


class Summarised:
    """A function of JSON arguments whose JSON result is kept in ``Summary``; ``topics``
    names what its result depends on, from the same arguments."""

    def __init__(self, function: Callable[..., Any], topics: Callable[..., Iterable[str]]) -> None:
        self.function = function
        self.topics = topics
        self.path = f"{function.__module__}.{function.__qualname__}"
        self.__doc__ = function.__doc__

    def _key(self, arguments: dict[str, Any]) -> str:
        text = json.dumps([self.path, arguments], sort_keys=True, cls=DjangoJSONEncoder)
        return hashlib.sha256(text.encode()).hexdigest()

    def __call__(self, **arguments: Any) -> Any:
        if _direct.get():
            return self.direct(**arguments)
        arguments = _json(arguments)
        key = self._key(arguments)
        current = versions(self.topics(**arguments))
        today = timezone.localdate()
        row = Summary.objects.filter(key=key).values("pk", "versions", "data", "read_on").first()
        if row is not None and row["versions"] == current:
            if row["read_on"] != today:
                Summary.objects.filter(pk=row["pk"]).update(read_on=today)
            return row["data"]
        return self._compute(key, arguments, current, today)

    def direct(self, **arguments: Any) -> Any:
        """Computed from the tables now, without the store (what tests compare with)."""
        return _json(self.function(**_json(arguments)))

    def _compute(self, key: str, arguments: dict[str, Any], current: dict[str, int], read_on: dt.date) -> Any:
        data = _json(self.function(**arguments))
        Summary.objects.update_or_create(
            key=key,
            defaults={
                "function": self.path,
                "arguments": arguments,
                "versions": current,
                "data": data,
                "computed_at": timezone.now(),
                "read_on": read_on,
            },
        )
        return data

    def refresh(self, arguments: dict[str, Any], read_on: dt.date) -> None:
        """Compute again, keeping the day it was last read (a refresh is not a read)."""
        key = self._key(arguments)
        self._compute(key, arguments, versions(self.topics(**arguments)), read_on)


def summarised(topics: Callable[..., Iterable[str]]) -> Callable[[Callable[..., Any]], Summarised]:
    """Keep a function's results in the summary store (see the module's docstring)."""

    def decorate(function: Callable[..., Any]) -> Summarised:
        return Summarised(function, topics)

    return decorate


def summaries_refresh(*, today: dt.date | None = None) -> int:
    """Compute again every summary read lately whose topics have changed since; delete those
    nobody has read for a month. Returns how many were computed."""
    today = today or timezone.localdate()
    changes_fold()
    Summary.objects.filter(read_on__lt=today - dt.timedelta(days=PRUNE_AFTER_DAYS)).delete()
    recent = Summary.objects.filter(read_on__gte=today - dt.timedelta(days=REFRESH_READ_WITHIN_DAYS))
    computed = 0
    rows = recent.values_list("pk", "function", "arguments", "versions", "read_on")
    for pk, path, arguments, kept, read_on in list(rows):
        if versions(kept) == kept:
            continue
        try:
            function = import_string(path)
        except ImportError:  # a function renamed or removed in a later release
            function = None
        if not isinstance(function, Summarised):
            Summary.objects.filter(pk=pk).delete()
            continue
        function.refresh(arguments, read_on)
        computed += 1
    return computed
