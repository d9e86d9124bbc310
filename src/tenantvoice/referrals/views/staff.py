"""Officers' pages of referrals to the Board under /staff/referrals/: board and report readers
read them; officers who manage involvement record referrals, responses and actions."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST

from tenantvoice.actions.forms import ActionForm
from tenantvoice.actions.services import ActionError, action_create
from tenantvoice.core.access import require_capability
from tenantvoice.core.form_action import form_action, redirect_with_message
from tenantvoice.core.http import posted
from tenantvoice.core.roles import Capability, has_capability

from ..forms import ReferralFilterForm, ReferralForm, ResponseForm
from ..models import Referral
from ..selectors import access_referral_for_staff, referral_told, referrals_list
from ..services import ReferralError, referral_make, referral_respond

PAGE_SIZE = 30


@require_capability(Capability.VIEW_REPORTS)
def referral_list(request: HttpRequest) -> HttpResponse:
    form = ReferralFilterForm(request.GET or None)
    state = form.cleaned_data["state"] if form.is_bound and form.is_valid() else ""
    page_obj = Paginator(referrals_list(state=state), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "referrals/list.html",
        {
            "form": form,
            "page_obj": page_obj,
            "can_manage": has_capability(request.user, Capability.MANAGE_INVOLVEMENT),
            "query_without_page": f"{query.urlencode()}&" if query else "",
        },
        status=400 if form.errors else 200,
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def referral_new(request: HttpRequest) -> HttpResponse:
    initial = {"referred_on": timezone.localdate(), "group": request.GET.get("group")}
    return form_action(
        request,
        ReferralForm(posted(request), initial=initial),
        lambda data: referral_make(by=request.user, **data),
        success=lambda made: redirect_with_message(
            request,
            "Referral recorded. Record the Board's response when it comes.",
            "staff:referral-detail",
            pk=made.pk,
        ),
        page=lambda form: render(request, "referrals/new.html", {"form": form}),
        refusals=(ReferralError,),
    )


@require_capability(Capability.VIEW_REPORTS)
def referral_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The referral, the Board's response and the actions from it; officers record the
    response here (the page's form posts to itself)."""
    referral = access_referral_for_staff(pk)
    if request.method == "POST" and not has_capability(request.user, Capability.MANAGE_INVOLVEMENT):
        raise PermissionDenied
    initial = {
        "decision": referral.decision,
        "response": referral.response,
        "responded_on": referral.responded_on or timezone.localdate(),
        "considered_at": referral.considered_at_id,
    }
    return form_action(
        request,
        ResponseForm(posted(request), initial=initial),
        lambda data: referral_respond(referral=referral, by=request.user, **data),
        success=lambda _: redirect_with_message(
            request, "Response recorded and sent to the group's members.", "staff:referral-detail", pk=pk
        ),
        page=lambda form: _detail_page(request, referral, response_form=form),
        refusals=(ReferralError,),
    )


@require_POST
@require_capability(Capability.MANAGE_INVOLVEMENT)
def referral_action_add(request: HttpRequest, pk: int) -> HttpResponse:
    referral = access_referral_for_staff(pk)
    return form_action(
        request,
        ActionForm(request.POST),
        lambda data: action_create(source=referral, by=request.user, **data),
        success=lambda _: redirect_with_message(
            request, "Action added to the tracker.", "staff:referral-detail", pk=pk
        ),
        page=lambda form: _detail_page(request, referral, action_form=form),
        refusals=(ActionError,),
    )


def _detail_page(
    request: HttpRequest,
    referral: Referral,
    *,
    response_form: ResponseForm | None = None,
    action_form: ActionForm | None = None,
) -> HttpResponse:
    return render(
        request,
        "referrals/detail.html",
        {
            "referral": referral,
            "actions": referral.actions.top_level().select_related("owner_user", "owner_group"),
            "told": referral_told(referral).count(),
            "can_manage": has_capability(request.user, Capability.MANAGE_INVOLVEMENT),
            "response_form": response_form or ResponseForm(),
            "action_form": action_form or ActionForm(),
            "today": timezone.localdate(),
        },
    )
