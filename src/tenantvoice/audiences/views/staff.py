"""Saved groups of residents (segments): officers build them once and pick them again."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from tenantvoice.core.access import require_capability
from tenantvoice.core.http import posted
from tenantvoice.core.plain_errors import PlainForm
from tenantvoice.core.roles import Capability

from .. import services
from ..forms import AudienceForm
from ..models import Segment
from ..rules import Audience, audience_describe, audience_residents


class SegmentForm(PlainForm):
    name = forms.CharField(label="Name", max_length=120, help_text="e.g. 'Sheltered housing, North'.")
    description = forms.CharField(
        label="What it is for", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


@require_capability(Capability.MANAGE_MESSAGES)
def segment_list(request: HttpRequest) -> HttpResponse:
    return render(request, "audiences/list.html", {"segments": Segment.objects.all()})


@require_capability(Capability.MANAGE_MESSAGES)
def segment_new(request: HttpRequest) -> HttpResponse:
    form = SegmentForm(posted(request), prefix="s")
    audience_form = AudienceForm(posted(request), prefix="a")
    if request.method == "POST" and form.is_valid() and audience_form.is_valid():
        try:
            with transaction.atomic():
                segment = services.segment_create(
                    name=form.cleaned_data["name"],
                    description=form.cleaned_data["description"],
                    audience=audience_form.audience(),
                    by=request.user,
                )
        except IntegrityError:
            form.add_error("name", "There is already a saved group with this name. Choose another name.")
        else:
            messages.success(request, f"Saved {segment.name}.")
            return redirect("audiences:segment-detail", pk=segment.pk)
    return render(request, "audiences/new.html", {"form": form, "audience_form": audience_form})


@require_capability(Capability.MANAGE_MESSAGES)
def segment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    segment = get_object_or_404(Segment, pk=pk)
    audience = Audience.from_json(segment.rules)
    return render(
        request,
        "audiences/detail.html",
        {
            "segment": segment,
            "lines": audience_describe(audience),
            "count": audience_residents(audience).count(),
        },
    )


@require_POST
@require_capability(Capability.MANAGE_MESSAGES)
def segment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    segment = get_object_or_404(Segment, pk=pk)
    name = segment.name
    services.segment_delete(segment=segment, by=request.user)
    messages.success(request, f"Deleted {name}. Campaigns already sent to it are not affected.")
    return redirect("audiences:list")
