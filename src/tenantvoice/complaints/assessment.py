"""The year's self-assessment against the Complaint Handling Code and the annual complaints
performance and service improvement report: recorded, presented to the governing body at a
recorded meeting with its response, and published (REGULATION.md: "Every year: a
self-assessment against each provision of the Code (Appendix A) with evidence and actions for
any non-compliance, and a complaints performance and service improvement report ..., both to
the governing body, whose response is published alongside them").

The Code's provisions come from ``data/ombudsman_code_2024.toml``, whose list is INCOMPLETE (its
``[coverage]`` note): the assessment copies what is there, the page says the list is
incomplete, and the landlord adds the provisions that are missing in the Code's own words
(:func:`assessment_provision_add`); nothing here makes up a provision's text.

Every service writes an audit row (decision 0021).
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from tenantvoice.actions.models import Action
from tenantvoice.actions.services import action_create
from tenantvoice.activities.models import Activity
from tenantvoice.core.audit import audit_record
from tenantvoice.core.errors import DomainError
from tenantvoice.core.models import AuditAction
from tenantvoice.core.updates import model_update

from .models import (
    AnnualReport,
    Compliance,
    GovernanceRecord,
    RecordStatus,
    SelfAssessment,
    SelfAssessmentItem,
    Wording,
)

CODE_DATA = Path(__file__).parent / "data" / "ombudsman_code_2024.toml"


class AssessmentError(DomainError):
    """A self-assessment or annual report step that cannot be recorded, said so the officer can
    put it right."""


@dataclass(frozen=True)
class Provision:
    number: str
    section: str
    text: str
    wording: str
    partial: bool
    source: str


@dataclass(frozen=True)
class CodeProvisions:
    title: str
    version: str
    url: str
    complete: bool
    coverage_note: str
    provisions: tuple[Provision, ...]
    sections: tuple[tuple[str, str], ...]


@lru_cache(maxsize=1)
def code_provisions() -> CodeProvisions:
    """The Code's provisions for the self-assessment, as the data file gives them."""
    with CODE_DATA.open("rb") as f:
        data = tomllib.load(f)
    coverage = data.get("coverage", {})
    return CodeProvisions(
        title=str(data["source"]["title"]),
        version=str(data["source"].get("version", "")),
        url=str(data["source"].get("url", "")),
        complete=bool(coverage.get("complete", False)),
        coverage_note=str(coverage.get("note", "")),
        provisions=tuple(
            Provision(
                number=str(p["number"]),
                section=str(p["section"]),
                text=str(p["text"]),
                wording=str(p.get("wording", "quoted")),
                partial=bool(p.get("partial", False)),
                source=str(p.get("source", "")),
            )
            for p in data.get("provisions", [])
        ),
        sections=tuple((str(s["number"]), str(s["title"])) for s in data.get("sections", [])),
    )


def provision_order(number: str) -> int:
    """Where a provision sits: 6.10 after 6.9 (numbers compared as numbers)."""
    parts = [int(p) if p.isdigit() else 0 for p in number.split(".")] + [0, 0]
    return parts[0] * 1000 + parts[1]


def _audit(by: Any, action: AuditAction, record: GovernanceRecord, summary: str, **extra: Any) -> None:
    kind = "complaints_self_assessment" if isinstance(record, SelfAssessment) else "complaints_annual_report"
    audit_record(actor=by, action=action, object_type=kind, object_id=record.pk, summary=summary, **extra)


def _user(by: Any) -> Any:
    return by if getattr(by, "is_authenticated", False) else None


def _year(year: int) -> None:
    today = timezone.localdate()
    if not 2000 <= year <= (today.year if today.month >= 4 else today.year - 1):
        raise AssessmentError("Choose a reporting year that has begun.", field="year")


# --- The self-assessment ---------------------------------------------------------------------


