"""Campaigns: a newsletter or announcement to an audience, through the one outbox.

Before sending, the officer sees how many residents each channel will reach and how many
cannot be reached (and why); news goes only to those who agreed to it, each with a link to
stop it. Queuing runs on the task worker in chunks, so a campaign to 100,000 residents does not
hold a web request, and sending twice sends nothing new (one message per campaign and resident).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from tenantvoice.audiences.rules import Audience, audience_residents
from tenantvoice.core.audit import audit_record
from tenantvoice.core.errors import DomainError
from tenantvoice.core.models import AuditAction
from tenantvoice.core.roles import Capability
from tenantvoice.residents.models import Resident

from .catalogue import kind_get
from .models import Campaign, CampaignStatus, Message, Purpose, SendKind, SendRun, Template, TemplateVersion
from .rendering import placeholders_in
from .sends import ROUTE_FIELDS, MassSend, Reach, audience_reach, send_run_process, send_start

__all__ = ["ROUTE_FIELDS", "Reach", "audience_reach"]  # where the campaign pages first had them


class CampaignError(DomainError):
    pass


def unknown_placeholders(slug: str, *texts: str) -> list[str]:
    allowed = kind_get(slug).allowed()
    return [name for name in placeholders_in(*texts) if name not in allowed]


@transaction.atomic
def campaign_create(
    *, name: str, subject: str, body: str, sms: str, audience: Audience, purpose: str, by: Any
) -> Campaign:
    """A draft campaign with its own template (version 1, English); translations are added
    on the template's page like any other template's."""
    if not name.strip() or not subject.strip() or not body.strip():
        raise CampaignError("Give the campaign a name, a subject and the message.")
    slug = _free_slug(f"campaign-{slugify(name)[:60]}")
    unknown = unknown_placeholders(slug, subject, body, sms)
    if unknown:
        allowed = ", ".join(f"(({p}))" for p in kind_get(slug).allowed())
        raise CampaignError(
            f"We cannot fill in {', '.join(f'(({p}))' for p in unknown)}. You can use: {allowed}."
        )
    template = Template.objects.create(slug=slug, name=name.strip(), purpose=purpose)
    TemplateVersion.objects.create(
        template=template,
        language="en",
        number=1,
        subject=subject.strip(),
        body=body.strip(),
        sms=sms.strip(),
        note="Written for the campaign",
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    campaign = Campaign.objects.create(
        name=name.strip(),
        template=template,
        purpose=purpose,
        audience=audience.to_json(),
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    audit_record(
        actor=by, action=AuditAction.CREATE, object_type="campaign", object_id=campaign.pk, summary=name
    )
    return campaign


def _free_slug(base: str) -> str:
    slug, n = base, 1
    while Template.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def campaign_audience(campaign: Campaign) -> QuerySet[Resident]:
    return audience_residents(Audience.from_json(campaign.audience))


def anyone_reachable(residents: QuerySet[Resident], purpose: str) -> bool:
    """Whether ``route_for`` reaches anyone: everyone gets at least a letter, except that news
    goes only to those who agreed to it. One EXISTS query, so "Send" returns at once."""
    if purpose == Purpose.NEWS:
        residents = residents.filter(consents_to_news=True)
    return residents.exists()


@transaction.atomic
def campaign_send(*, campaign: Campaign, by: Any) -> SendRun:
    """Record the send; the worker then queues one message per resident (comms.sends), and
    the campaign keeps the reach it had when the last chunk was queued."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.status != CampaignStatus.DRAFT:
        raise CampaignError("This campaign has already been sent.")
    if not anyone_reachable(campaign_audience(campaign), campaign.purpose):
        raise CampaignError("Nobody in this audience can be reached, so there is nothing to send.")
    campaign.status = CampaignStatus.QUEUED
    campaign.sent_at = timezone.now()
    campaign.sent_by = by if getattr(by, "is_authenticated", False) else None
    campaign.save(update_fields=["status", "sent_at", "sent_by"])
    audit_record(
        actor=by,
        action=AuditAction.UPDATE,
        object_type="campaign",
        object_id=campaign.pk,
        summary=f"Sent {campaign.name}",
    )
    return send_start(kind=SendKind.CAMPAIGN, object_id=campaign.pk, title=campaign.name, by=by)


def campaign_run(campaign: Campaign) -> SendRun | None:
    return SendRun.objects.filter(kind=SendKind.CAMPAIGN, object_id=campaign.pk).order_by("-pk").first()


def campaign_queue_messages(campaign_pk: int) -> int:
    """Queue the campaign's messages in chunks of residents; safe to run again after a crash."""
    campaign = Campaign.objects.get(pk=campaign_pk)
    if campaign.status == CampaignStatus.SENT:
        return 0
    run = campaign_run(campaign)
    if run is None:  # a campaign sent before mass sends existed
        with transaction.atomic():
            run = SendRun.objects.create(kind=SendKind.CAMPAIGN, object_id=campaign.pk, title=campaign.name)
    return send_run_process(run.pk)


class CampaignSend(MassSend):
    """A campaign to its audience; those who cannot be reached are counted, not recorded."""

    capability = Capability.MANAGE_MESSAGES
    skip_unreachable = True

    def subject(self, run: SendRun) -> Campaign:
        return Campaign.objects.select_related("template").get(pk=run.object_id)

    def purpose(self, subject: Campaign) -> str:
        return subject.purpose

    def key(self, run: SendRun, subject: Campaign) -> str:
        return f"campaign:{subject.pk}"

    def residents(self, subject: Campaign, rule: Any) -> QuerySet[Resident]:
        return campaign_audience(subject)

    def campaign(self, subject: Campaign) -> Campaign:
        return subject

    def template_for(self, subject: Campaign) -> str:
        return subject.template.slug

    def finish(self, run: SendRun, subject: Campaign) -> None:
        Campaign.objects.filter(pk=subject.pk).update(status=CampaignStatus.SENT, counts=run.reach)

    def back_url(self, run: SendRun) -> str:
        return reverse("campaigns:campaign-detail", args=[run.object_id])


def campaign_progress(campaign: Campaign) -> dict[str, int]:
    """Messages of the campaign by status, in words."""
    from django.db.models import Count

    from .models import MessageStatus

    rows = Message.objects.filter(campaign=campaign).values("status").annotate(n=Count("pk"))
    return {str(MessageStatus(row["status"]).label): row["n"] for row in rows}
