"""Every write to indicators: each a keyword-only function in a transaction that writes an
audit row (decision 0021). Bad input is refused with :class:`IndicatorError` in plain words and
nothing is written; an import is all or nothing, every problem reported by row."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from tenantvoice.core.audit import audit_record, diff_fields
from tenantvoice.core.errors import DomainError
from tenantvoice.core.models import AuditAction
from tenantvoice.core.report_comments import comment_make, comment_read, comment_reply
from tenantvoice.core.reporting_year import ReportingYear
from tenantvoice.core.spreadsheets import RowError, read_rows

from .models import (
    CharterComment,
    CharterReport,
    Framework,
    Indicator,
    IndicatorPeerFigure,
    IndicatorPeerSet,
    IndicatorTarget,
    IndicatorValue,
    Unit,
)
from .sources import SOURCES, source_kind


class IndicatorError(DomainError):
    pass


MAX_VALUE = Decimal("999999999999.99")


def _check_value(indicator: Indicator, value: Decimal, field_name: str = "value") -> None:
    if abs(value) > MAX_VALUE:
        raise IndicatorError("That number is too large.", field=field_name)
    if indicator.unit == Unit.PERCENT and not Decimal(0) <= value <= Decimal(100):
        raise IndicatorError("Give a percentage from 0 to 100.", field=field_name)
    if indicator.unit != Unit.MONEY and value < 0:
        raise IndicatorError("The value cannot be below nought.", field=field_name)


def framework_check(framework: str, outcome: int | None, number: str) -> None:
    """An indicator's framework, outcome and number: an outcome or number only within one."""
    if framework and framework not in Framework.values:
        raise IndicatorError("Choose a framework from the list, or none.", field="framework")
    if not framework and (outcome is not None or number.strip()):
        raise IndicatorError("An outcome or number belongs to a framework: choose one.", field="framework")
    # The Charter has 16 outcomes (seed 001, 5.2: "in the form of 16 outcomes").
    if outcome is not None and not 1 <= outcome <= 16:
        raise IndicatorError("The Charter's outcomes are numbered 1 to 16.", field="outcome")
    if len(number.strip()) > 20:
        raise IndicatorError("Give the indicator's number in the return, e.g. 3.", field="number")


def indicator_create(
    *,
    name: str,
    unit: str,
    higher_is_better: bool = True,
    definition: str = "",
    source: str = "",
    is_survey: bool = False,
    order: int = 0,
    source_parameter: str = "",
    framework: str = "",
    outcome: int | None = None,
    number: str = "",
    by: Any = None,
) -> Indicator:
    name = name.strip()
    if not name:
        raise IndicatorError("Give the indicator a name.", field="name")
    if Indicator.objects.filter(name__iexact=name).exists():
        raise IndicatorError("There is already an indicator with this name.", field="name")
    if unit not in Unit.values:
        raise IndicatorError("Choose a unit from the list.", field="unit")
    if source and source not in SOURCES:
        raise IndicatorError("Choose a computation from the list, or none.", field="source")
    source_parameter = source_parameter.strip()
    if source and source_kind(source).needs_parameter and not source_parameter:
        raise IndicatorError(
            f"This computation needs {source_kind(source).parameter_label}.", field="source_parameter"
        )
    framework_check(framework, outcome, number)
    # A source that reads a survey gives values with a sample size: a survey measure.
    is_survey = is_survey or bool(source and source_kind(source).is_survey)
    with transaction.atomic():
        indicator = Indicator.objects.create(
            name=name,
            unit=unit,
            higher_is_better=higher_is_better,
            definition=definition.strip(),
            source=source,
            source_parameter=source_parameter if source else "",
            is_survey=is_survey,
            order=order,
            framework=framework,
            outcome=outcome,
            number=number.strip(),
        )
        audit_record(
            actor=by,
            action=AuditAction.CREATE,
            object_type="indicator",
            object_id=indicator.pk,
            summary=f"Added the indicator {indicator.name}",
        )
    return indicator


