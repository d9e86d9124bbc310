"""Complaints in numbers, the annual report and the self-assessment against the Code: officers'
pages (readers of reports read them; complaint handlers record them) and the residents'
pages of what was published. No page here names a resident."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from tenantvoice.actions.models import Action
from tenantvoice.core.access import first_or_404, require_capability
from tenantvoice.core.charts import BarChart, bar_chart
from tenantvoice.core.form_action import form_action, redirect_with_message
from tenantvoice.core.forms import ButtonForm
from tenantvoice.core.http import posted
from tenantvoice.core.plain_errors import PlainForm
from tenantvoice.core.reporting_year import ReportingYear, year_chosen
from tenantvoice.core.roles import Capability, has_capability
from tenantvoice.core.suppression import Hidden
from tenantvoice.core.tables import Table, download, tables_from_json

from ..assessment import (
    AssessmentError,
    annual_report_save,
    assessment_action_add,
    assessment_item_save,
    assessment_provision_add,
    assessment_start,
    code_provisions,
    record_present,
    record_publish,
)
from ..forms import (
    AnnualReportForm,
    AssessmentActionForm,
    AssessmentItemForm,
    AssessmentProvisionForm,
    PresentedForm,
    PublishedForm,
)
from ..models import AnnualReport, GovernanceRecord, SelfAssessment, SelfAssessmentItem
from ..procedures import landlord_procedure
from ..report import (
    LCHO,
    LCRA,
    TENURE_LABELS,
    YEAR_NOTE,
    AnnualFigures,
    annual_tables,
    figures,
    measure_tables,
    theme_tables,
    year_choices,
)

REFUSALS = (AssessmentError,)


def _chosen_year(request: HttpRequest) -> tuple[ReportingYear, list[ReportingYear]]:
    years = year_choices()
    return year_chosen(request.GET.get("year", ""), years), years


def _value(cell: object) -> float | None:
    if isinstance(cell, Hidden) or cell is None or isinstance(cell, str):
        return None
    return float(cell)  # type: ignore[arg-type]


def _column_chart(table: Table, column: int = 1, *, unit: str = "", title: str = "") -> BarChart:
    return bar_chart(
        title or table.title,
        [(str(row[0]), _value(row[column])) for row in table.rows],
        unit=unit,
        scale_max=100 if unit == "%" else None,
    )


def _charts(f: AnnualFigures, tables: list[Table]) -> list[tuple[Table, BarChart]]:
    """Each headline table with a chart of its figures beside it."""
    ch01, ch02 = tables[0], tables[1]
    rate_items: list[tuple[str, float | None]] = []
    for ownership in (LCRA, LCHO):
        for stage in (1, 2):
            rate_items.append((f"{TENURE_LABELS[ownership]}, stage {stage}", f.ch01.rate(stage, ownership)))
    share_items = [(f"Stage {stage}, all homes", f.ch02.share(stage)) for stage in (1, 2)]
    pairs = [
        (ch01, bar_chart("Complaints per 1,000 homes", rate_items)),
        (ch02, bar_chart("Answered within the Code's timescales (%)", share_items, unit="%", scale_max=100)),
    ]
    offset = 2
    if f.arc is not None:
        pairs.append(
            (
                tables[2],
                bar_chart(
                    "Average working days to respond",
                    [(s.name.capitalize(), s.average_working_days) for s in f.arc],
                ),
            )
        )
        offset = 3
    for table in tables[offset : offset + 3]:
        pairs.append(
            (table, _column_chart(table, title=table.title.replace("Complaints", "Complaints received")))
        )
    return pairs


def _headlines(f: AnnualFigures) -> list[str]:
    words = []
    for stage in (1, 2):
        count = f.ch01.count(stage)
        rate = f.ch01.rate(stage)
        per = f" ({rate:g} per 1,000 homes)" if rate is not None else ""
        words.append(f"{count:,} stage {stage} complaint{'s' if count != 1 else ''}{per}")
    for stage in (1, 2):
        on_time = f.ch02.share(stage)
        answered = f.ch02.counts(stage)[0]
        words.append(
            f"{on_time:g}% of {answered:,} stage {stage} responses on time"
            if on_time is not None
            else f"No stage {stage} responses yet"
        )
    return words


def _member_responsible() -> AnnualReport | None:
    return AnnualReport.objects.exclude(member_responsible="").order_by("-year").first()


@require_capability(Capability.VIEW_REPORTS)
def complaints_report(request: HttpRequest) -> HttpResponse:
    """CH01, CH02, the Scottish return's figures and the themes for a year, with charts, CSV,
    XLSX and a printable layout."""
    year, years = _chosen_year(request)
    f = figures(year)
    tables = [*measure_tables(f), *theme_tables(f.themes)]
    exported = download(tables, request.GET.get("format", ""), f"complaints-{year.first}-{year.first + 1}")
    if exported is not None:
        return exported
    return render(
        request,
        "complaints/report_complaints.html",
        {
            "year": year,
            "years": years,
            "f": f,
            "headlines": _headlines(f),
            "sections": _charts(f, tables),
            "year_note": YEAR_NOTE,
            "member": _member_responsible(),
            "annual": AnnualReport.objects.filter(year=year.first).first(),
            "assessment": SelfAssessment.objects.filter(year=year.first).first(),
        },
    )


# --- The annual report -----------------------------------------------------------------------


def _year_or_404(year: int) -> ReportingYear:
    """A reporting year that has begun (from 2000: a record of this century's complaints)."""
    if not 2000 <= year <= ReportingYear.of(timezone.localdate()).first:
        raise Http404("There is no such reporting year.")
    return ReportingYear(year)


def _annual_page(request: HttpRequest, year: int, **forms: PlainForm) -> HttpResponse:
    reporting_year = _year_or_404(year)
    report = (
        AnnualReport.objects.select_related("presented_at", "member_responsible_user")
        .filter(year=year)
        .first()
    )
    f = figures(reporting_year)
    tables = annual_tables(f)
    exported = download(tables, request.GET.get("format", ""), f"complaints-annual-report-{year}-{year + 1}")
    if exported is not None:
        return exported
    can_record = has_capability(request.user, Capability.HANDLE_COMPLAINTS)
    context: dict[str, Any] = {
        "year": reporting_year,
        "report": report,
        "f": f,
        "sections": _charts(f, tables),
        "rest": tables[len(_charts(f, tables)) :],
        "can_record": can_record,
        "year_note": YEAR_NOTE,
    }
    if can_record and (report is None or not report.is_published):
        initial = (
            {
                "commentary": report.commentary,
                "member_responsible": report.member_responsible,
                "member_responsible_user": report.member_responsible_user_id,
            }
            if report is not None
            else {}
        )
        context["save_form"] = forms.get("save_form") or AnnualReportForm(initial=initial)
        if report is not None:
            context["present_form"] = forms.get("present_form") or PresentedForm()
            context["publish_form"] = forms.get("publish_form") or PublishedForm()
    context["form"] = next(iter(forms.values()), None)
    return render(request, "complaints/report_annual.html", context)


@require_capability(Capability.VIEW_REPORTS)
def annual_report(request: HttpRequest, year: int) -> HttpResponse:
    return _annual_page(request, year)


def _annual_act(
    request: HttpRequest,
    year: int,
    name: str,
    form: PlainForm,
    service: Callable[[dict[str, Any]], Any],
    message: str,
) -> HttpResponse:
    _year_or_404(year)
    return form_action(
        request,
        form,
        service,
        success=lambda _: redirect_with_message(
            request, message, "staff:complaints-annual-report", year=year
        ),
        page=lambda bound: _annual_page(request, year, **{name: bound}),
        refusals=REFUSALS,
    )


def _annual_record(year: int) -> AnnualReport:
    return first_or_404(AnnualReport.objects.all(), "Start the annual report first.", year=year)


@require_capability(Capability.HANDLE_COMPLAINTS)
def annual_report_save_view(request: HttpRequest, year: int) -> HttpResponse:
    return _annual_act(
        request,
        year,
        "save_form",
        AnnualReportForm(posted(request)),
        lambda data: annual_report_save(year=year, by=request.user, **data),
        "Annual report saved.",
    )


@require_capability(Capability.HANDLE_COMPLAINTS)
def annual_report_present(request: HttpRequest, year: int) -> HttpResponse:
    report = _annual_record(year)
    return _annual_act(
        request,
        year,
        "present_form",
        PresentedForm(posted(request)),
        lambda data: record_present(record=report, by=request.user, **data),
        "Recorded as presented, with the governing body's response. Its figures are kept as presented.",
    )


@require_capability(Capability.HANDLE_COMPLAINTS)
def annual_report_publish(request: HttpRequest, year: int) -> HttpResponse:
    report = _annual_record(year)
    return _annual_act(
        request,
        year,
        "publish_form",
        PublishedForm(posted(request)),
        lambda data: record_publish(record=report, by=request.user, **data),
        "Published: residents can read it, with the governing body's response.",
    )


# --- The self-assessment ---------------------------------------------------------------------


def _assessment(year: int, *, published: bool = False) -> SelfAssessment | None:
    rows = SelfAssessment.objects.select_related("presented_at").prefetch_related(
        Prefetch(
            "items",
            queryset=SelfAssessmentItem.objects.prefetch_related(
                Prefetch(
                    "actions", queryset=Action.objects.filter(parent__isnull=True).order_by("due_on", "pk")
                )
            ).order_by("order", "pk"),
        )
    )
    if published:
        rows = rows.filter(published_on__isnull=False)
    return rows.filter(year=year).first()


def _sections(assessment: SelfAssessment) -> list[tuple[str, list[SelfAssessmentItem]]]:
    sections: dict[str, list[SelfAssessmentItem]] = {}
    for item in assessment.items.all():
        sections.setdefault(item.section, []).append(item)
    return list(sections.items())


def _assessment_page(
    request: HttpRequest, year: int, *, bound: dict[str, PlainForm] | None = None
) -> HttpResponse:
    reporting_year = _year_or_404(year)
    assessment = _assessment(year)
    bound = bound or {}
    can_record = has_capability(request.user, Capability.HANDLE_COMPLAINTS)
    context: dict[str, Any] = {
        "year": reporting_year,
        "assessment": assessment,
        "code": code_provisions(),
        "can_record": can_record,
        "form": next(iter(bound.values()), None),
    }
    if assessment is not None:
        editable = can_record and assessment.status == "draft"
        rows = []
        for section, items in _sections(assessment):
            section_rows = []
            for item in items:
                row: dict[str, Any] = {"item": item, "actions": list(item.actions.all())}
                if editable:
                    row["form"] = bound.get(f"item-{item.pk}") or AssessmentItemForm(
                        prefix=f"p{item.pk}",
                        initial={
                            "compliance": item.compliance,
                            "evidence": item.evidence,
                            "commentary": item.commentary,
                        },
                    )
                if can_record and not assessment.is_published and item.compliance in ("partly", "no"):
                    row["action_form"] = bound.get(f"action-{item.pk}") or AssessmentActionForm(
                        prefix=f"a{item.pk}"
                    )
                section_rows.append(row)
            rows.append((section, section_rows))
        context["sections"] = rows
        context["counts"] = {
            value or "none": sum(1 for item in assessment.items.all() if item.compliance == value)
            for value in ("yes", "partly", "no", "")
        }
        if editable:
            context["provision_form"] = bound.get("provision") or AssessmentProvisionForm()
        if can_record and not assessment.is_published:
            if assessment.status == "draft":
                context["present_form"] = bound.get("present") or PresentedForm()
            else:
                context["publish_form"] = bound.get("publish") or PublishedForm()
    return render(request, "complaints/report_self_assessment.html", context)


@require_capability(Capability.VIEW_REPORTS)
def self_assessment(request: HttpRequest, year: int) -> HttpResponse:
    return _assessment_page(request, year)


def _assessment_act(
    request: HttpRequest,
    year: int,
    key: str,
    form: PlainForm,
    service: Callable[[dict[str, Any]], Any],
    message: str,
    anchor: str = "",
) -> HttpResponse:
    def success(_: Any) -> HttpResponse:
        response = redirect_with_message(request, message, "staff:complaints-self-assessment", year=year)
        response["Location"] += anchor
        return response

    return form_action(
        request,
        form,
        service,
        success=success,
        page=lambda bound_form: _assessment_page(request, year, bound={key: bound_form}),
        refusals=REFUSALS,
    )


def _record(year: int) -> SelfAssessment:
    return first_or_404(SelfAssessment.objects.all(), "Start the self-assessment first.", year=year)


def _item(pk: int) -> SelfAssessmentItem:
    return first_or_404(
        SelfAssessmentItem.objects.select_related("assessment"), "There is no such provision.", pk=pk
    )


@require_capability(Capability.HANDLE_COMPLAINTS)
def self_assessment_start(request: HttpRequest, year: int) -> HttpResponse:
    _year_or_404(year)
    return _assessment_act(
        request,
        year,
        "start",
        ButtonForm(posted(request)),
        lambda data: assessment_start(year=year, by=request.user),
        "Self-assessment started: assess each provision.",
    )


@require_capability(Capability.HANDLE_COMPLAINTS)
def self_assessment_item(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(pk)
    return _assessment_act(
        request,
        item.assessment.year,
        f"item-{item.pk}",
        AssessmentItemForm(posted(request), prefix=f"p{item.pk}"),
        lambda data: assessment_item_save(item=item, by=request.user, **data),
        f"Provision {item.number} saved.",
        anchor=f"#p-{item.pk}",
    )


@require_capability(Capability.HANDLE_COMPLAINTS)
def self_assessment_action(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(pk)
    return _assessment_act(
        request,
        item.assessment.year,
        f"action-{item.pk}",
        AssessmentActionForm(posted(request), prefix=f"a{item.pk}"),
        lambda data: assessment_action_add(item=item, by=request.user, **data),
        f"Action added to the tracker for provision {item.number}.",
        anchor=f"#p-{item.pk}",
    )


@require_capability(Capability.HANDLE_COMPLAINTS)
def self_assessment_provision(request: HttpRequest, year: int) -> HttpResponse:
    assessment = _record(year)
    return _assessment_act(
        request,
        year,
        "provision",
        AssessmentProvisionForm(posted(request)),
        lambda data: assessment_provision_add(assessment=assessment, by=request.user, **data),
        "Provision added.",
    )


@require_capability(Capability.HANDLE_COMPLAINTS)
def self_assessment_present(request: HttpRequest, year: int) -> HttpResponse:
    assessment = _record(year)
    return _assessment_act(
        request,
        year,
        "present",
        PresentedForm(posted(request)),
        lambda data: record_present(record=assessment, by=request.user, **data),
        "Recorded as presented, with the governing body's response.",
    )


@require_capability(Capability.HANDLE_COMPLAINTS)
def self_assessment_publish(request: HttpRequest, year: int) -> HttpResponse:
    assessment = _record(year)
    return _assessment_act(
        request,
        year,
        "publish",
        PublishedForm(posted(request)),
        lambda data: record_publish(record=assessment, by=request.user, **data),
        "Published: residents can read it, with the governing body's response.",
    )


# --- What residents read ---------------------------------------------------------------------


def public_reports(request: HttpRequest) -> HttpResponse:
    """The published annual reports and self-assessments, newest first."""
    return render(
        request,
        "complaints/report_public_list.html",
        {
            "reports": AnnualReport.objects.filter(published_on__isnull=False).order_by("-year"),
            "assessments": SelfAssessment.objects.filter(published_on__isnull=False).order_by("-year"),
            "procedure": landlord_procedure(),
        },
    )


def _published(record: GovernanceRecord | None) -> GovernanceRecord:
    if record is None or not record.is_published:
        raise Http404("That has not been published.")
    return record


def public_annual_report(request: HttpRequest, year: int) -> HttpResponse:
    report = _published(AnnualReport.objects.select_related("presented_at").filter(year=year).first())
    assert isinstance(report, AnnualReport)
    tables = tables_from_json(report.figures)
    exported = download(tables, request.GET.get("format", ""), f"complaints-annual-report-{year}-{year + 1}")
    if exported is not None:
        return exported
    return render(
        request,
        "complaints/report_public_annual.html",
        {"report": report, "tables": tables, "year": ReportingYear(year), "year_note": YEAR_NOTE},
    )


def public_self_assessment(request: HttpRequest, year: int) -> HttpResponse:
    assessment = _published(_assessment(year, published=True))
    assert isinstance(assessment, SelfAssessment)
    return render(
        request,
        "complaints/report_public_self_assessment.html",
        {
            "assessment": assessment,
            "sections": [
                (section, [{"item": i, "actions": [a for a in i.actions.all() if a.public]} for i in items])
                for section, items in _sections(assessment)
            ],
            "code": code_provisions(),
            "year": ReportingYear(year),
            "annual_url": reverse("complaints-annual-report", args=[year])
            if AnnualReport.objects.filter(year=year, published_on__isnull=False).exists()
            else "",
        },
    )
