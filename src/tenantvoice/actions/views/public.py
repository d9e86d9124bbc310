"""Residents' page of what the landlord is doing: public actions, with where each came from,
its status, progress and date; never who owns it or who raised it."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from ..selectors import actions_public, public_actions

PAGE_SIZE = 20


def public_action_list(request: HttpRequest) -> HttpResponse:
    """Public: every action the landlord has chosen to show, still open first, 20 to a page."""
    today = timezone.localdate()
    # Paginator's COUNT is cheap: a landlord shows hundreds of actions at most, not millions.
    page_obj = Paginator(actions_public(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "actions/public_list.html",
        {"page_obj": page_obj, "actions": public_actions(list(page_obj), today), "query_without_page": ""},
    )
