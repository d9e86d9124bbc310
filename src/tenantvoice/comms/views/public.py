"""The post room's page: letters waiting to be printed, one to a page, large print where needed."""

from __future__ import annotations

import hmac
import json

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from tenantvoice.core.access import require_capability
from tenantvoice.core.roles import Capability
from tenantvoice.core.text import counted

from ..delivery import NOTIFY_OUTCOMES, delivery_record, message_for_reference
from ..models import Message, MessageStatus
from ..services import BadLink, letters_mark_printed, news_unsubscribe


@require_capability(Capability.MANAGE_INVOLVEMENT)
def letters(request: HttpRequest) -> HttpResponse:
    waiting = (
        Message.objects.filter(status=MessageStatus.TO_PRINT)
        .select_related("recipient")
        .prefetch_related("recipient__memberships__tenancy__property")
        .order_by("pk")[:500]
    )
    return render(request, "comms/letters.html", {"letters": waiting})


@require_capability(Capability.MANAGE_INVOLVEMENT)
def letters_batch_pdf(request: HttpRequest) -> HttpResponse:
    """Today's letters as one print-ready PDF; marking them posted stays a separate step."""
    from django.utils import timezone

    from tenantvoice.core.selectors import landlord_get

    from ..letters import letters_pdf

    waiting = Message.objects.filter(status=MessageStatus.TO_PRINT).select_related("recipient").order_by("pk")
    body = letters_pdf(waiting[:500], landlord=landlord_get().name)
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="letters-{timezone.localdate():%Y-%m-%d}.pdf"'
    return response


@require_POST
@require_capability(Capability.MANAGE_INVOLVEMENT)
def letters_printed(request: HttpRequest) -> HttpResponse:
    ids = [int(i) for i in request.POST.getlist("letter") if i.isdigit()]
    count = letters_mark_printed(Message.objects.filter(pk__in=ids), by=request.user)
    messages.success(request, f"{counted(count, 'letter', 'letters')} marked as printed and posted.")
    return redirect("staff:letters")


@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """Stop news from the link in a message: no sign-in; a button, so link checkers cannot."""
    if request.method == "POST":
        try:
            news_unsubscribe(token)
        except BadLink as exc:
            return render(request, "comms/unsubscribe.html", {"problem": str(exc)}, status=400)
        return render(request, "comms/unsubscribe.html", {"done": True})
    return render(request, "comms/unsubscribe.html", {"token": token})


@csrf_exempt
@require_POST
def notify_callback(request: HttpRequest) -> HttpResponse:
    """GOV.UK Notify's delivery receipts: a bearer token set in Notify and in our settings."""
    expected = settings.TENANTVOICE_NOTIFY_CALLBACK_TOKEN
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not expected or not hmac.compare_digest(given, expected):
        return HttpResponse("Unauthorised", status=401)
    try:
        receipt = json.loads(request.body)
    except ValueError:
        return HttpResponse("Not JSON", status=400)
    outcome = NOTIFY_OUTCOMES.get(str(receipt.get("status", "")))
    message = message_for_reference(str(receipt.get("reference") or "")) or message_for_reference(
        str(receipt.get("id") or "")
    )
    if outcome and message is not None:
        delivery_record(message, outcome, f"Notify: {receipt.get('status')}")
    # Always 200 for a valid call, so Notify does not retry receipts for messages we do not know.
    return HttpResponse("OK")
