"""Officers' indicator pages: readers of reports read them; officers who manage involvement
add indicators, type values and targets, compute and import (decision 0050)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from tenantvoice.core.access import require_capability
from tenantvoice.core.form_action import form_action, redirect_with_message
from tenantvoice.core.forms import ButtonForm
from tenantvoice.core.http import posted, posted_files
from tenantvoice.core.report_comments import reply_page
from tenantvoice.core.reporting_year import ReportingYear
from tenantvoice.core.roles import Capability, has_capability
from tenantvoice.core.tables import download
from tenantvoice.core.uploads import upload_on_disk

from .charter import (
    CHARTER_NOTE,
    charter_applies,
    charter_lines,
    charter_table,
    number_confirmed,
    outcome_label,
    return_due,
)
from .forms import (
    CharterReportForm,
    ComputeForm,
    IndicatorForm,
    IndicatorNewForm,
    PeersImportForm,
    TargetForm,
    ValueForm,
    ValuesImportForm,
)
from .models import CharterComment, CharterReport, Indicator, IndicatorPeerSet, IndicatorValue
from .selectors import STATUS_NOTE, indicator_lines, indicator_table, peer_set_for, shown_value
from .services import (
    IndicatorError,
    charter_comment_read,
    charter_comment_reply,
    charter_report_publish,
    charter_report_save,
    indicator_create,
    indicator_update,
    peers_import,
    target_set,
    value_compute,
    value_record,
    values_import,
)
from .sources import source_kind


def _year(request: HttpRequest) -> ReportingYear:
    this = ReportingYear.of(timezone.localdate())
    try:
        first = int(request.GET.get("year", this.first))
    except ValueError:
        return this
    return ReportingYear(first) if 2000 <= first <= this.first + 1 else this


def _years() -> list[ReportingYear]:
    this = ReportingYear.of(timezone.localdate())
    earliest = IndicatorValue.objects.order_by("period_start").values_list("period_start", flat=True).first()
    first = ReportingYear.of(earliest).first if earliest else this.first - 1
    return [ReportingYear(y) for y in range(this.first, min(first, this.first - 1) - 1, -1)]


@require_capability(Capability.VIEW_REPORTS)
def indicator_list(request: HttpRequest) -> HttpResponse:
    """Every indicator's value for the year against its target, the year before and peers."""
    year = _year(request)
    lines = indicator_lines(year)
    exported = download(
        [indicator_table(year, lines)], request.GET.get("format", ""), f"indicators-{year.first}"
    )
    if exported is not None:
        return exported
    return render(
        request,
        "indicators/list.html",
        {
            "year": year,
            "years": _years(),
            "lines": lines,
            "peer_set": peer_set_for(year),
            "note": STATUS_NOTE,
            "can_edit": has_capability(request.user, Capability.MANAGE_INVOLVEMENT),
        },
    )


