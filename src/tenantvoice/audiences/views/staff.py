"""Saved groups of residents (segments): officers build them once and pick them again."""

from __future__ import annotations

from django import forms
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST

from tenantvoice.core.access import require_capability
from tenantvoice.core.form_action import form_action, redirect_with_message, refusal_on
from tenantvoice.core.forms import ButtonForm
from tenantvoice.core.http import posted
from tenantvoice.core.plain_errors import PlainForm
from tenantvoice.core.roles import Capability

from .. import services
from ..forms import AudienceForm
from ..models import Segment
from ..rules import Audience, audience_describe
from ..selectors import audience_profile

NAME_TAKEN = "There is already a saved group with this name. Choose another name."


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

    def create(data: dict[str, str]) -> Segment:
        with refusal_on("name", ValueError):
            try:
                return services.segment_create(
                    name=data["name"],
                    description=data["description"],
                    audience=audience_form.audience(),
                    by=request.user,
                )
            except IntegrityError as taken:  # the name is unique
                raise ValueError(NAME_TAKEN) from taken

    return form_action(
        request,
        form,
        create,
        success=lambda segment: redirect_with_message(
            request, f"Saved {segment.name}.", "audiences:segment-detail", pk=segment.pk
        ),
        page=lambda form: render(
            request, "audiences/new.html", {"form": form, "audience_form": audience_form}
        ),
        also_valid=[audience_form],
    )


@require_capability(Capability.MANAGE_MESSAGES)
def segment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail_page(request, get_object_or_404(Segment, pk=pk))


def _detail_page(
    request: HttpRequest, segment: Segment, action_form: ButtonForm | None = None
) -> HttpResponse:
    audience = Audience.from_json(segment.rules)
    return render(
        request,
        "audiences/detail.html",
        {
            "segment": segment,
            "lines": audience_describe(audience),
            "count": audience_profile(audience).residents,
            "action_form": action_form,
        },
    )


@require_POST
@require_capability(Capability.MANAGE_MESSAGES)
def segment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    segment = get_object_or_404(Segment, pk=pk)
    name = segment.name
    return form_action(
        request,
        ButtonForm(request.POST),
        lambda data: services.segment_delete(segment=segment, by=request.user),
        success=lambda _: redirect_with_message(
            request, f"Deleted {name}. Campaigns already sent to it are not affected.", "audiences:list"
        ),
        page=lambda form: _detail_page(request, segment, form),
    )
