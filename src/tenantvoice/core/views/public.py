"""Pages anyone may open: the front door, the health check, and the pages a landlord must
publish (contact details, privacy notice, accessibility statement)."""

from django.contrib.staticfiles import finders
from django.db import connection
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render

from ..published import PAGES, page_text, render_plain
from ..roles import Capability, has_capability
from ..selectors import landlord_get


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


# --- The pages a landlord must publish ---------------------------------------------------


def contact(request: HttpRequest) -> HttpResponse:
    """How to reach the landlord: what every "contact us" links to."""
    return render(request, "core/contact.html")


def _published(request: HttpRequest, page: str) -> HttpResponse:
    landlord = landlord_get()
    title = PAGES[page][0]
    body = render_plain(page_text(landlord, page), landlord)
    return render(request, "core/published.html", {"title": title, "body": body, "page": page})


def privacy(request: HttpRequest) -> HttpResponse:
    return _published(request, "privacy")


def accessibility(request: HttpRequest) -> HttpResponse:
    return _published(request, "accessibility")


def favicon(request: HttpRequest) -> FileResponse:
    """/favicon.ico, which browsers ask for whatever the page links to."""
    path = finders.find("tenantvoice/favicon.ico")
    if not path:
        raise Http404("No icon.")
    response = FileResponse(open(path, "rb"), content_type="image/x-icon")  # noqa: SIM115
    response["Cache-Control"] = "public, max-age=86400"
    return response
