"""Who claimed a piece of work, and whether that process is still alive.

Every process that claims work (a message being sent, an import being run, a task) stamps it
with its *process tag*, ``host:pid:nonce``. A tag is gone when:

- on this host, no process has that pid (or it is a zombie), or the pid now belongs to
  another tag (a worker restarted in a container often gets the same pid again), or the
  tag's worker heartbeat is older than the lease;
- on another host, its worker heartbeat is older than the lease, or, for a process that keeps
  no heartbeat (a web process, ``send_messages``), the work was claimed longer ago than the
  lease.

The lease (``TENANTVOICE_WORKER_LEASE_SECONDS``, 15 minutes) is the platform's choice: as
long as the outbox's own lease (decision 0011) and far longer than a heartbeat interval.
"""

from __future__ import annotations

import datetime as dt
import os
import socket

from django.conf import settings
from django.utils.crypto import get_random_string

_current_tag = ""
_tag_pid = 0


def hostname() -> str:
    return socket.gethostname()[:40]


def process_tag() -> str:
    """This process's tag: the worker's id inside ``db_worker``, else made once per process."""
    global _current_tag, _tag_pid
    if not _current_tag or _tag_pid != os.getpid():
        # A forked child (gunicorn's workers) gets a tag of its own.
        _current_tag, _tag_pid = new_tag(), os.getpid()
    return _current_tag


def new_tag() -> str:
    return f"{hostname()}:{os.getpid()}:{get_random_string(8)}"


def use_tag(tag: str) -> None:
    """Make ``tag`` (a worker's id) this process's tag, so what it claims is stamped with it."""
    global _current_tag, _tag_pid
    _current_tag, _tag_pid = tag, os.getpid()


def parse_tag(tag: str) -> tuple[str, int] | None:
    host, _, rest = tag.partition(":")
    pid = rest.partition(":")[0]
    return (host, int(pid)) if host and pid.isdigit() else None


def lease() -> dt.timedelta:
    return dt.timedelta(seconds=getattr(settings, "TENANTVOICE_WORKER_LEASE_SECONDS", 900))


def pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: it exists
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rpartition(")")[2].split()[0] == "Z"
    except (OSError, IndexError):
        return False


class Liveness:
    """Answers "is this tag gone?" for one recovery pass, reading the heartbeats once."""

    def __init__(self, now: dt.datetime, *, orphaned: frozenset[str] = frozenset()) -> None:
        from .models import WorkerHeartbeat

        self.now = now
        self.cutoff = now - lease()
        # Tags whose work is known to be abandoned although the process lives: this worker's
        # own, after it lost the database in the middle of a task.
        self.orphaned = orphaned
        self.heartbeats = {beat.worker_id: beat for beat in WorkerHeartbeat.objects.order_by("started_at")}
        self.here = hostname()
        # The newest worker on this host with each pid (a dead one's row may still be there).
        self.pids_here = {
            beat.pid: beat.worker_id for beat in self.heartbeats.values() if beat.hostname == self.here
        }

    def gone(self, tag: str, claimed_at: dt.datetime | None) -> bool:
        if tag in self.orphaned:
            return True
        beat = self.heartbeats.get(tag)
        parsed = parse_tag(tag)
        if parsed is None or parsed[0] != self.here:
            if beat is not None:
                return beat.seen_at < self.cutoff
            return claimed_at is None or claimed_at < self.cutoff
        pid = parsed[1]
        if pid == os.getpid():
            return tag != process_tag()
        if not pid_alive(pid):
            return True
        # The pid is alive, but a newer worker with another tag has it: that is not the claimer.
        if self.pids_here.get(pid, tag) != tag:
            return True
        return beat is not None and beat.seen_at < self.cutoff
