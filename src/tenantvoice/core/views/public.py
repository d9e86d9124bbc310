from django.contrib import messages
from django.contrib.staticfiles import finders
from django.db import connection
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render

from ..access import require_capability
from ..forms import ContactForm, PageForm
from ..http import posted
from ..published import PAGES, page_text, render_plain
from ..roles import Capability, has_capability
from ..selectors import landlord_get
from ..services import CONTACT_FIELDS, landlord_contact_update, published_page_update


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


# --- Administrators: contact details and published pages ---------------------------------


@require_capability(Capability.MANAGE_ACCOUNTS)
def landlord_settings(request: HttpRequest) -> HttpResponse:
    landlord = landlord_get()
    form = ContactForm(posted(request), instance=landlord)
    if request.method == "POST" and form.is_valid():
        landlord.refresh_from_db()
        landlord_contact_update(
            landlord=landlord,
            by=request.user,
            request=request,
            **{name: form.cleaned_data[name] for name in CONTACT_FIELDS},
        )
        messages.success(request, "Contact details saved. They show in every page's footer.")
        return redirect("staff:landlord-settings")
    return render(
        request,
        "core/landlord_settings.html",
        {"form": form, "pages": [(slug, title) for slug, (title, _, _) in PAGES.items()]},
        status=400 if request.method == "POST" else 200,
    )


@require_capability(Capability.MANAGE_ACCOUNTS)
def published_page_edit(request: HttpRequest, page: str) -> HttpResponse:
    if page not in PAGES:
        raise Http404("There is no such page.")
    landlord = landlord_get()
    form = PageForm(posted(request), initial={"text": page_text(landlord, page)})
    preview = None
    if request.method == "POST" and form.is_valid():
        if "preview" in request.POST:
            preview = render_plain(form.cleaned_data["text"], landlord)
        else:
            published_page_update(
                landlord=landlord, page=page, text=form.cleaned_data["text"], by=request.user, request=request
            )
            messages.success(request, f"{PAGES[page][0]} saved and published.")
            return redirect(page)
    return render(
        request,
        "core/published_edit.html",
        {"form": form, "title": PAGES[page][0], "page": page, "preview": preview},
        status=400 if request.method == "POST" and form.errors else 200,
    )
