"""Officers' involvement pages: levels with members, waiting lists and applications; a
resident's involvement recorded for them; groups with their seats, terms and roles."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from tenantvoice.activities.forms import HoursForm
from tenantvoice.activities.models import HoursLog
from tenantvoice.activities.selectors import group_attendance, hours_of_involvement
from tenantvoice.core.access import require_capability
from tenantvoice.core.charts import bar_chart
from tenantvoice.core.dates import parse_date
from tenantvoice.core.form_action import form_action, redirect_with_message
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
    access_membership_for_staff,
    access_seat_holding_for_staff,
    group_holdings_current,
    involvement_overview,
    level_members_on,
    roles_on,
    waiting_position,
)
from tenantvoice.involvement.services import (
    InvolvementError,
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
from tenantvoice.representation.report import group_population, level_population, section
from tenantvoice.residents.models import Resident
from tenantvoice.residents.selectors import access_resident_for_staff
from tenantvoice.strategies.standards import standards_get


@require_capability(Capability.VIEW_RESIDENTS)
def overview(request: HttpRequest) -> HttpResponse:
    levels, groups = involvement_overview(timezone.localdate())
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
    return _level_page(request, get_object_or_404(Level, slug=slug))


def _level_page(request: HttpRequest, level: Level, action_form: DecisionForm | None = None) -> HttpResponse:
    """The level's members, waiting list and applications; ``action_form`` is a refused decision."""
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
            "action_form": action_form,
            "on": on,
            "members_on": members_on,
            "bad_date": bool(request.GET.get("on")) and on is None,
            "who_takes_part": section(level_population(level), timezone.localdate()),
        },
    )


@contextmanager
def each_reason() -> Iterator[None]:
    """An involvement refusal with several reasons (not eligible, a rule not met) shows each."""
    try:
        yield
    except InvolvementError as refusal:
        raise ValidationError(refusal.reasons) from refusal


@require_POST
@require_capability(Capability.MANAGE_INVOLVEMENT)
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    membership = access_membership_for_staff(pk)
    return form_action(
        request,
        DecisionForm(request.POST),
        lambda data: application_decide(
            membership=membership,
            accept=data["decision"] == "accept",
            reason=data["reason"],
            by=request.user,
        ),
        success=lambda decided: redirect_with_message(
            request,
            f"{membership.resident}: {decided.get_status_display().lower()}.",
            "staff:involvement-level",
            slug=membership.level.slug,
        ),
        page=lambda form: _level_page(request, membership.level, form),
        refusals=(InvolvementError,),
    )


# Memberships an officer can record the end of: on the level, or asking or waiting for it.
OPEN_STATUSES = (
    MembershipStatus.ACTIVE,
    MembershipStatus.APPLIED,
    MembershipStatus.WAITING,
    MembershipStatus.OFFERED,
)


@require_capability(Capability.VIEW_RESIDENTS)
def resident_involvement(request: HttpRequest, pk: int) -> HttpResponse:
    # Refused before the fetch, so a refused post does not leave a read in the audit log.
    if request.method == "POST" and not has_capability(request.user, Capability.MANAGE_INVOLVEMENT):
        raise PermissionDenied
    resident = access_resident_for_staff(
        request.user,
        pk,
        summary="Viewed the resident's involvement",
        request=request,
        queryset=Resident.objects.all(),
    )
    wording = involvement_consent_wording(landlord_get().name)

    def join(data: dict[str, Any]) -> None:
        with each_reason():
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

    return form_action(
        request,
        StaffJoinLevelForm(posted(request), consent_wording=wording),
        join,
        success=lambda _: redirect_with_message(request, "Recorded.", "staff:resident-involvement", pk=pk),
        page=lambda form: resident_involvement_page(request, resident, form=form),
        refusals=(ValidationError,),
    )


def resident_involvement_page(
    request: HttpRequest,
    resident: Resident,
    *,
    form: StaffJoinLevelForm | None = None,
    hours_form: HoursForm | None = None,
) -> HttpResponse:
    """A resident's levels, seats and hours, with the forms to record more (``form`` to join a
    level, ``hours_form`` for hours, which ``activities`` handles)."""
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
    wording = involvement_consent_wording(landlord_get().name)
    return render(
        request,
        "staff/involvement/resident.html",
        {
            "resident": resident,
            "form": form or StaffJoinLevelForm(consent_wording=wording),
            "can_manage": has_capability(request.user, Capability.MANAGE_INVOLVEMENT),
            "memberships": [(m, waiting_position(m)) for m in memberships],
            "events": events,
            "seats": seats,
            "hours": hours,
            "hours_form": hours_form or HoursForm(),
            "hours_logged": HoursLog.objects.filter(resident=resident)[:20],
            "open_statuses": OPEN_STATUSES,
        },
    )


@require_capability(Capability.VIEW_RESIDENTS)
def group_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return _group_page(request, get_object_or_404(Group, slug=slug))