def indicator_update(*, indicator: Indicator, by: Any = None, **changes: Any) -> Indicator:
    """Change the name, definition, direction, order or framework, outcome and number (not the
    unit or source: values already recorded were in them)."""
    allowed = {"name", "definition", "higher_is_better", "order", "framework", "outcome", "number"}
    unknown = set(changes) - allowed
    if unknown:
        raise IndicatorError(
            "Only the name, definition, direction, order, framework, outcome and number can be changed."
        )
    if {"framework", "outcome", "number"} & set(changes):
        changes["number"] = str(changes.get("number", indicator.number)).strip()
        framework_check(
            changes.get("framework", indicator.framework),
            changes.get("outcome", indicator.outcome),
            changes["number"],
        )
    if "name" in changes:
        changes["name"] = changes["name"].strip()
        if not changes["name"]:
            raise IndicatorError("Give the indicator a name.", field="name")
        if Indicator.objects.filter(name__iexact=changes["name"]).exclude(pk=indicator.pk).exists():
            raise IndicatorError("There is already an indicator with this name.", field="name")
    before = {name: getattr(indicator, name) for name in changes}
    with transaction.atomic():
        for name, value in changes.items():
            setattr(indicator, name, value)
        indicator.save(update_fields=list(changes))
        audit_record(
            actor=by,
            action=AuditAction.UPDATE,
            object_type="indicator",
            object_id=indicator.pk,
            summary=f"Changed the indicator {indicator.name}",
            changes=diff_fields(before, changes),
        )
    return indicator


def _value_checks(
    indicator: Indicator,
    *,
    period_start: dt.date,
    period_end: dt.date,
    value: Decimal,
    sample_size: int | None,
    margin: Decimal | None,
) -> None:
    if period_end < period_start:
        raise IndicatorError("The period must end on or after the day it starts.", field="period_end")
    _check_value(indicator, value)
    if not indicator.is_survey and (sample_size is not None or margin is not None):
        raise IndicatorError(
            "Only a survey measure has a sample size or a margin of error.", field="sample_size"
        )
    if sample_size is not None and sample_size < 1:
        raise IndicatorError("The sample size is the number of answers: at least 1.", field="sample_size")
    if margin is not None and not Decimal(0) <= margin <= Decimal(50):
        raise IndicatorError("Give the margin of error in percentage points, from 0 to 50.", field="margin")


def _store(
    indicator: Indicator,
    *,
    period_start: dt.date,
    period_end: dt.date,
    value: Decimal,
    origin: str,
    note: str = "",
    sample_size: int | None = None,
    margin: Decimal | None = None,
    by: Any = None,
) -> IndicatorValue:
    user = by if getattr(by, "is_authenticated", False) else None
    row, _made = IndicatorValue.objects.update_or_create(
        indicator=indicator,
        period_start=period_start,
        period_end=period_end,
        defaults={
            "value": value,
            "sample_size": sample_size,
            "margin": margin,
            "origin": origin,
            "note": note,
            "recorded_by": user,
        },
    )
    return row


def value_record(
    *,
    indicator: Indicator,
    period_start: dt.date,
    period_end: dt.date,
    value: Decimal,
    sample_size: int | None = None,
    margin: Decimal | None = None,
    note: str = "",
    by: Any = None,
    via: str = "web",
) -> IndicatorValue:
    """Record a typed-in value for a period (replacing one already there for the same period)."""
    if indicator.computed:
        raise IndicatorError("TenantVoice computes this indicator: its values cannot be typed in.")
    _value_checks(
        indicator,
        period_start=period_start,
        period_end=period_end,
        value=value,
        sample_size=sample_size,
        margin=margin,
    )
    with transaction.atomic():
        row = _store(
            indicator,
            period_start=period_start,
            period_end=period_end,
            value=value,
            origin=IndicatorValue.Origin.TYPED,
            note=note.strip(),
            sample_size=sample_size,
            margin=margin,
            by=by,
        )
        audit_record(
            actor=by,
            action=AuditAction.UPDATE,
            object_type="indicator_value",
            object_id=row.pk,
            summary=f"{indicator.name}: {value} for {period_start:%d/%m/%Y} to {period_end:%d/%m/%Y}",
            via=via,
        )
    return row


