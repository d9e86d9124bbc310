"""Officers' activity pages: the list, scheduling, the register, invitations and cancelling."""

from __future__ import annotations

from typing import Any

from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from tenantvoice.core.access import require_capability
from tenantvoice.core.form_action import form_action, redirect_with_message, refusal_on
from tenantvoice.core.forms import ButtonForm
from tenantvoice.core.http import posted
from tenantvoice.core.roles import Capability, has_capability
from tenantvoice.core.text import counted

from ..forms import ActivityForm, CancelForm, MoveForm, RegisterForm
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
    def schedule(data: dict[str, Any]) -> list[Activity]:
        with refusal_on("late_notice_reason", LateNotice):
            return activity_schedule(
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

    return form_action(
        request,
        ActivityForm(posted(request)),
        schedule,
        success=lambda created: redirect_with_message(
            request,
            f"Scheduled {len(created)} activit{'y' if len(created) == 1 else 'ies'}.",
            "staff:activity-detail",
            pk=created[0].pk,
        ),
        page=lambda form: render(request, "activities/staff_new.html", {"form": form}),
        refusals=(ActivityError,),
    )


@require_capability(Capability.VIEW_RESIDENTS)
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(Activity.objects.select_related("group", "venue", "created_by"), pk=pk)
    return detail_page(request, activity)


def detail_page(
    request: HttpRequest, activity: Activity, action_form: BaseForm | None = None
) -> HttpResponse:
    """The activity's page; ``action_form`` is a form posted from it that was refused."""
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
            "action_form": action_form,
            "move_form": action_form if isinstance(action_form, MoveForm) else _move_form(activity),
        },
    )


def _move_form(activity: Activity) -> MoveForm:
    starts, ends = timezone.localtime(activity.starts_at), timezone.localtime(activity.ends_at)
    return MoveForm(
        prefix="move",
        initial={"date": starts.date(), "start_time": starts.time(), "end_time": ends.time()},
    )


@require_POST
@require_capability(Capability.MANAGE_INVOLVEMENT)
def activity_register(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(Activity, pk=pk)
    form = RegisterForm(request.POST, activity=activity)
    return form_action(
        request,
        form,
        lambda data: attendance_record(activity=activity, marks=form.marks(), by=request.user),
        success=lambda changed: redirect_with_message(
            request,
            f"Register saved ({counted(changed, 'change', 'changes')}).",
            "staff:activity-detail",
            pk=pk,
        ),
        page=lambda form: detail_page(request, activity, form),
        refusals=(ActivityError,),
    )


@require_POST
@require_capability(Capability.MANAGE_INVOLVEMENT)
def activity_invite_view(request: HttpRequest, pk: int) -> HttpResponse:
    """First the confirmation page (who is invited, by which channel), then send: to the
    participants, or (from the Invite people page) a group's members or a saved audience."""
    from tenantvoice.comms.models import SendKind
    from tenantvoice.comms.views.staff_sends import confirm_page

    from ..forms import InviteAudienceForm, InviteGroupForm
    from ..services import activity_invite, invitation_rule
    from .staff_people import people_page

    activity = get_object_or_404(Activity, pk=pk)
    form: BaseForm
    # The page a refusal is shown on: the Invite people page for a group or an audience.
    if "group" in request.POST:
        form = InviteGroupForm(request.POST)

        def page(form: Any) -> HttpResponse:
            return people_page(request, activity, group_form=form)
    elif "segment" in request.POST:
        form = InviteAudienceForm(request.POST)

        def page(form: Any) -> HttpResponse:
            return people_page(request, activity, audience_form=form)
    else:
        form = ButtonForm(request.POST)

        def page(form: Any) -> HttpResponse:
            return detail_page(request, activity, form)

    def chosen(data: dict[str, Any]) -> dict[str, Any]:
        """Who is invited besides the participants: a group or a saved audience, if any."""
        if activity.cancelled:
            raise ActivityError("This activity is cancelled.")
        return {name: data[name] for name in ("group", "segment") if name in data}

    def confirm(data: dict[str, Any]) -> HttpResponse:
        source = chosen(data)
        lines = ["Anyone already sent the invitation is not sent it again."]
        if source:
            lines.insert(0, "Each person invited is added to the activity's participants.")
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
            hidden=[(name, str(item.pk)) for name, item in source.items()],
            lines=lines,
        )

    return form_action(
        request,
        form,
        lambda data: activity_invite(activity=activity, by=request.user, **chosen(data)),
        success=lambda run: redirect_with_message(
            request,
            "The invitations are being sent. Letters wait in 'Letters to print'.",
            "sends:progress",
            pk=run.pk,
        ),
        page=page,
        confirm=confirm,
        refusals=(ActivityError,),
    )


@require_POST
@require_capability(Capability.MANAGE_INVOLVEMENT)
def activity_move_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A new date and time: everyone invited is told, and calendars update the same event."""
    from ..services import activity_move

    activity = get_object_or_404(Activity, pk=pk)
    return form_action(
        request,
        MoveForm(request.POST, prefix="move"),
        lambda data: activity_move(
            activity=activity,
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            late_notice_reason=data["late_notice_reason"],
            by=request.user,
        ),
        success=lambda moved: redirect_with_message(
            request, "Moved. Everyone invited is being told the new time.", "staff:activity-detail", pk=pk
        ),
        page=lambda form: detail_page(request, activity, form),
        refusals=(ActivityError,),
    )


@require_POST
@require_capability(Capability.MANAGE_INVOLVEMENT)
def activity_cancel_view(request: HttpRequest, pk: int) -> HttpResponse:
    from ..services import activity_cancel

    activity = get_object_or_404(Activity, pk=pk)
    return form_action(
        request,
        CancelForm(request.POST),
        lambda data: activity_cancel(
            activity=activity, reason=data["reason"], whole_series=data["series"], by=request.user
        ),
        success=lambda cancelled: redirect_with_message(
            request,
            f"Cancelled {len(cancelled)} activit{'y' if len(cancelled) == 1 else 'ies'}; "
            "everyone invited is being told.",
            "staff:activity-detail",
            pk=pk,
        ),
        page=lambda form: detail_page(request, activity, form),
        refusals=(ActivityError,),
    )
