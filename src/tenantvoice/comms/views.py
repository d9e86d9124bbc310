"""The post room's page: letters waiting to be printed, one to a page, large print where needed."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from tenantvoice.core.access import require_capability
from tenantvoice.core.roles import Capability

from .models import Message, MessageStatus
from .services import letters_mark_printed


@require_capability(Capability.MANAGE_INVOLVEMENT)
def letters(request: HttpRequest) -> HttpResponse:
    waiting = (
        Message.objects.filter(status=MessageStatus.TO_PRINT)
        .select_related("recipient")
        .prefetch_related("recipient__memberships__tenancy__property")
        .order_by("pk")[:500]
    )
    return render(request, "comms/letters.html", {"letters": waiting})


@require_POST
@require_capability(Capability.MANAGE_INVOLVEMENT)
def letters_printed(request: HttpRequest) -> HttpResponse:
    ids = [int(i) for i in request.POST.getlist("letter") if i.isdigit()]
    count = letters_mark_printed(Message.objects.filter(pk__in=ids))
    messages.success(request, f"{count} letter{'s' if count != 1 else ''} marked as printed and posted.")
    return redirect("staff:letters")
