"""``scripts/supervise.sh`` (``make demo``'s task worker): a stopped command is started again,
and stopping the supervisor stops the command."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

from tests.worker.processes import lines, wait_for

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "supervise.sh"


def supervise(tmp_path: Path, command: str) -> subprocess.Popen[str]:
    return subprocess.Popen(  # noqa: S603
        ["bash", str(SCRIPT), "task worker", "0.1", "sh", "-c", command],  # noqa: S607
        cwd=tmp_path,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_command_that_stops_is_started_again_and_says_so(tmp_path: Path) -> None:
    supervisor = supervise(tmp_path, "echo started >> runs; exit 3")
    wait_for(lambda: len(lines(tmp_path / "runs")) >= 3, timeout=20, what="three runs")
    supervisor.send_signal(signal.SIGTERM)
    _, errors = supervisor.communicate(timeout=10)

    assert supervisor.returncode == 0
    assert "The task worker stopped (exit status 3): started it again." in errors


def test_stopping_the_supervisor_stops_the_command(tmp_path: Path) -> None:
    supervisor = supervise(tmp_path, "echo $$ > pid; exec sleep 60")
    wait_for(lambda: bool(lines(tmp_path / "pid")), timeout=20, what="the command to start")
    child = int(lines(tmp_path / "pid")[0])
    supervisor.send_signal(signal.SIGTERM)
    supervisor.communicate(timeout=10)

    def gone() -> bool:
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            return True
        return False

    wait_for(gone, timeout=10, what="the command to stop")
