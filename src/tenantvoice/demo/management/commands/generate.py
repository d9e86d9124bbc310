"""``tenantvoice generate --households N --seed S``: a synthetic landlord, into the database or a file."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tenantvoice.demo.synthetic import (
    MAX_HOUSEHOLDS,
    MIN_HOUSEHOLDS,
    NATIONS,
    check_size,
    load_into_database,
    write_extract,
)


class Command(BaseCommand):
    help = (
        "Make a realistic, deterministic synthetic landlord: loaded into the database, or "
        "written as an HMS extract file (CSV or XLSX) for the importer."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--households",
            type=int,
            required=True,
            help=f"how many households ({MIN_HOUSEHOLDS:,} to {MAX_HOUSEHOLDS:,})",
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="the same seed always gives the same landlord"
        )
        parser.add_argument("--output", help="write an HMS extract (.csv or .xlsx) instead of loading it")
        parser.add_argument(
            "--nation",
            choices=NATIONS,
            default="england",
            help="sets tenures, towns and postcodes: scotland gives Scottish secure tenancies and "
            "factored owners (default: england)",
        )
        parser.add_argument(
            "--with-equality",
            action="store_true",
            help="also record equality answers (with consent) for about 40%% of adults",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        households: int = options["households"]
        started = time.perf_counter()
        try:
            check_size(households)
            if options["output"]:
                self._write(Path(options["output"]), households, options)
            else:
                self._load(households, options)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Took {time.perf_counter() - started:.1f} s.")

    def _write(self, path: Path, households: int, options: dict[str, Any]) -> None:
        kind = path.suffix.lower().lstrip(".")
        if kind not in ("csv", "xlsx"):
            raise CommandError(f"--output must be a file ending in .csv or .xlsx, not '{path.name}'.")
        if options["with_equality"]:
            raise CommandError(
                "An HMS extract has no equality answers: use --with-equality only when loading "
                "into the database."
            )
        if not path.parent.is_dir():
            raise CommandError(f"There is no folder {path.parent} to write {path.name} in.")
        rows = write_extract(path, households, options["seed"], format=kind, nation=options["nation"])
        self.stdout.write(
            self.style.SUCCESS(f"Wrote {rows:,} people in {households:,} households to {path}.")
        )

    def _load(self, households: int, options: dict[str, Any]) -> None:
        verbose = options["verbosity"] > 0 and households > 25_000

        def progress(done: int, total: int) -> None:
            if verbose:
                self.stdout.write(f"  {done:,} of {total:,} households")

        counts = load_into_database(
            households,
            options["seed"],
            nation=options["nation"],
            with_equality=options["with_equality"],
            progress=progress,
        )
        summary = ", ".join(f"{n:,} {noun}" for noun, n in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Loaded {summary}."))
