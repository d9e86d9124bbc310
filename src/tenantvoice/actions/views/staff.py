"""Officers' pages of the action tracker under /staff/actions/. Board and report readers read
them; officers who manage involvement add actions and sub-actions, change them, record
progress and the re-test."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import resolve
from django.utils import timezone

from tenantvoice.core.access import require_capability
from tenantvoice.core.form_action import form_action, redirect_with_message
from tenantvoice.core.http import posted
from tenantvoice.core.roles import Capability, has_capability
from tenantvoice.core.tables import download

from ..forms import OVERDUE, ActionFilterForm, ActionForm, ActionProgressForm, RetestForm, SubActionForm
from ..models import Action, ActionStatus
from ..selectors import (
    access_action_for_staff,
    action_children,
    action_history,
    action_told,
    actions_counted,
    actions_filtered,
    actions_table,
    actions_with_sub_actions,
    source_title,
    source_url,
)
from ..services import ActionError, action_change, action_create, action_progress, action_retest
from ..sources import source_label

PAGE_SIZE = 50


@require_capability(Capability.VIEW_REPORTS)
def action_list(request: HttpRequest) -> HttpResponse:
    """Every top-level action, filtered by owner, source, status and due date, soonest due
    first; with counts of open and overdue, and the same list as CSV or XLSX."""
    today = timezone.localdate()
    form = ActionFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    actions = actions_filtered(on=today, **{k: v for k, v in filters.items() if v not in (None, "")})
    if not form.errors:
        kind = request.GET.get("format", "")
        if kind in ("csv", "xlsx"):
            table = actions_table(actions_with_sub_actions(actions), today)
            exported = download([table], kind, f"actions-{today:%Y-%m-%d}")
            if exported is not None:
                return exported
    page_obj = Paginator(actions, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    return render(
        request,
        "actions/list.html",
        {
            "form": form,
            "page_obj": page_obj,
            "rows": [(a, source_label(a)) for a in page_obj],
            "counts": actions_counted(actions, today),
            "today": today,
            "query": query.urlencode(),
            "query_without_page": f"{query.urlencode()}&" if query else "",
            "overdue_filter": OVERDUE,
            "can_manage": has_capability(request.user, Capability.MANAGE_INVOLVEMENT),
        },
        status=400 if form.errors else 200,
    )


def _owner_data(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "owner_user": data.get("owner_user"),
        "owner_group": data.get("owner_group"),
        "owner_name": data.get("owner_name") or "",
    }


@require_capability(Capability.MANAGE_INVOLVEMENT)
def action_new(request: HttpRequest) -> HttpResponse:
    """An officer's own action: not from a meeting, a plan or a review, but something they
    have undertaken to do."""

    def create(data: dict[str, Any]) -> Action:
        return action_create(
            title=data["title"],
            detail=data["detail"],
            due_on=data["due_on"],
            due_note=data["due_note"],
            retest_on=data["retest_on"],
            public=data["public"],
            by=request.user,
            **_owner_data(data),
        )

    return form_action(
        request,
        ActionForm(posted(request)),
        create,
        success=lambda made: redirect_with_message(
            request, "Action added.", "staff:action-detail", pk=made.pk
        ),
        page=lambda form: render(request, "actions/new.html", {"form": form}),
        refusals=(ActionError,),
    )


@require_capability(Capability.VIEW_REPORTS)
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One action: what, who, when, where it came from, its sub-actions, who is told and its
    history; and, for officers, the form to record progress."""
    action = access_action_for_staff(pk)
    if request.method == "POST" and not has_capability(request.user, Capability.MANAGE_INVOLVEMENT):
        raise PermissionDenied
    form = ActionProgressForm(
        posted(request),
        initial={"status": action.status, "progress": action.progress, "evidence": action.evidence},
    )
    if action.children.exists():
        del form.fields["progress"]  # a parent's progress is its sub-actions' (decision 0042)
    return form_action(
        request,
        form,
        lambda data: action_progress(action=action, by=request.user, **data),
        success=lambda _: redirect_with_message(request, "Progress recorded.", "staff:action-detail", pk=pk),
        page=lambda form: _detail_page(request, action, form),
        refusals=(ActionError,),
    )


