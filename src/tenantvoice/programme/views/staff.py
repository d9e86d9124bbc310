"""The survey programme pages under /staff/programme/."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from tenantvoice.core.access import require_capability
from tenantvoice.core.form_action import form_action, redirect_with_message
from tenantvoice.core.http import posted
from tenantvoice.core.roles import Capability, has_capability
from tenantvoice.strategies.standards import standards_get

from ..forms import MilestoneDoneForm, ProgrammeForm
from ..models import Milestone, Programme, Step
from ..services import ProgrammeError, milestone_done, programme_create, programme_table


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
    return form_action(
        request,
        form,
        lambda data: programme_create(
            title=data["title"],
            starts_on=data["starts_on"],
            titles=data["titles"].splitlines(),
            count=data["count"],
            cycle_weeks=data["cycle_weeks"],
            by=request.user,
        ),
        success=lambda programme: redirect_with_message(
            request,
            "Programme made. Tick each milestone off as it is done.",
            "programme:programme-detail",
            pk=programme.pk,
        ),
        page=lambda form: render(request, "programme/new.html", {"form": form}),
        refusals=(ProgrammeError,),
    )


@require_capability(Capability.VIEW_REPORTS)
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail_page(request, get_object_or_404(Programme, pk=pk))


def _detail_page(
    request: HttpRequest, programme: Programme, action_form: MilestoneDoneForm | None = None
) -> HttpResponse:
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
            "action_form": action_form,
        },
    )


@require_POST
@require_capability(Capability.MANAGE_INVOLVEMENT)
def milestone_done_view(request: HttpRequest, pk: int) -> HttpResponse:
    milestone = get_object_or_404(Milestone.objects.select_related("planned__programme"), pk=pk)
    return form_action(
        request,
        MilestoneDoneForm(request.POST),
        lambda data: milestone_done(milestone=milestone, note=data["note"], by=request.user),
        success=lambda done: redirect_with_message(
            request,
            f"{milestone.planned.title}: {done.get_step_display()} done.",
            "programme:programme-detail",
            pk=milestone.planned.programme_id,
        ),
        page=lambda form: _detail_page(request, milestone.planned.programme, form),
        refusals=(ProgrammeError,),
    )
