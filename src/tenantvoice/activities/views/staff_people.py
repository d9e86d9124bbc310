"""Officers' pages for the people at an activity: inviting a group, an audience or named
residents before it, and recording someone who came (a walk-in) once it has started.

Residents are chosen with the shared resident picker (decision 0027)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from tenantvoice.core.access import require_capability
from tenantvoice.core.form_action import form_action, redirect_with_message
from tenantvoice.core.http import posted
from tenantvoice.core.roles import Capability
from tenantvoice.residents.models import Resident

from ..forms import ChooseResidentForm, InviteAudienceForm, InviteGroupForm, WalkInForm
from ..models import Activity, Participant
from ..services import ActivityError, participant_add, walk_in_add, walk_in_new


@require_capability(Capability.MANAGE_INVOLVEMENT)
def activity_people(request: HttpRequest, pk: int) -> HttpResponse:
    """Invite people: a group's members or a saved audience (sent at once, after the confirmation
    page), or named residents found on the register (added, then sent the invitation)."""
    activity = get_object_or_404(Activity.objects.select_related("group"), pk=pk)

    def add(data: dict[str, Any]) -> Resident:
        if activity.cancelled or activity.starts_at <= timezone.now():
            raise ActivityError("People can only be invited before the activity starts.")
        participant_add(activity=activity, resident=data["resident"], by=request.user)
        return data["resident"]

    return form_action(
        request,
        ChooseResidentForm.for_request(request),
        add,
        success=lambda resident: redirect_with_message(
            request,
            f"{resident.full_name} is added. Send the invitation from the activity's page.",
            "staff:activity-people",
            pk=pk,
        ),
        page=lambda find: people_page(request, activity, find=find),
        refusals=(ActivityError,),
    )


def people_page(
    request: HttpRequest,
    activity: Activity,
    *,
    find: ChooseResidentForm | None = None,
    group_form: InviteGroupForm | None = None,
    audience_form: InviteAudienceForm | None = None,
) -> HttpResponse:
    return render(
        request,
        "activities/people.html",
        {
            "activity": activity,
            "find": find or ChooseResidentForm(request=request),
            "group_form": group_form or InviteGroupForm(initial={"group": activity.group_id}),
            "audience_form": audience_form or InviteAudienceForm(),
            "added": activity.participants.select_related("resident").order_by("resident__last_name"),
        },
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def activity_walk_in(request: HttpRequest, pk: int) -> HttpResponse:
    """Record someone who came: found on the register, or a person not on it."""
    activity = get_object_or_404(Activity, pk=pk)
    find = ChooseResidentForm.for_request(request)
    new_form = WalkInForm(posted(request) if request.POST.get("new") == "yes" else None)

    def walk_in_page(*, find: ChooseResidentForm, new_form: WalkInForm) -> HttpResponse:
        context: dict[str, Any] = {
            "activity": activity,
            "find": find,
            "new_form": new_form,
            "present": activity.participants.filter(attendance="present")
            .select_related("resident")
            .order_by("resident__last_name"),
        }
        return render(request, "activities/walk_in.html", context)

    def present(place: Participant) -> HttpResponse:
        text = f"{place.resident.full_name} is recorded as present."
        return redirect_with_message(request, text, "staff:activity-detail", pk=pk)

    if new_form.is_bound:  # a person not on the register
        return form_action(
            request,
            new_form,
            lambda data: walk_in_new(activity=activity, by=request.user, **data),
            success=present,
            page=lambda new_form: walk_in_page(find=find, new_form=new_form),
            refusals=(ActivityError,),
        )
    return form_action(
        request,
        find,
        lambda data: walk_in_add(activity=activity, resident=data["resident"], by=request.user),
        success=present,
        page=lambda find: walk_in_page(find=find, new_form=new_form),
        refusals=(ActivityError,),
    )
