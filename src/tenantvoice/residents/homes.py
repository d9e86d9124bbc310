"""Each resident's home by date, kept in ``ResidentHome`` (decision 0054).

"Who lived where on a date" is answered by the household memberships: a membership is current on
a day when its tenancy is and the member had joined and not left (``TenancyMember.objects
.current``, decision 0023), and someone with two current memberships that day lives in the one
recorded last. Asked of a million residents at once, that is a join of every membership with its
tenancy and property plus a search for each resident's last one: seconds on PostgreSQL. So the
answer is kept: a resident's memberships are cut into spans of days over which the same
membership is their home, one row a span, with the facts of that home. Counting residents by
tenure on a date is then one read of a narrow table.

The rows are rebuilt, never edited: :func:`refresh_homes` recomputes the named residents' rows
from their memberships. It is called

- by signals, whenever a membership, tenancy or property is saved or deleted one at a time, or
  a resident's date of birth (kept on the rows too) is saved (the register's services, the
  admin, factories in tests): :func:`connect_signals`;
- by the importer, for the residents a file touched (its writes are bulk and send no signal);
- by :func:`rebuild_homes`, for everyone: the migration that made the table and
  ``tenantvoice homes_rebuild``, which puts right anything written past the signals (a raw SQL
  fix, say).

Because each row carries its own dates, the table is right for any date, past or future, without
a daily refresh: a tenancy that ends on a date needs no write on that date.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import Any

from django.db import models
from django.db.models.signals import post_delete, post_save

from .bulk import insert_rows

# Residents refreshed per round trip: their memberships are read in one query and their rows
# deleted and inserted in one statement each.
CHUNK = 2000

# The columns of a membership that make a home: (pk, the member's start and end, the tenancy's
# start and end, tenure, type of home, urban or rural, area).
_COLUMNS = (
    "pk",
    "resident_id",
    "start_date",
    "end_date",
    "tenancy__start_date",
    "tenancy__end_date",
    "tenancy__tenure",
    "tenancy__property__property_type",
    "tenancy__property__location",
    "tenancy__property__area_id",
    "resident__date_of_birth",
)
_EARLIEST = dt.date.min
_LATEST = dt.date.max

Membership = tuple[Any, ...]


def _span(row: Membership) -> tuple[dt.date, dt.date] | None:
    """The days a membership is current: the member's dates within the tenancy's (open ends as
    the earliest and latest dates); None when they never overlap."""
    _pk, _resident, start, end, tenancy_start, tenancy_end = row[:6]
    first = max(start or _EARLIEST, tenancy_start or _EARLIEST)
    last = min(end or _LATEST, tenancy_end or _LATEST)
    return (first, last) if first <= last else None


def home_spans(memberships: Iterable[Membership]) -> list[dict[str, Any]]:
    """One resident's homes as rows of ``ResidentHome`` ({column: value}), from their
    memberships (rows of :data:`_COLUMNS`): the days are cut wherever any membership starts or
    ends, each piece is given to the covering membership recorded last (the highest key, as
    ``representation.characteristics`` has always chosen), and neighbouring pieces of the same
    membership are joined again. Days no membership covers get no row."""
    spans = [(span, row) for row in memberships if (span := _span(row)) is not None]
    if not spans:
        return []
    cuts = {first for (first, _), _ in spans if first != _EARLIEST}
    cuts |= {last + dt.timedelta(days=1) for (_, last), _ in spans if last != _LATEST}
    edges = [_EARLIEST, *sorted(cuts)]
    found: list[dict[str, Any]] = []
    for index, first in enumerate(edges):
        last = edges[index + 1] - dt.timedelta(days=1) if index + 1 < len(edges) else _LATEST
        covering = [row for (start, end), row in spans if start <= first and last <= end]
        if not covering:
            continue
        row = max(covering, key=lambda r: r[0])
        before = found[-1] if found else None
        if before and before["membership_id"] == row[0] and before["_last"] + dt.timedelta(days=1) == first:
            before["_last"] = last
            continue
        found.append(
            {
                "resident_id": row[1],
                "membership_id": row[0],
                "_first": first,
                "_last": last,
                "tenure": row[6],
                "property_type": row[7],
                "location": row[8] or "",
                "area_id": row[9],
                "date_of_birth": row[10],
            }
        )
    for home in found:
        first, last = home.pop("_first"), home.pop("_last")
        home["start_date"] = None if first == _EARLIEST else first
        home["end_date"] = None if last == _LATEST else last
    return found


def _models(apps: Any = None) -> tuple[Any, Any]:
    """(TenancyMember, ResidentHome): the migration's historical models when it passes ``apps``."""
    if apps is not None:
        return apps.get_model("residents", "TenancyMember"), apps.get_model("residents", "ResidentHome")
    from .models import ResidentHome, TenancyMember

    return TenancyMember, ResidentHome