def _if_openable(user: Any, url: str) -> str:
    """``url`` if ``user`` may open that page (a meeting's minutes are for officers), else ""."""
    if not url:
        return ""
    # The source's page may carry a fragment (a plan's place in the report): resolve the path.
    func: Any = resolve(urlsplit(url).path).func
    needed = None
    while func is not None and needed is None:
        needed = getattr(func, "required_capability", None)
        func = getattr(func, "__wrapped__", None)
    return url if needed is None or has_capability(user, needed) else ""


def _detail_page(request: HttpRequest, action: Action, form: ActionProgressForm) -> HttpResponse:
    can_manage = has_capability(request.user, Capability.MANAGE_INVOLVEMENT)
    return render(
        request,
        "actions/detail.html",
        {
            "action": action,
            "form": form,
            "children": action_children(action),
            "history": action_history(action),
            "source_label": source_label(action),
            "source_title": source_title(action),
            "source_url": _if_openable(request.user, source_url(action)),
            "told": action_told(action, with_names=has_capability(request.user, Capability.VIEW_RESIDENTS)),
            "today": timezone.localdate(),
            "can_manage": can_manage,
            "can_retest": action.status == ActionStatus.DONE and action.retest_on is not None,
        },
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def action_change_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Change what will be done, who owns it, when it is due, the re-test date, whether
    residents see it and, for a sub-action, its weight. Every change is in the audit log."""
    action = access_action_for_staff(pk)
    sub_action = action.parent_id is not None
    initial = {
        name: getattr(action, name)
        for name in (
            "title",
            "detail",
            "owner_user",
            "owner_group",
            "owner_name",
            "due_on",
            "due_note",
            "retest_on",
            "public",
            "weight",
        )
    }
    # An action from a plan that names no owner may stay without one until an officer knows.
    had_owner = bool(action.owner_user_id or action.owner_group_id or action.owner_name)
    form = ActionForm(posted(request), initial=initial, with_weight=sub_action, owner_required=had_owner)

    def change(data: dict[str, Any]) -> Action:
        return action_change(action=action, by=request.user, **data)

    return form_action(
        request,
        form,
        change,
        success=lambda _: redirect_with_message(request, "Action changed.", "staff:action-detail", pk=pk),
        page=lambda form: render(request, "actions/change.html", {"action": action, "form": form}),
        refusals=(ActionError,),
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def action_child_new(request: HttpRequest, pk: int) -> HttpResponse:
    """A sub-action: a step towards the action, whose progress counts towards its parent's by
    its weight. It comes from the parent's source and is public when the parent is."""
    parent = access_action_for_staff(pk)

    def create(data: dict[str, Any]) -> Action:
        return action_create(
            title=data["title"],
            parent=parent,
            due_on=data["due_on"],
            weight=data["weight"],
            by=request.user,
            **_owner_data(data),
        )

    return form_action(
        request,
        SubActionForm(posted(request), initial={"weight": 1}),
        create,
        success=lambda made: redirect_with_message(
            request, "Sub-action added.", "staff:action-detail", pk=parent.pk
        ),
        page=lambda form: render(request, "actions/sub_action_new.html", {"action": parent, "form": form}),
        refusals=(ActionError,),
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def action_retest_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the re-test of a done action: whether the change made still works."""
    action = access_action_for_staff(pk)
    return form_action(
        request,
        RetestForm(posted(request), initial={"result": action.retest_result}),
        lambda data: action_retest(action=action, result=data["result"], on=data["on"], by=request.user),
        success=lambda _: redirect_with_message(request, "Re-test recorded.", "staff:action-detail", pk=pk),
        page=lambda form: render(request, "actions/retest.html", {"action": action, "form": form}),
        refusals=(ActionError,),
    )
