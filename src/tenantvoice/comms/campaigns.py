"""Campaigns: a newsletter or announcement to an audience, through the one outbox.

Before sending, the officer sees how many residents each channel will reach and how many
cannot be reached (and why); news goes only to those who agreed to it, each with a link to
stop it. Queuing runs on the task worker in chunks, so a campaign to 100,000 residents does not
hold a web request, and sending twice sends nothing new (one message per campaign and resident).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import slugify

from tenantvoice.audiences.rules import Audience, audience_residents
from tenantvoice.core.audit import audit_record
from tenantvoice.core.models import AuditAction
from tenantvoice.residents.models import Resident

from .catalogue import kind_get
from .models import Campaign, CampaignStatus, Message, MessageChannel, Template, TemplateVersion
from .rendering import placeholders_in
from .services import message_queue, route_for

CHUNK = 5000
# The resident fields route_for reads: loading only these keeps counting 100,000 residents quick.
ROUTE_FIELDS = (
    "preferred_channel",
    "email",
    "email_problem_at",
    "mobile_phone",
    "mobile_problem_at",
    "accepts_email",
    "accepts_sms",
    "consents_to_news",
    "large_print",
    "easy_read",
    "braille",
    "audio",
    "translation",
    "language",
)


class CampaignError(Exception):
    pass


@dataclass
class Reach:
    total: int = 0
    by_channel: Counter[str] = field(default_factory=Counter)
    unreachable: Counter[str] = field(default_factory=Counter)  # reason -> count
    formats: Counter[str] = field(default_factory=Counter)  # post-room notes -> count

    @property
    def reachable(self) -> int:
        return sum(self.by_channel.values())

    def as_dict(self) -> dict[str, object]:
        return {
            "total": self.total,
            "reachable": self.reachable,
            "by_channel": dict(self.by_channel),
            "unreachable": dict(self.unreachable),
            "formats": dict(self.formats),
        }


def audience_reach(residents: QuerySet[Resident], purpose: str) -> Reach:
    """How many of ``residents`` each channel reaches for ``purpose``, and who cannot be reached."""
    reach = Reach()
    for resident in residents.only(*ROUTE_FIELDS).iterator(chunk_size=CHUNK):
        reach.total += 1
        route = route_for(resident, purpose)
        if route.channel is None:
            reach.unreachable[route.why] += 1
            continue
        reach.by_channel[str(MessageChannel(route.channel).label)] += 1
        for note in filter(None, route.format_notes.split(", ")):
            reach.formats[note] += 1
    return reach


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


@transaction.atomic
def campaign_send(*, campaign: Campaign, by: Any) -> Reach:
    """Record the send and its reach; the worker then queues one message per resident."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.status != CampaignStatus.DRAFT:
        raise CampaignError("This campaign has already been sent.")
    reach = audience_reach(campaign_audience(campaign), campaign.purpose)
    if not reach.reachable:
        raise CampaignError("Nobody in this audience can be reached, so there is nothing to send.")
    campaign.status = CampaignStatus.QUEUED
    campaign.counts = reach.as_dict()
    campaign.sent_at = timezone.now()
    campaign.sent_by = by if getattr(by, "is_authenticated", False) else None
    campaign.save(update_fields=["status", "counts", "sent_at", "sent_by"])
    audit_record(
        actor=by,
        action=AuditAction.UPDATE,
        object_type="campaign",
        object_id=campaign.pk,
        summary=f"Sent {campaign.name} to {reach.reachable} residents",
    )
    from .tasks import queue_campaign

    pk = campaign.pk
    transaction.on_commit(lambda: queue_campaign.enqueue(pk))
    return reach


def campaign_queue_messages(campaign_pk: int) -> int:
    """Queue the campaign's messages in chunks of residents; safe to run again after a crash."""
    campaign = Campaign.objects.select_related("template").get(pk=campaign_pk)
    if campaign.status == CampaignStatus.SENT:
        return 0
    residents = campaign_audience(campaign).order_by("pk")
    queued, last_pk = 0, 0
    while True:
        chunk = list(residents.filter(pk__gt=last_pk)[:CHUNK])
        if not chunk:
            break
        with transaction.atomic():
            queued += len(
                message_queue(
                    recipients=chunk,
                    template=campaign.template.slug,
                    context={},
                    key=f"campaign:{campaign.pk}",
                    purpose=campaign.purpose,
                    campaign=campaign,
                    skip_unreachable=True,
                )
            )
        last_pk = chunk[-1].pk
    Campaign.objects.filter(pk=campaign.pk).update(status=CampaignStatus.SENT)
    return queued


def campaign_progress(campaign: Campaign) -> dict[str, int]:
    """Messages of the campaign by status, in words."""
    from django.db.models import Count

    from .models import MessageStatus

    rows = Message.objects.filter(campaign=campaign).values("status").annotate(n=Count("pk"))
    return {str(MessageStatus(row["status"]).label): row["n"] for row in rows}
