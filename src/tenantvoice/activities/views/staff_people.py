"""Officers' pages for the people at an activity: inviting a group, an audience or named
residents before it, and recording someone who came (a walk-in) once it has started.

Residents are chosen with the shared resident picker (decision 0027)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from tenantvoice.core.access import require_capability
from tenantvoice.core.http import posted
from tenantvoice.core.roles import Capability
from tenantvoice.residents.models import Resident

from ..forms import ChooseResidentForm, InviteAudienceForm, InviteGroupForm, WalkInForm
from ..models import Activity
from ..services import ActivityError, participant_add, walk_in_add, walk_in_new


def _chosen(form: ChooseResidentForm) -> Resident | None:
    """The resident chosen, or None while the officer is still searching or chose nobody."""
    if not form.is_bound or not form.is_valid():
        return None
    resident = form.cleaned_data["resident"]
    return resident if isinstance(resident, Resident) else None


@require_capability(Capability.MANAGE_INVOLVEMENT)
def activity_people(request: HttpRequest, pk: int) -> HttpResponse:
    """Invite people: a group's members or a saved audience (sent at once, after the confirmation
    page), or named residents found on the register (added, then sent the invitation)."""
    activity = get_object_or_404(Activity.objects.select_related("group"), pk=pk)
    find = ChooseResidentForm.for_request(request)
    problem = ""
    if request.method == "POST" and not find.searching:
        resident = _chosen(find)
        try:
            if resident is None:
                raise ActivityError("Search for the resident, then choose them from the residents found.")
            if activity.cancelled or activity.starts_at <= timezone.now():
                raise ActivityError("People can only be invited before the activity starts.")
            participant_add(activity=activity, resident=resident, by=request.user)
        except ActivityError as exc:
            problem = str(exc)
        else:
            messages.success(
                request,
                f"{resident.full_name} is added. Send the invitation from the activity's page.",
            )
            return redirect("staff:activity-people", pk=pk)
    return people_page(request, activity, find=find, problem=problem)


def people_page(
    request: HttpRequest,
    activity: Activity,
    *,
    find: ChooseResidentForm | None = None,
    group_form: InviteGroupForm | None = None,
    audience_form: InviteAudienceForm | None = None,
    problem: str = "",
) -> HttpResponse:
    find = find or ChooseResidentForm(request=request)
    group_form = group_form or InviteGroupForm(initial={"group": activity.group_id})
    audience_form = audience_form or InviteAudienceForm()
    refused = bool(problem) or any(f.errors for f in (group_form, audience_form))
    return render(
        request,
        "activities/people.html",
        {
            "activity": activity,
            "find": find,
            "group_form": group_form,
            "audience_form": audience_form,
            "problem": problem,
            "added": activity.participants.select_related("resident").order_by("resident__last_name"),
        },
        status=400 if refused else 200,
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def activity_walk_in(request: HttpRequest, pk: int) -> HttpResponse:
    """Record someone who came: found on the register, or a person not on it."""
    activity = get_object_or_404(Activity, pk=pk)
    find = ChooseResidentForm.for_request(request)
    new_form = WalkInForm(posted(request) if request.POST.get("new") == "yes" else None)
    problem = ""
    new_person = request.POST.get("new") == "yes"
    searching = not new_person and find.is_bound and find.searching
    if request.method == "POST" and not searching and (not new_person or new_form.is_valid()):
        try:
            if new_person:
                place = walk_in_new(activity=activity, by=request.user, **new_form.cleaned_data)
            else:
                resident = _chosen(find)
                if resident is None:
                    raise ActivityError("Search for the resident, then choose them from the residents found.")
                place = walk_in_add(activity=activity, resident=resident, by=request.user)
        except ActivityError as exc:
            problem = str(exc)
        else:
            messages.success(request, f"{place.resident.full_name} is recorded as present.")
            return redirect("staff:activity-detail", pk=pk)
    context: dict[str, Any] = {
        "activity": activity,
        "find": find,
        "new_form": new_form,
        "problem": problem,
        "present": activity.participants.filter(attendance="present")
        .select_related("resident")
        .order_by("resident__last_name"),
    }
    status = 400 if problem or new_form.errors else 200
    return render(request, "activities/walk_in.html", context, status=status)