def value_compute(*, indicator: Indicator, year: int, by: Any = None) -> IndicatorValue | None:
    """Compute a computed indicator for the reporting ``year`` (to today when the year is not
    over) and keep it; None when there is nothing to compute yet (and nothing is kept)."""
    if not indicator.computed:
        raise IndicatorError("This indicator is typed in or imported: TenantVoice does not compute it.")
    reporting = ReportingYear(year)
    today = timezone.localdate()
    if reporting.start > today:
        raise IndicatorError("That reporting year has not begun.", field="year")
    reading = source_kind(indicator.source, indicator.source_parameter).reading(reporting, today)
    if reading is None:
        return None
    end = min(reporting.end, today)
    drawn = f"Computed on {today:%d/%m/%Y}. {reading.note}"
    with transaction.atomic():
        # A part-year value drawn earlier is replaced by the newer one, not kept beside it.
        IndicatorValue.objects.filter(
            indicator=indicator,
            origin=IndicatorValue.Origin.COMPUTED,
            period_start=reporting.start,
            period_end__lte=reporting.end,
        ).exclude(period_end=end).delete()
        row = _store(
            indicator,
            period_start=reporting.start,
            period_end=end,
            value=reading.value,
            origin=IndicatorValue.Origin.COMPUTED,
            note=drawn,
            sample_size=reading.sample_size,
            by=by,
        )
        audit_record(
            actor=by,
            action=AuditAction.UPDATE,
            object_type="indicator_value",
            object_id=row.pk,
            summary=f"Computed {indicator.name} for {reporting.label}: {row.value}",
        )
    return row


def target_set(
    *,
    indicator: Indicator,
    year: int,
    value: Decimal | None,
    note: str = "",
    by: Any = None,
    via: str = "web",
) -> IndicatorTarget | None:
    """Set the target for a reporting year, or remove it (``value`` None)."""
    if not 2000 <= year <= 2100:
        raise IndicatorError("Give the year the reporting year starts in, e.g. 2025.", field="year")
    with transaction.atomic():
        if value is None:
            IndicatorTarget.objects.filter(indicator=indicator, year=year).delete()
            target = None
            summary = f"Removed the {ReportingYear(year).label} target of {indicator.name}"
        else:
            _check_value(indicator, value)
            target, _made = IndicatorTarget.objects.update_or_create(
                indicator=indicator, year=year, defaults={"value": value, "note": note.strip()}
            )
            summary = f"Set the {ReportingYear(year).label} target of {indicator.name} to {value}"
        audit_record(
            actor=by,
            action=AuditAction.UPDATE,
            object_type="indicator",
            object_id=indicator.pk,
            summary=summary,
            via=via,
        )
    return target


# --- Imports -----------------------------------------------------------------------------------


@dataclass
class ImportOutcome:
    rows: int = 0
    problems: list[RowError] = field(default_factory=list)


def _number(text: str) -> Decimal | None:
    text = text.strip().rstrip("%").replace(",", "").replace("£", "").strip()
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _date(text: str) -> dt.date | None:
    text = text.strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()  # noqa: DTZ007 - a date, no time
        except ValueError:
            continue
    # Spreadsheets give dates as "2025-04-01 00:00:00".
    try:
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        return None


VALUE_HEADINGS = ("indicator", "period start", "period end", "value", "sample size", "margin of error")


def _headings(first: list[str], required: tuple[str, ...], known: tuple[str, ...]) -> list[RowError]:
    lower = [h.strip().lower() for h in first]
    problems = [
        RowError(1, "", "", f"The file needs a column headed '{name}'.")
        for name in required
        if name not in lower
    ]
    quoted = ", ".join(f"'{name}'" for name in known)
    problems += [
        RowError(1, heading, heading, f"Use these headings: {quoted}.")
        for heading in first
        if heading.strip() and heading.strip().lower() not in known
    ]
    return problems


