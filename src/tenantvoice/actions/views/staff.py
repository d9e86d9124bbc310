"""Officers' pages of the action tracker under /staff/actions/. Board and report readers read
them; officers who manage involvement record progress."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from tenantvoice.core.access import require_capability
from tenantvoice.core.form_action import form_action, redirect_with_message
from tenantvoice.core.http import posted
from tenantvoice.core.roles import Capability, has_capability

from ..forms import ActionFilterForm, ActionProgressForm
from ..models import Action
from ..selectors import access_action_for_staff, action_children, action_history, actions_filtered
from ..services import ActionError, action_progress
from ..sources import source_kind, source_label

PAGE_SIZE = 50


@require_capability(Capability.VIEW_REPORTS)
def action_list(request: HttpRequest) -> HttpResponse:
    """Every top-level action, filtered by owner, source, status and due date."""
    today = timezone.localdate()
    form = ActionFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    actions = actions_filtered(on=today, **{k: v for k, v in filters.items() if v not in (None, "")})
    page_obj = Paginator(actions, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "actions/list.html",
        {
            "form": form,
            "page_obj": page_obj,
            "rows": [(a, source_label(a)) for a in page_obj],
            "today": today,
            "query_without_page": f"{query.urlencode()}&" if query else "",
        },
        status=400 if form.errors else 200,
    )


@require_capability(Capability.VIEW_REPORTS)
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One action: what, who, when, where it came from, its sub-actions and its history; and,
    for officers, the form to record progress."""
    action = access_action_for_staff(pk)
    if request.method == "POST" and not has_capability(request.user, Capability.MANAGE_INVOLVEMENT):
        raise PermissionDenied
    form = ActionProgressForm(
        posted(request),
        initial={"status": action.status, "progress": action.progress, "evidence": action.evidence},
    )
    return form_action(
        request,
        form,
        lambda data: action_progress(action=action, by=request.user, **data),
        success=lambda _: redirect_with_message(request, "Progress recorded.", "staff:action-detail", pk=pk),
        page=lambda form: _detail_page(request, action, form),
        refusals=(ActionError,),
    )


def _detail_page(request: HttpRequest, action: Action, form: ActionProgressForm) -> HttpResponse:
    kind = source_kind(action.source_field) if action.source_field else None
    source = action.source
    return render(
        request,
        "actions/detail.html",
        {
            "action": action,
            "form": form,
            "children": action_children(action),
            "history": action_history(action),
            "source_label": source_label(action),
            "source_title": kind.title(source) if kind and source is not None else "",
            "source_url": kind.url(source) if kind and source is not None else "",
            "today": timezone.localdate(),
            "can_manage": has_capability(request.user, Capability.MANAGE_INVOLVEMENT),
        },
    )