@require_capability(Capability.VIEW_REPORTS)
def indicator_detail(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = get_object_or_404(Indicator, pk=pk)
    return render(
        request,
        "indicators/detail.html",
        {
            "indicator": indicator,
            "source": source_kind(indicator.source, indicator.source_parameter)
            if indicator.computed
            else None,
            "values": [
                (v, shown_value(v.value, indicator.unit)) for v in indicator.values.order_by("-period_end")
            ],
            "targets": [
                (ReportingYear(t.year), t, shown_value(t.value, indicator.unit))
                for t in indicator.targets.order_by("-year")
            ],
            "can_edit": has_capability(request.user, Capability.MANAGE_INVOLVEMENT),
            "this_year": ReportingYear.of(timezone.localdate()),
            "outcome": outcome_label(indicator.outcome),
            "number_confirmed": number_confirmed(indicator),
        },
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def indicator_new(request: HttpRequest) -> HttpResponse:
    return form_action(
        request,
        IndicatorNewForm(posted(request), initial={"direction": "higher"}),
        lambda data: indicator_create(by=request.user, **data),
        success=lambda made: redirect_with_message(
            request, f"Indicator “{made.name}” added.", "staff:indicator", made.pk
        ),
        page=lambda form: render(
            request, "indicators/form.html", {"form": form, "title": "Add an indicator"}
        ),
        refusals=(IndicatorError,),
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def indicator_edit(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = get_object_or_404(Indicator, pk=pk)
    initial = {
        "name": indicator.name,
        "definition": indicator.definition,
        "direction": "higher" if indicator.higher_is_better else "lower",
        "order": indicator.order,
        "framework": indicator.framework,
        "outcome": indicator.outcome,
        "number": indicator.number,
    }
    return _indicator_form(
        request,
        indicator,
        IndicatorForm(posted(request), initial=initial),
        lambda data: indicator_update(indicator=indicator, by=request.user, **data),
        "Indicator saved.",
        f"Change {indicator.name}",
    )


def _indicator_form(
    request: HttpRequest,
    indicator: Indicator,
    form: Any,
    service: Callable[[dict[str, Any]], Any],
    message: str,
    title: str,
) -> HttpResponse:
    """One of an indicator's forms: call its service and go back to the indicator's page with
    ``message``, or show the form titled ``title`` with the refusal."""
    return form_action(
        request,
        form,
        service,
        success=lambda _: redirect_with_message(request, message, "staff:indicator", indicator.pk),
        page=lambda bound: render(
            request, "indicators/form.html", {"form": bound, "title": title, "indicator": indicator}
        ),
        refusals=(IndicatorError,),
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def value_new(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = get_object_or_404(Indicator, pk=pk)
    return _indicator_form(
        request,
        indicator,
        ValueForm(posted(request)),
        lambda data: value_record(indicator=indicator, by=request.user, **data),
        "Value recorded.",
        f"Record a value of {indicator.name}",
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def target_edit(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = get_object_or_404(Indicator, pk=pk)
    return _indicator_form(
        request,
        indicator,
        TargetForm(posted(request), initial={"year": ReportingYear.of(timezone.localdate()).first}),
        lambda data: target_set(indicator=indicator, by=request.user, **data),
        "Target saved.",
        f"Set a target for {indicator.name}",
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def value_compute_view(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = get_object_or_404(Indicator, pk=pk)

    def done(made: IndicatorValue | None) -> HttpResponse:
        text = "Value computed." if made is not None else "There is nothing to compute for that year yet."
        return redirect_with_message(request, text, "staff:indicator", indicator.pk)

    return form_action(
        request,
        ComputeForm(posted(request), initial={"year": ReportingYear.of(timezone.localdate()).first}),
        lambda data: value_compute(indicator=indicator, by=request.user, **data),
        success=done,
        page=lambda form: render(
            request,
            "indicators/form.html",
            {"form": form, "title": f"Compute {indicator.name}", "indicator": indicator},
        ),
        refusals=(IndicatorError,),
    )


def _import_page(
    request: HttpRequest, template: str, form: Any, outcome: Any = None, **extra: Any
) -> HttpResponse:
    # Rows with problems and nothing imported: 400.
    return render(
        request, template, {"form": form, "outcome": outcome, **extra}, status=400 if outcome else 200
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def values_upload(request: HttpRequest) -> HttpResponse:
    """Import values of typed-in indicators: all or nothing, every problem by row."""
    from tenantvoice.residents.importing import ImportFileError

    form = ValuesImportForm(posted(request), posted_files(request))

    def upload(data: dict[str, Any]) -> Any:
        with upload_on_disk(data["file"]) as path:
            return values_import(path, file_name=data["file"].name, by=request.user)

    def imported(outcome: Any) -> HttpResponse:
        if outcome.problems:
            return _import_page(request, "indicators/import.html", form, outcome)
        return redirect_with_message(request, f"Imported {outcome.rows} values.", "staff:indicators")

    return form_action(
        request,
        form,
        upload,
        success=imported,
        page=lambda form: _import_page(request, "indicators/import.html", form),
        refusals=(ImportFileError,),
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def peers_upload(request: HttpRequest) -> HttpResponse:
    """Import other landlords' figures for a year, to place each indicator by quartile."""
    from tenantvoice.residents.importing import ImportFileError

    form = PeersImportForm(posted(request), posted_files(request))
    sets = IndicatorPeerSet.objects.annotate(figure_count=Count("figures"))

    def upload(data: dict[str, Any]) -> Any:
        with upload_on_disk(data["file"]) as path:
            return peers_import(
                path,
                name=data["name"],
                year=data["year"],
                source=data["source"],
                file_name=data["file"].name,
                by=request.user,
            )

    def imported(outcome: Any) -> HttpResponse:
        if outcome.peer_set is None:
            return _import_page(request, "indicators/peers.html", form, outcome, sets=sets)
        return redirect_with_message(
            request,
            f"Imported {outcome.figures} figures into “{outcome.peer_set.name}”.",
            "staff:indicator-peers",
        )

    return form_action(
        request,
        form,
        upload,
        success=imported,
        page=lambda form: _import_page(request, "indicators/peers.html", form, sets=sets),
        refusals=(ImportFileError,),
    )


# --- The Scottish Charter (decision 0053) ------------------------------------------------------


def _charter_page(request: HttpRequest, year: ReportingYear, status: int = 200, **forms: Any) -> HttpResponse:
    lines = charter_lines(year)
    report = CharterReport.objects.filter(year=year.first).first()
    can_edit = has_capability(request.user, Capability.MANAGE_INVOLVEMENT)
    comments = list(report.comments.select_related("resident", "replied_by")) if report is not None else []
    applies = charter_applies()
    return render(
        request,
        "indicators/charter.html",
        {
            "charter_applies": applies,
            # A landlord outside Scotland is told the Charter is not for it; what was set up all
            # the same (Charter indicators, a report) is still shown.
            "show_charter": applies or bool(lines) or report is not None,
            "year": year,
            "years": _years(),
            "lines": lines,
            "due": return_due(year),
            "peer_set": peer_set_for(year),
            "note": CHARTER_NOTE,
            "report": report,
            "comments": comments,
            "can_edit": can_edit,
            "report_form": forms.get("report_form")
            or CharterReportForm(initial={"introduction": report.introduction if report else ""}),
            "publish_form": forms.get("publish_form") or ButtonForm(),
        },
        status=status,
    )


@require_capability(Capability.VIEW_REPORTS)
def charter_page(request: HttpRequest) -> HttpResponse:
    """The Charter indicators for the year: the Annual Return's figures, its due date, the
    comparison with the Scottish average and peers, and the report to tenants."""
    year = _year(request)
    exported = download([charter_table(year)], request.GET.get("format", ""), f"charter-return-{year.first}")
    if exported is not None:
        return exported
    return _charter_page(request, year)


def _charter_year(year: int) -> ReportingYear:
    if not 2000 <= year <= 2100:
        raise Http404("No such reporting year.")
    return ReportingYear(year)


@require_capability(Capability.MANAGE_INVOLVEMENT)
def charter_report_edit(request: HttpRequest, year: int) -> HttpResponse:
    reporting = _charter_year(year)
    return form_action(
        request,
        CharterReportForm(posted(request)),
        lambda data: charter_report_save(year=reporting.first, by=request.user, **data),
        success=lambda made: redirect_with_message(
            request, "Report saved.", reverse("staff:charter") + f"?year={reporting.first}"
        ),
        page=lambda form: _charter_page(
            request, reporting, status=400 if form.errors else 200, report_form=form
        ),
        refusals=(IndicatorError,),
    )


@require_POST
@require_capability(Capability.MANAGE_INVOLVEMENT)
def charter_report_publish_view(request: HttpRequest, year: int) -> HttpResponse:
    reporting = _charter_year(year)
    report = get_object_or_404(CharterReport, year=reporting.first)
    return form_action(
        request,
        ButtonForm(request.POST),
        lambda _: charter_report_publish(report=report, by=request.user),
        success=lambda made: redirect_with_message(
            request, "Report published to residents.", reverse("staff:charter") + f"?year={reporting.first}"
        ),
        page=lambda form: _charter_page(request, reporting, status=400, publish_form=form),
        refusals=(IndicatorError,),
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def charter_comment_reply_view(request: HttpRequest, pk: int) -> HttpResponse:
    comment = get_object_or_404(CharterComment.objects.select_related("report", "resident"), pk=pk)
    return reply_page(
        request,
        comment,
        service=lambda reply: charter_comment_reply(comment=comment, reply=reply, by=request.user),
        report_title=f"Charter report {ReportingYear(comment.report.year).label}",
        back=reverse("staff:charter") + f"?year={comment.report.year}#comments",
        refusals=(IndicatorError,),
    )


@require_POST
@require_capability(Capability.MANAGE_INVOLVEMENT)
def charter_comment_read_view(request: HttpRequest, pk: int) -> HttpResponse:
    comment = get_object_or_404(CharterComment.objects.select_related("report"), pk=pk)
    target = reverse("staff:charter") + f"?year={comment.report.year}#comments"
    try:
        charter_comment_read(comment=comment, by=request.user)
    except IndicatorError as exc:
        return redirect_with_message(request, exc.message, target)
    return redirect_with_message(request, "Comment marked as read.", target)
