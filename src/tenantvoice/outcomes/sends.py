""" "You said, we did" to the residents of each outcome's source, through the one mass-send job
(comms.sends, decision 0018). Who is told is the source's to say (sources.OutcomeSource)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import QuerySet

from tenantvoice.comms.models import SendRun
from tenantvoice.comms.sends import MassSend
from tenantvoice.residents.models import Resident

from .models import SOURCE_FIELDS, Outcome
from .sources import source_kind


class OutcomeSend(MassSend):
    template = "you_said_we_did"

    def subject(self, run: SendRun) -> Outcome:
        return Outcome.objects.select_related(*SOURCE_FIELDS).get(pk=run.object_id)

    def key(self, run: SendRun, subject: Outcome) -> str:
        # The source's, not the outcome's: the keys messages had before outcomes were their own
        # model, so a correction published since tells nobody twice.
        return f"yswd:{subject.source_field}:{subject.source.pk}"

    def context(self, run: SendRun, subject: Outcome) -> dict[str, str]:
        return {
            "about": subject.title,
            "you_said": f"You said: {subject.you_said}",
            "decision": subject.we_did,
            "link": source_kind(subject.source).link(subject.source),
        }

    def residents(self, subject: Outcome, rule: Mapping[str, Any]) -> QuerySet[Resident]:
        return source_kind(subject.source).recipients(subject.source)

    def back_url(self, run: SendRun) -> str:
        outcome = self.subject(run)
        return source_kind(outcome.source).back_url(outcome.source)