def values_import(path: str | Path, *, file_name: str | None = None, by: Any = None) -> ImportOutcome:
    """Values of typed-in indicators from a file: one row per indicator and period, headed
    indicator, period start, period end, value, and for survey measures sample size and margin
    of error. All or nothing: one bad row and nothing is kept."""
    outcome = ImportOutcome()
    rows = read_rows(path, file_name)
    first = next(rows, None)
    if first is None:
        outcome.problems.append(RowError(1, "", "", "The file is empty."))
        return outcome
    outcome.problems = _headings(first, VALUE_HEADINGS[:4], VALUE_HEADINGS)
    if outcome.problems:
        return outcome
    lower = [h.strip().lower() for h in first]
    by_name = {i.name.lower(): i for i in Indicator.objects.all()}
    keep: list[dict[str, Any]] = []
    seen: set[tuple[int, dt.date, dt.date]] = set()
    for number, row in enumerate(rows, start=2):
        if not any(row):
            continue
        cells = dict(zip(lower, row, strict=False))
        name = cells.get("indicator", "").strip()
        indicator = by_name.get(name.lower())
        if indicator is None:
            outcome.problems.append(
                RowError(number, "indicator", name, "There is no indicator with this name.")
            )
            continue
        if indicator.computed:
            outcome.problems.append(
                RowError(
                    number,
                    "indicator",
                    name,
                    "TenantVoice computes this indicator: leave it out of the file.",
                )
            )
            continue
        start, end = _date(cells.get("period start", "")), _date(cells.get("period end", ""))
        if start is None:
            outcome.problems.append(
                RowError(
                    number, "period start", cells.get("period start", ""), "Give a date such as 01/04/2025."
                )
            )
        if end is None:
            outcome.problems.append(
                RowError(number, "period end", cells.get("period end", ""), "Give a date such as 31/03/2026.")
            )
        value = _number(cells.get("value", ""))
        if value is None:
            outcome.problems.append(RowError(number, "value", cells.get("value", ""), "Give a number."))
        sample_text, margin_text = (
            cells.get("sample size", "").strip(),
            cells.get("margin of error", "").strip(),
        )
        sample = _number(sample_text) if sample_text else None
        margin = _number(margin_text) if margin_text else None
        if sample_text and (sample is None or sample != int(sample)):
            outcome.problems.append(
                RowError(number, "sample size", sample_text, "Give a whole number of answers.")
            )
        if margin_text and margin is None:
            outcome.problems.append(
                RowError(
                    number, "margin of error", margin_text, "Give the margin in percentage points, e.g. 3.5."
                )
            )
        if (
            start is None
            or end is None
            or value is None
            or (sample_text and sample is None)
            or (margin_text and margin is None)
        ):
            continue
        try:
            _value_checks(
                indicator,
                period_start=start,
                period_end=end,
                value=value,
                sample_size=int(sample) if sample is not None else None,
                margin=margin,
            )
        except IndicatorError as exc:
            outcome.problems.append(RowError(number, exc.field or "", "", exc.message))
            continue
        if (indicator.pk, start, end) in seen:
            outcome.problems.append(
                RowError(number, "indicator", name, "This indicator and period are in the file twice.")
            )
            continue
        seen.add((indicator.pk, start, end))
        keep.append(
            {
                "indicator": indicator,
                "period_start": start,
                "period_end": end,
                "value": value,
                "sample_size": int(sample) if sample is not None else None,
                "margin": margin,
            }
        )
    if outcome.problems:
        return outcome
    label = file_name or Path(path).name
    with transaction.atomic():
        for item in keep:
            _store(origin=IndicatorValue.Origin.IMPORTED, note=f"Imported from {label}.", by=by, **item)
        audit_record(
            actor=by,
            action=AuditAction.IMPORT,
            object_type="indicator_values",
            object_id=label,
            summary=f"Imported {len(keep)} indicator values from {label}",
        )
    outcome.rows = len(keep)
    return outcome


