"""Cursor pages for every list (decision 0034): no ``COUNT(*)`` and no ``OFFSET``.

A page-numbered list counts the whole filtered table on every request and reads past every
earlier row for a late page: on a register of a million residents, both grow with the table.
A cursor page asks for the rows after the last one seen (``WHERE key > last ORDER BY key
LIMIT n``), which an index answers at the same cost on page 1 and page 20,000.

Each list keeps its order (the queryset's ``order_by``, or the caller's ``?ordering=``), made
total by the primary key. DRF's ``CursorPagination`` positions the cursor on the first ordering
field only and steps over ties with an offset it caps at 1,000, so ordering by a column that
many rows share (``updated_at`` after an import stamps thousands of rows with one time) would
loop or stop. So the cursor here carries the whole key, every ordering field and the primary
key, and the next page is the rows after it in that order: a keyset, exact however many rows tie.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db.models import F, Model, Q, QuerySet
from django.db.models.expressions import OrderBy
from rest_framework.exceptions import NotFound
from rest_framework.pagination import Cursor, CursorPagination, _reverse_ordering
from rest_framework.request import Request


class ApiPagination(CursorPagination):
    page_size = 50
    page_size_query_param = "page_size"
    # 500 keeps one response well under a few megabytes and one page's queries cheap.
    max_page_size = 500
    # The order when a list declares none; any list may order otherwise (see get_ordering).
    ordering = ("pk",)
    invalid_cursor_message = "This page link is not one the API gave out. Start again from the first page."

    def get_ordering(self, request: Request, queryset: QuerySet[Any], view: Any = None) -> tuple[str, ...]:
        """The list's own order (its ``order_by``, which ``?ordering=`` has already set when
        given), then the model's, then the primary key, ending with the primary key."""
        ordering = [str(field) for field in queryset.query.order_by] or list(
            queryset.model._meta.ordering or self.ordering
        )
        if not all(isinstance(field, str) and "__" not in field for field in ordering):
            raise TypeError(f"A cursor needs plain field names to order by, not {ordering!r}")
        key = []
        for field in ordering:
            name = field.lstrip("-")
            if name in ("pk", queryset.model._meta.pk.name):
                key.append(field.replace(name, "pk"))
                break  # the primary key is unique: nothing after it matters
            key.append(field)
        else:
            key.append("pk")
        return tuple(key)

    def paginate_queryset(
        self, queryset: QuerySet[Any], request: Request, view: Any = None
    ) -> list[Any] | None:
        self.request = request
        page_size = self.get_page_size(request)
        if not page_size:
            return None
        self.page_size = page_size
        self.base_url = request.build_absolute_uri()
        self.ordering = self.get_ordering(request, queryset, view)  # type: ignore[assignment]
        self.cursor = self.decode_cursor(request)
        reverse = bool(self.cursor and self.cursor.reverse)
        order = _reverse_ordering(self.ordering) if reverse else self.ordering
        rows = queryset.order_by(*(_sorted(queryset.model, field) for field in order))
        if self.cursor is None:
            results = list(rows[: page_size + 1])
        else:
            position: Any = self.cursor.position  # the stubs say int; DRF's own are text too
            results = []
            # The rows after the cursor in one part, or two when the first field's NULLs are
            # a block of their own after it; the second is read only if the first runs short.
            for part in self._after(queryset.model, order, self._values(position)):
                results += rows.filter(part)[: page_size + 1 - len(results)]
                if len(results) > page_size:
                    break
        page = results[:page_size]
        more = len(results) > page_size
        if reverse:
            page.reverse()
            self.has_next, self.has_previous = True, more
        else:
            self.has_next, self.has_previous = more, self.cursor is not None
        if not page:
            # Only after rows were removed between requests: there is nothing to step from.
            self.has_next = self.has_previous = False
        self.page = page
        return page

    def get_next_link(self) -> str | None:
        if not self.has_next or not self.page:
            return None
        return self.encode_cursor(Cursor(offset=0, reverse=False, position=self._position(self.page[-1])))

    def get_previous_link(self) -> str | None:
        if not self.has_previous or not self.page:
            return None
        return self.encode_cursor(Cursor(offset=0, reverse=True, position=self._position(self.page[0])))

    def _position(self, row: Model) -> Any:
        """The row's key as the cursor's position (text; typed Any as DRF's stubs say int)."""
        return json.dumps([_text(getattr(row, field.lstrip("-"))) for field in self.ordering])

    def _values(self, position: str | None) -> list[Any]:
        try:
            values = json.loads(position or "")
        except ValueError:
            raise NotFound(self.invalid_cursor_message) from None
        if not (
            isinstance(values, list)
            and len(values) == len(self.ordering)
            and all(v is None or isinstance(v, str | int) for v in values)
        ):
            # A link made for another ordering, or not made by us at all.
            raise NotFound(self.invalid_cursor_message)
        return values

    @staticmethod
    def _after(model: type[Model], order: Sequence[str], values: Sequence[Any]) -> list[Q]:
        """Rows after ``values`` in ``order``: greater on the first field, or equal on it and
        after on the rest. A NULL sorts first going up and last going down (see _sorted).

        As disjoint parts, in the order's order, each a range of an index on the first field:
        the database starts each from the index instead of reading every earlier row to test
        the OR below, so a late page costs what the first does. A nullable first field needs
        two parts where its NULLs come after the cursor (going down from a value, going up from
        a NULL): the values after it, then the block of NULLs (an OR of the two is no range).
        """
        first, start = order[0].lstrip("-"), values[0]
        going_down = order[0].startswith("-")
        condition = Q(pk__in=[])
        equal = Q()
        for field, value in zip(order, values, strict=True):
            name = field.lstrip("-")
            descending = field.startswith("-")
            if value is None:
                later = Q(**{f"{name}__isnull": False}) if not descending else Q(pk__in=[])
                same = Q(**{f"{name}__isnull": True})
            else:
                later = Q(**{f"{name}__{'lt' if descending else 'gt'}": value})
                if descending and _nullable(model, name):
                    later |= Q(**{f"{name}__isnull": True})
                same = Q(**{name: value})
            condition |= equal & later
            equal &= same
        nulls, values_only = Q(**{f"{first}__isnull": True}), Q(**{f"{first}__isnull": False})
        if start is None:
            # Among the NULLs: the NULLs after it, then (going up) every value.
            return [nulls & condition] if going_down else [nulls & condition, values_only]
        # Redundant with the condition, but it is the range the index is read from.
        guard = Q(**{f"{first}__{'lte' if going_down else 'gte'}": start})
        if going_down and _nullable(model, first):
            return [guard & condition, nulls]  # the values after it, then every NULL
        return [guard & condition]


def _sorted(model: type[Model], field: str) -> str | OrderBy:
    """``field`` for order_by, with a NULL as the smallest value on every database (SQLite's
    way; PostgreSQL's default is the other), so the cursor's comparisons hold on both."""
    name = field.lstrip("-")
    if not _nullable(model, name):
        return field
    return F(name).desc(nulls_last=True) if field.startswith("-") else F(name).asc(nulls_first=True)


def _nullable(model: type[Model], name: str) -> bool:
    return name != "pk" and bool(getattr(model._meta.get_field(name), "null", False))


def _text(value: Any) -> str | int | None:
    """A value as the cursor carries it (JSON), and as the ORM takes it back in a filter."""
    if value is None or isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Decimal | bool | str):
        return str(value)
    return str(getattr(value, "pk", value))
