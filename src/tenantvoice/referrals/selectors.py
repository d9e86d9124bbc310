"""Reads of referrals that pages, the API and the messages share."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone

from tenantvoice.core.access import first_or_404
from tenantvoice.involvement.models import SeatHolding
from tenantvoice.involvement.selectors import group_holdings_current
from tenantvoice.residents.models import Resident

from .models import Referral

AWAITING = "awaiting"
ANSWERED = "answered"


def referrals_list(*, group_id: int | None = None, state: str = "") -> QuerySet[Referral]:
    """Referrals newest first, for one group or all, awaiting a response or answered."""
    referrals = Referral.objects.select_related("group", "considered_at")
    if group_id is not None:
        referrals = referrals.filter(group_id=group_id)
    if state == AWAITING:
        referrals = referrals.filter(decision="")
    elif state == ANSWERED:
        referrals = referrals.exclude(decision="")
    return referrals.order_by("-referred_on", "-pk")


def referral_told(referral: Referral, on: dt.date | None = None) -> QuerySet[Resident]:
    """The referring group's current members who are residents: told of the response."""
    ids = (
        group_holdings_current(referral.group_id, on or timezone.localdate())
        .filter(resident__isnull=False)
        .values_list("resident_id", flat=True)
    )
    return Resident.objects.filter(pk__in=list(ids)).order_by("pk")


def referral_placeholders(referral: Referral) -> dict[str, str]:
    return {
        "group": referral.group.name,
        "referral": referral.title,
        "to_body": referral.to_body,
        "decision": str(referral.get_decision_display()),
        "response": referral.response,
        "date": f"{referral.responded_on.day} {referral.responded_on:%B %Y}" if referral.responded_on else "",
    }


def access_referral_for_staff(pk: object) -> Referral:
    """Any referral, for staff who read reports."""
    return first_or_404(
        Referral.objects.select_related("group", "agreed_at", "considered_at"),
        "There is no such referral.",
        pk=pk,
    )


def _member_group_ids(resident: Resident, on: dt.date) -> list[int]:
    return list(
        SeatHolding.objects.held_on(on)
        .filter(resident=resident)
        .values_list("seat_category__group_id", flat=True)
        .distinct()
    )


def resident_referrals(resident: Resident, on: dt.date | None = None) -> QuerySet[Referral]:
    """The referrals of every group the resident sits on now."""
    return referrals_list().filter(group_id__in=_member_group_ids(resident, on or timezone.localdate()))


def access_referral_for_member(resident: Resident, pk: object) -> Referral:
    """A referral of a group the resident sits on now; anyone else's is a 404."""
    return first_or_404(
        Referral.objects.select_related("group", "considered_at"),
        "That is not a referral of a group you sit on.",
        pk=pk,
        group_id__in=_member_group_ids(resident, timezone.localdate()),
    )
