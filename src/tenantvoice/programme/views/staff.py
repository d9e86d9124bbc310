"""The survey programme pages under /staff/programme/."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from tenantvoice.core.access import require_capability
from tenantvoice.core.dates import DATE_INPUT_FORMATS
from tenantvoice.core.http import posted
from tenantvoice.core.plain_errors import PlainForm
from tenantvoice.core.roles import Capability
from tenantvoice.strategies.standards import standards_get

from ..models import Milestone, Programme, Step
from ..services import ProgrammeError, milestone_done, programme_create, programme_table


class ProgrammeForm(PlainForm):
    title = forms.CharField(
        label="Name", max_length=200, required=False, help_text="For example 'Resident surveys 2027'."
    )
    starts_on = forms.DateField(
        label="First survey goes out on",
        input_formats=DATE_INPUT_FORMATS,
        help_text="For example 4/1/2027.",
        error_messages={
            "required": "Enter the date the first survey goes out.",
            "invalid": "Enter the date like 4/1/2027.",
        },
    )
    count = forms.IntegerField(label="Surveys in the year", min_value=1, max_value=26, required=False)
    cycle_weeks = forms.IntegerField(
        label="Weeks in each survey's cycle", min_value=1, max_value=13, required=False
    )
    titles = forms.CharField(
        label="Survey titles, one a line",
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Optional. Surveys without a title are numbered.",
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def programme_list(request: HttpRequest) -> HttpResponse:
    return render(request, "programme/list.html", {"programmes": Programme.objects.all()})


@require_capability(Capability.MANAGE_INVOLVEMENT)
def programme_new(request: HttpRequest) -> HttpResponse:
    standards = standards_get()
    form = ProgrammeForm(
        posted(request),
        initial={"count": standards.surveys_per_year, "cycle_weeks": standards.survey_cycle_weeks or 4},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            programme = programme_create(
                title=data["title"],
                starts_on=data["starts_on"],
                titles=data["titles"].splitlines(),
                count=data["count"],
                cycle_weeks=data["cycle_weeks"],
                by=request.user,
            )
        except ProgrammeError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Programme made. Tick each milestone off as it is done.")
            return redirect("programme:programme-detail", pk=programme.pk)
    return render(request, "programme/new.html", {"form": form})


@require_capability(Capability.VIEW_REPORTS)
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    from tenantvoice.core.roles import has_capability

    programme = get_object_or_404(Programme, pk=pk)
    rows = programme_table(programme, timezone.localdate())
    return render(
        request,
        "programme/detail.html",
        {
            "programme": programme,
            "rows": rows,
            "steps": list(Step),
            "can_tick": has_capability(request.user, Capability.MANAGE_INVOLVEMENT),
            "late": sum(1 for _, states in rows for s in states if s.late),
        },
    )


@require_POST
@require_capability(Capability.MANAGE_INVOLVEMENT)
def milestone_done_view(request: HttpRequest, pk: int) -> HttpResponse:
    milestone = get_object_or_404(Milestone.objects.select_related("planned"), pk=pk)
    milestone_done(milestone=milestone, note=request.POST.get("note", ""), by=request.user)
    messages.success(request, f"{milestone.planned.title}: {milestone.get_step_display()} done.")
    return redirect("programme:programme-detail", pk=milestone.planned.programme_id)