@transaction.atomic
def assessment_start(*, year: int, by: Any = None) -> SelfAssessment:
    """Begin the year's self-assessment: one item per provision in the data, its words copied
    (so a later change of the data leaves this year's record as it was)."""
    _year(year)
    if SelfAssessment.objects.filter(year=year).exists():
        raise AssessmentError("This year's self-assessment has already been started.", field="year")
    assessment = SelfAssessment.objects.create(year=year, created_by=_user(by))
    SelfAssessmentItem.objects.bulk_create(
        SelfAssessmentItem(
            assessment=assessment,
            number=p.number,
            section=p.section,
            order=provision_order(p.number),
            text=p.text,
            wording=p.wording if p.wording in Wording.values else Wording.QUOTED,
            partial=p.partial,
            source=p.source,
        )
        for p in code_provisions().provisions
    )
    _audit(by, AuditAction.CREATE, assessment, f"{assessment} started")
    return assessment


def _draft(assessment: GovernanceRecord) -> None:
    """The provisions are kept as presented: what the governing body saw is what is published."""
    if assessment.status != RecordStatus.DRAFT:
        raise AssessmentError(
            "It has been presented to the governing body, so its provisions can no longer be changed."
        )


def _not_published(assessment: GovernanceRecord) -> None:
    if assessment.is_published:
        raise AssessmentError(
            f"It was published on {assessment.published_on:%d/%m/%Y} and can no longer be changed."
        )


@transaction.atomic
def assessment_provision_add(
    *, assessment: SelfAssessment, number: str, section: str, text: str, source: str = "", by: Any = None
) -> SelfAssessmentItem:
    """Add a provision the data is missing, in the Code's own words as the landlord copies them."""
    _draft(assessment)
    number, section, text = number.strip(), section.strip(), text.strip()
    if not number or not all(p.isdigit() for p in number.split(".")):
        raise AssessmentError("Give the provision's number as the Code numbers it, e.g. 8.1.", field="number")
    if not text:
        raise AssessmentError("Copy the provision's words from the Code.", field="text")
    if assessment.items.filter(number=number).exists():
        raise AssessmentError(f"Provision {number} is already in the assessment.", field="number")
    if not section:
        major = number.split(".")[0]
        section = next((f"{n} {t}" for n, t in code_provisions().sections if n == major), major)
    item = SelfAssessmentItem.objects.create(
        assessment=assessment,
        number=number,
        section=section,
        order=provision_order(number),
        text=text,
        wording=Wording.LANDLORD,
        source=source.strip(),
    )
    _audit(by, AuditAction.UPDATE, assessment, f"Provision {number} added to {assessment}")
    return item


@transaction.atomic
def assessment_item_save(
    *, item: SelfAssessmentItem, compliance: str, evidence: str, commentary: str = "", by: Any = None
) -> SelfAssessmentItem:
    """Record whether the landlord meets a provision, the evidence, and any commentary."""
    _draft(item.assessment)
    if compliance not in Compliance.values:
        raise AssessmentError(
            "Choose whether you comply, partly comply or do not comply.", field="compliance"
        )
    evidence = evidence.strip()
    if not evidence:
        raise AssessmentError(
            "Give the evidence (for example the policy section, the report or the figure).", field="evidence"
        )
    changes = model_update(
        item,
        ("compliance", "evidence", "commentary"),
        {"compliance": compliance, "evidence": evidence, "commentary": commentary.strip()},
    )
    _audit(
        by,
        AuditAction.UPDATE,
        item.assessment,
        f"Provision {item.number}: {item.get_compliance_display()}",
        changes=changes,
    )
    return item


@transaction.atomic
def assessment_action_add(
    *,
    item: SelfAssessmentItem,
    title: str,
    due_on: dt.date,
    owner_name: str = "",
    owner_user: Any = None,
    by: Any = None,
) -> Action:
    """An action, with its date, to meet a provision not (or only partly) met: into the tracker."""
    if item.compliance not in (Compliance.PARTLY, Compliance.NO):
        raise AssessmentError(
            "Record that the provision is not met, or only partly, before adding actions to meet it.",
            field="title",
        )
    if not title.strip():
        raise AssessmentError("Say what will be done.", field="title")
    if due_on is None:
        raise AssessmentError("Give the date it will be done by.", field="due_on")
    action = action_create(
        title=title,
        source=item,
        due_on=due_on,
        owner_name=owner_name,
        owner_user=owner_user,
        public=True,
        by=by,
    )
    _audit(by, AuditAction.UPDATE, item.assessment, f"Action for provision {item.number}: {action.title}")
    return action


