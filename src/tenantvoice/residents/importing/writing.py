"""Writing (phase 2, inside the caller's transaction): the existing records for the file's
references loaded with ``values_list`` in chunks, compared in Python, the new ones inserted and
only the changed ones updated in bulk; for a full extract, what is no longer in it ended."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils import timezone

from tenantvoice.core.spreadsheets import RowError
from tenantvoice.core.summaries import bump

from ..bulk import Draft, insert_rows, update_rows
from ..homes import refresh_homes, residents_of_properties, residents_of_tenancies
from ..models import Area, MemberRole, Property, Resident, Tenancy, TenancyMember
from ..services import AREA_LEVEL_ORDER, AREA_SEPARATOR, property_set_keys, resident_set_keys
from .checking import CheckedFile, Progress
from .rows import KEEP, PROPERTY_COLUMNS, TENANCY_COLUMNS

# Chunk of references per ``IN (...)`` query: well under every SQLite build's variable limit.
LOOKUP_CHUNK = 900


def _chunks(items: Sequence[Any], size: int = LOOKUP_CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _existing(
    model: type[models.Model], refs: Sequence[str], fields: Sequence[str], key: str = "hms_ref"
) -> dict[Any, tuple[Any, ...]]:
    """{ref: (pk, *fields)} for the given references, in chunked ``IN`` queries."""
    found: dict[Any, tuple[Any, ...]] = {}
    for chunk in _chunks(list(refs)):
        for row in model._default_manager.filter(**{f"{key}__in": chunk}).values_list(key, "pk", *fields):
            found[row[0]] = row[1:]
    return found


def _new_pks(model: type[models.Model], refs: list[str]) -> dict[str, int]:
    """The ids the database gave the inserted records, looked up by their references."""
    return {ref: row[0] for ref, row in _existing(model, refs, ()).items()}


def _counts() -> dict[str, int]:
    return {"added": 0, "updated": 0, "unchanged": 0}


@dataclass
class ImportResult:
    status: str  # an ImportStatus value
    rows_total: int = 0
    rows_imported: int = 0
    rows_skipped: int = 0
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)
    message: str = ""
    notes: list[str] = field(default_factory=list)
    # A dry run found that the import would end many tenancies: confirming needs a tick.
    many_ended: bool = False

    @property
    def error_count(self) -> int:
        return len(self.errors)

    @property
    def summary(self) -> dict[str, Any]:
        return {
            "rows_total": self.rows_total,
            "rows_imported": self.rows_imported,
            "rows_skipped": self.rows_skipped,
            "counts": self.counts,
            "notes": self.notes,
            "many_ended": self.many_ended,
        }

    def summary_lines(self) -> list[str]:
        lines = [f"Rows: {self.rows_total} read, {self.rows_imported} imported, {self.rows_skipped} skipped."]
        for noun, counts in self.counts.items():
            parts = [f"{n} {label}" for label, n in counts.items()]
            lines.append(f"{noun.capitalize()}: {', '.join(parts)}.")
        return lines


class _Writer:
    def __init__(
        self, checked: CheckedFile, *, full_extract: bool, as_of: dt.date, progress: Progress | None
    ) -> None:
        self.checked = checked
        self.full_extract = full_extract
        self.as_of = as_of
        # End dates are inclusive (the last day of the tenancy): what an extract of ``as_of``
        # no longer lists ended the day before.
        self.last_day = as_of - dt.timedelta(days=1)
        self.now = timezone.now()
        self.progress = progress
        self.counts: dict[str, dict[str, int]] = {
            "areas": {"added": 0},
            "properties": _counts(),
            "tenancies": {**_counts(), "ended": 0},
            "residents": _counts(),
            "memberships": {**_counts(), "ended": 0},
        }
        self.areas: dict[str, tuple[int, str]] = {}

    def run(self) -> None:
        areas_before = Area.objects.count()
        property_pks = self._properties()
        # A new path may add its parents too ("North > Riverside" adds North if missing).
        self.counts["areas"]["added"] = Area.objects.count() - areas_before
        tenancy_pks = self._tenancies(property_pks)
        resident_pks = self._residents()
        self._memberships(tenancy_pks, resident_pks)
        ended: list[int] = []
        if self.full_extract:
            ended = self._end_absent_tenancies()
        # The homes kept by date (decision 0054) of everyone the file could have moved: its
        # people, everyone in its homes, and the members of the tenancies it ended.
        refresh_homes(
            set(resident_pks.values())
            | residents_of_properties(sorted(property_pks.values()))
            | residents_of_tenancies(ended)
        )
        # The rows above are written in bulk, which sends no signal: one change for the whole
        # file, in its transaction (decision 0040).
        bump("register", "areas")

    def _area_id(self, path: str | None) -> int | None:
        """The id of the area at ``path``, creating it and any missing parents."""
        if path is None:
            return None
        if not self.areas:
            # Areas number in the thousands at most: load them all once.
            self.areas = {
                name: (pk, tree) for name, pk, tree in Area.objects.values_list("full_name", "pk", "path")
            }
        if path not in self.areas:
            parent: tuple[int, str] | None = None
            names = path.split(AREA_SEPARATOR)
            for depth in range(len(names)):
                full_name = AREA_SEPARATOR.join(names[: depth + 1])
                if full_name not in self.areas:
                    area = Area.objects.create(
                        name=names[depth],
                        full_name=full_name,
                        parent_id=parent[0] if parent else None,
                        level=AREA_LEVEL_ORDER[min(depth, len(AREA_LEVEL_ORDER) - 1)],
                    )
                    tree = f"{parent[1] if parent else '/'}{area.pk}/"
                    Area.objects.filter(pk=area.pk).update(path=tree)
                    self.areas[full_name] = (area.pk, tree)
                parent = self.areas[full_name]
        return self.areas[path][0]

    def _sync(
        self,
        model: type[models.Model],
        targets: dict[str, dict[str, Any]],
        set_keys: Callable[[Any], None] | None,
        key_fields: Sequence[str],
        counts: dict[str, int],
    ) -> dict[str, int]:
        """Create the missing and update the changed; returns {ref: pk} for every target.

        ``targets`` holds, per reference, the field values from the file; KEEP means "keep
        what is stored" (or the model's default for a new record).
        """
        if not targets:
            return {}
        fields = sorted({name for values in targets.values() for name in values} | set(key_fields))
        existing = _existing(model, list(targets), fields)
        to_create: list[dict[str, Any]] = []
        to_update: list[dict[str, Any]] = []
        pks: dict[str, int] = {}
        for ref, values in targets.items():
            given = {k: v for k, v in values.items() if v is not KEEP}
            stored = existing.get(ref)
            if stored is None:
                draft = Draft(model, {"hms_ref": ref, **given})
                if set_keys:
                    set_keys(draft)
                to_create.append(draft.values())
                continue
            pk, *old = stored
            pks[ref] = pk
            before = dict(zip(fields, old, strict=True))
            draft = Draft(model, {**before, **given})
            if set_keys:
                set_keys(draft)
            after = draft.values()
            if after != before:
                to_update.append({**after, "pk": pk})
            else:
                counts["unchanged"] += 1
        insert_rows(model, to_create)
        counts["added"] += len(to_create)
        pks.update(_new_pks(model, [row["hms_ref"] for row in to_create]))
        update_rows(model, to_update, fields)
        counts["updated"] += len(to_update)
        return pks

    def _properties(self) -> dict[str, int]:
        targets: dict[str, dict[str, Any]] = {}
        for ref, definition in self.checked.properties.items():
            values = {PROPERTY_COLUMNS[c]: v for c, v in definition.values.items() if c in PROPERTY_COLUMNS}
            if "area_id" in values:
                values["area_id"] = self._area_id(values["area_id"])
            targets[ref] = values
        # The search keys are derived from these, so they are loaded even if the file lacks them.
        keys = ("postcode", "address_line_1", "postcode_key", "address_key")
        return self._sync(Property, targets, property_set_keys, keys, self.counts["properties"])

    def _tenancies(self, property_pks: dict[str, int]) -> dict[str, int]:
        # Properties referenced but not described by a good row (good_rows_only) may already exist.
        referenced = {d.values["property_ref"] for d in self.checked.tenancies.values()}
        unknown = [ref for ref in referenced if ref not in property_pks]
        property_pks.update({ref: row[0] for ref, row in _existing(Property, unknown, ()).items()})
        targets: dict[str, dict[str, Any]] = {}
        for ref, definition in self.checked.tenancies.items():
            values = {TENANCY_COLUMNS[c]: v for c, v in definition.values.items() if c in TENANCY_COLUMNS}
            values["property_id"] = property_pks[definition.values["property_ref"]]
            targets[ref] = values
        return self._sync(Tenancy, targets, None, (), self.counts["tenancies"])

    def _residents(self) -> dict[str, int]:
        targets: dict[str, dict[str, Any]] = {}
        for person in self.checked.people:
            values = dict(person.values)
            channel = values.get("preferred_channel")
            if channel and channel is not KEEP:
                values[f"accepts_{channel}"] = True
            targets[person.ref] = values
        return self._sync(
            Resident,
            targets,
            resident_set_keys,
            ("first_name", "preferred_name", "last_name", "first_name_key", "last_name_key"),
            self.counts["residents"],
        )

    def _memberships(self, tenancy_pks: dict[str, int], resident_pks: dict[str, int]) -> None:
        counts = self.counts["memberships"]
        wanted: dict[tuple[int, int], tuple[str | None, dt.date | None]] = {}
        for person in self.checked.people:
            if person.tenancy_ref:
                pair = (tenancy_pks[person.tenancy_ref], resident_pks[person.ref])
                wanted[pair] = (person.role, person.tenancy_end)
        if not wanted:
            return
        existing: dict[tuple[int, int], tuple[int, str, dt.date | None]] = {}
        for chunk in _chunks(sorted({t for t, _ in wanted})):
            for pk, tenancy_id, resident_id, stored_role, stored_end in TenancyMember.objects.filter(
                tenancy_id__in=chunk
            ).values_list("pk", "tenancy_id", "resident_id", "role", "end_date"):
                existing[(tenancy_id, resident_id)] = (pk, stored_role, stored_end)
        to_create: list[dict[str, Any]] = []
        to_update: list[dict[str, Any]] = []
        for (tenancy_id, resident_id), (role, end) in wanted.items():
            stored = existing.get((tenancy_id, resident_id))
            if stored is None:
                to_create.append(
                    {
                        "tenancy_id": tenancy_id,
                        "resident_id": resident_id,
                        "role": role or MemberRole.TENANT,
                        "end_date": end,
                    }
                )
            elif (role or stored[1], end) != stored[1:]:
                to_update.append({"pk": stored[0], "role": role or stored[1], "end_date": end})
            else:
                counts["unchanged"] += 1
        insert_rows(TenancyMember, to_create)
        update_rows(TenancyMember, to_update, ["role", "end_date"])
        counts["added"] += len(to_create)
        counts["updated"] += len(to_update)
        if self.full_extract:
            # Someone who has left a household that carries on: the file no longer lists them.
            candidates = {
                pair: stored[0]
                for pair, stored in existing.items()
                if pair not in wanted and _open(stored[2], self.as_of)
            }
            spared = self._pairs_named_on_bad_rows(list(candidates))
            gone = [pk for pair, pk in candidates.items() if pair not in spared]
            for chunk in _chunks(gone):
                counts["ended"] += TenancyMember.objects.filter(pk__in=chunk).update(end_date=self.last_day)

    def _pairs_named_on_bad_rows(self, pairs: list[tuple[int, int]]) -> set[tuple[int, int]]:
        """The (tenancy, resident) pairs that a bad row skipped under good_rows_only still names."""
        if not self.checked.bad_rows or not pairs:
            return set()
        tenancy_refs: dict[int, str] = {}
        for chunk in _chunks(sorted({t for t, _ in pairs})):
            tenancy_refs.update(Tenancy.objects.filter(pk__in=chunk).values_list("pk", "hms_ref"))
        person_refs: dict[int, str] = {}
        for chunk in _chunks(sorted({r for _, r in pairs})):
            person_refs.update(
                (pk, ref or "")
                for pk, ref in Resident.objects.filter(pk__in=chunk).values_list("pk", "hms_ref")
            )
        return {
            pair for pair in pairs if (tenancy_refs[pair[0]], person_refs[pair[1]]) in self.checked.seen_pairs
        }

    def _end_absent_tenancies(self) -> list[int]:
        """End the current tenancies the full extract no longer lists; returns their keys."""
        seen = self.checked.seen_tenancies
        current = Tenancy.objects.current(self.as_of).values_list("pk", "hms_ref")
        gone = [pk for pk, ref in current.iterator(chunk_size=5000) if ref not in seen]
        for chunk in _chunks(gone):
            self.counts["tenancies"]["ended"] += Tenancy.objects.filter(pk__in=chunk).update(
                end_date=self.last_day, updated_at=self.now
            )
            self.counts["memberships"]["ended"] += TenancyMember.objects.filter(
                Q(end_date__isnull=True) | Q(end_date__gte=self.as_of),
                tenancy_id__in=chunk,
            ).update(end_date=self.last_day)
        return gone


def _open(end: dt.date | None, on: dt.date) -> bool:
    return end is None or end >= on
