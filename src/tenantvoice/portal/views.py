from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tenantvoice.core.access import require_capability
from tenantvoice.core.roles import Capability


@require_capability(Capability.USE_PORTAL)
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html")


def sign_up(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html")
