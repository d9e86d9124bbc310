"""Residents' pages: the referrals of the groups they sit on, the Board's response and the
progress of what was agreed."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from tenantvoice.core.access import resident_required
from tenantvoice.residents.models import Resident

from ..selectors import access_referral_for_member, resident_referrals


@resident_required
def my_referrals(request: HttpRequest, resident: Resident) -> HttpResponse:
    return render(request, "referrals/mine.html", {"referrals": resident_referrals(resident)[:200]})


@resident_required
def my_referral(request: HttpRequest, resident: Resident, pk: int) -> HttpResponse:
    referral = access_referral_for_member(resident, pk)
    return render(
        request,
        "referrals/mine_detail.html",
        {
            "referral": referral,
            "actions": referral.actions.top_level(),
            "today": timezone.localdate(),
        },
    )
