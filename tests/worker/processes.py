"""Real processes for the fault tests: ``tenantvoice`` commands, a task worker, and a private
PostgreSQL server that a test may stop and start again.

A test's processes work on a database of their own, copied from one that ``tenantvoice migrate``
made once for the whole run (``database_of_its_own``): migrating takes 10 to 30 s, copying well
under one.

The private server is made with ``initdb`` and ``pg_ctl`` from ``/usr/lib/postgresql/*/bin``
(run as the ``postgres`` user when the tests run as root, since PostgreSQL refuses root) on a
free port, in a temporary folder removed afterwards. Without those programs the tests that
need it are skipped, except in CI (``CI=true``), where they fail, as the PostgreSQL suite does.
"""

from __future__ import annotations

import contextlib
import fcntl
import glob
import os
import pwd
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def tenantvoice(env: dict[str, str], *args: str, timeout: float = 120) -> str:
    """Run a ``tenantvoice`` command to the end; its output, or the test fails with its errors."""
    result = subprocess.run(  # noqa: S603  (our own command, with arguments from the test)
        [sys.executable, "-m", "tenantvoice", *args], env=env, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def run_directory(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder this run's xdist workers share (this process's own without xdist)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def migrated_template_name(test_database: str) -> str:
    """The migrated PostgreSQL database that tests' databases are copied from. Named like the
    run's test databases (``test_<name>...``), so scripts/test.sh drops it with them if a run
    stops before tests/conftest.py's ``pytest_sessionfinish`` has dropped it."""
    return f"test_{test_database}_migrated"


@contextmanager
def database_of_its_own(tmp_path: Path, run_dir: Path) -> Iterator[str]:
    """A migrated database for a test's processes, dropped afterwards: a SQLite file, or a
    throwaway database on the suite's PostgreSQL server when the suite runs on PostgreSQL.

    It is a copy of a database that ``tenantvoice migrate`` made the first time a test of this
    run asked (one worker migrates while another waits on the lock, then copies).
    """
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        template = run_dir / "migrated-template.sqlite3"
        copy = tmp_path / "worker.sqlite3"
        with _template_lock(run_dir) as made:
            if not made:
                template.unlink(missing_ok=True)
                _migrate(f"sqlite:///{template}", run_dir)
        with (
            contextlib.closing(sqlite3.connect(template)) as source,
            contextlib.closing(sqlite3.connect(copy)) as target,
        ):
            source.backup(target)
        yield f"sqlite:///{copy}"
        return

    import psycopg

    base, _, name = url.rpartition("/")
    name = name.split("?")[0]
    template_name = migrated_template_name(name)
    database = f"{name}_own_{os.getpid()}"
    # Under the lock: a template is copied only while no other session is connected to it.
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection, _template_lock(run_dir) as made:
        if not made:
            connection.execute(f'DROP DATABASE IF EXISTS "{template_name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{template_name}"')
            _migrate(f"{base}/{template_name}", run_dir)
        connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{database}" TEMPLATE "{template_name}"')
    try:
        yield f"{base}/{database}"
    finally:
        with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


@contextmanager
def _template_lock(run_dir: Path) -> Iterator[bool]:
    """Held by one worker at a time; says whether the template was already made, and records
    that it was once the block ends without an error."""
    done = run_dir / "migrated-template.done"
    with open(run_dir / "migrated-template.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        made = done.exists()
        yield made
        done.touch()


def _migrate(url: str, run_dir: Path) -> None:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tenantvoice.settings.local",
        "DATABASE_URL": url,
        "TENANTVOICE_VAR_DIR": str(run_dir / "migrated-template-var"),
    }
    tenantvoice(env, "migrate", "--verbosity", "0", timeout=300)


def start_worker(env: dict[str, str], log: Path, *extra: str) -> subprocess.Popen[bytes]:
    """``tenantvoice db_worker`` in the background, writing what it says to ``log``."""
    with open(log, "ab") as out:
        return subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "tenantvoice",
                "db_worker",
                "--queue-name",
                "*",
                "--interval",
                "0.2",
                "--no-reload",
                "--no-startup-delay",
                *extra,
            ],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def kill(process: subprocess.Popen[bytes]) -> None:
    """SIGKILL: no clean-up of any kind, as when a machine loses power or the OOM killer acts."""
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)


def wait_for(condition: Callable[[], bool], *, timeout: float, what: str, every: float = 0.02) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"Gave up waiting ({timeout:g} s) for {what}.")
        time.sleep(every)


def lines(path: Path) -> list[str]:
    return path.read_text().split() if path.exists() else []


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _postgres_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    return Path(found[-1]).parent if found else None


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}: CI must run the database-restart test.")
    pytest.skip(reason)


class PrivatePostgres:
    """A PostgreSQL server of the test's own, which it can stop and start at will."""

    def __init__(self, bin_dir: Path, root: Path, run_as: list[str]) -> None:
        self.bin_dir, self.root, self.run_as = bin_dir, root, run_as
        self.data = root / "data"
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, program: str, *args: str) -> None:
        subprocess.run(  # noqa: S603  (PostgreSQL's own programs)
            [*self.run_as, str(self.bin_dir / program), *args], check=True, capture_output=True, timeout=60
        )

    def initdb(self) -> None:
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync")

    def start(self) -> None:
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(
            "pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.root / "server.log"), "-w", "start"
        )

    def stop(self, mode: str = "fast") -> None:
        """``fast`` ends every connection at once, as a restart or failover does."""
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")


@contextmanager
def private_postgres() -> Iterator[PrivatePostgres]:
    bin_dir = _postgres_bin()
    if bin_dir is None or not (bin_dir / "pg_ctl").exists():
        _unavailable("PostgreSQL's initdb and pg_ctl are not installed (/usr/lib/postgresql/*/bin)")
    assert bin_dir is not None
    run_as: list[str] = []
    root = Path(tempfile.mkdtemp(prefix="tv-private-pg-"))
    if os.geteuid() == 0:
        # PostgreSQL will not run as root: run it as the postgres user, which must own the folder.
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            shutil.rmtree(root, ignore_errors=True)
            _unavailable("Running as root and there is no postgres user to run PostgreSQL as")
        runuser = shutil.which("runuser")
        if runuser is None:
            shutil.rmtree(root, ignore_errors=True)
            _unavailable("Running as root and runuser is missing")
        assert runuser is not None
        os.chown(root, owner.pw_uid, owner.pw_gid)
        run_as = [runuser, "-u", "postgres", "--"]
    server = PrivatePostgres(bin_dir, root, run_as)
    try:
        server.initdb()
        server.start()
        yield server
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):  # already stopped
            server.stop("immediate")
        shutil.rmtree(root, ignore_errors=True)
