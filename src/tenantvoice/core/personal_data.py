"""Subject access: everything held about one resident, assembled from every app's own part.

Each domain app declares what it holds about a resident in its own ``subject_access.py``:
one or more *sections*, each a title, a plain-words reason for holding it, and records of
label/value rows read by one function with a fixed number of queries (never one per row).
Models that point at a resident but are deliberately left out are declared there too, with
the reason. ``tests/portal/test_my_data_complete.py`` walks every model and fails when one
that refers to a resident is neither covered by a section nor left out with a reason, so a
new app cannot forget its part (decision 0016).

Adding a section is a few lines in the app::

    @section(key="hours", title="Time you gave outside meetings", why="...",
             empty="...", order=520, covers=[HoursLog])
    def hours(ctx: Context) -> list[Record]:
        return [Record([("Date", h.on), ("Hours", h.hours)]) for h in
                HoursLog.objects.filter(resident=ctx.resident)]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Union

from django.contrib.auth import get_user_model
from django.db import models
from django.http import HttpRequest
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from .audit import audit_record
from .models import AuditAction

if TYPE_CHECKING:
    from tenantvoice.accounts.models import User
    from tenantvoice.residents.models import Resident

# What a row may hold. The page shows each in words (dates as "4 December 2026"); the JSON
# file keeps dates and times in ISO 8601 so other programs can read them.
Value = Union[str, int, Decimal, bool, dt.date, dt.datetime, None, list[str]]  # noqa: UP007


@dataclass(frozen=True)
class Record:
    """One thing held (a tenancy, a message, a reply), as label/value rows in plain words.

    ``heading`` is for the page only and repeats what a row says, so the JSON file loses nothing.
    """

    rows: Sequence[tuple[str, Value]]
    heading: str = ""

    def as_dict(self) -> dict[str, Value]:
        """The rows as a JSON object; a label used twice (two questions worded alike) gets " (2)"."""
        result: dict[str, Value] = {}
        for label, value in self.rows:
            key, n = label, 1
            while key in result:
                n += 1
                key = f"{label} ({n})"
            result[key] = value
        return result


@dataclass(frozen=True)
class Context:
    """Who the export is about and who asked for it."""

    resident: Resident
    account: User | None
    viewer: Any
    request: HttpRequest | None
    today: dt.date

    @property
    def viewer_is_subject(self) -> bool:
        """True when the person reading is the resident themself (signed in to their account)."""
        return self.account is not None and getattr(self.viewer, "pk", None) == self.account.pk


Fetch = Callable[[Context], list[Record]]


@dataclass(frozen=True)
class SectionSpec:
    key: str
    title: str
    why: str
    empty: str
    order: int
    covers: tuple[type[models.Model], ...]
    fetch: Fetch
    # "list": each record as a summary list; "table": one row per record, its labels as columns.
    layout: str = "list"


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    why: str
    empty: str
    layout: str
    records: list[Record]

    @property
    def columns(self) -> list[str]:
        return [label for label, _ in self.records[0].rows] if self.records else []

    def as_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "why_we_hold_it": self.why,
            "records": [record.as_dict() for record in self.records],
        }


@dataclass(frozen=True)
class SubjectAccessExport:
    generated_at: dt.datetime
    landlord: str
    sections: list[Section] = field(default_factory=list)

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)

    def as_json(self) -> dict[str, Any]:
        return {
            "generated_at": self.generated_at,
            "landlord": self.landlord,
            "sections": {s.key: s.as_json() for s in self.sections},
        }


_SECTIONS: dict[str, SectionSpec] = {}
# (model label, field name) -> why that reference to a resident is not in the export.
_NOT_EXPORTED: dict[tuple[str, str], str] = {}
_discovered = False


def section(
    *,
    key: str,
    title: str,
    why: str,
    empty: str,
    order: int,
    covers: Iterable[type[models.Model]],
    layout: str = "list",
) -> Callable[[Fetch], Fetch]:
    """Register ``fetch`` as the section ``key``; ``covers`` lists the models it shows."""
    if layout not in ("list", "table"):
        raise ValueError(f"Unknown layout {layout!r}.")

    def register(fetch: Fetch) -> Fetch:
        existing = _SECTIONS.get(key)
        if existing is not None and existing.fetch.__qualname__ != fetch.__qualname__:
            raise ValueError(f"Two subject access sections are called {key!r}.")
        _SECTIONS[key] = SectionSpec(
            key=key,
            title=title,
            why=why,
            empty=empty,
            order=order,
            covers=tuple(covers),
            fetch=fetch,
            layout=layout,
        )
        return fetch

    return register


def not_exported(model: type[models.Model] | str, field_name: str, *, reason: str) -> None:
    """Declare that ``model.field_name`` refers to a resident but is left out, and why."""
    if not reason.strip():
        raise ValueError("Say why it is left out.")
    label = model if isinstance(model, str) else model._meta.label
    _NOT_EXPORTED[(label, field_name)] = reason


def _discover() -> None:
    global _discovered
    if not _discovered:
        autodiscover_modules("subject_access")
        _discovered = True


def section_specs() -> list[SectionSpec]:
    """Every registered section in page order."""
    _discover()
    return sorted(_SECTIONS.values(), key=lambda s: (s.order, s.key))


def exclusions() -> dict[tuple[str, str], str]:
    _discover()
    return dict(_NOT_EXPORTED)


def subject_access_export(
    *, resident: Resident, viewer: Any, request: HttpRequest | None = None, download: bool = False
) -> SubjectAccessExport:
    """Everything held about ``resident``, section by section, for the page and the JSON file.

    The look itself is audited here, before the sections are read, so it shows in the trail.
    Sections audit any further read they need to (equality answers are audited as such).
    """
    from .selectors import landlord_get

    audit_record(
        actor=viewer,
        action=AuditAction.EXPORT,
        object_type="resident",
        object_id=resident.pk,
        resident_id=resident.pk,
        request=request,
        summary=(
            "Resident downloaded everything held about them"
            if download
            else "Resident looked at everything held about them"
        ),
    )
    ctx = Context(
        resident=resident,
        # The swappable user model, so that core needs no import from the accounts app.
        account=get_user_model().objects.filter(resident=resident).first(),
        viewer=viewer,
        request=request,
        today=timezone.localdate(),
    )
    sections = [
        Section(
            key=spec.key,
            title=spec.title,
            why=spec.why,
            empty=spec.empty,
            layout=spec.layout,
            records=spec.fetch(ctx),
        )
        for spec in section_specs()
    ]
    return SubjectAccessExport(generated_at=timezone.now(), landlord=landlord_get().name, sections=sections)


# --- Small helpers sections share ---------------------------------------------------------


def label_of(choices: Iterable[tuple[Any, Any]], value: str) -> str:
    """A stored choice as its words ("sms" -> "Text message"); blank stays blank."""
    return str(dict(choices).get(value, value)) if value else ""


def local_date(value: dt.datetime | None) -> dt.date | None:
    return timezone.localtime(value).date() if value is not None else None