def _chunks(ids: Iterable[int], size: int = CHUNK) -> Iterator[list[int]]:
    iterator = iter(ids)
    while chunk := list(islice(iterator, size)):
        yield chunk


def refresh_homes(resident_ids: Iterable[int], *, apps: Any = None) -> None:
    """Rebuild the homes of the residents named from their memberships as they are now. Call it
    inside the transaction that changed them, so the rows commit (or roll back) with the change."""
    member_model, home_model = _models(apps)
    for chunk in _chunks(sorted(set(resident_ids))):
        by_resident: dict[int, list[Membership]] = defaultdict(list)
        rows = member_model.objects.filter(resident_id__in=chunk).order_by().values_list(*_COLUMNS)
        for row in rows:
            by_resident[row[1]].append(row)
        home_model.objects.filter(resident_id__in=chunk).delete()
        insert_rows(home_model, [home for found in by_resident.values() for home in home_spans(found)])


def rebuild_homes(*, apps: Any = None) -> int:
    """Rebuild every resident's homes; returns how many rows there are now. One pass over the
    memberships in resident order (a server-side cursor on PostgreSQL), inserting as it goes."""
    member_model, home_model = _models(apps)
    home_model.objects.all().delete()
    rows = member_model.objects.order_by("resident_id").values_list(*_COLUMNS).iterator(chunk_size=20_000)
    pending: list[dict[str, Any]] = []
    made = 0
    current: list[Membership] = []
    for row in rows:
        if current and current[0][1] != row[1]:
            pending.extend(home_spans(current))
            current = []
        current.append(row)
        if len(pending) >= 5000:
            insert_rows(home_model, pending)
            made += len(pending)
            pending = []
    pending.extend(home_spans(current))
    insert_rows(home_model, pending)
    return made + len(pending)


def residents_of_tenancies(tenancy_ids: Sequence[int]) -> set[int]:
    from .models import TenancyMember

    found: set[int] = set()
    for chunk in _chunks(tenancy_ids):
        found.update(TenancyMember.objects.filter(tenancy_id__in=chunk).values_list("resident_id", flat=True))
    return found


def residents_of_properties(property_ids: Sequence[int]) -> set[int]:
    from .models import TenancyMember

    found: set[int] = set()
    for chunk in _chunks(property_ids):
        found.update(
            TenancyMember.objects.filter(tenancy__property_id__in=chunk).values_list("resident_id", flat=True)
        )
    return found


# The fields whose change moves a home (or, for a resident, is kept on it): anything else (a
# postcode, a role, a preference) leaves the rows as they are, so most saves cost nothing here.
_HOME_FIELDS = {
    "TenancyMember": {"start_date", "end_date", "resident", "resident_id", "tenancy", "tenancy_id"},
    "Tenancy": {"start_date", "end_date", "tenure", "property", "property_id"},
    "Property": {"property_type", "location", "area", "area_id"},
    "Resident": {"date_of_birth"},
}


def _changed(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    written = kwargs.get("update_fields")
    name = sender.__name__
    if written is not None and not _HOME_FIELDS[name] & set(written):
        return
    if name == "Resident":
        # A resident just made has no membership yet (and one deleted takes their rows with it).
        if not kwargs.get("created"):
            refresh_homes([instance.pk])
    elif name == "TenancyMember":
        refresh_homes([instance.resident_id])  # type: ignore[attr-defined]
    elif name == "Tenancy":
        refresh_homes(residents_of_tenancies([instance.pk]))
    else:
        refresh_homes(residents_of_properties([instance.pk]))


def connect_signals() -> None:
    """Keep the homes right through every single-row save and delete (called from the app's
    ``ready``). Deleting a tenancy deletes its memberships first, each with its own signal."""
    from .models import Property, Resident, Tenancy, TenancyMember

    for model in (TenancyMember, Tenancy, Property):
        uid = f"homes:{model._meta.label}"
        post_save.connect(_changed, sender=model, weak=False, dispatch_uid=uid)
        post_delete.connect(_changed, sender=model, weak=False, dispatch_uid=uid)
    # A resident's rows go with them (a cascade), so only a save is followed.
    post_save.connect(_changed, sender=Resident, weak=False, dispatch_uid="homes:residents.Resident")
