"""Saved groups of residents (segments): officers build them once and pick them again; the
customer profile report (decision 0048); the page a representation table's "reach them" link
opens (audiences.targeting)."""

from __future__ import annotations

from django import forms
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from tenantvoice.core.access import require_capability
from tenantvoice.core.charts import bar_chart
from tenantvoice.core.form_action import form_action, redirect_with_message, refusal_on
from tenantvoice.core.forms import ButtonForm
from tenantvoice.core.http import posted
from tenantvoice.core.plain_errors import PlainForm
from tenantvoice.core.roles import Capability
from tenantvoice.core.tables import download

from .. import services
from ..forms import AudienceForm
from ..models import Segment
from ..profiles import profile_report, segment_profile
from ..rules import Audience, audience_describe
from ..selectors import audience_profile
from ..targeting import target_from_query

NAME_TAKEN = "There is already a saved group with this name. Choose another name."


class SegmentForm(PlainForm):
    name = forms.CharField(label="Name", max_length=120, help_text="e.g. 'Sheltered housing, North'.")
    description = forms.CharField(
        label="What it is for", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    is_profile = forms.BooleanField(
        label="A customer profile: show it in the customer profile report",
        required=False,
        help_text="For groups of customers you plan how to engage, e.g. 'prefers letters and over 75'.",
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
                    is_profile=bool(data["is_profile"]),
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
def segment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    segment = get_object_or_404(Segment, pk=pk)
    initial = {"name": segment.name, "description": segment.description, "is_profile": segment.is_profile}
    form = SegmentForm(posted(request), prefix="s", initial=initial)
    audience_form = (
        AudienceForm(request.POST, prefix="a")
        if request.method == "POST"
        else AudienceForm.for_audience(Audience.from_json(segment.rules), prefix="a")
    )

    def update(data: dict[str, str]) -> Segment:
        with refusal_on("name", ValueError):
            try:
                return services.segment_update(
                    segment=segment,
                    name=data["name"],
                    description=data["description"],
                    audience=audience_form.audience(),
                    is_profile=bool(data["is_profile"]),
                    by=request.user,
                )
            except IntegrityError as taken:
                raise ValueError(NAME_TAKEN) from taken

    return form_action(
        request,
        form,
        update,
        success=lambda saved: redirect_with_message(
            request, f"Saved {saved.name}.", "audiences:segment-detail", pk=saved.pk
        ),
        page=lambda form: render(
            request,
            "audiences/new.html",
            {"form": form, "audience_form": audience_form, "segment": segment},
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
            "profile": segment_profile(segment) if segment.is_profile else None,
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


@require_capability(Capability.MANAGE_MESSAGES)
def target(request: HttpRequest) -> HttpResponse:
    """A representation table's category as an audience: who it is, how many, and one button on
    to a campaign with it filled in (issue 18 item 2: two clicks)."""
    found = target_from_query(request.GET)
    if found is None:
        # Opened on its own, the page says where its links come from; a link naming a group
        # that cannot be chosen (an equality one) is not found.
        named = bool(request.GET.get("characteristic"))
        return render(
            request, "audiences/target.html", {"found": None, "named": named}, status=404 if named else 200
        )
    audience, words = found
    including = request.GET.get("involved") == "1"
    other = request.GET.copy()
    if including:
        other.pop("involved", None)
    else:
        other["involved"] = "1"
    return render(
        request,
        "audiences/target.html",
        {
            "found": True,
            "words": words,
            "lines": audience_describe(audience),
            "count": audience_profile(audience).residents,
            "including": including,
            "query": request.GET.urlencode(),
            "other_query": other.urlencode(),
        },
    )


@require_capability(Capability.VIEW_REPORTS)
def profile_report_view(request: HttpRequest) -> HttpResponse:
    """The customer profiles and the whole resident base by each characteristic that is not an
    equality one, with charts, CSV and XLSX (decision 0048)."""
    on = timezone.localdate()
    tables = profile_report(on)
    exported = download(tables, request.GET.get("format", ""), f"customer-profiles-{on:%Y-%m-%d}")
    if exported is not None:
        return exported
    profiles_table, *base = tables
    charts = [
        bar_chart(
            table.title + ": share of residents",
            [(str(row[0]), _number(row[2])) for row in table.rows[:-1]],
            unit="%",
        )
        for table in base
    ]
    return render(
        request,
        "audiences/profiles.html",
        {
            "on": on,
            "profiles_table": profiles_table,
            "profiles_chart": bar_chart(
                "Residents in each customer profile",
                [(str(row[0]), _number(row[1])) for row in profiles_table.rows],
            ),
            "sections": list(zip(base, charts, strict=True)),
        },
    )


def _number(cell: object) -> float | None:
    return float(cell) if isinstance(cell, int | float) else None
