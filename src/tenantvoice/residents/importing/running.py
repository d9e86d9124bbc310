"""Running an import: check the rows, then write them in one transaction unless a row is bad
and only good rows were not asked for; dry runs, rejections and errors save nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from tenantvoice.core.audit import audit_record
from tenantvoice.core.models import AuditAction
from tenantvoice.core.spreadsheets import ImportFileError, read_rows

from ..models import ImportStatus, Tenancy
from .checking import Progress, check_rows
from .mapping import Mapping
from .writing import ImportResult, _Writer


class _DryRun(Exception):
    """Raised inside the transaction to roll a dry run back."""


# A full extract that would end more than this share of the current tenancies is more
# likely a cut-short file than a mass exodus; it is refused unless the caller allows it.
MAX_ENDED_SHARE = 0.5
MAX_ENDED_ALWAYS_ALLOWED = 20


class TooManyEnded(ImportFileError):
    """A full extract would end a suspicious share of the current tenancies."""

    def __init__(self, warning: str) -> None:
        super().__init__(
            f"Nothing was imported. {warning} To go ahead, confirm that they have "
            "ended (or use --allow-many-ended)."
        )


def import_file(path: str | Path, *, name: str | None = None, **options: Any) -> ImportResult:
    """Check the file, then (unless a row is bad and ``good_rows_only`` is off) write it.

    The options are :func:`import_rows`'s. Returns the outcome; raises ImportFileError for a
    problem with the file as a whole. Either everything the result reports is saved, or (dry
    run, rejection, any error) nothing at all.
    """
    return import_rows(read_rows(path, name), name=name or Path(path).name, **options)


def import_rows(
    rows: Iterable[Sequence[str]],
    *,
    name: str,
    mapping: Mapping | None = None,
    dry_run: bool = False,
    good_rows_only: bool = False,
    full_extract: bool = True,
    allow_many_ended: bool = False,
    as_of: dt.date | None = None,
    by: Any = None,
    progress: Progress | None = None,
    total_hint: int = 0,
) -> ImportResult:
    """Check rows (the heading row first), then write them unless a row is bad and
    ``good_rows_only`` is off. Dry runs, rejections and errors save nothing at all."""
    as_of = as_of or timezone.localdate()
    checked = check_rows(
        rows,
        name=name,
        mapping=mapping,
        full_extract=full_extract,
        today=as_of,
        progress=progress,
        total_hint=total_hint,
    )
    skipped = len(checked.bad_rows)
    result = ImportResult(
        status=ImportStatus.COMPLETED,
        rows_total=checked.rows_total,
        rows_skipped=skipped,
        errors=checked.errors,
    )
    if checked.ignored_headings:
        result.notes.append("These columns were not used: " + ", ".join(checked.ignored_headings) + ".")
    if checked.errors and not good_rows_only and not dry_run:
        result.status = ImportStatus.REJECTED
        result.rows_skipped = checked.rows_total
        result.message = (
            f"Nothing was imported: {_rows(skipped)} of {checked.rows_total} "
            f"{'has a problem' if skipped == 1 else 'have problems'}. Correct "
            f"{'it' if skipped == 1 else 'them'} and upload the file again, or choose to import "
            "only the rows without problems."
        )
        return result
    writer = _Writer(checked, full_extract=full_extract, as_of=as_of, progress=progress)
    try:
        with transaction.atomic():
            writer.run()
            many_ended = _many_ended(writer)
            if dry_run:
                raise _DryRun
            if many_ended and not allow_many_ended:
                raise TooManyEnded(many_ended)
            audit_record(
                actor=by,
                action=AuditAction.IMPORT,
                object_type="import",
                object_id=name,
                summary=f"Imported {name}: " + " ".join(_result_with(result, writer).summary_lines()),
                via="web" if by is not None else "command",
            )
    except _DryRun:
        if many_ended:
            result.many_ended = True
            result.notes.append(many_ended)
    _result_with(result, writer)
    result.rows_imported = checked.rows_total - skipped
    if dry_run:
        result.status = ImportStatus.CHECKED
        result.message = "Checked: this is what the import would change. Nothing was saved."
        if skipped:
            # A check goes on past bad rows, so the officer sees the whole picture at once.
            result.message = (
                f"Checked: {_rows(skipped)} of {checked.rows_total} "
                f"{'has a problem' if skipped == 1 else 'have problems'}. Imported as it is, the file "
                "would change nothing. If you import only the rows without problems, this is what "
                "would change. Nothing was saved."
            )
    else:
        result.message = (
            "Imported." if not skipped else (f"Imported the rows without problems; {_rows(skipped)} skipped.")
        )
    return result


def _rows(count: int) -> str:
    return f"{count} row" + ("" if count == 1 else "s")


def _result_with(result: ImportResult, writer: _Writer) -> ImportResult:
    result.counts = writer.counts
    return result


def _many_ended(writer: _Writer) -> str:
    """A warning when a full extract would end a suspicious share of current tenancies."""
    ended = writer.counts["tenancies"]["ended"]
    if ended <= MAX_ENDED_ALWAYS_ALLOWED:
        return ""
    # Ended tenancies ended the day before ``as_of``, so they are no longer current on it.
    were_current = Tenancy.objects.current(writer.as_of).count() + ended
    if ended <= MAX_ENDED_SHARE * were_current:
        return ""
    return (
        f"As a full extract, this file would end {ended} of the {were_current} current "
        "tenancies, because they are not in it. That usually means the extract was cut short. "
        "Check the file; import it only if those tenancies really have ended."
    )