def _group_page(request: HttpRequest, group: Group, role_form: RoleForm | None = None) -> HttpResponse:
    """The group's seats, members, attendance and rules; ``role_form`` is a refused role."""
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
            "action_form": role_form,
            "who_takes_part": section(group_population(group), today),
            "end_form": SeatEndForm(),
            "rules": group_rules(group, today),
            "nominations": SeatNomination.objects.filter(
                seat_category__group=group, holding__isnull=True
            ).select_related("resident", "seat_category", "nominated_by"),
            # The group's latest referrals (a group refers a few things a year).
            "referrals": group.referrals.order_by("-referred_on", "-pk")[:20],
            "takes_nominations": group.seat_categories.filter(
                how_filled="nomination", for_residents=True
            ).exists(),
        },
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def seat_new(request: HttpRequest, slug: str) -> HttpResponse:
    group = get_object_or_404(Group, slug=slug)
    # A seat rule an officer may override by giving the reason (decision 0024): the page says so.
    can_override = False

    def fill(data: dict[str, Any]) -> None:
        nonlocal can_override
        with each_reason():
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
            except RuleNotMet:
                can_override = True
                raise

    return form_action(
        request,
        SeatFillForm(posted(request), group=group, request=request),
        fill,
        success=lambda _: redirect_with_message(
            request, "The seat has been filled.", "staff:group-detail", slug=slug
        ),
        page=lambda form: render(
            request,
            "staff/involvement/seat_new.html",
            {"group": group, "form": form, "can_override": can_override},
        ),
        refusals=(ValidationError,),
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def seat_nomination_new(request: HttpRequest, slug: str) -> HttpResponse:
    """Record a nominating body's nomination (Southway: the Leaseholder Forum, a recognised TRA)."""
    group = get_object_or_404(Group, slug=slug)

    def nominate(data: dict[str, Any]) -> Resident:
        with each_reason():
            seat_nomination_record(
                category=data["seat_category"],
                resident=data["resident"],
                body_name=data["body_name"],
                nominated_on=data["nominated_on"],
                note=data["note"],
                by=request.user,
            )
        chosen: Resident = data["resident"]
        return chosen

    return form_action(
        request,
        SeatNominationForm(posted(request), group=group, request=request),
        nominate,
        success=lambda resident: redirect_with_message(
            request, f"The nomination of {resident} is recorded.", "staff:group-detail", slug=slug
        ),
        page=lambda form: render(
            request, "staff/involvement/seat_nomination_new.html", {"group": group, "form": form}
        ),
        refusals=(ValidationError,),
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def seat_end_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Record that someone left a group: the last day of their seat and why."""
    holding = access_seat_holding_for_staff(pk)
    back = request.GET.get("back") or request.POST.get("back", "")

    def end(data: dict[str, Any]) -> None:
        with each_reason():
            seat_end(holding=holding, on=data["ended_on"], reason=data["reason"], by=request.user)

    def ended(_: None) -> HttpResponse:
        text = f"{possessive(holding.holder_name)} seat has ended."
        if back == "resident" and holding.resident_id:
            return redirect_with_message(request, text, "staff:resident-involvement", pk=holding.resident_id)
        return redirect_with_message(
            request, text, "staff:group-detail", slug=holding.seat_category.group.slug
        )

    return form_action(
        request,
        SeatEndForm(posted(request), initial={"ended_on": timezone.localdate().strftime("%d/%m/%Y")}),
        end,
        success=ended,
        page=lambda form: render(
            request,
            "staff/involvement/seat_end.html",
            {"holding": holding, "group": holding.seat_category.group, "form": form, "back": back},
        ),
        refusals=(ValidationError,),
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def level_leaving(request: HttpRequest, pk: int) -> HttpResponse:
    """Record that a resident left a level (or withdrew from its waiting list), with the date
    and the reason; their seats on a group that is the level end with it."""
    membership = access_membership_for_staff(pk)

    def leave(data: dict[str, Any]) -> None:
        with each_reason():
            level_leaving_record(
                membership=membership, on=data["ended_on"], reason=data["reason"], by=request.user
            )

    seats = SeatHolding.objects.filter(
        resident_id=membership.resident_id,
        seat_category__group__is_level=True,
        seat_category__group__level_id=membership.level_id,
        ended_on__isnull=True,
    ).select_related("seat_category__group")
    return form_action(
        request,
        LevelLeavingForm(posted(request), initial={"ended_on": timezone.localdate().strftime("%d/%m/%Y")}),
        leave,
        success=lambda _: redirect_with_message(
            request,
            f"Recorded that {membership.resident.full_name} left {membership.level.name}.",
            "staff:resident-involvement",
            pk=membership.resident_id,
        ),
        page=lambda form: render(
            request,
            "staff/involvement/level_leaving.html",
            {
                "membership": membership,
                "resident": membership.resident,
                "form": form,
                "seats": seats,
                "open": membership.status in OPEN_STATUSES,
            },
        ),
        refusals=(ValidationError,),
    )


@require_POST
@require_capability(Capability.MANAGE_INVOLVEMENT)
def role_new(request: HttpRequest, pk: int) -> HttpResponse:
    holding = access_seat_holding_for_staff(pk)
    return form_action(
        request,
        RoleForm(request.POST),
        lambda data: role_assign(
            holding=holding, role=data["role"], started_on=data["started_on"], by=request.user
        ),
        success=lambda role: redirect_with_message(
            request,
            f"{holding.holder_name} is now {role.role.replace('_', ' ')}.",
            "staff:group-detail",
            slug=holding.seat_category.group.slug,
        ),
        page=lambda form: _group_page(request, holding.seat_category.group, form),
        refusals=(InvolvementError,),
    )


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
    return form_action(
        request,
        form,
        lambda data: group_recognition_update(group=group, by=request.user, **data),
        success=lambda _: redirect_with_message(
            request, "Recognition details saved.", "staff:group-detail", slug=slug
        ),
        page=lambda form: render(
            request, "staff/involvement/recognition.html", {"group": group, "form": form}
        ),
        refusals=(InvolvementError,),
    )
