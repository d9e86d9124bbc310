"""The annual report as a printed letter to residents who asked for letters (issue 19 item 5:
"a printed letter for residents who asked for letters"), through the one mass-send job
(comms.sends, decision 0018): a background job, after a page that says how many it reaches.

Who: residents living in one of our homes whose preferred channel is a letter
(``audiences.rules.Audience(channels=letter, at_home=True)``, the same rule an officer could
build on the audiences page). Each gets one letter a report (the dedupe key), so sending again
reaches only those who asked for letters since. The letter carries the report's headlines; the
post room's notes ask for large print, braille, audio or easy read as the resident recorded.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse

from tenantvoice.audiences.rules import Audience, audience_residents
from tenantvoice.comms.models import SendRun
from tenantvoice.comms.sends import MassSend
from tenantvoice.residents.models import Channel, Resident

from .models import AnnualReport
from .selectors import report_headlines

LETTER_READERS = Audience(channels=(Channel.LETTER,), at_home=True)


def public_link(name: str, year: int) -> str:
    return settings.TENANTVOICE_SITE_URL.rstrip("/") + reverse(name, args=[year])


class AnnualReportLetters(MassSend):
    template = "annual_report"

    def subject(self, run: SendRun) -> AnnualReport:
        return AnnualReport.objects.get(pk=run.object_id)

    def key(self, run: SendRun, subject: AnnualReport) -> str:
        return f"annual-report:{subject.pk}"

    def context(self, run: SendRun, subject: AnnualReport) -> dict[str, str]:
        return {
            "year": subject.reporting_year.label,
            "summary": "\n".join(f"- {line}" for line in report_headlines(subject)),
            "link": public_link("annual-report", subject.year),
            "easy_read_link": public_link("annual-report-easy-read", subject.year),
        }

    def residents(self, subject: AnnualReport, rule: Mapping[str, Any]) -> QuerySet[Resident]:
        return audience_residents(LETTER_READERS)

    def back_url(self, run: SendRun) -> str:
        return reverse("staff:annual-report", args=[run.object_id])
