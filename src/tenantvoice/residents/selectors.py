"""Reads of the resident register for officers' pages and reports.

Search follows decision 0004: normalised key columns compared as prefix ranges, which use a
plain B-tree index on SQLite and PostgreSQL alike (names in byte order, ``_in_byte_order``), and
keyset paging so that no page costs a COUNT(*) or an OFFSET over a million rows.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
from dataclasses import dataclass, replace
from typing import Any

from django.db import connection
from django.db.models import F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Collate
from django.http import HttpRequest
from django.utils import timezone

from tenantvoice.core.access import first_or_404
from tenantvoice.core.audit import audit_record
from tenantvoice.core.models import AuditAction

from .models import Area, EqualityProfile, ImportRun, Property, Resident, TenancyMember
from .normalise import postcode_key, prefix_upper_bound, search_key

PAGE_SIZE = 25
_POSTCODE_START = re.compile(r"^[A-Za-z]{1,2}[0-9][A-Za-z0-9]?(\s*[0-9][A-Za-z]{0,2})?$")


@dataclass(frozen=True)
class SearchPage:
    residents: list[Resident]
    next_cursor: str | None
    kind_of_search: str  # "name", "reference", "postcode" or "address": shown to the officer


def prefix_condition(field: str, prefix: str, *, byte_order: bool = False) -> Q:
    """``field`` starts with ``prefix``, as a range on the field's index (decision 0004). In a
    linguistic collation the range can hold false positives, which ``startswith`` drops; a field
    compared in byte order (``byte_order``, see ``_in_byte_order``) needs the range alone."""
    condition = Q(**{f"{field}__gte": prefix})
    if not byte_order:
        condition &= Q(**{f"{field}__startswith": prefix})
    bound = prefix_upper_bound(prefix)
    return condition & Q(**{f"{field}__lt": bound}) if bound is not None else condition


def _in_byte_order(field: str) -> Any:
    """A name key compared byte by byte. The keys are lower-case ASCII letters, digits and
    spaces (``search_key``), so in byte order a prefix is exactly a range: one predicate that
    the planner estimates from its statistics, and an index walked in the page's order. A
    linguistic collation (PostgreSQL's ICU or glibc ``en_GB``) can ignore spaces, which is
    why a range there needed ``startswith`` beside it (decision 0004), and two predicates on
    one column made PostgreSQL guess one row where there were 7,000 and sort them all.
    SQLite compares bytes already."""
    return Collate(F(field), "C") if connection.vendor == "postgresql" else F(field)


def _residents() -> QuerySet[Resident]:
    """Residents with their name keys in byte order, as ``lk`` and ``fk``: what search filters,
    orders and pages by (migration 0012 indexes them in that order on PostgreSQL)."""
    return Resident.objects.alias(lk=_in_byte_order("last_name_key"), fk=_in_byte_order("first_name_key"))


def _not_former(residents: QuerySet[Resident], on: dt.date) -> QuerySet[Resident]:
    """Those of ``residents`` living in one of our homes on ``on``, or never a tenancy member
    (applicants and service users): everyone but former residents.

    Written as two "first matching row" subqueries, not ``EXISTS ... OR NOT EXISTS``:
    PostgreSQL may answer an ``EXISTS`` inside an ``OR`` by hashing every current membership
    first (88,000 rows, 60 ms at 50,000 households) even when the page needs 26 residents; a
    correlated subquery that returns a value is always one index probe per resident read."""
    # Unordered: any one row answers, and the model's ordering would join and sort for nothing.
    home = TenancyMember.objects.current(on).filter(resident=OuterRef("pk")).order_by().values("pk")[:1]
    ever = TenancyMember.objects.filter(resident=OuterRef("pk")).order_by().values("pk")[:1]
    return residents.alias(home=Subquery(home), ever=Subquery(ever)).filter(
        Q(home__isnull=False) | Q(ever__isnull=True)
    )


def _encode(values: tuple[str, str, int]) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode()


class CursorInvalid(ValueError):
    """A page link's cursor that this code did not write (cut short, or crafted)."""


_LARGEST_ID = 2**63 - 1  # a BigAutoField on PostgreSQL and SQLite


def _decode(cursor: str) -> tuple[str, str, int]:
    """The (last name key, first name key, id) a cursor carries; CursorInvalid for anything else,
    including what the database would refuse (an id out of range, a NUL in a name)."""
    try:
        last, first, pk = json.loads(base64.urlsafe_b64decode(cursor.encode("ascii")).decode())
    except (ValueError, TypeError) as exc:  # binascii.Error and UnicodeError are ValueErrors
        raise CursorInvalid(cursor) from exc
    if not (isinstance(last, str) and isinstance(first, str) and type(pk) is int):
        raise CursorInvalid(cursor)
    if not 0 < pk <= _LARGEST_ID or "\x00" in last + first:
        raise CursorInvalid(cursor)
    return last, first, pk


@dataclass(frozen=True)
class _Filters:
    area: Area | None
    kind: str
    include_former: bool
    cursor: str
    limit: int


def resident_search(
    *,
    reader: Any,
    query: str,
    request: HttpRequest | None = None,
    **options: Any,
) -> SearchPage:
    """:func:`search_residents` for ``reader``, who is recorded in the audit log with the words
    searched for and how many were shown (the search, not each resident listed)."""
    page = search_residents(query=query, **options)
    audit_record(
        actor=reader,
        action=AuditAction.SEARCH,
        object_type="resident",
        summary=f"Searched for '{query.strip()[:100]}' ({len(page.residents)} shown)",
        request=request,
    )
    return page


def search_residents(
    *,
    query: str,
    area: Area | None = None,
    kind: str = "",
    include_former: bool = False,
    cursor: str = "",
    limit: int = PAGE_SIZE,
) -> SearchPage:
    """Residents matching a name, reference, postcode or first line of address.

    Every branch is shaped so that the database walks the (last name, first name) index in
    order and stops after ``limit`` rows, or starts from a short list of matching homes.
    """
    query = query.strip()
    words = search_key(query).split()
    if not words:
        return SearchPage([], None, "name")
    filters = _Filters(area, kind, include_former, cursor, limit)
    by_reference = _residents().filter(hms_ref__in={query, query.upper()})
    if by_reference.exists():
        return _page(by_reference, "reference", replace(filters, include_former=True))
    if _POSTCODE_START.match(query) and any(ch.isdigit() for ch in query[:4]):
        homes = Property.objects.filter(prefix_condition("postcode_key", postcode_key(query)))
        return _page(_living_at(homes), "postcode", filters)
    if query[:1].isdigit() or words[0] == "flat":
        homes = Property.objects.filter(prefix_condition("address_key", " ".join(words)))
        return _page(_living_at(homes), "address", filters)

    def name(alias: str, prefix: str) -> Q:  # the name keys are compared in byte order
        return prefix_condition(alias, prefix, byte_order=True)

    first, rest = words[0], " ".join(words[1:])
    if not rest:
        # One word is nearly always a last name; a first name is tried when no last name matches.
        readings = [(name("lk", first), "name"), (name("fk", first), "first name")]
    else:
        # "Ann Smith", then "Smith Ann": officers often type the last name first.
        readings = [
            (name("fk", first) & name("lk", rest), "name"),
            (name("lk", first) & name("fk", rest), "name"),
        ]
    page = SearchPage([], None, "name")
    for condition, reading in readings:
        page = _page(_residents().filter(condition), reading, filters)
        if page.residents or cursor:
            break
    return page


def _living_at(homes: QuerySet[Property]) -> QuerySet[Resident]:
    return _residents().filter(
        pk__in=TenancyMember.objects.filter(tenancy__property__in=homes).values("resident_id")
    )


def _page(residents: QuerySet[Resident], kind_of_search: str, filters: _Filters) -> SearchPage:
    today = timezone.localdate()
    area, kind, limit = filters.area, filters.kind, filters.limit
    if area is not None:
        in_area = TenancyMember.objects.current(today).filter(
            tenancy__property__area__in=Area.objects.filter(Q(pk=area.pk) | Q(path__startswith=area.path))
        )
        residents = residents.filter(pk__in=in_area.values("resident_id"))
    if kind:
        residents = residents.filter(kind=kind)
    if not filters.include_former:
        # Applicants and service users have no tenancy; "former" means a tenancy that ended.
        residents = _not_former(residents, today)
    after = _decode(filters.cursor) if filters.cursor else None
    if after is not None:
        last, first, pk = after
        residents = residents.filter(
            Q(lk__gt=last) | Q(lk=last, fk__gt=first) | Q(lk=last, fk=first, pk__gt=pk)
        )
    page = list(residents.order_by("lk", "fk", "pk").prefetch_related(_current_homes(today))[: limit + 1])
    next_cursor = None
    if len(page) > limit:
        page = page[:limit]
        tail = page[-1]
        next_cursor = _encode((tail.last_name_key, tail.first_name_key, tail.pk))
    return SearchPage(page, next_cursor, kind_of_search)


def _current_homes(on: dt.date) -> Prefetch[Any]:
    return Prefetch(
        "memberships",
        to_attr="current_memberships",
        queryset=TenancyMember.objects.current(on).select_related("tenancy__property"),
    )


def residents_for_picker(pks: list[int]) -> list[Resident]:
    """Residents already chosen in a picker, with their current home, to show them again.

    Not audited: the officer found them with an audited search a moment before."""
    today = timezone.localdate()
    return list(Resident.objects.filter(pk__in=pks).prefetch_related(_current_homes(today)))


def resident_with_record() -> QuerySet[Resident]:
    """Residents with everything the officer's record page shows, in a handful of queries."""
    others = TenancyMember.objects.select_related("resident").order_by("role", "resident__last_name")
    memberships = (
        TenancyMember.objects.select_related("tenancy__property__area")
        .prefetch_related(Prefetch("tenancy__members", queryset=others))
        .order_by("-tenancy__start_date")
    )
    return Resident.objects.select_related("account").prefetch_related(
        Prefetch("memberships", queryset=memberships), "invitations"
    )


def access_resident_for_staff(
    reader: Any,
    pk: object,
    *,
    summary: str = "Viewed the resident's record",
    request: HttpRequest | None = None,
    queryset: QuerySet[Resident] | None = None,
    via: str = "web",
) -> Resident:
    """A resident's record for an officer (or an API client), or Http404 (decision 0038).

    Personal data, so the look is recorded in the audit log as ``reader``'s, one row, with
    ``summary`` saying which page. ``queryset`` chooses the joins (the record page's by
    default; the API passes its own). The caller's ``require_capability`` (or the API's
    permission) has already said the reader may see residents at all."""
    residents = queryset if queryset is not None else resident_with_record()
    resident = first_or_404(residents, "There is no resident with that number.", pk=pk)
    audit_record(
        actor=reader,
        action=AuditAction.VIEW,
        object_type="resident",
        object_id=resident.pk,
        resident_id=resident.pk,
        summary=summary,
        via=via,
        request=request,
    )
    return resident


def memberships_current_and_past(resident: Resident) -> tuple[list[TenancyMember], list[TenancyMember]]:
    """The resident's household memberships (prefetched), split into current and past."""
    today = timezone.localdate()
    current: list[TenancyMember] = []
    past: list[TenancyMember] = []
    for membership in resident.memberships.all():
        (current if membership.is_current(today) else past).append(membership)
    return current, past


def area_search(query: str, *, limit: int) -> list[Area]:
    """Up to ``limit`` areas whose own name or full name starts with ``query``, in any case
    and punctuation ("oak" finds "North > Riverside > Oak Estate", and so does "north riv"),
    by full name. Two ranges on indexed keys (decision 0039): the cost is the matches', never
    the number of areas."""
    key = search_key(query)
    if not key:
        return []
    return list(
        Area.objects.filter(prefix_condition("name_key", key) | prefix_condition("full_name_key", key))
        .order_by("full_name")
        .only("pk", "name", "full_name")[:limit]
    )


def equality_consent_get(resident: Resident) -> EqualityProfile | None:
    """When and how the resident agreed to us keeping equality answers, without the answers.

    Only the consent columns are read, so the record page can say "answered with consent on
    <date>" to every officer while the answers stay on the administrators' audited page.
    """
    return (
        EqualityProfile.objects.filter(resident=resident)
        .only("pk", "resident_id", "consent_given_at", "consent_method")
        .first()
    )


def equality_profile_read(
    resident: Resident, *, reader: Any, summary: str, request: HttpRequest | None = None
) -> EqualityProfile | None:
    """The resident's equality answers (special category data); each look is audited."""
    profile = EqualityProfile.objects.filter(resident=resident).first()
    if profile is not None:
        audit_record(
            actor=reader,
            action=AuditAction.VIEW_EQUALITY,
            object_type="equality_profile",
            object_id=profile.pk,
            resident_id=resident.pk,
            summary=summary,
            request=request,
        )
    return profile


def import_errors_for_download(
    run: ImportRun, *, reader: Any, request: HttpRequest | None = None
) -> list[dict[str, Any]]:
    """An import's problems by row. They repeat values from the file (names, emails), so
    downloading them is audited."""
    audit_record(
        actor=reader,
        action=AuditAction.EXPORT,
        object_type="import",
        object_id=run.pk,
        summary=f"Downloaded the problems report of {run.original_name}",
        request=request,
    )
    return list(run.errors)


def current_memberships(resident: Resident) -> list[TenancyMember]:
    """The resident's current household memberships with tenancy, home and fellow members."""
    today = timezone.localdate()
    memberships = list(
        TenancyMember.objects.current(today)
        .filter(resident=resident)
        .select_related("tenancy__property__area")
        .order_by("-tenancy__start_date", "pk")
    )
    if not memberships:
        return []
    others = (
        TenancyMember.objects.current(today)
        .filter(tenancy__in=[m.tenancy_id for m in memberships])
        .exclude(resident=resident)
        .select_related("resident")
        .order_by("role", "pk")
    )
    by_tenancy: dict[int, list[TenancyMember]] = {}
    for other in others:
        by_tenancy.setdefault(other.tenancy_id, []).append(other)
    for membership in memberships:
        membership.other_members = by_tenancy.get(membership.tenancy_id, [])  # type: ignore[attr-defined]
    return memberships


def equality_profile_of(resident: Resident) -> EqualityProfile | None:
    return EqualityProfile.objects.filter(resident=resident).first()


def access_import_run_for_staff(pk: object, *, with_people: bool = False) -> ImportRun:
    """An import (or its check) for an officer who runs imports (decision 0038). Not audited:
    the page shows counts; downloading its problems, which repeat names, is audited by
    ``import_errors_for_download``. ``with_people`` joins who made it and the check it came from."""
    runs = (
        ImportRun.objects.select_related("created_by", "from_check")
        if with_people
        else ImportRun.objects.all()
    )
    return first_or_404(runs, "There is no such import.", pk=pk)
