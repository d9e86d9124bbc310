"""Officers' involvement pages: levels with members, waiting lists and applications; a
resident's involvement recorded for them; groups with their seats, terms and roles."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from tenantvoice.activities.forms import HoursForm
from tenantvoice.activities.models import HoursLog
from tenantvoice.activities.selectors import group_attendance, hours_of_involvement
from tenantvoice.core.access import require_capability
from tenantvoice.core.charts import bar_chart
from tenantvoice.core.dates import parse_date
from tenantvoice.core.http import posted
from tenantvoice.core.roles import Capability, has_capability
from tenantvoice.core.selectors import landlord_get
from tenantvoice.core.tables import download
from tenantvoice.core.text import possessive
from tenantvoice.involvement.forms import (
    DecisionForm,
    LevelLeavingForm,
    OnDateForm,
    RecognitionForm,
    RoleForm,
    SeatEndForm,
    SeatFillForm,
    SeatNominationForm,
    StaffJoinLevelForm,
)
from tenantvoice.involvement.group_rules import group_rules
from tenantvoice.involvement.models import (
    Group,
    Level,
    LevelMembership,
    MembershipEvent,
    MembershipStatus,
    SeatHolding,
    SeatNomination,
)
from tenantvoice.involvement.reports import involvement_numbers, involvement_tables
from tenantvoice.involvement.selectors import (
    group_holdings_current,
    level_members_on,
    level_places_taken,
    roles_on,
    waiting_position,
)
from tenantvoice.involvement.services import (
    InvolvementError,
    NotEligible,
    RuleNotMet,
    application_decide,
    group_recognition_update,
    involvement_consent_wording,
    level_join,
    level_leaving_record,
    role_assign,
    seat_end,
    seat_fill,
    seat_nomination_record,
)
from tenantvoice.residents.models import Resident
from tenantvoice.strategies.standards import standards_get


@require_capability(Capability.VIEW_RESIDENTS)
def overview(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    levels = []
    for level in Level.objects.all():
        open_requests = LevelMembership.objects.filter(level=level)
        levels.append(
            {
                "level": level,
                "members": level_places_taken(level) if not level.is_default else None,
                "waiting": open_requests.filter(status=MembershipStatus.WAITING).count(),
                "applied": open_requests.filter(status=MembershipStatus.APPLIED).count(),
            }
        )
    groups = [(group, group_holdings_current(group.pk, today).count()) for group in Group.objects.all()]
    return render(request, "staff/involvement/overview.html", {"levels": levels, "groups": groups})


def _number(cell: object) -> float | None:
    return float(cell) if isinstance(cell, int | float) else None


@require_capability(Capability.VIEW_REPORTS)
def involvement_report(request: HttpRequest) -> HttpResponse:
    """Residents at each level and group members with vacant seats, on any date."""
    form = OnDateForm(request.GET or None)
    on = timezone.localdate()
    if form.is_bound and form.is_valid() and form.cleaned_data["on"]:
        on = form.cleaned_data["on"]
    numbers = involvement_numbers(on)
    tables = involvement_tables(numbers)
    exported = download(tables, request.GET.get("format", ""), f"involvement-{on:%Y-%m-%d}")
    if exported is not None:
        return exported
    # The charts draw the tables' figures, so a hidden count is not drawn either.
    charts = [
        bar_chart(tables[0].title, [(row[0], _number(row[1])) for row in tables[0].rows]),
        bar_chart(f"Vacant seats on {on:%d/%m/%Y}", [(row[0], _number(row[4])) for row in tables[1].rows]),
    ]
    query = request.GET.copy()
    query.pop("format", None)
    return render(
        request,
        "staff/involvement/report.html",
        {
            "form": form,
            "on": on,
            "sections": list(zip(tables, charts, strict=True)),
            "query": query.urlencode(),
        },
    )


@require_capability(Capability.VIEW_RESIDENTS)
def level_detail(request: HttpRequest, slug: str) -> HttpResponse:
    level = get_object_or_404(Level, slug=slug)
    memberships = LevelMembership.objects.filter(level=level).select_related("resident")
    # "Who was on this level on a given date", from the kept history.
    on = parse_date(request.GET.get("on", ""))
    members_on = list(level_members_on(level, on).order_by("resident__last_name_key")) if on else None
    waiting = list(memberships.filter(status=MembershipStatus.WAITING).order_by("requested_at", "pk"))
    return render(
        request,
        "staff/involvement/level.html",
        {
            "level": level,
            "members": memberships.filter(
                status__in=[MembershipStatus.ACTIVE, MembershipStatus.OFFERED]
            ).order_by("resident__last_name_key"),
            "waiting": waiting,
            "applications": memberships.filter(status=MembershipStatus.APPLIED).order_by("requested_at"),
            "can_manage": has_capability(request.user, Capability.MANAGE_INVOLVEMENT),
            "decision_form": DecisionForm(),
            "on": on,
            "members_on": members_on,
            "bad_date": bool(request.GET.get("on")) and on is None,
        },
    )


@require_POST
@require_capability(Capability.MANAGE_INVOLVEMENT)
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(LevelMembership.objects.select_related("level", "resident"), pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, f"{membership.resident}: {error}")
        return redirect("staff:involvement-level", slug=membership.level.slug)
    try:
        decided = application_decide(
            membership=membership,
            accept=form.cleaned_data["decision"] == "accept",
            reason=form.cleaned_data["reason"],
            by=request.user,
        )
    except InvolvementError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"{membership.resident}: {decided.get_status_display().lower()}.")
    return redirect("staff:involvement-level", slug=membership.level.slug)


# Memberships an officer can record the end of: on the level, or asking or waiting for it.
OPEN_STATUSES = (
    MembershipStatus.ACTIVE,
    MembershipStatus.APPLIED,
    MembershipStatus.WAITING,
    MembershipStatus.OFFERED,
)


@require_capability(Capability.VIEW_RESIDENTS)
def resident_involvement(request: HttpRequest, pk: int) -> HttpResponse:
    resident = get_object_or_404(Resident, pk=pk)
    wording = involvement_consent_wording(landlord_get().name)
    can_manage = has_capability(request.user, Capability.MANAGE_INVOLVEMENT)
    form = StaffJoinLevelForm(posted(request), consent_wording=wording)
    problems: list[str] = []
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                level_join(
                    resident=resident,
                    level=data["level"],
                    consent_wording=wording,
                    interests=data["interests"],
                    ways=data["ways"],
                    application=data.get("application", ""),
                    channel=data["channel"],
                    by=request.user,
                )
            except NotEligible as refused:
                problems = refused.problems
            except InvolvementError as exc:
                problems = [str(exc)]
            else:
                messages.success(request, "Recorded.")
                return redirect("staff:resident-involvement", pk=pk)
    memberships = list(
        LevelMembership.objects.filter(resident=resident)
        .select_related("level")
        .prefetch_related("interests")
        .order_by("-requested_at")
    )
    events = MembershipEvent.objects.filter(membership__resident=resident).select_related(
        "membership__level", "by"
    )
    seats = (
        SeatHolding.objects.filter(resident=resident)
        .select_related("seat_category__group", "election", "nomination__nominated_by")
        .prefetch_related("roles")
    )
    today = timezone.localdate()
    hours = hours_of_involvement(resident, today - dt.timedelta(days=365), today)
    return render(
        request,
        "staff/involvement/resident.html",
        {
            "resident": resident,
            "form": form,
            "problems": problems,
            "can_manage": can_manage,
            "memberships": [(m, waiting_position(m)) for m in memberships],
            "events": events,
            "seats": seats,
            "hours": hours,
            "hours_form": HoursForm(),
            "hours_logged": HoursLog.objects.filter(resident=resident)[:20],
            "open_statuses": OPEN_STATUSES,
        },
    )


@require_capability(Capability.VIEW_RESIDENTS)
def group_detail(request: HttpRequest, slug: str) -> HttpResponse:
    group = get_object_or_404(Group, slug=slug)
    today = timezone.localdate()
    roles_now = Prefetch("roles", queryset=roles_on(today).order_by("started_on", "pk"), to_attr="roles_now")
    holdings = list(
        group_holdings_current(group.pk, today)
        .select_related("election", "nomination__nominated_by")
        .prefetch_related(roles_now)
    )
    seats: list[dict[str, Any]] = []
    for category in group.seat_categories.all():
        held = [h for h in holdings if h.seat_category_id == category.pk]
        free = None if category.seats is None else max(0, category.seats - len(held))
        seats.append({"category": category, "holdings": held, "free": free})
    return render(
        request,
        "staff/involvement/group.html",
        {
            "group": group,
            "seats": seats,
            "members": len(holdings),
            "can_manage": has_capability(request.user, Capability.MANAGE_INVOLVEMENT),
            "fill_form": SeatFillForm(group=group),
            "attendance": group_attendance(
                group.pk, group.attendance_commitment_percent, months=standards_get().attendance_window_months
            ),
            "role_form": RoleForm(),
            "end_form": SeatEndForm(),
            "rules": group_rules(group, today),
            "nominations": SeatNomination.objects.filter(
                seat_category__group=group, holding__isnull=True
            ).select_related("resident", "seat_category", "nominated_by"),
            "takes_nominations": group.seat_categories.filter(
                how_filled="nomination", for_residents=True
            ).exists(),
        },
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def seat_new(request: HttpRequest, slug: str) -> HttpResponse:
    group = get_object_or_404(Group, slug=slug)
    form = SeatFillForm(posted(request), group=group, request=request)
    problems: list[str] = []
    can_override = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            seat_fill(
                category=data["seat_category"],
                resident=data["resident"],
                person_name=data["person_name"],
                organisation=data["organisation"],
                started_on=data["started_on"],
                override_reason=data["override_reason"],
                by=request.user,
            )
        except RuleNotMet as exc:
            problems, can_override = exc.reasons, True
        except InvolvementError as exc:
            problems = exc.reasons
        else:
            messages.success(request, "The seat has been filled.")
            return redirect("staff:group-detail", slug=slug)
    return render(
        request,
        "staff/involvement/seat_new.html",
        {"group": group, "form": form, "problems": problems, "can_override": can_override},
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def seat_nomination_new(request: HttpRequest, slug: str) -> HttpResponse:
    """Record a nominating body's nomination (Southway: the Leaseholder Forum, a recognised TRA)."""
    group = get_object_or_404(Group, slug=slug)
    form = SeatNominationForm(posted(request), group=group, request=request)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        resident = data["resident"]
        try:
            seat_nomination_record(
                category=data["seat_category"],
                resident=resident,
                body_name=data["body_name"],
                nominated_on=data["nominated_on"],
                note=data["note"],
                by=request.user,
            )
        except InvolvementError as exc:
            problems = exc.reasons
        else:
            messages.success(request, f"The nomination of {resident} is recorded.")
            return redirect("staff:group-detail", slug=slug)
    return render(
        request,
        "staff/involvement/seat_nomination_new.html",
        {"group": group, "form": form, "problems": problems},
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def seat_end_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Record that someone left a group: the last day of their seat and why."""
    holding = get_object_or_404(SeatHolding.objects.select_related("seat_category__group"), pk=pk)
    form = SeatEndForm(posted(request), initial={"ended_on": timezone.localdate().strftime("%d/%m/%Y")})
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            seat_end(
                holding=holding,
                on=form.cleaned_data["ended_on"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except InvolvementError as exc:
            problems = exc.reasons
        else:
            messages.success(request, f"{possessive(holding.holder_name)} seat has ended.")
            if request.POST.get("back") == "resident" and holding.resident_id:
                return redirect("staff:resident-involvement", pk=holding.resident_id)
            return redirect("staff:group-detail", slug=holding.seat_category.group.slug)
    return render(
        request,
        "staff/involvement/seat_end.html",
        {
            "holding": holding,
            "group": holding.seat_category.group,
            "form": form,
            "problems": problems,
            "back": request.GET.get("back") or request.POST.get("back", ""),
        },
        status=400 if problems or form.errors else 200,
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def level_leaving(request: HttpRequest, pk: int) -> HttpResponse:
    """Record that a resident left a level (or withdrew from its waiting list), with the date
    and the reason; their seats on a group that is the level end with it."""
    membership = get_object_or_404(LevelMembership.objects.select_related("level", "resident"), pk=pk)
    form = LevelLeavingForm(posted(request), initial={"ended_on": timezone.localdate().strftime("%d/%m/%Y")})
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            level_leaving_record(
                membership=membership,
                on=form.cleaned_data["ended_on"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except InvolvementError as exc:
            problems = exc.reasons
        else:
            messages.success(
                request, f"Recorded that {membership.resident.full_name} left {membership.level.name}."
            )
            return redirect("staff:resident-involvement", pk=membership.resident_id)
    seats = SeatHolding.objects.filter(
        resident_id=membership.resident_id,
        seat_category__group__is_level=True,
        seat_category__group__level_id=membership.level_id,
        ended_on__isnull=True,
    ).select_related("seat_category__group")
    return render(
        request,
        "staff/involvement/level_leaving.html",
        {
            "membership": membership,
            "resident": membership.resident,
            "form": form,
            "problems": problems,
            "seats": seats,
            "open": membership.status in OPEN_STATUSES,
        },
        status=400 if problems or form.errors else 200,
    )


@require_POST
@require_capability(Capability.MANAGE_INVOLVEMENT)
def role_new(request: HttpRequest, pk: int) -> HttpResponse:
    holding = get_object_or_404(SeatHolding.objects.select_related("seat_category__group"), pk=pk)
    form = RoleForm(request.POST)
    if form.is_valid():
        try:
            role_assign(
                holding=holding,
                role=form.cleaned_data["role"],
                started_on=form.cleaned_data["started_on"],
                by=request.user,
            )
        except InvolvementError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, f"{holding.holder_name} is now {form.cleaned_data['role'].replace('_', ' ')}."
            )
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("staff:group-detail", slug=holding.seat_category.group.slug)


@require_capability(Capability.MANAGE_INVOLVEMENT)
def group_recognition(request: HttpRequest, slug: str) -> HttpResponse:
    group = get_object_or_404(Group, slug=slug)
    form = RecognitionForm(
        posted(request),
        initial={
            "recognition": group.recognition,
            "constitution_adopted_on": group.constitution_adopted_on,
            "last_agm_on": group.last_agm_on,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            group_recognition_update(group=group, by=request.user, **form.cleaned_data)
        except InvolvementError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Recognition details saved.")
            return redirect("staff:group-detail", slug=slug)
    return render(request, "staff/involvement/recognition.html", {"group": group, "form": form})
