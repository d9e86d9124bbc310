"""Officers' pages for message wording (versions, translations, previews) and the readers panel."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from tenantvoice.core.access import require_capability
from tenantvoice.core.http import posted, posted_files
from tenantvoice.core.roles import Capability, has_capability
from tenantvoice.core.selectors import landlord_get
from tenantvoice.residents.models import Resident

from ..catalogue import KINDS, kind_get
from ..models import Review, Template, TemplateVersion
from ..reviews import ReviewError, review_create, review_decide
from ..template_forms import DecisionForm, NewTemplateForm, ReviewForm, VersionForm
from ..templating import TemplateError, preview, version_restore_builtin, version_save
from ..wording import wording_for

CHANNELS = [("email", "Email"), ("sms", "Text message"), ("letter", "Letter")]


@require_capability(Capability.MANAGE_MESSAGES)
def template_list(request: HttpRequest) -> HttpResponse:
    own = {t.slug: t for t in Template.objects.prefetch_related("versions")}
    rows = []
    for slug in [*KINDS, *(s for s in own if s not in KINDS)]:
        template = own.get(slug)
        versions = list(template.versions.all()) if template else []
        rows.append(
            {
                "slug": slug,
                "name": template.name if template else KINDS[slug].name,
                "builtin": slug in KINDS,
                "languages": sorted({v.language for v in versions}),
                "changed": max((v.created_at for v in versions), default=None),
                "approved": max(
                    (v.resident_approved_on for v in versions if v.resident_approved_on), default=None
                ),
            }
        )
    form = NewTemplateForm(posted(request))
    if request.method == "POST" and form.is_valid():
        slug = slugify(form.cleaned_data["name"])[:70] or "template"
        if Template.objects.filter(slug=slug).exists() or slug in KINDS:
            form.add_error("name", "There is already a template with this name. Choose another.")
        else:
            Template.objects.create(slug=slug, name=form.cleaned_data["name"].strip())
            return redirect("campaigns:template", slug=slug)
    return render(request, "comms/templates/list.html", {"rows": rows, "form": form})


@require_capability(Capability.MANAGE_MESSAGES)
def template_detail(request: HttpRequest, slug: str) -> HttpResponse:
    if slug not in KINDS and not Template.objects.filter(slug=slug).exists():
        raise Http404("There is no such template.")
    language = request.GET.get("language", "en")
    wording = wording_for(slug, language)
    initial = {"language": language, "subject": wording.subject, "body": wording.body, "sms": wording.sms}
    form = VersionForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            version = version_save(slug=slug, by=request.user, **form.cleaned_data)
        except TemplateError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                f"Saved as version {version.number} ({version.language}). Messages use it from now on.",
            )
            return redirect("campaigns:template", slug=slug)
    template = Template.objects.filter(slug=slug).first()
    versions = template.versions.select_related("created_by") if template else TemplateVersion.objects.none()
    kind = kind_get(slug)
    return render(
        request,
        "comms/templates/detail.html",
        {
            "slug": slug,
            "kind": kind,
            "name": template.name if template else kind.name,
            "builtin": slug in KINDS,
            "placeholders": kind.allowed() if slug in KINDS else kind_get("news").allowed(),
            "versions": versions,
            "form": form,
            "status": 400 if request.method == "POST" else 200,
        },
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@require_capability(Capability.MANAGE_MESSAGES)
def template_restore(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        version_restore_builtin(slug=slug, by=request.user)
    except TemplateError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Back to the original wording, saved as a new version.")
    return redirect("campaigns:template", slug=slug)


@require_capability(Capability.MANAGE_MESSAGES)
def template_preview(request: HttpRequest, slug: str) -> HttpResponse:
    if slug not in KINDS and not Template.objects.filter(slug=slug).exists():
        raise Http404("There is no such template.")
    channel = request.GET.get("channel", "email")
    channel = channel if channel in dict(CHANNELS) else "email"
    language = (request.GET.get("language") or "en").strip().lower()[:16]
    resident = None
    reference = request.GET.get("resident", "").strip()
    problem = ""
    if reference:
        if not has_capability(request.user, Capability.VIEW_RESIDENTS):
            problem = "Your role cannot see residents' details."
        else:
            resident = Resident.objects.filter(hms_ref=reference).first()
            problem = "" if resident else "No one on the register has this reference."
    shown = preview(
        slug,
        channel=channel,
        language=language,
        resident=resident,
        large_print=request.GET.get("large") == "on",
        landlord=landlord_get().name,
    )
    return render(
        request,
        "comms/templates/preview.html",
        {
            "slug": slug,
            "name": kind_get(slug).name if slug in KINDS else get_object_or_404(Template, slug=slug).name,
            "preview": shown,
            "channels": CHANNELS,
            "channel": channel,
            "language": language,
            "reference": reference,
            "resident": resident,
            "problem": problem,
        },
    )


@require_capability(Capability.MANAGE_MESSAGES)
def review_list(request: HttpRequest) -> HttpResponse:
    reviews = Review.objects.select_related("group").prefetch_related("comments")
    return render(request, "comms/reviews/list.html", {"reviews": reviews})


@require_capability(Capability.MANAGE_MESSAGES)
def review_new(request: HttpRequest) -> HttpResponse:
    version = None
    slug = request.GET.get("template", "")
    if slug:
        version = (
            TemplateVersion.objects.filter(template__slug=slug, language="en").order_by("-number").first()
        )
    form = ReviewForm(
        posted(request),
        posted_files(request),
        initial={
            "title": version.template.name if version else "",
            "text": f"{version.subject}\n\n{version.body}" if version else "",
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            review = review_create(
                title=data["title"],
                group=data["group"],
                closes_on=data["closes_on"],
                question=data["question"],
                text=data["text"],
                document=data["document"],
                template_version=version,
                by=request.user,
            )
        except ReviewError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Sent to {review.group.name}. Their comments appear here.")
            return redirect("campaigns:review", pk=review.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "comms/reviews/new.html", {"form": form, "version": version}, status=status)


@require_capability(Capability.MANAGE_MESSAGES)
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    review = get_object_or_404(Review.objects.select_related("group", "template_version__template"), pk=pk)
    form = DecisionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            review_decide(review=review, by=request.user, **form.cleaned_data)
        except ReviewError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Outcome recorded.")
            return redirect("campaigns:review", pk=pk)
    comments = review.comments.select_related("resident")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "comms/reviews/detail.html",
        {"review": review, "comments": comments, "form": form},
        status=status,
    )
