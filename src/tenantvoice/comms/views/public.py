"""Comms pages anyone may reach: stopping news from a message's link, GOV.UK Notify's delivery
receipts, and a readers panel's document (for officers and the panel, as the view checks)."""

from __future__ import annotations

import hmac
import json

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from tenantvoice.core.form_action import form_action
from tenantvoice.core.forms import ButtonForm
from tenantvoice.core.http import posted
from tenantvoice.core.roles import Capability, has_capability

from ..delivery import NOTIFY_OUTCOMES, delivery_record, message_for_reference
from ..models import Review
from ..services import BadLink, news_unsubscribe


@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """Stop news from the link in a message: no sign-in; a button, so link checkers cannot."""
    return form_action(
        request,
        ButtonForm(posted(request)),
        lambda data: news_unsubscribe(token),
        success=lambda _: render(request, "comms/unsubscribe.html", {"done": True}),
        page=lambda form: render(request, "comms/unsubscribe.html", {"token": token, "form": form}),
        refusals=(BadLink,),
    )


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


def review_document(request: HttpRequest, pk: int) -> FileResponse:
    """Officers, and members of the group it was sent to; nobody else."""
    from ..reviews import reviews_for

    review = get_object_or_404(Review, pk=pk)
    resident = getattr(request.user, "resident", None) if request.user.is_authenticated else None
    allowed = has_capability(request.user, Capability.MANAGE_MESSAGES) or (
        resident is not None
        and has_capability(request.user, Capability.USE_PORTAL)
        and reviews_for(resident).filter(pk=pk).exists()
    )
    if not allowed or not review.document:
        raise Http404("There is no such document.")
    return FileResponse(
        review.document.open("rb"), as_attachment=True, filename=review.document.name.rsplit("/", 1)[-1]
    )
