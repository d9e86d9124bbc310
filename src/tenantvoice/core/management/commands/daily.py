"""``tenantvoice daily``: the once-a-day jobs. Run it from cron (or a systemd timer) each morning.

Daily jobs are a command rather than a scheduler inside the worker, so that a deployment uses
the scheduler it already has and a missed day is caught up by running it again.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from tenantvoice.comms.services import send_queued_messages
from tenantvoice.consultations.services import consultations_close_due
from tenantvoice.involvement.services import offers_expire
from tenantvoice.surveys.services import exit_surveys_send
from tenantvoice.worker.recovery import recover_stale_work


class Command(BaseCommand):
    help = (
        "Run the daily jobs: recover the work of stopped workers, expire unanswered offers of "
        "places, close consultations past their closing date, and send any messages still waiting."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        # First, so that the messages a stopped worker left "sending" go out below.
        recovered = recover_stale_work(via="command")
        expired = offers_expire()
        closed = consultations_close_due()
        exit_invitations = exit_surveys_send()
        sent = send_queued_messages()
        self.stdout.write(
            f"Offers expired and passed on: {expired}. Consultations closed: {closed}. "
            f"Exit surveys sent: {exit_invitations}. Messages sent: {sent}. "
            f"Recovered from stopped workers: {recovered}."
        )
