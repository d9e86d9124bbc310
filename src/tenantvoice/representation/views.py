"""Who takes part: officers' and the Board's pages (issue 18 items 1, 2 and 6; decision 0047).
Readers of reports read them; nothing here names a resident."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from tenantvoice.core.access import require_capability
from tenantvoice.core.roles import Capability, has_capability
from tenantvoice.core.tables import download
from tenantvoice.surveys.results import landlord_threshold

from .compare import Comparison, quarter_ends_between
from .forms import ComparisonForm, OverTimeForm
from .report import (
    BOARD_QUARTERS,
    EQUALITY_NOTE,
    comparisons_read,
    equality_read_record,
    everyone_involved,
    invitation_links,
    main_comparisons,
    over_time,
    over_time_table,
    score_chart,
    shown,
    summary_table,
    trend_table,
)


def _query(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("format", None)
    return query.urlencode()


@require_capability(Capability.VIEW_REPORTS)
def who_takes_part(request: HttpRequest) -> HttpResponse:
    """A population against all residents (or a survey's respondents) on a date, for every
    characteristic: tables, charts, scores and the groups under-represented; CSV and XLSX."""
    form = ComparisonForm(request.GET or None)
    valid = not form.is_bound or form.is_valid()
    population, on = form.chosen(), form.on_date
    chosen = form.characteristics() if valid else []
    comparisons = comparisons_read(population, on, chosen, reader=request.user, request=request)
    # "Invite these residents" for those who may send campaigns (issue 18 item 2).
    inviting = has_capability(request.user, Capability.MANAGE_MESSAGES)
    blocks = shown(comparisons, invitation_links(comparisons) if inviting else None)
    tables = [summary_table(population, on, comparisons), *(block.table for block in blocks)] if valid else []
    exported = download(tables, request.GET.get("format", ""), f"who-takes-part-{on:%Y-%m-%d}")
    if exported is not None:
        return exported
    return render(
        request,
        "representation/who_takes_part.html",
        {
            "form": form,
            "valid": valid,
            "population": population,
            "on": on,
            "summary": tables[0] if tables else None,
            "main": [b for b in blocks if not b.comparison.characteristic.equality],
            "equality": [b for b in blocks if b.comparison.characteristic.equality],
            "equality_note": EQUALITY_NOTE,
            "query": _query(request),
        },
    )


@require_capability(Capability.VIEW_REPORTS)
def who_takes_part_over_time(request: HttpRequest) -> HttpResponse:
    """The same comparison at each quarter end over a span: a table and a chart of the score."""
    form = OverTimeForm(request.GET or None)
    valid = not form.is_bound or form.is_valid()
    population = form.chosen()
    characteristic = form.chosen_characteristic()
    start, end = form.since_date, form.on_date
    series = over_time(population, characteristic, start, end, landlord_threshold()) if valid else []
    if series:
        equality_read_record(population, end, [characteristic], reader=request.user, request=request)
    table = over_time_table(characteristic, series)
    exported = download([table], request.GET.get("format", ""), f"who-takes-part-over-time-{end:%Y-%m-%d}")
    if exported is not None:
        return exported
    return render(
        request,
        "representation/over_time.html",
        {
            "form": form,
            "valid": valid,
            "population": population,
            "characteristic": characteristic,
            "start": start,
            "end": end,
            "table": table,
            "chart": score_chart(f"{characteristic.name}: representation score at each quarter end", series),
            "equality_note": EQUALITY_NOTE if characteristic.equality else "",
            "query": _query(request),
        },
    )


@require_capability(Capability.VIEW_REPORTS)
def who_takes_part_board(request: HttpRequest) -> HttpResponse:
    """The Board's report: all involved residents against all residents on the main
    characteristics today, with the scores at the last eight quarter ends; printable."""
    on = timezone.localdate()
    population = everyone_involved()
    threshold = landlord_threshold()
    # Today's and each quarter end's counts are kept in the summary store (decision 0040): the
    # report is read often and its figures change only when the register or involvement does.
    comparisons = main_comparisons(population, on, threshold)
    blocks = shown(comparisons)
    days = quarter_ends_between(on.replace(year=on.year - 3, day=min(on.day, 28)), on)[-BOARD_QUARTERS:]
    series = [main_comparisons(population, day, threshold) for day in days]
    trends: dict[str, list[Comparison]] = {
        c.characteristic.name: [at_day[n] for at_day in series] for n, c in enumerate(comparisons)
    }
    trend = trend_table(population, trends)
    tables = [summary_table(population, on, comparisons), *(b.table for b in blocks), trend]
    exported = download(tables, request.GET.get("format", ""), f"who-takes-part-board-{on:%Y-%m-%d}")
    if exported is not None:
        return exported
    return render(
        request,
        "representation/board.html",
        {
            "on": on,
            "population": population,
            "summary": tables[0],
            "main": blocks,
            "trend": trend,
            "trend_charts": [
                (f"trend-{n}", score_chart(f"{name}: representation score at each quarter end", scores))
                for n, (name, scores) in enumerate(trends.items(), start=1)
            ],
        },
    )
