"""Officers' activity pages: the list, scheduling, the register, invitations and cancelling."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from tenantvoice.core.access import require_capability
from tenantvoice.core.http import posted
from tenantvoice.core.roles import Capability, has_capability
from tenantvoice.core.text import counted

from ..forms import ActivityForm
from ..models import Activity, Attendance
from ..services import ActivityError, LateNotice, activity_schedule, attendance_record


@require_capability(Capability.VIEW_RESIDENTS)
def activity_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    upcoming = Activity.objects.filter(ends_at__gte=now).select_related("group", "venue")[:100]
    recent = Activity.objects.filter(ends_at__lt=now).select_related("group").order_by("-starts_at")[:50]
    return render(
        request,
        "activities/staff_list.html",
        {
            "upcoming": upcoming,
            "recent": recent,
            "can_manage": has_capability(request.user, Capability.MANAGE_INVOLVEMENT),
        },
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def activity_new(request: HttpRequest) -> HttpResponse:
    form = ActivityForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = activity_schedule(
                title=data["title"],
                kind=data["kind"],
                group=data["group"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                format=data["format"],
                venue=data["venue"],
                online_details=data["online_details"],
                description=data["description"],
                public=data["public"],
                repeat=data["repeat"],
                repeat_count=data["repeat_count"] or 1,
                late_notice_reason=data["late_notice_reason"],
                by=request.user,
            )
        except LateNotice as exc:
            form.add_error("late_notice_reason", str(exc))
        except ActivityError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, f"Scheduled {len(created)} activit{'y' if len(created) == 1 else 'ies'}."
            )
            return redirect("staff:activity-detail", pk=created[0].pk)
    return render(request, "activities/staff_new.html", {"form": form})


@require_capability(Capability.VIEW_RESIDENTS)
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(Activity.objects.select_related("group", "venue", "created_by"), pk=pk)
    participants = activity.participants.select_related("resident").prefetch_related("support_requests")
    support = [s for p in participants for s in p.support_requests.all() if s.status == "requested"]
    return render(
        request,
        "activities/staff_detail.html",
        {
            "activity": activity,
            "participants": participants,
            "papers": list(activity.papers.all()),
            "support": support,
            "marks": Attendance.choices[1:],
            "can_manage": has_capability(request.user, Capability.MANAGE_INVOLVEMENT),
            "notice_breach": bool(activity.late_notice_reason),
            "started": activity.starts_at <= timezone.now(),
        },
    )


@require_POST
@require_capability(Capability.MANAGE_INVOLVEMENT)
def activity_register(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(Activity, pk=pk)
    marks = {
        int(key.removeprefix("p-")): request.POST.get(key, "")
        for key in request.POST
        if key.startswith("p-") and key[2:].isdigit()
    }
    try:
        changed = attendance_record(activity=activity, marks=marks, by=request.user)
    except ActivityError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Register saved ({counted(changed, 'change', 'changes')}).")
    return redirect("staff:activity-detail", pk=pk)


@require_POST
@require_capability(Capability.MANAGE_INVOLVEMENT)
def activity_invite_view(request: HttpRequest, pk: int) -> HttpResponse:
    """First the confirmation page (who is invited, by which channel), then send: to the
    participants, or (from the Invite people page) a group's members or a saved audience."""
    from django.urls import reverse

    from tenantvoice.comms.models import SendKind
    from tenantvoice.comms.views.staff_sends import confirm_page
    from tenantvoice.core.form_action import confirmed

    from ..forms import InviteAudienceForm, InviteGroupForm
    from ..services import activity_invite, invitation_rule
    from .staff_people import people_page

    activity = get_object_or_404(Activity, pk=pk)
    source: dict[str, Any] = {}
    hidden: list[tuple[str, str]] = []
    lines = ["Anyone already sent the invitation is not sent it again."]
    if "group" in request.POST:
        group_form = InviteGroupForm(request.POST)
        if not group_form.is_valid():
            return people_page(request, activity, group_form=group_form)
        source = {"group": group_form.cleaned_data["group"]}
    elif "segment" in request.POST:
        audience_form = InviteAudienceForm(request.POST)
        if not audience_form.is_valid():
            return people_page(request, activity, audience_form=audience_form)
        source = {"segment": audience_form.cleaned_data["segment"]}
    if source:
        hidden = [(name, str(chosen.pk)) for name, chosen in source.items()]
        lines.insert(0, "Each person invited is added to the activity's participants.")
    try:
        if activity.cancelled:
            raise ActivityError("This activity is cancelled.")
        if not confirmed(request):
            return confirm_page(
                request,
                kind=SendKind.ACTIVITY_INVITATION,
                subject=activity,
                heading=f"Send the invitation to {activity.title}",
                button="Send the invitation",
                action=reverse("staff:activity-invite", args=[pk]),
                back=reverse("staff:activity-detail", args=[pk]),
                back_label=activity.title,
                rule=invitation_rule(**source),
                hidden=hidden,
                lines=lines,
            )
        run = activity_invite(activity=activity, by=request.user, **source)
    except ActivityError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "The invitations are being sent. Letters wait in 'Letters to print'.")
        return redirect("sends:progress", pk=run.pk)
    return redirect("staff:activity-detail", pk=pk)


@require_POST
@require_capability(Capability.MANAGE_INVOLVEMENT)
def activity_cancel_view(request: HttpRequest, pk: int) -> HttpResponse:
    from ..services import activity_cancel

    activity = get_object_or_404(Activity, pk=pk)
    try:
        cancelled = activity_cancel(
            activity=activity,
            reason=request.POST.get("reason", ""),
            whole_series=request.POST.get("series") == "on",
            by=request.user,
        )
    except ActivityError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            f"Cancelled {len(cancelled)} activit{'y' if len(cancelled) == 1 else 'ies'}; "
            "everyone invited is being told.",
        )
    return redirect("staff:activity-detail", pk=pk)
