"""Officers' pages for campaigns: write, pick the audience, see the reach, send, follow progress."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST

from tenantvoice.audiences.forms import AudienceForm
from tenantvoice.audiences.rules import Audience, audience_describe
from tenantvoice.audiences.targeting import target_from_query
from tenantvoice.core.access import require_capability
from tenantvoice.core.form_action import form_action, redirect_with_message
from tenantvoice.core.forms import ButtonForm
from tenantvoice.core.http import posted
from tenantvoice.core.roles import Capability
from tenantvoice.core.selectors import landlord_get
from tenantvoice.core.text import counted

from ..campaign_forms import CampaignForm
from ..campaigns import (
    CampaignError,
    audience_reach,
    campaign_audience,
    campaign_create,
    campaign_progress,
    campaign_run,
    campaign_send,
)
from ..forms import RetryForm
from ..models import Campaign, CampaignStatus, MessageChannel
from ..outbox import messages_retry, outbox_stuck, outbox_summary, since_days
from ..rendering import render as fill
from ..templating import resident_data_gaps
from ..wording import wording_for


@require_capability(Capability.MANAGE_MESSAGES)
def campaign_list(request: HttpRequest) -> HttpResponse:
    campaigns = Campaign.objects.select_related("created_by")[:200]
    return render(request, "comms/campaigns/list.html", {"campaigns": campaigns})


@require_capability(Capability.MANAGE_MESSAGES)
def campaign_new(request: HttpRequest) -> HttpResponse:
    audience_form = AudienceForm(posted(request), prefix="a")
    form = CampaignForm(posted(request), prefix="c")
    # A link from a representation table (audiences.targeting) opens the page with its audience
    # ticked (decision 0048); the officer checks it, writes the message and saves.
    targeted = target_from_query(request.GET) if request.method == "GET" else None
    if targeted is not None:
        audience_form = AudienceForm.for_audience(targeted[0], prefix="a")
        form = CampaignForm(prefix="c", initial={"name": targeted[1]})
    return form_action(
        request,
        form,
        lambda data: campaign_create(
            name=data["name"],
            subject=data["subject"],
            body=data["body"],
            sms=data["sms"],
            purpose=data["purpose"],
            audience=audience_form.audience(),
            by=request.user,
        ),
        success=lambda campaign: redirect_with_message(
            request,
            "Campaign saved. Check who it will reach, then send it.",
            "campaigns:campaign-detail",
            pk=campaign.pk,
        ),
        page=lambda form: render(
            request,
            "comms/campaigns/new.html",
            {
                "form": form,
                "audience_form": audience_form,
                "targeted": audience_describe(targeted[0]) if targeted else [],
            },
        ),
        also_valid=[audience_form],
        refusals=(CampaignError,),
    )


@require_capability(Capability.MANAGE_MESSAGES)
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail_page(request, get_object_or_404(Campaign.objects.select_related("template"), pk=pk))


def _detail_page(
    request: HttpRequest, campaign: Campaign, action_form: ButtonForm | None = None
) -> HttpResponse:
    audience = Audience.from_json(campaign.audience)
    context: dict[str, object] = {
        "campaign": campaign,
        "audience_lines": audience_describe(audience),
        "action_form": action_form,
    }
    if campaign.status == CampaignStatus.DRAFT:
        # Plain dicts: a template's ".items" on a Counter would read the key "items" (0).
        context["reach"] = audience_reach(campaign_audience(campaign), campaign.purpose).as_dict()
        context["gaps"] = resident_data_gaps(campaign_audience(campaign))
    else:
        context["progress"] = campaign_progress(campaign)
        context["run"] = campaign_run(campaign)
    wording = wording_for(campaign.template.slug)
    sample = {"name": "Ann", "first_name": "Ann", "last_name": "Example", "full_name": "Mrs Ann Example"}
    sample |= {"landlord": landlord_get().name, "unsubscribe_link": "(the link to stop news)"}
    context["preview"] = {
        "subject": fill(wording.subject, sample).text,
        "body": fill(wording.body, sample).text,
        "sms": fill(wording.sms, sample).text if wording.sms else "",
    }
    return render(request, "comms/campaigns/detail.html", context)


@require_POST
@require_capability(Capability.MANAGE_MESSAGES)
def campaign_send_view(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_object_or_404(Campaign.objects.select_related("template"), pk=pk)
    return form_action(
        request,
        ButtonForm(request.POST),
        lambda data: campaign_send(campaign=campaign, by=request.user),
        success=lambda run: redirect_with_message(
            request, "Sending. The messages are queued in the background.", "sends:progress", pk=run.pk
        ),
        page=lambda form: _detail_page(request, campaign, form),
        refusals=(CampaignError,),
    )


@require_capability(Capability.MANAGE_MESSAGES)
def outbox(request: HttpRequest) -> HttpResponse:
    """Every message of the last 30 days by channel and status, and those that need a person."""
    return _outbox_page(request)


def _outbox_page(request: HttpRequest, action_form: RetryForm | None = None) -> HttpResponse:
    channel = request.GET.get("channel", "")
    if channel not in MessageChannel.values:
        channel = ""
    return render(
        request,
        "comms/campaigns/outbox.html",
        {
            "summary": outbox_summary(since_days(30)),
            "stuck": outbox_stuck(channel=channel)[:200],
            "channel": channel,
            "channels": MessageChannel.choices,
            "action_form": action_form,
        },
    )


@require_POST
@require_capability(Capability.MANAGE_MESSAGES)
def outbox_retry(request: HttpRequest) -> HttpResponse:
    def retry(data: dict[str, Any]) -> int:
        count = messages_retry([m.pk for m in data["message"]], by=request.user)
        if not count:
            raise ValueError(RetryForm.NONE_CHOSEN)
        return count

    return form_action(
        request,
        RetryForm(request.POST),
        retry,
        success=lambda count: redirect_with_message(
            request, f"{counted(count, 'message', 'messages')} will be sent again.", "campaigns:outbox"
        ),
        page=lambda form: _outbox_page(request, form),
    )
