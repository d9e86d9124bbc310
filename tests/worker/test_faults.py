"""Background work survives faults: a task worker killed with SIGKILL and started again, and a
database that stops and starts again under a running worker, lose, repeat and leave nothing.

Each test runs real processes (``tenantvoice db_worker``) on a migrated database of its own - a
SQLite file, or a throwaway PostgreSQL database when the suite runs on PostgreSQL, each copied
from one migrated once for the run; the restart test on a private PostgreSQL server it starts
(and migrates) itself - and sends through the file sender, whose
``sent.log`` is the provider's own record of every send. Marked ``slow``: each takes 10-40 s.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tenantvoice.worker.recovery import STOPPED_IMPORT

from .processes import (
    database_of_its_own,
    kill,
    lines,
    private_postgres,
    run_directory,
    start_worker,
    tenantvoice,
    wait_for,
)

pytestmark = pytest.mark.slow

MESSAGES = 120

QUEUE = f"""
from django.db import transaction
from tenantvoice.comms.services import message_queue
from tenantvoice.residents.models import Resident
Resident.objects.bulk_create(
    [Resident(first_name=f"R{{n}}", last_name="Test", email=f"r{{n}}@example.org", preferred_channel="email",
              accepts_email=True) for n in range({MESSAGES})]
)
with transaction.atomic():  # the send job is enqueued (in the database) when this commits
    message_queue(
        recipients=Resident.objects.all(), template="level_accepted", context={{"level": "Panel"}},
        key="fault",
    )
"""


def query(url: str, sql: str) -> list[tuple[Any, ...]]:
    """Read the worker's database directly (quicker than a ``tenantvoice shell`` per look)."""
    if url.startswith("sqlite"):
        with sqlite3.connect(url.removeprefix("sqlite:///"), timeout=30) as connection:
            return connection.execute(sql).fetchall()
    import psycopg

    with psycopg.connect(url.replace("postgres://", "postgresql://"), connect_timeout=5) as connection:
        return connection.execute(sql).fetchall()  # type: ignore[arg-type]


def statuses(url: str, table: str) -> dict[str, int]:
    return dict(query(url, f"SELECT status, COUNT(*) FROM {table} GROUP BY status"))  # noqa: S608


def environment(tmp_path: Path, url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tenantvoice.settings.local",
        "DATABASE_URL": url,
        "TENANTVOICE_VAR_DIR": str(tmp_path / "var"),
        "TENANTVOICE_FILE_SENDER_DIR": str(tmp_path / "provider"),
        "TENANTVOICE_EMAIL_SENDER": "tenantvoice.comms.senders.file.FileSender",
        # Jobs wait in the database: only the worker under test runs them.
        "TENANTVOICE_TASK_BACKEND": "django_tasks_db.DatabaseBackend",
        "TENANTVOICE_LOG_LEVEL": "WARNING",
    }


