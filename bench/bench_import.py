"""Importing an HMS extract of 100,000 residents, against django-import-export on the same file.

Target (issue 2): under 60 s, and at least 5x faster than the baseline.

The baseline is django-import-export (the usual way to import spreadsheets into Django)
importing the same file's people into the Resident table only, matched on the reference,
in its fastest documented configuration (``use_bulk``, ``skip_unchanged``) and with its
row report. It does strictly less work than TenantVoice, which also builds the properties,
areas, tenancies and household memberships, search keys and the plain-English report, so
the ratio is conservative. Both start from an empty register.

    .venv/bin/python bench/bench_import.py [--residents 100000] [--seed 1] [--skip-baseline]
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import sys
from pathlib import Path

from common import empty_register, setup, timer, verdict

TARGET_SECONDS = 60.0
TARGET_RATIO = 5.0


def make_extract(folder: Path, residents: int, seed: int) -> Path:
    """A synthetic extract of exactly ``residents`` rows (whole households, but the last)."""
    from tenantvoice.demo.synthetic import write_extract

    households = max(100, int(residents / 1.6))
    while True:
        raw = folder / "generated.csv"
        rows = write_extract(raw, households, seed, format="csv")
        if rows >= residents:
            break
        households = int(households * residents / rows) + 100
    path = folder / f"hms-{residents}.csv"
    with (
        raw.open(newline="", encoding="utf-8") as source,
        path.open("w", newline="", encoding="utf-8") as target,
    ):
        reader = csv.reader(source)
        writer = csv.writer(target)
        writer.writerow(next(reader))
        for index, row in enumerate(reader):
            if index == residents:
                break
            writer.writerow(row)
    raw.unlink()
    return path


def baseline_file(path: Path) -> Path:
    """The same rows with the headings django-import-export expects (not timed).

    It has no mapping of headings or notion of "empty means the default", so the file is
    given the model's field names and the default kind where the cell is empty.
    """
    renamed = {"person_ref": "hms_ref", "resident_kind": "kind"}
    target = path.with_name("baseline.csv")
    with (
        path.open(newline="", encoding="utf-8") as source,
        target.open("w", newline="", encoding="utf-8") as out,
    ):
        reader = csv.DictReader(source)
        headings = [renamed.get(h, h) for h in reader.fieldnames or []]
        writer = csv.DictWriter(out, fieldnames=headings)
        writer.writeheader()
        for row in reader:
            row = {renamed.get(k, k): v for k, v in row.items()}
            row["kind"] = row["kind"] or "household"
            writer.writerow(row)
    return target


def import_export_baseline(path: Path) -> int:
    import tablib
    from import_export import resources

    from tenantvoice.residents.models import Resident

    class ResidentResource(resources.ModelResource):
        class Meta:
            model = Resident
            import_id_fields = ("hms_ref",)
            fields = (
                "hms_ref",
                "kind",
                "title",
                "first_name",
                "last_name",
                "preferred_name",
                "date_of_birth",
                "email",
                "mobile_phone",
                "other_phone",
                "language",
                "support_needs",
            )
            use_bulk = True
            batch_size = 2000
            skip_unchanged = True

    dataset = tablib.Dataset().load(path.read_text(encoding="utf-8"), format="csv")
    result = ResidentResource().import_data(dataset, dry_run=False, raise_errors=False)
    if result.has_errors() or result.has_validation_errors():
        raise SystemExit(
            f"The baseline could not import the file: {result.invalid_rows[:1]} {result.row_errors()[:1]}"
        )
    return Resident.objects.count()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--residents", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-baseline", action="store_true")
    args = parser.parse_args()
    if not args.skip_baseline and importlib.util.find_spec("import_export") is None:
        # Only the benchmark uses it, so it is in the "bench" extra, not the dev install.
        parser.error(
            "the baseline needs django-import-export: run `make bench`, or "
            "`.venv/bin/pip install -c requirements/constraints.txt -e '.[bench]'`, or pass --skip-baseline"
        )

    scratch = setup()
    from django.db import connection

    from tenantvoice.residents.importing import import_file
    from tenantvoice.residents.models import Resident

    print(f"bench_import: {args.residents:,} residents on {connection.vendor}")
    times: dict[str, float] = {}
    with timer("generate the extract (not measured)", times):
        path = make_extract(scratch, args.residents, args.seed)

    with timer("TenantVoice: first import", times):
        first = import_file(path)
    assert not first.errors, first.errors[:3]
    with timer("TenantVoice: re-import, nothing changed", times):
        again = import_file(path)
    assert sum(c.get("added", 0) + c.get("updated", 0) for c in again.counts.values()) == 0
    with timer("TenantVoice: dry run", times):
        import_file(path, dry_run=True)
    imported = Resident.objects.count()
    print(
        f"  imported {imported:,} residents, {first.counts['tenancies']['added']:,} tenancies, "
        f"{first.counts['properties']['added']:,} properties"
    )

    ours = times["TenantVoice: first import"]
    ok = ours < TARGET_SECONDS
    print(
        f"TenantVoice import: {ours:.1f} s for {args.residents:,} rows "
        f"({args.residents / ours:,.0f} rows/s); target < {TARGET_SECONDS:.0f} s: {verdict(ok)}"
    )
    if not args.skip_baseline:
        empty_register()
        copy = baseline_file(path)
        with timer("django-import-export: first import (residents only)", times):
            import_export_baseline(copy)
        baseline = times["django-import-export: first import (residents only)"]
        ratio = baseline / ours
        ok = ok and ratio >= TARGET_RATIO
        print(
            f"Ratio to django-import-export: {ratio:.1f}x faster; target >= {TARGET_RATIO:.0f}x: "
            f"{verdict(ratio >= TARGET_RATIO)}"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
