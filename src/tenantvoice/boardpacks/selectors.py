"""Reads the Board pack pages, the PDF and the API share: each section with its figures as
drawn, its charts and where the figures came from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from tenantvoice.activities.models import Activity, ActivityKind
from tenantvoice.core.charts import BarChart
from tenantvoice.core.tables import Table, tables_from_json

from .models import BoardPack, PackSection, PackStatus
from .sections import SECTIONS, charts_from_json, section_kind

# Meetings offered for a new pack: from half a year ago to a year ahead (platform's choice:
# a pack is written for a coming meeting, or catches up with one just held).
MEETINGS_BEFORE_DAYS = 183
MEETINGS_AHEAD_DAYS = 366


def meetings_for_packs(today: dt.date | None = None) -> QuerySet[Activity]:
    today = today or timezone.localdate()
    return (
        Activity.objects.filter(
            kind=ActivityKind.MEETING,
            cancelled=False,
            starts_at__date__gte=today - dt.timedelta(days=MEETINGS_BEFORE_DAYS),
            starts_at__date__lte=today + dt.timedelta(days=MEETINGS_AHEAD_DAYS),
        )
        .select_related("group")
        .order_by("starts_at", "pk")
    )


def meeting_pack(meeting: Activity) -> BoardPack | None:
    """The Board pack a meeting had: its final pack (the newest made final), else its newest
    draft. A report presented at the meeting went to the Board with it (decision 0051)."""
    packs = BoardPack.objects.filter(meeting=meeting)
    final = packs.filter(status=PackStatus.FINAL).order_by("-finalised_at", "-pk").first()
    return final or packs.order_by("-created_at", "-pk").first()


def pack_presentations(pack: BoardPack) -> QuerySet[Any]:
    """The timetable's reports recorded as presented with the pack: which duty and period."""
    return pack.presentations.select_related("duty", "duty__group").order_by(
        "duty__order", "duty__pk", "period_start"
    )


def packs_list() -> QuerySet[BoardPack]:
    return BoardPack.objects.select_related("meeting", "meeting__group").order_by("-created_at", "-pk")


@dataclass(frozen=True)
class Source:
    """Where a section's figures came from, in words."""

    what: str
    period: str
    filters: list[str]
    drawn_at: dt.datetime | None

    @property
    def words(self) -> str:
        drawn = f" Drawn on {timezone.localtime(self.drawn_at):%d/%m/%Y at %H:%M}." if self.drawn_at else ""
        filters = f" Filters: {'; '.join(self.filters)}." if self.filters else ""
        return f"{self.what}. Period: {self.period}.{filters}{drawn}"


@dataclass(frozen=True)
class ShownSection:
    section: PackSection
    number: int
    label: str
    tables: list[Table]
    charts: list[BarChart]
    source: Source

    @property
    def anchor(self) -> str:
        return f"section-{self.number}"


def source_of(provenance: dict[str, Any]) -> Source:
    drawn = parse_datetime(str(provenance.get("drawn_at", ""))) if provenance.get("drawn_at") else None
    return Source(
        what=str(provenance.get("what", "")),
        period=str(provenance.get("period", "")),
        filters=[str(f) for f in provenance.get("filters", [])],
        drawn_at=drawn,
    )


def label_of(kind: str) -> str:
    return section_kind(kind).label if kind in SECTIONS else kind


def pack_sections(pack: BoardPack) -> list[ShownSection]:
    """The pack's sections in order, with the figures as they were drawn (one query)."""
    return [
        ShownSection(
            section,
            number,
            label_of(section.kind),
            tables_from_json(section.tables),
            charts_from_json(section.charts),
            source_of(section.provenance),
        )
        for number, section in enumerate(pack.sections.order_by("order", "pk"), start=1)
    ]
