"""What a consultation sends to many residents, through the one mass-send job (comms.sends,
decision 0018): notice to everyone affected when it opens; and who is told its "you said, we
did" (outcomes.sources, decision 0036)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse

from tenantvoice.audiences.rules import Audience, audience_residents
from tenantvoice.comms.models import Message, MessageStatus, SendRun
from tenantvoice.comms.sends import MassSend
from tenantvoice.involvement.models import ServiceArea
from tenantvoice.outcomes.sources import OutcomeError, OutcomeSource
from tenantvoice.residents.models import Resident

from .models import Consultation, ConsultationStatus, Notice, Representation


class _ConsultationSend(MassSend):
    def subject(self, run: SendRun) -> Consultation:
        return Consultation.objects.get(pk=run.object_id)

    def back_url(self, run: SendRun) -> str:
        return reverse("staff-consultations:consultation-detail", args=[run.object_id])


class ConsultationNotice(_ConsultationSend):
    """Notice to everyone in the consultation's audience, each recorded as a Notice with how it
    went; then to the office holders of each tenant organisation told (every registered one for
    a Scottish statutory consultation, s54; otherwise those whose agreement names one of its
    services: services.organisations_told)."""

    template = "consultation_notice"

    def key(self, run: SendRun, subject: Consultation) -> str:
        return f"consultation:{subject.pk}"

    def context(self, run: SendRun, subject: Consultation) -> dict[str, str]:
        from .services import notice_placeholders

        return notice_placeholders(subject)

    def residents(self, subject: Consultation, rule: Mapping[str, Any]) -> QuerySet[Resident]:
        return audience_residents(Audience.from_json(subject.audience))

    def after_chunk(
        self, run: SendRun, subject: Consultation, residents: list[Resident], created: list[Message]
    ) -> None:
        how = {
            m.recipient_id: "Not reached"
            if m.status == MessageStatus.NOT_SENT
            else str(m.get_channel_display())
            for m in created
        }
        sent_on = dt.date.fromisoformat(run.rule["today"])
        Notice.objects.bulk_create(
            [
                Notice(consultation=subject, resident=r, sent_on=sent_on, how=how.get(r.pk, ""))
                for r in residents
            ],
            ignore_conflicts=True,
        )

    def finish(self, run: SendRun, subject: Consultation) -> None:
        from tenantvoice.comms.services import message_queue
        from tenantvoice.involvement.selectors import group_holdings_current

        from .services import organisations_told

        today = dt.date.fromisoformat(run.rule["today"])
        context = self.context(run, subject)
        for group, in_scope in organisations_told(subject):
            officers = [h.resident for h in group_holdings_current(group.pk, today) if h.resident is not None]
            why = (
                f"This notice is to {group.name} as a registered tenant organisation."
                if subject.statutory_s54
                else f"This notice is to {group.name}."
            )
            if in_scope:
                why += " It is about services we consult you on under your agreement with us."
            message_queue(
                recipients=officers,
                template="consultation_notice",
                context={**context, "for_group": why},
                key=f"consultation:{subject.pk}:group:{group.pk}",
                send_run=run,
            )
            Notice.objects.get_or_create(
                consultation=subject,
                group=group,
                defaults={"sent_on": today, "how": f"To its {len(officers)} members"},
            )


class ConsultationOutcome(OutcomeSource):
    """ "You said, we did" for a decided consultation, to every resident who replied."""

    told = "everyone who replied"

    def check(self, source: Consultation) -> None:
        if source.status != ConsultationStatus.DECIDED:
            raise OutcomeError("Record the decision first: the feedback tells residents what was decided.")

    def recipients(self, source: Consultation) -> QuerySet[Resident]:
        replied = Representation.objects.filter(consultation=source, resident=OuterRef("pk"))
        return Resident.objects.filter(Exists(replied))

    def link(self, source: Consultation) -> str:
        from .services import notice_placeholders

        return notice_placeholders(source)["link"]

    def back_url(self, source: Consultation) -> str:
        return reverse("staff-consultations:consultation-detail", args=[source.pk])

    def service_areas(self, source: Consultation) -> QuerySet[ServiceArea]:
        return source.service_areas.all()
