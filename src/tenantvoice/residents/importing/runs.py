"""Import runs: an uploaded file as an ImportRun, checked or imported now or by the task worker
(the officers' pages), and the row-by-row report as a spreadsheet."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files import File
from django.db import DatabaseError, transaction
from django.utils import timezone

from tenantvoice.core.audit import audit_record
from tenantvoice.core.models import AuditAction
from tenantvoice.core.spreadsheets import ImportFileError, count_rows, csv_writer

from ..models import ImportRun, ImportStatus
from .mapping import Mapping, mapping_default
from .running import TooManyEnded, import_file

logger = logging.getLogger(__name__)

# The error report kept on an ImportRun; the count is always exact.
MAX_STORED_ERRORS = 5000


def import_run_execute(run: ImportRun, *, mapping: Mapping | None = None) -> ImportRun:
    """Run an uploaded import and record its outcome on ``run``; never raises for bad input."""
    from tenantvoice.worker.liveness import process_tag

    # Stamped with this process, so that if it dies the run is marked failed (worker.recovery).
    ImportRun.objects.filter(pk=run.pk).update(
        status=ImportStatus.RUNNING, started_at=timezone.now(), claimed_by=process_tag()
    )
    run.refresh_from_db()

    def progress(done: int, total: int) -> None:
        # Outside the write transaction this is seen at once by the progress page.
        ImportRun.objects.filter(pk=run.pk).update(rows_done=done, rows_total=max(total, done))

    try:
        mapping = mapping or mapping_default()
        local_path = Path(run.file.path)  # stored with the default (file system) storage
        result = import_file(
            local_path,
            name=run.original_name,
            mapping=mapping,
            dry_run=run.dry_run,
            good_rows_only=run.good_rows_only,
            full_extract=run.full_extract,
            allow_many_ended=run.allow_many_ended,
            by=run.created_by,
            progress=progress,
            total_hint=run.rows_total,
        )
    except ImportFileError as exc:
        run.status = ImportStatus.FAILED if not isinstance(exc, TooManyEnded) else ImportStatus.REJECTED
        run.message = str(exc)
    except DatabaseError:
        # The transaction rolled back, so nothing was written; the detail is in the log.
        logger.exception("Import %s failed", run.pk)
        run.status = ImportStatus.FAILED
        run.message = (
            "The import could not be saved because of a database problem, so nothing was "
            "changed. Try again; if it happens again, tell your administrator."
        )
    else:
        run.status = result.status
        run.message = result.message
        run.summary = result.summary
        run.rows_total = result.rows_total
        run.rows_done = result.rows_total
        run.error_count = result.error_count
        run.errors = [e.as_dict() for e in result.errors[:MAX_STORED_ERRORS]]
    run.finished_at = timezone.now()
    run.save(
        update_fields=[
            "status",
            "message",
            "summary",
            "rows_total",
            "rows_done",
            "error_count",
            "errors",
            "finished_at",
        ]
    )
    return run


def import_run_create(
    *, upload: File, by: Any, dry_run: bool, good_rows_only: bool, full_extract: bool
) -> ImportRun:
    """Store an uploaded file as a queued ImportRun (it is then run now or by the worker)."""
    run = ImportRun(
        created_by=by,
        original_name=Path(upload.name or "extract").name[:255],
        dry_run=dry_run,
        good_rows_only=good_rows_only,
        full_extract=full_extract,
    )
    run.file.save(run.original_name, upload, save=False)
    try:
        run.rows_total = count_rows(run.file.path, run.original_name)
    except ImportFileError:
        run.rows_total = 0  # the run itself reports the problem in full
    run.save()
    audit_record(
        actor=by,
        action=AuditAction.CREATE,
        object_type="import",
        object_id=run.pk,
        summary=f"Uploaded {run.original_name} to {'check' if dry_run else 'import'}",
    )
    return run


def import_run_confirm(
    check: ImportRun, *, by: Any, good_rows_only: bool, allow_many_ended: bool
) -> ImportRun:
    """A queued import of the file that ``check`` (a finished dry run) checked."""
    run = ImportRun.objects.create(
        created_by=by,
        file=check.file.name,
        original_name=check.original_name,
        dry_run=False,
        full_extract=check.full_extract,
        rows_total=check.rows_total,
        good_rows_only=good_rows_only,
        allow_many_ended=allow_many_ended,
        from_check=check,
    )
    audit_record(
        actor=by,
        action=AuditAction.CREATE,
        object_type="import",
        object_id=run.pk,
        summary=f"Confirmed the import of {run.original_name} after its check",
    )
    return run


def import_run_start(run: ImportRun) -> bool:
    """Run small files now and queue large ones for the worker; True when queued."""
    if run.rows_total > settings.TENANTVOICE_BACKGROUND_IMPORT_ROWS:
        from ..tasks import run_import

        # After commit, so that the worker can see the run it is asked to do.
        transaction.on_commit(lambda: run_import.enqueue(run.pk))
        return True
    import_run_execute(run)
    return False


def errors_as_csv(errors: Iterable[dict[str, Any]]) -> str:
    """The row-by-row report as CSV text for a spreadsheet (formula-like cells neutralised)."""
    out = io.StringIO()
    writer = csv_writer(out)  # neutralises formula-like text such as "=HYPERLINK(...)"
    writer.writerow(["Row", "Column", "Value", "Problem"])
    for error in errors:
        writer.writerow(
            [
                error["row"],
                error["column"],
                str(error["value"]),
                error["problem"],
            ]
        )
    return out.getvalue()