AVERAGE_COLUMN = "average"
AVERAGE_YES = frozenset({"yes", "y", "true", "1"})
AVERAGE_NO = frozenset({"", "no", "n", "false", "0"})


@dataclass
class PeerImportOutcome:
    peer_set: IndicatorPeerSet | None = None
    figures: int = 0
    problems: list[RowError] = field(default_factory=list)


def peers_import(
    path: str | Path,
    *,
    name: str,
    year: int,
    source: str = "",
    file_name: str | None = None,
    by: Any = None,
) -> PeerImportOutcome:
    """Other landlords' figures for the reporting ``year``: a "landlord" column and one column
    per indicator, headed with the indicator's name (the shape of the TSM peer file,
    ``surveys.peers``). Empty cells are figures that landlord did not report. An optional
    "average" column flags, with "yes", the one row that is the national average (the Scottish
    average for the Charter, decision 0053): compared with, not counted among the peers. All or
    nothing."""
    outcome = PeerImportOutcome()
    if not name.strip():
        outcome.problems.append(RowError(1, "", "", "Give the peer group a name."))
        return outcome
    rows = read_rows(path, file_name)
    first = next(rows, None)
    if first is None:
        outcome.problems.append(RowError(1, "", "", "The file is empty."))
        return outcome
    by_name = {i.name.lower(): i for i in Indicator.objects.all()}
    lower = [h.strip().lower() for h in first]
    own_columns = {"landlord", AVERAGE_COLUMN}
    if "landlord" not in lower:
        outcome.problems.append(RowError(1, "", "", "The file needs a column headed 'landlord'."))
    columns = {i: by_name[h] for i, h in enumerate(lower) if h in by_name}
    for heading in first:
        if (
            heading.strip()
            and heading.strip().lower() not in by_name
            and heading.strip().lower() not in own_columns
        ):
            outcome.problems.append(
                RowError(
                    1,
                    heading,
                    heading,
                    "Head each column with 'landlord', 'average' or an indicator's name as we have it.",
                )
            )
    if not columns:
        outcome.problems.append(RowError(1, "", "", "No column is headed with one of our indicators' names."))
    if outcome.problems:
        return outcome
    figures: list[IndicatorPeerFigure] = []
    seen: set[str] = set()
    average_row: int | None = None
    for number, row in enumerate(rows, start=2):
        if not any(row):
            continue
        cells = dict(zip(lower, row, strict=False))
        landlord = cells.get("landlord", "").strip()
        flag = cells.get(AVERAGE_COLUMN, "").strip().lower()
        if flag not in AVERAGE_YES | AVERAGE_NO:
            outcome.problems.append(
                RowError(
                    number, AVERAGE_COLUMN, flag, "Put 'yes' on the average's row; leave the others empty."
                )
            )
        is_average = flag in AVERAGE_YES
        if is_average and average_row is not None:
            outcome.problems.append(
                RowError(
                    number,
                    AVERAGE_COLUMN,
                    flag,
                    f"Row {average_row} is already the average: flag one row only.",
                )
            )
        if is_average and average_row is None:
            average_row = number
        if not landlord:
            outcome.problems.append(RowError(number, "landlord", "", "Give the landlord's name."))
        elif landlord.lower() in seen:
            outcome.problems.append(
                RowError(number, "landlord", landlord, "This landlord is in the file twice.")
            )
        seen.add(landlord.lower())
        for index, indicator in columns.items():
            text = row[index].strip() if index < len(row) else ""
            if not text:
                continue
            value = _number(text)
            if value is None:
                outcome.problems.append(RowError(number, first[index], text, "Give a number."))
                continue
            try:
                _check_value(indicator, value)
            except IndicatorError as exc:
                outcome.problems.append(RowError(number, first[index], text, exc.message))
                continue
            figures.append(
                IndicatorPeerFigure(
                    indicator=indicator, landlord=landlord, value=value, is_average=is_average
                )
            )
    if outcome.problems:
        return outcome
    with transaction.atomic():
        outcome.peer_set = IndicatorPeerSet.objects.create(
            name=name.strip(),
            year=year,
            source=source.strip(),
            imported_by=by if getattr(by, "is_authenticated", False) else None,
        )
        for figure in figures:
            figure.peer_set = outcome.peer_set
        IndicatorPeerFigure.objects.bulk_create(figures)
        audit_record(
            actor=by,
            action=AuditAction.IMPORT,
            object_type="indicator_peer_set",
            object_id=outcome.peer_set.pk,
            summary=f"Imported peer figures {outcome.peer_set.name}: {len(figures)} figures",
        )
    outcome.figures = len(figures)
    return outcome


