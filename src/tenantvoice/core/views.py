from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render

from .roles import Capability, has_capability


def home(request: HttpRequest) -> HttpResponse:
    """Send each person to their own start page; visitors see the landlord's welcome."""
    if has_capability(request.user, Capability.USE_STAFF_AREA):
        return redirect("staff:home")
    if has_capability(request.user, Capability.USE_PORTAL):
        return redirect("portal:home")
    return render(request, "core/home.html")


def health(request: HttpRequest) -> JsonResponse:
    """For load balancers: the process answers and the database is reachable."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
