"""The post room's page: letters waiting to be printed, one to a page, large print where needed."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from tenantvoice.core.access import require_capability
from tenantvoice.core.roles import Capability
from tenantvoice.core.text import counted

from ..models import Message, MessageStatus
from ..services import letters_mark_printed


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