def unassessed(assessment: SelfAssessment) -> list[str]:
    return list(assessment.items.filter(compliance="").values_list("number", flat=True))


def without_actions(assessment: SelfAssessment) -> list[str]:
    """Provisions not fully met that have no action to meet them."""
    return list(
        assessment.items.filter(compliance__in=[Compliance.PARTLY, Compliance.NO], actions__isnull=True)
        .values_list("number", flat=True)
        .distinct()
    )


# --- The annual report -----------------------------------------------------------------------


@transaction.atomic
def annual_report_save(
    *,
    year: int,
    commentary: str = "",
    member_responsible: str = "",
    member_responsible_user: Any = None,
    by: Any = None,
) -> AnnualReport:
    """Start or change the year's annual report: the commentary and the Member Responsible for
    Complaints (a name, and their account if they read the reports here)."""
    _year(year)
    report = AnnualReport.objects.filter(year=year).first()
    data = {
        "commentary": commentary.strip(),
        "member_responsible": member_responsible.strip(),
        "member_responsible_user": _user(member_responsible_user),
    }
    if report is None:
        report = AnnualReport.objects.create(year=year, created_by=_user(by), **data)
        _audit(by, AuditAction.CREATE, report, f"{report} started")
        return report
    _not_published(report)
    changes = model_update(report, tuple(data), data)
    _audit(by, AuditAction.UPDATE, report, f"{report} changed", changes=changes)
    return report


# --- Presenting and publishing: both records -------------------------------------------------


def _figures(record: GovernanceRecord) -> list[dict[str, Any]]:
    """What is kept as presented: the annual report's figures, or the assessment's table."""
    from tenantvoice.core.reporting_year import ReportingYear
    from tenantvoice.core.tables import tables_to_json

    from .report import annual_tables, figures

    if isinstance(record, AnnualReport):
        return tables_to_json(annual_tables(figures(ReportingYear(record.year), public=True), public=True))
    return []


@transaction.atomic
def record_present(
    *, record: GovernanceRecord, meeting: Activity, response: str, by: Any = None
) -> GovernanceRecord:
    """Record the meeting of the governing body it was presented at and the body's response.
    The annual report's figures are kept as presented: residents read what the body saw."""
    _not_published(record)
    response = response.strip()
    if meeting is None:
        raise AssessmentError("Choose the meeting it was presented at.", field="meeting")
    if not response:
        raise AssessmentError(
            "Give the governing body's response: it is published alongside.", field="response"
        )
    if isinstance(record, SelfAssessment):
        missing = unassessed(record)
        if missing:
            raise AssessmentError(
                "Assess every provision before presenting it; not yet assessed: " + ", ".join(missing) + "."
            )
        no_action = without_actions(record)
        if no_action:
            raise AssessmentError(
                "Add an action with a date for each provision not fully met; none yet for: "
                + ", ".join(no_action)
                + "."
            )
    changes = model_update(
        record,
        ("presented_at", "governing_body_response", "status", "figures"),
        {
            "presented_at": meeting,
            "governing_body_response": response,
            "status": RecordStatus.PRESENTED,
            "figures": _figures(record),
        },
    )
    changes.pop("figures", None)
    _audit(by, AuditAction.UPDATE, record, f"{record} presented at {meeting}", changes=changes)
    return record


@transaction.atomic
def record_publish(
    *, record: GovernanceRecord, published_on: dt.date | None = None, by: Any = None
) -> GovernanceRecord:
    """Publish it, with the governing body's response, on the public pages."""
    _not_published(record)
    if record.status != RecordStatus.PRESENTED or record.presented_at_id is None:
        raise AssessmentError("Present it to the governing body and record its response first.")
    published_on = published_on or timezone.localdate()
    if published_on > timezone.localdate():
        raise AssessmentError("The date of publication cannot be in the future.", field="published_on")
    model_update(
        record, ("published_on", "status"), {"published_on": published_on, "status": RecordStatus.PUBLISHED}
    )
    _audit(by, AuditAction.UPDATE, record, f"{record} published")
    return record