# --- The annual Charter report to tenants (decision 0053) ----------------------------------------


def charter_report_save(*, year: int, introduction: str, by: Any = None) -> CharterReport:
    """Write (or rewrite) the officer's words of a year's Charter report; a published report's
    words can still be corrected, and the change is audited."""
    if not 2000 <= year <= 2100:
        raise IndicatorError("Give the year the reporting year starts in, e.g. 2025.", field="year")
    with transaction.atomic():
        report, made = CharterReport.objects.get_or_create(year=year)
        before = {"introduction": report.introduction}
        report.introduction = introduction.strip()
        report.save()
        audit_record(
            actor=by,
            action=AuditAction.CREATE if made else AuditAction.UPDATE,
            object_type="charter_report",
            object_id=report.pk,
            summary=f"Saved the Charter report to tenants for {ReportingYear(year).label}",
            changes=diff_fields(before, {"introduction": report.introduction}),
        )
    return report


def charter_report_publish(*, report: CharterReport, by: Any = None) -> CharterReport:
    """Publish the report to residents (from today)."""
    if report.is_published:
        raise IndicatorError("This report is already published.")
    if not report.introduction:
        raise IndicatorError("Write the introduction before publishing.", field="introduction")
    with transaction.atomic():
        report.published_on = timezone.localdate()
        report.published_by = by if getattr(by, "is_authenticated", False) else None
        report.save(update_fields=["published_on", "published_by"])
        audit_record(
            actor=by,
            action=AuditAction.UPDATE,
            object_type="charter_report",
            object_id=report.pk,
            summary=f"Published the Charter report to tenants for {ReportingYear(report.year).label}",
        )
    return report


def charter_comment_make(
    *, report: CharterReport, resident: Any, text: str, wants_reply: bool = False, by: Any = None
) -> CharterComment:
    """A resident's comment on a published report (REGULATION.md: "offer tenants a way to
    comment on the report")."""
    return comment_make(
        CharterComment,
        error=IndicatorError,
        report=report,
        resident=resident,
        text=text,
        wants_reply=wants_reply,
        by=by,
        object_type="charter_comment",
        summary=f"Comment on the Charter report for {ReportingYear(report.year).label}",
    )


def charter_comment_read(*, comment: CharterComment, by: Any = None) -> CharterComment:
    """An officer marks a comment as read (the resident sees it was read)."""
    return comment_read(
        comment,
        error=IndicatorError,
        by=by,
        object_type="charter_comment",
        summary="Read a comment on the Charter report",
    )


def charter_comment_reply(*, comment: CharterComment, reply: str, by: Any = None) -> CharterComment:
    """An officer's reply, sent to the resident and shown with their comment."""
    from django.conf import settings
    from django.urls import reverse

    from tenantvoice.comms.services import report_comment_reply_queue

    year = comment.report.year
    title = f"our Charter report for {ReportingYear(year).label}"
    return comment_reply(
        comment,
        error=IndicatorError,
        reply=reply,
        report_title=title,
        send=lambda c: report_comment_reply_queue(
            comment=c,
            report_title=title,
            link=settings.TENANTVOICE_SITE_URL.rstrip("/") + reverse("portal:charter-report", args=[year]),
            cause="charter_comment",
        ),
        by=by,
        object_type="charter_comment",
    )
