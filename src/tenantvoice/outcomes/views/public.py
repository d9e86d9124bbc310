"""The public "you said, we did" page: every published outcome, newest first, a page at a time."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..forms import OutcomeFilterForm
from ..selectors import outcomes_published

PAGE_SIZE = 20


def outcome_list(request: HttpRequest) -> HttpResponse:
    """Public: what residents told us in surveys and consultations and what was done, newest
    first, 20 to a page, for every service or one."""
    form = OutcomeFilterForm(request.GET or None)
    service = form.cleaned_data["service"] if form.is_bound and form.is_valid() else None
    # Paginator's COUNT is cheap here: a landlord publishes tens of outcomes a year, not millions.
    page_obj = Paginator(outcomes_published(service=service), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "outcomes/outcome_list.html",
        {
            "form": form,
            "page_obj": page_obj,
            "service": service,
            "query_without_page": f"{query.urlencode()}&" if query else "",
        },
        status=400 if form.errors else 200,
    )
