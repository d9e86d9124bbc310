"""``tenantvoice import-residents FILE``: import an HMS extract from the command line.

The same engine as the officers' import page (residents/importing/): all-or-nothing unless
--good-rows-only, a dry run with --dry-run, and a row-by-row report of every problem.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tenantvoice.residents.importing import (
    ImportFileError,
    count_rows,
    errors_as_csv,
    import_file,
    mapping_default,
    mapping_load,
)
from tenantvoice.residents.models import ImportStatus

ERRORS_SHOWN = 50


class Command(BaseCommand):
    help = "Import properties, tenancies and residents from an HMS extract (CSV or XLSX)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the extract: .csv or .xlsx")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="check the file and report what would change, saving nothing",
        )
        parser.add_argument(
            "--good-rows-only",
            action="store_true",
            help="import the rows without problems and skip the others",
        )
        parser.add_argument(
            "--partial",
            action="store_true",
            help="the file is not a full extract: do not end tenancies missing from it",
        )
        parser.add_argument(
            "--mapping",
            help="TOML mapping of your column names and codes (default: TENANTVOICE_IMPORT_MAPPING)",
        )
        parser.add_argument("--as-of", help="the date of the extract, YYYY-MM-DD (default: today)")
        parser.add_argument(
            "--allow-many-ended",
            action="store_true",
            help="allow a full extract to end more than half of the current tenancies",
        )
        parser.add_argument("--errors-csv", help="write every problem to this CSV file")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"There is no file at {path}.")
        as_of = None
        if options["as_of"]:
            try:
                as_of = dt.date.fromisoformat(options["as_of"])
            except ValueError:
                raise CommandError(f"--as-of '{options['as_of']}' is not a date like 2026-11-24.") from None
        started = time.perf_counter()
        try:
            mapping = mapping_load(options["mapping"]) if options["mapping"] else mapping_default()
            total = count_rows(path) if options["verbosity"] >= 1 and sys.stderr.isatty() else 0
            result = import_file(
                path,
                mapping=mapping,
                dry_run=options["dry_run"],
                good_rows_only=options["good_rows_only"],
                full_extract=not options["partial"],
                allow_many_ended=options["allow_many_ended"],
                as_of=as_of,
                progress=self._progress if total else None,
                total_hint=total,
            )
        except ImportFileError as exc:
            raise CommandError(str(exc)) from exc
        seconds = time.perf_counter() - started
        for line in result.summary_lines():
            self.stdout.write(line)
        for note in result.notes:
            self.stdout.write(note)
        self._report_errors(result.errors, options["errors_csv"])
        message = f"{result.message} ({seconds:.1f} s)"
        # A check that found problems fails too, so that a script can tell.
        if result.status == ImportStatus.REJECTED or (result.errors and not options["good_rows_only"]):
            raise CommandError(message)
        self.stdout.write(self.style.SUCCESS(message))

    def _progress(self, done: int, total: int) -> None:
        self.stderr.write(f"\rChecked {done:,} of {total:,} rows", ending="")
        if done >= total:
            self.stderr.write("")

    def _report_errors(self, errors: list[Any], csv_path: str | None) -> None:
        if not errors:
            return
        rows = len({e.row for e in errors})
        self.stderr.write(f"{len(errors)} problem(s) on {rows} row(s):")
        for error in errors[:ERRORS_SHOWN]:
            self.stderr.write(f"  {error.message}")
        if csv_path:
            Path(csv_path).write_text(errors_as_csv(e.as_dict() for e in errors), encoding="utf-8")
            self.stderr.write(f"Every problem is listed in {csv_path}.")
        elif len(errors) > ERRORS_SHOWN:
            self.stderr.write(
                f"  ... and {len(errors) - ERRORS_SHOWN} more: use --errors-csv FILE to list them all."
            )
