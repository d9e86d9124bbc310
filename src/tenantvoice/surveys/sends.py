"""What a survey sends to many residents, through the one mass-send job (comms.sends, decision 0018):
invitations when it opens, reminders and exit-survey invitations; and who is told its "you said,
we did" (outcomes.sources, decision 0036)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from tenantvoice.audiences.rules import Audience, audience_residents
from tenantvoice.comms.models import Message, SendRun
from tenantvoice.comms.sends import MassSend, Reach, ids_reach
from tenantvoice.core.summaries import bump
from tenantvoice.outcomes.sources import OutcomeError, OutcomeSource
from tenantvoice.residents.models import Resident

from .models import Invitation, Response, Survey, SurveyStatus, survey_topic
from .population import WEIGHT_VARIABLES, resident_strata
from .results import category_labels
from .statistics import sample, stratified_sample


def _long_date(day: dt.date | None) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}" if day else ""


def link_pattern() -> str:
    """A survey's personal link with TOKEN for the token: one reverse() per run, not per resident."""
    return settings.TENANTVOICE_SITE_URL.rstrip("/") + reverse("survey-link", args=["TOKEN"])


def survey_sample(survey: Survey, rule: Mapping[str, Any]) -> tuple[list[int], str] | None:
    """The random sample a survey opens to (simple, or stratified in proportion on one
    variable), and how it was stratified in words; None when everyone in the audience is invited."""
    size = rule.get("sample_size")
    if not size:
        return None
    audience = audience_residents(Audience.from_json(survey.audience))
    ids = list(audience.values_list("pk", flat=True))
    seed, stratify_by = int(rule.get("seed", 1)), rule.get("stratify_by") or ""
    if stratify_by:
        today = dt.date.fromisoformat(rule["today"]) if rule.get("today") else timezone.localdate()
        strata_of = dict.fromkeys(ids, "") | resident_strata(audience, stratify_by, today)
        ids, shares = stratified_sample(strata_of, size, seed)
        labels = category_labels(stratify_by, shares)
        sampling = f"stratified by {WEIGHT_VARIABLES[stratify_by].lower()}: " + ", ".join(
            f"{labels[key]} {n:,}" for key, n in sorted(shares.items())
        )
        return ids, sampling
    return sample(ids, size, seed), ""


class _SurveySend(MassSend):
    def subject(self, run: SendRun) -> Survey:
        return Survey.objects.get(pk=run.object_id)

    def context(self, run: SendRun, subject: Survey) -> dict[str, str]:
        return {"survey": subject.title, "closes": _long_date(subject.closes_on)}

    def back_url(self, run: SendRun) -> str:
        return reverse("surveys:survey-detail", args=[run.object_id])

    @staticmethod
    def links(invitations: QuerySet[Invitation]) -> dict[int, dict[str, str]]:
        """Each resident's own link (their first invitation's, for one with several)."""
        pattern, extra = link_pattern(), {}
        for resident_id, token in invitations.order_by("-pk").values_list("resident_id", "token"):
            extra[resident_id] = {"link": pattern.replace("TOKEN", token)}
        return extra


class SurveyInvitations(_SurveySend):
    """Opening a survey: an invitation (with its personal link) to each resident in the audience
    or the sample."""

    template = "survey_invitation"

    def key(self, run: SendRun, subject: Survey) -> str:
        return f"survey:{subject.pk}"

    def residents(self, subject: Survey, rule: Mapping[str, Any]) -> QuerySet[Resident]:
        return audience_residents(Audience.from_json(subject.audience))

    def reach(self, subject: Survey, rule: Mapping[str, Any]) -> Reach:
        drawn = survey_sample(subject, rule)
        if drawn is None:
            return super().reach(subject, rule)
        return ids_reach(drawn[0], self.purpose(subject))

    def snapshot(self, subject: Survey, rule: Mapping[str, Any]) -> list[int] | None:
        drawn = survey_sample(subject, rule)
        if drawn is None:
            return None
        ids, sampling = drawn
        Survey.objects.filter(pk=subject.pk).update(sample_size=len(ids), sampling=sampling)
        return ids

    def before_chunk(
        self, run: SendRun, subject: Survey, residents: list[Resident]
    ) -> dict[int, dict[str, str]]:
        ids = [r.pk for r in residents]
        Invitation.objects.bulk_create(
            [Invitation(survey=subject, resident_id=pk) for pk in ids], ignore_conflicts=True, batch_size=2000
        )
        bump(survey_topic(subject.pk))  # the number invited (bulk_create sends no signal)
        return self.links(Invitation.objects.filter(survey=subject, resident_id__in=ids, activity=None))

    def after_chunk(
        self, run: SendRun, subject: Survey, residents: list[Resident], created: list[Message]
    ) -> None:
        Invitation.objects.filter(
            survey=subject, resident_id__in=[r.pk for r in residents], activity=None, sent_at__isnull=True
        ).update(sent_at=timezone.now())


