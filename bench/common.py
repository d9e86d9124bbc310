"""Shared set-up for the benchmarks: a throwaway database and Django, before any model import.

Each benchmark calls :func:`setup` first. Without DATABASE_URL it makes a fresh SQLite file
in a temporary folder; with DATABASE_URL (PostgreSQL) it uses that database, which should
be an empty, throwaway one.
"""

from __future__ import annotations

import atexit
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup(database_url: str | None = None, *, fresh: bool = True) -> Path:
    """Point Django at the benchmark's database, migrate it, and return a scratch folder."""
    scratch = Path(tempfile.mkdtemp(prefix="tenantvoice-bench-"))
    # The scratch folder holds the SQLite database (hundreds of MB at full size): gone at exit.
    atexit.register(shutil.rmtree, scratch, ignore_errors=True)
    url = database_url or os.environ.get("DATABASE_URL") or f"sqlite:///{scratch / 'bench.sqlite3'}"
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tenantvoice.settings.local")
    os.environ.setdefault("TENANTVOICE_VAR_DIR", str(scratch))
    sys.path.insert(0, str(ROOT / "src"))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    if fresh:
        from tenantvoice.residents.models import Resident

        if Resident.objects.exists():
            raise SystemExit(f"The benchmark database {url} is not empty; give it an empty one.")
    return scratch


def empty_register() -> None:
    """Delete the register between a measurement and its baseline, so both start equal."""
    from django.db import connection

    from tenantvoice.residents.models import Area, ImportRun, Property, Resident, Tenancy, TenancyMember

    # Raw deletes: areas refer to their parents, which the ORM's collector refuses to cascade.
    with connection.cursor() as cursor:
        for model in (TenancyMember, Tenancy, Property, Area, Resident, ImportRun):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")  # noqa: S608
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM")


@contextmanager
def timer(label: str, results: dict[str, float]) -> Iterator[None]:
    started = time.perf_counter()
    yield
    results[label] = time.perf_counter() - started
    print(f"  {label}: {results[label]:.2f} s", flush=True)


def percentiles(samples: list[float]) -> tuple[float, float]:
    """(p50, p95) in milliseconds."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def repeat(function: Callable[[], object], times: int) -> list[float]:
    samples = []
    for _ in range(times):
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    return samples


def best(function: Callable[[], object], times: int) -> float:
    """The fastest of ``times`` runs, in seconds: the least disturbed by other work."""
    samples = []
    for _ in range(times):
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    return min(samples)


def verdict(passed: bool) -> str:
    return "MEETS TARGET" if passed else "MISSES TARGET"
