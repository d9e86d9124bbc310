"""Officers' pages for the people at an activity: inviting a group, an audience or named
residents before it, and recording someone who came (a walk-in) once it has started.

Residents are chosen by a search of the register (name, reference or postcode) for now."""

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
from tenantvoice.residents.selectors import SearchPage, resident_search

from .forms import FindResidentForm, InviteAudienceForm, InviteGroupForm, WalkInForm
from .models import Activity
from .services import ActivityError, participant_add, walk_in_add, walk_in_new

FOUND = 20


def _found(request: HttpRequest, form: FindResidentForm) -> SearchPage | None:
    if not form.is_valid():
        return None
    return resident_search(reader=request.user, request=request, query=form.cleaned_data["q"], limit=FOUND)


def _chosen(request: HttpRequest) -> Resident | None:
    value = request.POST.get("resident", "")
    return Resident.objects.filter(pk=int(value)).first() if value.isdigit() else None


@require_capability(Capability.MANAGE_INVOLVEMENT)
def activity_people(request: HttpRequest, pk: int) -> HttpResponse:
    """Invite people: a group's members or a saved audience (sent at once, after the confirmation
    page), or named residents found on the register (added, then sent the invitation)."""
    activity = get_object_or_404(Activity.objects.select_related("group"), pk=pk)
    find = FindResidentForm(request.GET or None)
    problem = ""
    if request.method == "POST":
        resident = _chosen(request)
        try:
            if resident is None:
                raise ActivityError("Choose a resident from the search results.")
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
    find: FindResidentForm | None = None,
    group_form: InviteGroupForm | None = None,
    audience_form: InviteAudienceForm | None = None,
    problem: str = "",
) -> HttpResponse:
    find = find or FindResidentForm()
    group_form = group_form or InviteGroupForm(initial={"group": activity.group_id})
    audience_form = audience_form or InviteAudienceForm()
    refused = bool(problem) or any(f.errors for f in (group_form, audience_form))
    return render(
        request,
        "activities/people.html",
        {
            "activity": activity,
            "find": find,
            "found": _found(request, find),
            "group_form": group_form,
            "audience_form": audience_form,
            "problem": problem,
            "invited": set(activity.participants.values_list("resident_id", flat=True)),
        },
        status=400 if refused else 200,
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def activity_walk_in(request: HttpRequest, pk: int) -> HttpResponse:
    """Record someone who came: found on the register, or a person not on it."""
    activity = get_object_or_404(Activity, pk=pk)
    find = FindResidentForm(request.GET or None)
    new_form = WalkInForm(posted(request) if request.POST.get("new") == "yes" else None)
    problem = ""
    new_person = request.POST.get("new") == "yes"
    if request.method == "POST" and (not new_person or new_form.is_valid()):
        try:
            if new_person:
                place = walk_in_new(activity=activity, by=request.user, **new_form.cleaned_data)
            else:
                resident = _chosen(request)
                if resident is None:
                    raise ActivityError("Choose a resident from the search results.")
                place = walk_in_add(activity=activity, resident=resident, by=request.user)
        except ActivityError as exc:
            problem = str(exc)
        else:
            messages.success(request, f"{place.resident.full_name} is recorded as present.")
            return redirect("staff:activity-detail", pk=pk)
    context: dict[str, Any] = {
        "activity": activity,
        "find": find,
        "found": _found(request, find),
        "new_form": new_form,
        "problem": problem,
        "present": set(
            activity.participants.filter(attendance="present").values_list("resident_id", flat=True)
        ),
    }
    status = 400 if problem or new_form.errors else 200
    return render(request, "activities/walk_in.html", context, status=status)
