"""Officers' pages for mass sends: the confirmation before each one, and its progress after."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST

from tenantvoice.core.access import require_capability
from tenantvoice.core.form_action import form_action, redirect_with_message
from tenantvoice.core.forms import ButtonForm
from tenantvoice.core.roles import Capability, has_capability
from tenantvoice.core.selectors import landlord_get

from ..models import MessageStatus, SendRun
from ..rendering import render as fill
from ..sends import SendError, kind_for, send_run_carry_on, send_run_stalled
from ..wording import wording_for

SAMPLE = {"name": "Ann", "first_name": "Ann", "last_name": "Example", "full_name": "Mrs Ann Example"}


def wording_preview(template: str, context: Mapping[str, str]) -> dict[str, str]:
    wording = wording_for(template)
    values = {"link": "(their own link)", **context, **SAMPLE, "landlord": landlord_get().name}
    values["unsubscribe_link"] = "(the link to stop news)"
    return {"subject": fill(wording.subject, values).text, "body": fill(wording.body, values).text}


def confirm_page(
    request: HttpRequest,
    *,
    kind: str,
    subject: Any,
    heading: str,
    button: str,
    action: str,
    back: str,
    back_label: str,
    rule: Mapping[str, Any] | None = None,
    context: Mapping[str, str] | None = None,
    hidden: Iterable[tuple[str, str]] = (),
    lines: Iterable[str] = (),
) -> HttpResponse:
    """What will be sent, to how many, by channel, and who cannot be reached; the button posts
    ``hidden`` and ``confirm=yes`` to ``action``, the view that starts the send
    (``core.form_action.form_action`` with ``confirm=``, decision 0032)."""
    handler = kind_for(kind)
    rule = dict(rule or {})
    reach = handler.reach(subject, rule)
    fake_run = SendRun(kind=kind, object_id=subject.pk, rule=rule)
    words = {**handler.context(fake_run, subject), **(context or {})}
    return render(
        request,
        "comms/sends/confirm.html",
        {
            "heading": heading,
            "lines": list(lines),
            "reach": reach.as_dict(),
            "preview": wording_preview(handler.template_for(subject), words),
            "action": action,
            "hidden": list(hidden),
            "button": button,
            "back": back,
            "back_label": back_label,
        },
    )


def _run_for(request: HttpRequest, pk: int) -> SendRun:
    run = get_object_or_404(SendRun, pk=pk)
    if not has_capability(request.user, kind_for(run).capability):
        raise PermissionDenied
    return run


@require_capability(Capability.MANAGE_INVOLVEMENT)
def send_list(request: HttpRequest) -> HttpResponse:
    runs = SendRun.objects.select_related("created_by")[:200]
    return render(request, "comms/sends/list.html", {"runs": runs})


@require_capability(Capability.MANAGE_INVOLVEMENT)
def send_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """Queued of total, refreshing itself (a meta refresh, so it works without JavaScript)."""
    return _progress_page(request, _run_for(request, pk))


def _progress_page(request: HttpRequest, run: SendRun, action_form: ButtonForm | None = None) -> HttpResponse:
    rows = run.messages.values("status").annotate(n=Count("pk")).order_by("status")
    sending = {str(MessageStatus(row["status"]).label): row["n"] for row in rows}
    percent = round(100 * run.processed / run.total) if run.total else None
    return render(
        request,
        "comms/sends/progress.html",
        {
            "run": run,
            "percent": percent,
            "stalled": send_run_stalled(run),
            "sending": sending,
            "back": kind_for(run).back_url(run),
            "action_form": action_form,
        },
    )


@require_POST
@require_capability(Capability.MANAGE_INVOLVEMENT)
def send_carry_on(request: HttpRequest, pk: int) -> HttpResponse:
    run = _run_for(request, pk)
    return form_action(
        request,
        ButtonForm(request.POST),
        lambda data: send_run_carry_on(run=run, by=request.user),
        success=lambda _: redirect_with_message(
            request, "Carrying on from the last resident done.", "sends:progress", pk=pk
        ),
        page=lambda form: _progress_page(request, run, form),
        refusals=(SendError,),
    )
