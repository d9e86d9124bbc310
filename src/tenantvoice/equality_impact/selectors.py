"""Reading equality impact assessments: the register and one assessment with what its page
shows. Lists are one query (the subject's rows joined)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from tenantvoice.actions.models import Action
from tenantvoice.core.access import first_or_404
from tenantvoice.core.charts import BarChart
from tenantvoice.core.tables import Table

from .aspects import ASPECTS, PROFILE_CHARACTERISTICS, Aspect
from .models import DUE_FOR_REVIEW, Assessment, AssessmentStatus, Finding
from .profile import profile_chart, profile_table, score_words, snapshot_entries


def assessments_list(state: str = "", today: dt.date | None = None) -> QuerySet[Assessment]:
    """The register: every assessment (or those in ``state``, "due_for_review" included),
    those due for review first, then by review date (undated last), then the newest."""
    rows = Assessment.objects.select_related("owner", "consultation", "group")
    if state and today is not None:
        due = Q(status=AssessmentStatus.COMPLETED, review_on__lte=today)
        if state == DUE_FOR_REVIEW:
            rows = rows.filter(due)
        elif state == AssessmentStatus.COMPLETED:
            rows = rows.filter(status=AssessmentStatus.COMPLETED).exclude(due)
        else:
            rows = rows.filter(status=state)
    return rows.order_by("review_on", "-started_on", "-pk")


def assessment_get(pk: Any) -> Assessment:
    actions = Action.objects.top_level().select_related("owner_user").order_by("due_on", "pk")
    return first_or_404(
        Assessment.objects.select_related("owner", "consultation", "group").prefetch_related(
            Prefetch(
                "findings", Finding.objects.prefetch_related(Prefetch("actions", actions)).order_by("order")
            ),
            "reviews",
        ),
        "There is no such equality impact assessment.",
        pk=pk,
    )


def assessments_of(**subject: Any) -> list[Assessment]:
    """The assessments of one consultation or group (``consultation=`` or ``group=``), for a
    link from its page: one query."""
    return list(
        Assessment.objects.filter(**subject).order_by("-started_on", "-pk").only("pk", "title", "status")
    )


@dataclass(frozen=True)
class Figures:
    table: Table
    chart: BarChart
    score: str
    under_represented: list[str]
    chart_id: str


@dataclass(frozen=True)
class AspectRow:
    aspect: Aspect
    finding: Finding
    figures: list[Figures]
    actions: list[Action]


def _figures(entries: dict[str, dict[str, Any]], slug: str, population: str) -> Figures | None:
    entry = entries.get(slug)
    if entry is None:
        return None
    return Figures(
        table=profile_table(entry, population),
        chart=profile_chart(entry),
        score=score_words(entry),
        under_represented=list(entry.get("under_represented", [])),
        chart_id=f"chart-{slug.replace('_', '-')}",
    )


def aspect_rows(assessment: Assessment) -> list[AspectRow]:
    """Each characteristic with its finding, its figures from the snapshot and its mitigations."""
    entries = snapshot_entries(assessment.profile)
    population = assessment.profile.get("population", "")
    findings = {f.aspect: f for f in assessment.findings.all()}
    rows = []
    for aspect in ASPECTS:
        finding = findings.get(aspect.key)
        if finding is None:
            continue
        figures = [
            f for f in (_figures(entries, slug, population) for slug in aspect.figures) if f is not None
        ]
        rows.append(AspectRow(aspect, finding, figures, list(finding.actions.all())))
    return rows


def other_figures(assessment: Assessment) -> list[Figures]:
    """The rest of the affected population's profile: where and how they live, how they prefer
    to hear from us, caring responsibilities."""
    shown = {slug for a in ASPECTS for slug in a.figures}
    entries = snapshot_entries(assessment.profile)
    population = assessment.profile.get("population", "")
    found = (_figures(entries, slug, population) for slug in PROFILE_CHARACTERISTICS if slug not in shown)
    return [f for f in found if f is not None]


def all_mitigations(assessment: Assessment) -> int:
    return sum(len(f.actions.all()) for f in assessment.findings.all())


def assessment_tables(assessment: Assessment) -> list[Table]:
    """The assessment as tables, for its CSV and XLSX: the likely impact and evidence for each
    characteristic with its mitigations, then the affected population's kept figures (already
    suppressed when they were drawn)."""
    rows = aspect_rows(assessment)
    findings = Table(
        title=assessment.title,
        headers=["Characteristic", "Likely impact", "Evidence", "Mitigations"],
        rows=[
            [
                row.aspect.label,
                row.finding.get_impact_display() if row.finding.impact else "Not recorded yet",
                row.finding.evidence,
                "; ".join(action.title for action in row.actions),
            ]
            for row in rows
        ],
    )
    figures = [f.table for row in rows for f in row.figures] + [f.table for f in other_figures(assessment)]
    return [findings, *figures]