class SurveyReminders(_SurveySend):
    """A reminder to everyone invited who has not answered; once a day at most (the day is in
    each message's key)."""

    template = "survey_reminder"

    def key(self, run: SendRun, subject: Survey) -> str:
        return f"survey-reminder:{subject.pk}:{run.rule['day'].replace('-', '')}"

    @staticmethod
    def waiting(survey: Survey) -> QuerySet[Invitation]:
        return Invitation.objects.filter(survey=survey, responded_at__isnull=True)

    def residents(self, subject: Survey, rule: Mapping[str, Any]) -> QuerySet[Resident]:
        return Resident.objects.filter(Exists(self.waiting(subject).filter(resident=OuterRef("pk"))))

    def before_chunk(
        self, run: SendRun, subject: Survey, residents: list[Resident]
    ) -> dict[int, dict[str, str]]:
        return self.links(self.waiting(subject).filter(resident_id__in=[r.pk for r in residents]))

    def after_chunk(
        self, run: SendRun, subject: Survey, residents: list[Resident], created: list[Message]
    ) -> None:
        self.waiting(subject).filter(resident_id__in=[m.recipient_id for m in created]).update(
            reminded_at=timezone.now()
        )


class ExitSurveyInvitations(_SurveySend):
    """An exit survey to everyone marked present at one activity, the day after."""

    template = "survey_invitation"

    def key(self, run: SendRun, subject: Survey) -> str:
        return f"exit:{subject.pk}:{run.rule['activity']}"

    def residents(self, subject: Survey, rule: Mapping[str, Any]) -> QuerySet[Resident]:
        from tenantvoice.activities.models import Attendance, Participant

        present = Participant.objects.filter(
            activity_id=rule["activity"], attendance=Attendance.PRESENT, resident=OuterRef("pk")
        )
        return Resident.objects.filter(Exists(present))

    def before_chunk(
        self, run: SendRun, subject: Survey, residents: list[Resident]
    ) -> dict[int, dict[str, str]]:
        activity, ids = run.rule["activity"], [r.pk for r in residents]
        Invitation.objects.bulk_create(
            [Invitation(survey=subject, resident_id=pk, activity_id=activity) for pk in ids],
            ignore_conflicts=True,
        )
        bump(survey_topic(subject.pk))  # the number invited (bulk_create sends no signal)
        return self.links(
            Invitation.objects.filter(survey=subject, activity_id=activity, resident_id__in=ids)
        )

    def after_chunk(
        self, run: SendRun, subject: Survey, residents: list[Resident], created: list[Message]
    ) -> None:
        Invitation.objects.filter(
            survey=subject,
            activity_id=run.rule["activity"],
            resident_id__in=[r.pk for r in residents],
            sent_at__isnull=True,
        ).update(sent_at=timezone.now())


class SurveyOutcome(OutcomeSource):
    """ "You said, we did" for a closed survey, to each identified respondent (anonymous
    responses keep no resident, but the invitation knows who answered)."""

    told = "everyone who answered"

    def check(self, source: Survey) -> None:
        if source.status != SurveyStatus.CLOSED:
            raise OutcomeError("Close the survey first: the feedback is about what people said.")

    def recipients(self, source: Survey) -> QuerySet[Resident]:
        answered = Response.objects.filter(survey=source, resident=OuterRef("pk"))
        invited = Invitation.objects.filter(
            survey=source, resident=OuterRef("pk"), responded_at__isnull=False
        )
        return Resident.objects.filter(Q(Exists(answered)) | Q(Exists(invited)))

    def link(self, source: Survey) -> str:
        return settings.TENANTVOICE_SITE_URL.rstrip("/") + reverse("you-said-we-did")

    def back_url(self, source: Survey) -> str:
        return reverse("surveys:survey-detail", args=[source.pk])