@pytest.fixture
def own_database(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A migrated SQLite file, or a throwaway migrated database on the suite's PostgreSQL server."""
    with database_of_its_own(tmp_path, run_directory(tmp_path_factory)) as url:
        yield url


def assert_each_sent_exactly_once(tmp_path: Path, url: str) -> None:
    sends = Counter(lines(tmp_path / "provider" / "sent.log"))
    assert len(sends) == MESSAGES, f"{MESSAGES - len(sends)} messages were never sent"
    assert max(sends.values()) == 1, f"sent twice: {[pk for pk, n in sends.items() if n > 1]}"
    assert statuses(url, "comms_message") == {"sent": MESSAGES}


def assert_no_job_stuck(url: str) -> None:
    jobs = statuses(url, "django_tasks_database_dbtaskresult")
    assert set(jobs) <= {"SUCCESSFUL"}, f"jobs left behind: {jobs}"


def test_a_killed_worker_started_again_sends_everything_exactly_once(
    tmp_path: Path, own_database: str
) -> None:
    env = environment(tmp_path, own_database)
    tenantvoice(env, "shell", "-c", QUEUE)
    log = tmp_path / "provider" / "sent.log"

    worker = start_worker({**env, "TENANTVOICE_FILE_SENDER_DELAY": "0.03"}, tmp_path / "worker.log")
    wait_for(lambda: len(lines(log)) >= 30, timeout=60, what="the worker to send 30 messages")
    kill(worker)
    sent_before = len(lines(log))
    assert sent_before < MESSAGES, "the worker must die in the middle of its job"
    assert statuses(own_database, "django_tasks_database_dbtaskresult") == {"RUNNING": 1}, (
        "the killed job is left running"
    )

    # Started again, it recovers the dead worker's job and the message it was sending, then
    # (--batch) runs what is ready and stops.
    tenantvoice(env, "db_worker", "--queue-name", "*", "--batch", "--no-reload", "--no-startup-delay")

    assert_each_sent_exactly_once(tmp_path, own_database)
    assert_no_job_stuck(own_database)


@pytest.mark.once  # its own private PostgreSQL server, whatever DATABASE_URL says: the same on both runs
def test_the_worker_rides_out_a_database_restart(tmp_path: Path) -> None:
    with private_postgres() as server:
        env = environment(tmp_path, server.url)
        tenantvoice(env, "migrate", "--verbosity", "0")
        tenantvoice(env, "shell", "-c", QUEUE)
        log = tmp_path / "provider" / "sent.log"
        worker_log = tmp_path / "worker.log"
        worker = start_worker({**env, "TENANTVOICE_FILE_SENDER_DELAY": "0.05"}, worker_log)
        try:
            wait_for(lambda: len(lines(log)) >= 20, timeout=60, what="the worker to send 20 messages")
            server.stop("fast")  # every connection ends at once, as in a restart or failover
            wait_for(
                lambda: "lost the database" in worker_log.read_text(), timeout=20, what="the worker to notice"
            )
            assert worker.poll() is None, "the worker must not exit when the database goes away"
            assert len(lines(log)) < MESSAGES
            server.start()

            wait_for(
                lambda: (
                    len(lines(log)) >= MESSAGES
                    and statuses(server.url, "comms_message") == {"sent": MESSAGES}
                ),
                timeout=60,
                what="every message to be sent after the restart",
                every=0.2,
            )
            wait_for(
                lambda: set(statuses(server.url, "django_tasks_database_dbtaskresult")) <= {"SUCCESSFUL"},
                timeout=20,
                what="the interrupted job to finish",
                every=0.2,
            )
            assert worker.poll() is None, "the same worker carried on"
        finally:
            worker.send_signal(signal.SIGTERM)
            worker.wait(timeout=30)
        assert worker.returncode == 0, worker_log.read_text()[-3000:]
        assert_each_sent_exactly_once(tmp_path, server.url)
        assert_no_job_stuck(server.url)
        assert "Trying again in 1 s" in worker_log.read_text()


IMPORT = """
from django.core.files import File
from django.db import transaction
from tenantvoice.residents.importing import import_run_confirm, import_run_create, import_run_start
from tenantvoice.residents.models import ImportRun, ImportStatus
with open({path!r}, "rb") as extract:
    check = import_run_create(upload=File(extract, name="extract.csv"), by=None, dry_run=True,
                              good_rows_only=False, full_extract=False)
# The officer's check of this file passed (its own run is tested elsewhere).
ImportRun.objects.filter(pk=check.pk).update(status=ImportStatus.CHECKED)
check.refresh_from_db()
with transaction.atomic():  # the import job is enqueued when this commits
    run = import_run_confirm(check, by=None, good_rows_only=False, allow_many_ended=False)
    assert import_run_start(run), "large enough to run on the worker"
print(check.pk, run.pk)
"""


def test_a_killed_import_is_failed_on_recovery_saved_nothing_and_can_be_confirmed_again(
    tmp_path: Path, own_database: str
) -> None:
    env = environment(tmp_path, own_database)
    extract = tmp_path / "extract.csv"
    tenantvoice(env, "generate", "--households", "15000", "--seed", "7", "--output", str(extract))
    check_pk, run_pk = map(
        int, tenantvoice(env, "shell", "-c", IMPORT.format(path=str(extract))).split()[-2:]
    )

    def run_row() -> tuple[str, int, int, str]:
        [row] = query(
            own_database,
            f"SELECT status, rows_done, rows_total, message FROM residents_importrun WHERE id = {run_pk}",  # noqa: S608
        )
        return row

    worker = start_worker(env, tmp_path / "worker.log")
    # Every row checked: the worker is now writing the register, inside one transaction.
    wait_for(
        lambda: (row := run_row())[0] == "running" and row[1] >= row[2] > 0,
        timeout=60,
        what="the import to reach its writing stage",
        every=0.01,
    )
    time.sleep(0.5)
    kill(worker)
    assert run_row()[0] == "running", "the worker must die in the middle of the import"
    assert query(own_database, "SELECT COUNT(*) FROM residents_resident") == [(0,)], "nothing was saved"

    tenantvoice(env, "db_worker", "--queue-name", "*", "--batch", "--no-reload", "--no-startup-delay")

    status, _, _, message = run_row()
    assert (status, message) == ("failed", STOPPED_IMPORT)
    assert query(own_database, "SELECT COUNT(*) FROM residents_resident") == [(0,)]
    assert_no_job_stuck(own_database)

    # Confirmed again (the page's button does this; tests/staff/test_imports.py tests the page).
    again = f"""
from django.db import transaction
from tenantvoice.residents.importing import import_run_confirm, import_run_start
from tenantvoice.residents.models import ImportRun
check = ImportRun.objects.get(pk={check_pk})
with transaction.atomic():
    run = import_run_confirm(check, by=None, good_rows_only=False, allow_many_ended=False)
    import_run_start(run)
print(run.pk)
"""
    second = int(tenantvoice(env, "shell", "-c", again).split()[-1])
    tenantvoice(env, "db_worker", "--queue-name", "*", "--batch", "--no-reload", "--no-startup-delay")
    [(status, people)] = query(
        own_database,
        "SELECT status, (SELECT COUNT(*) FROM residents_resident) FROM residents_importrun "  # noqa: S608
        f"WHERE id = {second}",
    )
    assert status == "completed"
    assert people == len(extract.read_text().splitlines()) - 1, "every person in the file, once"
