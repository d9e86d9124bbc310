"""Possible complaints found in survey answers and consultation replies (possible.py says the
rule): officers who read residents' records see them; those who handle complaints record one
as a complaint, set it aside with a reason, or look through new answers now."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from tenantvoice.core.access import first_or_404, require_capability
from tenantvoice.core.form_action import form_action, redirect_with_message
from tenantvoice.core.forms import ButtonForm
from tenantvoice.core.http import posted
from tenantvoice.core.plain_errors import PlainForm
from tenantvoice.core.roles import Capability, has_capability

from ..models import PossibleComplaint, PossibleScan, PossibleStatus
from ..possible import phrases, possible_complaint_dismiss, possible_complaint_record
from ..services import ComplaintError
from ..tasks import look_for_possible_complaints

PAGE_SIZE = 25


class DismissForm(PlainForm):
    reason = forms.CharField(
        label="Why it is not a complaint",
        max_length=300,
        help_text="For example: praise, a suggestion, a view on a proposal.",
        error_messages={"required": "Say why it is not a complaint."},
    )


class PossibleFilterForm(PlainForm):
    status = forms.ChoiceField(
        label="Show", choices=PossibleStatus.choices, required=False, initial=PossibleStatus.OFFERED
    )


def _possible(pk: object) -> PossibleComplaint:
    return first_or_404(
        PossibleComplaint.objects.select_related("resident"), "There is no such possible complaint.", pk=pk
    )


def _list_page(
    request: HttpRequest, refused: PlainForm | None = None, refused_pk: int | None = None
) -> HttpResponse:
    """The list; ``refused`` is a posted form the service refused (shown in the error summary,
    and beside the row ``refused_pk`` for a reason that was missing)."""
    form = PossibleFilterForm(request.GET or None)
    status = (
        form.cleaned_data["status"] if form.is_bound and form.is_valid() else ""
    ) or PossibleStatus.OFFERED
    rows = PossibleComplaint.objects.filter(status=status).select_related(
        "resident", "answer__response__survey", "representation__consultation", "complaint"
    )
    page_obj = Paginator(rows.order_by("-said_on", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context: dict[str, Any] = {
        "form": form,
        "status": status,
        "page_obj": page_obj,
        "last_scan": PossibleScan.objects.order_by("-pk").first(),
        "phrases": phrases(),
        "can_handle": has_capability(request.user, Capability.HANDLE_COMPLAINTS),
        "refused": refused,
        "refused_pk": refused_pk,
        "query_without_page": f"{query.urlencode()}&" if query else "",
    }
    bad = (refused is not None and refused.errors) or form.errors
    return render(request, "complaints/possible_list.html", context, status=400 if bad else 200)


@require_capability(Capability.VIEW_RESIDENTS)
def possible_list(request: HttpRequest) -> HttpResponse:
    return _list_page(request)


@require_POST
@require_capability(Capability.HANDLE_COMPLAINTS)
def possible_record(request: HttpRequest, pk: int) -> HttpResponse:
    possible = _possible(pk)
    return form_action(
        request,
        ButtonForm(request.POST),
        lambda _: possible_complaint_record(possible=possible, by=request.user),
        success=lambda complaint: redirect_with_message(
            request,
            f"Recorded as complaint {complaint.reference}, received on the day the resident wrote it.",
            "staff:complaint",
            pk=complaint.pk,
        ),
        page=lambda form: _list_page(request, refused=form, refused_pk=pk),
        refusals=(ComplaintError,),
    )


@require_POST
@require_capability(Capability.HANDLE_COMPLAINTS)
def possible_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    possible = _possible(pk)
    return form_action(
        request,
        DismissForm(posted(request)),
        lambda data: possible_complaint_dismiss(possible=possible, reason=data["reason"], by=request.user),
        success=lambda _: redirect_with_message(
            request, "Set aside as not a complaint.", "staff:complaints-possible"
        ),
        page=lambda form: _list_page(request, refused=form, refused_pk=pk),
        refusals=(ComplaintError,),
    )


@require_POST
@require_capability(Capability.HANDLE_COMPLAINTS)
def possible_scan(request: HttpRequest) -> HttpResponse:
    """Look through new answers now, in the background (a scan reads every new answer)."""
    look_for_possible_complaints.enqueue()
    return redirect_with_message(
        request,
        "Looking through new survey answers and consultation replies. "
        "Refresh this page to see what was found.",
        "staff:complaints-possible",
    )
