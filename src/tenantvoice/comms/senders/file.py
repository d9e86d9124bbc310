"""A sender that writes each message to a file, for the demo, tests and the fault test.

Each message is written once, atomically, as ``<dir>/<channel>-<id>.txt`` and a line is added
to ``<dir>/sent.log``, which plays the provider's record of what it sent: the fault test counts
its lines to prove nothing went twice. ``lookup`` answers "did the provider get it?" after a
worker died, as Notify's ``get_all_notifications(reference=...)`` does.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from django.conf import settings

from ..models import Message
from .email import fixed_message_id


class FileSender:
    def __init__(self) -> None:
        self.directory = Path(
            getattr(settings, "TENANTVOICE_FILE_SENDER_DIR", "") or settings.VAR_DIR / "outbox"
        )
        self.directory.mkdir(parents=True, exist_ok=True)
        # Slows each send down, so the fault test can kill a worker in the middle of a batch.
        self.delay = float(os.environ.get("TENANTVOICE_FILE_SENDER_DELAY", "0") or 0)

    def _path(self, message: Message) -> Path:
        return self.directory / f"{message.channel}-{message.pk}.txt"

    def send(self, message: Message) -> str:
        if self.delay:
            time.sleep(self.delay)
        path = self._path(message)
        temporary = path.with_suffix(".part")
        headers = f"To: {message.to}\nSubject: {message.subject}\n"
        if message.channel == "email":
            headers += f"Message-ID: {fixed_message_id(message)}\n"
        temporary.write_text(f"{headers}\n{message.body}\n", encoding="utf-8")
        # The rename is the moment the "provider" has it: a crash before it sends nothing.
        with open(self.directory / "sent.log", "a", encoding="utf-8") as log:
            temporary.replace(path)
            log.write(f"{message.pk}\n")
            log.flush()
            os.fsync(log.fileno())
        return path.name

    def lookup(self, message: Message) -> str | None:
        path = self._path(message)
        return path.name if path.exists() else None
