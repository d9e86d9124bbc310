"""Reads the annual report's pages, PDF, letter and API share: each chapter with its figures as
drawn, its headlines and where the figures came from."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from tenantvoice.boardpacks.sections import charts_from_json
from tenantvoice.boardpacks.selectors import Source, source_of
from tenantvoice.core.charts import BarChart
from tenantvoice.core.tables import Table, tables_from_json

from .chapters import heading_of
from .models import AnnualReport, Chapter, ReportStatus

# Platform's choice: the headlines of each chapter a letter carries (the rest is on the web).
LETTER_HEADLINES = 3


@dataclass(frozen=True)
class ShownChapter:
    chapter: Chapter
    number: int
    heading: str
    headlines: list[str]
    tables: list[Table]
    charts: list[BarChart]
    source: Source

    @property
    def anchor(self) -> str:
        return f"chapter-{self.number}"


def reports_list() -> QuerySet[AnnualReport]:
    return AnnualReport.objects.select_related("approval_meeting", "approval_meeting__group").order_by(
        "-year"
    )


def reports_published() -> QuerySet[AnnualReport]:
    return AnnualReport.objects.filter(status=ReportStatus.PUBLISHED).order_by("-year")


def report_chapters(report: AnnualReport, *, included_only: bool = True) -> list[ShownChapter]:
    """The report's chapters in order with their figures as drawn (one query)."""
    chapters = report.chapters.order_by("order", "pk")
    if included_only:
        chapters = chapters.filter(included=True)
    return [
        ShownChapter(
            chapter,
            number,
            heading_of(chapter.kind),
            [str(line) for line in chapter.headlines],
            tables_from_json(chapter.tables),
            charts_from_json(chapter.charts),
            source_of(chapter.provenance),
        )
        for number, chapter in enumerate(chapters, start=1)
    ]


def report_headlines(report: AnnualReport, per_chapter: int = LETTER_HEADLINES) -> list[str]:
    """The main points for a letter: the first few headlines of each chapter in the report."""
    return [line for shown in report_chapters(report) for line in shown.headlines[:per_chapter]]
