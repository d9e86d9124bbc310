"""``tenantvoice daily``: the once-a-day jobs. Run it from cron (or a systemd timer) each morning.

Daily jobs are a command rather than a scheduler inside the worker, so that a deployment uses
the scheduler it already has and a missed day is caught up by running it again.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from tenantvoice.comms.sends import send_runs_resume, send_until_nothing_due
from tenantvoice.complaints.possible import possible_complaints_scan
from tenantvoice.consultations.services import consultations_close_due
from tenantvoice.core.summaries import summaries_refresh
from tenantvoice.equality_impact.services import scheduled_assessments_make
from tenantvoice.involvement.services import offers_expire
from tenantvoice.surveys.services import exit_surveys_send
from tenantvoice.worker.recovery import recover_stale_work


class Command(BaseCommand):
    help = (
        "Run the daily jobs: recover the work of stopped workers, expire unanswered offers of "
        "places, close consultations past their closing date, start exit surveys, carry on "
        "stopped mass sends, send any messages still waiting, offer new survey answers and "
        "replies that may be complaints, make the equality impact assessment the strategy asks for "
        "when one falls due, and bring the summaries of the register read lately up "
        "to date."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        # First, so that the messages a stopped worker left "sending" go out below.
        recovered = recover_stale_work(via="command")
        expired = offers_expire()
        closed = consultations_close_due()
        exit_sends = exit_surveys_send()
        resumed = send_runs_resume()
        sent = send_until_nothing_due()
        possible = possible_complaints_scan().found
        assessments = scheduled_assessments_make()
        # Last, after the jobs above changed the register: a safety net for the worker's
        # refresh after each change (decision 0040).
        summaries = summaries_refresh()
        self.stdout.write(
            f"Offers expired and passed on: {expired}. Consultations closed: {closed}. "
            f"Exit survey sends started: {exit_sends}. Stopped sends carried on: {resumed}. "
            f"Messages sent: {sent}. Possible complaints found: {possible}. "
            f"Equality impact assessments made as the strategy asks: {assessments}. "
            f"Recovered from stopped workers: {recovered}. "
            f"Summaries brought up to date: {summaries}."
        )
