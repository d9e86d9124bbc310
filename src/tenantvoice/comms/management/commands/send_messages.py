"""``tenantvoice send_messages``: send what is waiting in the outbox now (the worker does this
after each event; this is for cron, catching up after an outage, and the fault test)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from tenantvoice.comms.services import CLAIM_LEASE, recover_stale_claims, send_queued_messages


class Command(BaseCommand):
    help = "Send the messages waiting in the outbox, batch after batch until none is due."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", type=int, default=500, help="Messages per batch.")
        parser.add_argument(
            "--lease-seconds",
            type=int,
            default=int(CLAIM_LEASE.total_seconds()),
            help="Treat messages left 'sending' for longer than this as left by a dead worker.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        recovered = recover_stale_claims(timezone.now(), dt.timedelta(seconds=options["lease_seconds"]))
        total = 0
        while sent := send_queued_messages(limit=options["batch"]):
            total += sent
        self.stdout.write(f"Recovered from a stopped worker: {recovered}. Sent: {total}.")
