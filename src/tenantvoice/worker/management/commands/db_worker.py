"""``tenantvoice db_worker``: django-tasks-db's worker, made to survive faults.

The package's worker exits on the first database error that is not "database is locked"
(PostgreSQL restarting, a failover, a dropped connection). This one, which takes the same
options:

- on start-up, recovers the work of workers that are gone (``worker.recovery``);
- writes a heartbeat row every ``TENANTVOICE_WORKER_HEARTBEAT_SECONDS`` (30) from a thread,
  so other processes can tell it is alive even in the middle of a long import;
- on OperationalError or InterfaceError closes its connections, waits 1, 2, 4 ... up to
  ``TENANTVOICE_WORKER_MAX_BACKOFF_SECONDS`` (60) seconds, and carries on (the wait starts at
  1 s again once it has worked for that long); once the database answers, the job it was
  running when the connection went is recovered like a dead worker's;
- after any job that failed, recovers what that job left claimed (a message "sending").
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, close_old_connections, connections
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Command as PackageCommand
from django_tasks_db.management.commands.db_worker import Worker as PackageWorker
from django_tasks_db.models import DBTaskResult

from tenantvoice.worker import liveness
from tenantvoice.worker.recovery import recover_stale_work

logger = logging.getLogger("tenantvoice.worker")

DATABASE_ERRORS = (OperationalError, InterfaceError)


def _setting(name: str, default: float) -> float:
    return float(getattr(settings, name, default))


def close_connections() -> None:
    """Close every connection of this thread, ignoring errors from ones already broken."""
    for connection in connections.all(initialized_only=True):
        # A broken connection may fail to close; it is dropped all the same.
        with contextlib.suppress(Exception):
            connection.close()


class Heartbeat(threading.Thread):
    """Writes this worker's heartbeat row every few seconds, on its own connection."""

    def __init__(self, worker_id: str, interval: float) -> None:
        super().__init__(name="tenantvoice-heartbeat", daemon=True)
        self.worker_id = worker_id
        self.interval = interval
        self.started_at = timezone.now()
        self.stopping = threading.Event()

    def beat(self) -> None:
        from tenantvoice.worker.models import WorkerHeartbeat

        WorkerHeartbeat.objects.update_or_create(
            worker_id=self.worker_id,
            defaults={
                "hostname": liveness.hostname(),
                "pid": os.getpid(),
                "started_at": self.started_at,
                "seen_at": timezone.now(),
            },
        )

    def run(self) -> None:
        try:
            while not self.stopping.wait(self.interval):
                try:
                    self.beat()
                except Exception as exc:  # noqa: BLE001 - the database may be away: try next time
                    logger.debug("Heartbeat not written: %s", exc)
                    close_connections()
        finally:
            close_connections()

    def stop(self) -> None:
        from tenantvoice.worker.models import WorkerHeartbeat

        self.stopping.set()
        try:
            WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()
        except Exception as exc:  # noqa: BLE001 - stopping anyway; recovery removes the row later
            logger.debug("Heartbeat row not removed: %s", exc)


class ResilientWorker(PackageWorker):
    """The package's worker loop, restarted with back-off whenever the database goes away."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.heartbeat = Heartbeat(self.worker_id, _setting("TENANTVOICE_WORKER_HEARTBEAT_SECONDS", 30))
        self.max_backoff = _setting("TENANTVOICE_WORKER_MAX_BACKOFF_SECONDS", 60)
        self.sleep = time.sleep  # replaced in tests

    def run(self) -> None:
        liveness.use_tag(self.worker_id)
        delay, orphaned, started = 1.0, frozenset[str](), 0.0
        try:
            while self.running:
                try:
                    close_old_connections()
                    self.heartbeat.beat()
                    if self.heartbeat.ident is None:
                        self.heartbeat.start()
                    recovered = recover_stale_work(orphaned=orphaned)
                    if orphaned:
                        logger.warning("Worker %s has the database again (%s).", self.worker_id, recovered)
                    orphaned = frozenset()
                    started = time.monotonic()
                    super().run()
                    return  # --batch or --max-tasks: done
                except (DatabaseError, *DATABASE_ERRORS) as exc:
                    if not self.running and not self.running_task:
                        # Asked to stop between jobs: the package's signal handler leaves at once
                        # (sys.exit), even in the middle of reading the queue, and the interrupted
                        # query then fails as the transaction unwinds. Nothing was being run and
                        # the unfinished transaction is rolled back with its connection: a clean
                        # stop, not an error (CI, 7 December 2026).
                        close_connections()
                        return
                    if not self.running or not isinstance(exc, DATABASE_ERRORS):
                        raise
                    if started and time.monotonic() - started > self.max_backoff:
                        delay = 1.0  # it had been working for a while: a new outage starts again at 1 s
                    logger.warning(
                        "Worker %s lost the database (%s). Trying again in %g s.",
                        self.worker_id,
                        str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__,
                        delay,
                    )
                    close_connections()
                    # What this worker had claimed when the connection went is now abandoned.
                    orphaned = frozenset({self.worker_id})
                    self.startup_delay = False
                    self.sleep(delay)
                    delay = min(delay * 2, self.max_backoff)
        finally:
            self.heartbeat.stop()

    def run_task(self, db_task_result: DBTaskResult[Any, Any]) -> None:
        super().run_task(db_task_result)
        if db_task_result.status != TaskResultStatus.SUCCESSFUL:
            # A job that failed may have left things claimed (a message "sending"): nothing of
            # this worker's is in flight between jobs, so its claims are abandoned.
            recover_stale_work(orphaned=frozenset({self.worker_id}))


class Command(PackageCommand):
    help = (
        "Run the task worker (imports, messages, campaigns). It recovers stopped workers' jobs on "
        "start-up and reconnects with back-off when the database goes away."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        # host:pid:nonce, so other processes can tell from the id alone whether it still runs.
        parser.set_defaults(worker_id=liveness.new_tag())

    def handle(self, *args: Any, **options: Any) -> None:
        from django_tasks_db.management.commands import db_worker as package

        package.Worker = ResilientWorker  # type: ignore[misc]
        try:
            super().handle(*args, **options)
        finally:
            package.Worker = PackageWorker  # type: ignore[misc]
