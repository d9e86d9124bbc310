"""Real processes for the fault tests: ``tenantvoice`` commands, a task worker, and a private
PostgreSQL server that a test may stop and start again.

The private server is made with ``initdb`` and ``pg_ctl`` from ``/usr/lib/postgresql/*/bin``
(run as the ``postgres`` user when the tests run as root, since PostgreSQL refuses root) on a
free port, in a temporary folder removed afterwards. Without those programs the tests that
need it are skipped, except in CI (``CI=true``), where they fail, as the PostgreSQL suite does.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import signal
import socket
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
