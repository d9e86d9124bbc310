"""Fast bulk writes for the importer: one prepared statement run with ``executemany``.

Django's ``bulk_create`` and ``bulk_update`` build a model instance per row and compile SQL
for every batch, and SQLite's 999-parameter limit makes those batches small (about 25
residents), so at 100,000 rows most of the time goes on Python, not the database. Here rows
are plain dicts, the statement is built once, and the driver loops over the rows in C.
Values of plain fields (text, numbers, booleans, foreign keys) go as they are; anything else
goes through the field's own ``get_db_prep_save``, so what is stored is exactly what the ORM
would store. ``auto_now``/``auto_now_add`` dates are one timestamp for the whole write.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import islice
from types import SimpleNamespace
from typing import Any

from django.db import connections, models, router
from django.utils import timezone

ROWS_PER_CALL = 5000

_PLAIN = (models.CharField, models.TextField, models.BooleanField, models.IntegerField, models.ForeignKey)

Row = Mapping[str, Any]


def _batches(items: Iterable[Any], size: int) -> Iterable[list[Any]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


class Draft(SimpleNamespace):
    """A row being built, readable like a model instance by the ``*_set_keys`` services;
    a field it does not have reads as the model's default."""

    def __init__(self, model: type[models.Model], values: Row) -> None:
        super().__init__(**values)
        object.__setattr__(self, "_model", model)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return self._model._meta.get_field(name).get_default()

    def values(self) -> dict[str, Any]:
        return {k: v for k, v in vars(self).items() if k != "_model"}


class _Columns:
    """How each field of ``fields`` turns into a database value, decided once."""

    def __init__(
        self, model: type[models.Model], fields: Sequence[models.Field[Any, Any]], *, add: bool
    ) -> None:
        self.connection = connections[router.db_for_write(model)]
        self.fields = fields
        now = timezone.now()
        self.plans: list[tuple[str, Callable[[Any], Any] | None, bool, Any]] = []
        for field in fields:
            auto = getattr(field, "auto_now", False) or (add and getattr(field, "auto_now_add", False))
            convert = None if isinstance(field, _PLAIN) else self._prep(field)
            constant = (convert(now) if convert else now) if auto else None
            self.plans.append((field.attname, convert, auto, constant))

    def _prep(self, field: models.Field[Any, Any]) -> Callable[[Any], Any]:
        return lambda value: field.get_db_prep_save(value, self.connection)

    def values(self, row: Row, defaults: dict[str, Any]) -> list[Any]:
        out = []
        for attname, convert, auto, constant in self.plans:
            if auto:
                out.append(constant)
                continue
            value = row[attname] if attname in row else defaults[attname]
            out.append(value if convert is None else convert(value))
        return out


def insert_rows(model: type[models.Model], rows: Sequence[Row]) -> None:
    """INSERT ``rows`` ({attname: value}; missing fields take their defaults)."""
    if not rows:
        return
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    columns = _Columns(model, fields, add=True)
    defaults = {f.attname: f.get_default() for f in fields}
    quote = columns.connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(fields))})"
    )
    with columns.connection.cursor() as cursor:
        for batch in _batches(rows, ROWS_PER_CALL):
            cursor.executemany(sql, [columns.values(row, defaults) for row in batch])


def update_rows(model: type[models.Model], rows: Sequence[Row], field_names: Sequence[str]) -> None:
    """UPDATE the named fields (plus any ``auto_now`` date) of ``rows``, matched on "pk"."""
    if not rows:
        return
    meta = model._meta
    names = set(field_names)
    fields = [
        f
        for f in meta.concrete_fields
        if not f.primary_key and (f.name in names or f.attname in names or getattr(f, "auto_now", False))
    ]
    columns = _Columns(model, fields, add=False)
    quote = columns.connection.ops.quote_name
    assignments = ", ".join(f"{quote(f.column)} = %s" for f in fields)
    pk_column = quote(meta.pk.column)
    sql = f"UPDATE {quote(meta.db_table)} SET {assignments} WHERE {pk_column} = %s"  # noqa: S608
    with columns.connection.cursor() as cursor:
        for batch in _batches(rows, ROWS_PER_CALL):
            cursor.executemany(sql, [[*columns.values(row, {}), row["pk"]] for row in batch])
