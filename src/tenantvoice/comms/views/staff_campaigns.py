"""Officers' pages for campaigns: write, pick the audience, see the reach, send, follow progress."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from tenantvoice.audiences.forms import AudienceForm
from tenantvoice.audiences.rules import Audience, audience_describe
from tenantvoice.core.access import require_capability
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
    form = CampaignForm(posted(request), prefix="c")
    audience_form = AudienceForm(posted(request), prefix="a")
    if request.method == "POST" and form.is_valid() and audience_form.is_valid():
        try:
            campaign = campaign_create(
                name=form.cleaned_data["name"],
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                sms=form.cleaned_data["sms"],
                purpose=form.cleaned_data["purpose"],
                audience=audience_form.audience(),
                by=request.user,
            )
        except CampaignError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Campaign saved. Check who it will reach, then send it.")
            return redirect("campaigns:campaign-detail", pk=campaign.pk)
    return render(request, "comms/campaigns/new.html", {"form": form, "audience_form": audience_form})


@require_capability(Capability.MANAGE_MESSAGES)
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_object_or_404(Campaign.objects.select_related("template"), pk=pk)
    audience = Audience.from_json(campaign.audience)
    context: dict[str, object] = {"campaign": campaign, "audience_lines": audience_describe(audience)}
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
    campaign = get_object_or_404(Campaign, pk=pk)
    try:
        run = campaign_send(campaign=campaign, by=request.user)
    except CampaignError as exc:
        messages.error(request, str(exc))
        return redirect("campaigns:campaign-detail", pk=pk)
    messages.success(request, "Sending. The messages are queued in the background.")
    return redirect("sends:progress", pk=run.pk)


@require_capability(Capability.MANAGE_MESSAGES)
def outbox(request: HttpRequest) -> HttpResponse:
    """Every message of the last 30 days by channel and status, and those that need a person."""
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
        },
    )


@require_POST
@require_capability(Capability.MANAGE_MESSAGES)
def outbox_retry(request: HttpRequest) -> HttpResponse:
    ids = [int(i) for i in request.POST.getlist("message") if i.isdigit()]
    count = messages_retry(ids, by=request.user)
    if count:
        messages.success(request, f"{counted(count, 'message', 'messages')} will be sent again.")
    else:
        messages.error(request, "Choose at least one message that could not be sent.")
    return redirect("campaigns:outbox")
