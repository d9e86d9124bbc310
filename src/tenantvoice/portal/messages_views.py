"""Residents read every message we have sent them, whatever the channel."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tenantvoice.accounts.views.resident import resident_required
from tenantvoice.comms.selectors import resident_messages
from tenantvoice.residents.models import Resident


@resident_required
def my_messages(request: HttpRequest, resident: Resident) -> HttpResponse:
    return render(request, "portal/messages.html", {"messages_sent": resident_messages(resident.pk)})
