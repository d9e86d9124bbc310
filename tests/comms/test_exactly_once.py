"""Kill a worker in the middle of a batch: no message is lost and none is sent twice.

The worker is a real process (`tenantvoice send_messages`) on its own migrated database - a
SQLite file, or, when the suite runs on PostgreSQL, a throwaway PostgreSQL database, copied from
one migrated once for the run (tests/worker/processes.py) - sending through the
file sender, whose ``sent.log`` is the provider's record of every send. It is killed with
SIGKILL (no clean-up) once some messages have gone; a second run then recovers the messages the
dead worker claimed (asking the provider first, as it would ask Notify) and sends the rest.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.worker.processes import database_of_its_own, run_directory

MESSAGES = 120

SETUP = f"""
from tenantvoice.comms.services import message_queue
from tenantvoice.residents.models import Resident
people = Resident.objects.bulk_create(
    [Resident(first_name=f"R{{n}}", last_name="Test", email=f"r{{n}}@example.org", preferred_channel="email",
              accepts_email=True) for n in range({MESSAGES})]
)
message_queue(
    recipients=Resident.objects.all(), template="level_accepted", context={{"level": "Panel"}}, key="fault"
)
"""

COUNT = """
from collections import Counter
from tenantvoice.comms.models import Message
print(dict(Counter(Message.objects.values_list("status", flat=True))))
"""


@pytest.fixture
def worker_env(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    with database_of_its_own(tmp_path, run_directory(tmp_path_factory)) as url:
        yield {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tenantvoice.settings.local",
            "DATABASE_URL": url,
            "TENANTVOICE_VAR_DIR": str(tmp_path / "var"),
            "TENANTVOICE_FILE_SENDER_DIR": str(tmp_path / "provider"),
            "TENANTVOICE_EMAIL_SENDER": "tenantvoice.comms.senders.file.FileSender",
            # Jobs wait in the database: only the worker under test sends.
            "TENANTVOICE_TASK_BACKEND": "django_tasks_db.DatabaseBackend",
        }


def tenantvoice(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(  # noqa: S603  (our own command, with arguments from this test)
        [sys.executable, "-m", "tenantvoice", *args], env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


@pytest.mark.slow  # real processes
def test_a_killed_worker_loses_nothing_and_sends_nothing_twice(worker_env: dict[str, str]) -> None:
    tenantvoice(worker_env, "shell", "-c", SETUP)
    log = Path(worker_env["TENANTVOICE_FILE_SENDER_DIR"]) / "sent.log"

    slow = {**worker_env, "TENANTVOICE_FILE_SENDER_DELAY": "0.02"}
    worker = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "tenantvoice", "send_messages", "--batch", "50"],
        env=slow,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and (not log.exists() or len(log.read_text().split()) < 30):
        time.sleep(0.01)
    worker.send_signal(signal.SIGKILL)
    worker.wait()
    sent_before = len(log.read_text().split())
    assert 30 <= sent_before < MESSAGES, "the worker must die in the middle of the batch"

    tenantvoice(worker_env, "send_messages", "--lease-seconds", "0")

    sends = Counter(log.read_text().split())
    assert len(sends) == MESSAGES, "every message was sent"
    assert max(sends.values()) == 1, f"sent twice: {[pk for pk, n in sends.items() if n > 1]}"
    assert tenantvoice(worker_env, "shell", "-c", COUNT).strip().splitlines()[-1] == f"{{'sent': {MESSAGES}}}"


@pytest.mark.django_db
def test_a_message_the_provider_already_has_is_marked_sent_not_sent_again(tmp_path: Path) -> None:
    """The narrowest window: the provider took the message, then the worker died before marking it."""
    import datetime as dt

    from django.test import override_settings
    from django.utils import timezone

    from tenantvoice.comms.models import Message
    from tenantvoice.comms.senders import sender_for
    from tenantvoice.comms.services import message_queue, send_queued_messages
    from tests.factories import ResidentFactory

    with override_settings(
        TENANTVOICE_SENDERS={"email": "tenantvoice.comms.senders.file.FileSender"},
        TENANTVOICE_FILE_SENDER_DIR=str(tmp_path),
    ):
        [message] = message_queue(
            recipients=[ResidentFactory(preferred_channel="email")],
            template="level_accepted",
            context={"level": "Panel"},
            key="window",
        )
        sender = sender_for("email")
        assert sender is not None
        sender.send(message)  # the provider has it ...
        claimed = timezone.now() - dt.timedelta(hours=1)  # ... and the worker that claimed it died
        Message.objects.filter(pk=message.pk).update(status="sending", claimed_at=claimed)

        send_queued_messages()
        message.refresh_from_db()
        assert message.status == "sent" and message.provider_ref == f"email-{message.pk}.txt"
        assert (tmp_path / "sent.log").read_text().split() == [str(message.pk)]
