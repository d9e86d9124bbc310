"""The public "you said, we did" page: every published outcome, newest first, a page at a time."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from tenantvoice.actions.selectors import actions_public, public_actions

from ..forms import OutcomeFilterForm
from ..selectors import outcomes_published

PAGE_SIZE = 20
# What we are doing: the first few public actions here, every one on its own paginated page.
ACTIONS_SHOWN = 5


def outcome_list(request: HttpRequest) -> HttpResponse:
    """Public: what residents told us in surveys and consultations and what was done, newest
    first, 20 to a page, for every service or one; and, beside it, the first few of the
    actions the landlord shows residents (all of them at ``you-said-we-did-actions``)."""
    form = OutcomeFilterForm(request.GET or None)
    service = form.cleaned_data["service"] if form.is_bound and form.is_valid() else None
    # Paginator's COUNT is cheap here: a landlord publishes tens of outcomes a year, not millions.
    page_obj = Paginator(outcomes_published(service=service), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    doing = Paginator(actions_public(), ACTIONS_SHOWN).get_page(1)
    return render(
        request,
        "outcomes/outcome_list.html",
        {
            "form": form,
            "page_obj": page_obj,
            "service": service,
            "doing": public_actions(list(doing), timezone.localdate()),
            "doing_total": doing.paginator.count,
            "query_without_page": f"{query.urlencode()}&" if query else "",
        },
        status=400 if form.errors else 200,
    )
