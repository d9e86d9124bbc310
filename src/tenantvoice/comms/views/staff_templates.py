"""Officers' pages for message wording (versions, translations, previews) and the readers panel."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from tenantvoice.core.access import require_capability
from tenantvoice.core.form_action import form_action, redirect_with_message, refusal_on
from tenantvoice.core.forms import ButtonForm
from tenantvoice.core.http import posted, posted_files
from tenantvoice.core.roles import Capability, has_capability
from tenantvoice.core.selectors import landlord_get
from tenantvoice.residents.models import Resident

from ..catalogue import KINDS, kind_get
from ..models import Review, Template, TemplateVersion
from ..reviews import ReviewError, review_create, review_decide
from ..template_forms import DecisionForm, NewTemplateForm, ReviewForm, VersionForm
from ..templating import TemplateError, preview, template_create, version_restore_builtin, version_save
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

    def create(data: dict[str, Any]) -> Template:
        with refusal_on("name", TemplateError):
            return template_create(name=data["name"], by=request.user)

    return form_action(
        request,
        NewTemplateForm(posted(request)),
        create,
        success=lambda template: redirect("campaigns:template", slug=template.slug),
        page=lambda form: render(request, "comms/templates/list.html", {"rows": rows, "form": form}),
        refusals=(TemplateError,),
    )


@require_capability(Capability.MANAGE_MESSAGES)
def template_detail(request: HttpRequest, slug: str) -> HttpResponse:
    if slug not in KINDS and not Template.objects.filter(slug=slug).exists():
        raise Http404("There is no such template.")
    return form_action(
        request,
        _version_form(request, slug, posted(request)),
        lambda data: version_save(slug=slug, by=request.user, **data),
        success=lambda version: redirect_with_message(
            request,
            f"Saved as version {version.number} ({version.language}). Messages use it from now on.",
            "campaigns:template",
            slug=slug,
        ),
        page=lambda form: _template_page(request, slug, form),
        refusals=(TemplateError,),
    )


def _version_form(request: HttpRequest, slug: str, data: QueryDict | None) -> VersionForm:
    """New wording for a message, starting from the wording now used in the language asked for."""
    language = request.GET.get("language", "en")
    wording = wording_for(slug, language)
    initial = {"language": language, "subject": wording.subject, "body": wording.body, "sms": wording.sms}
    return VersionForm(data, initial=initial)


def _template_page(
    request: HttpRequest, slug: str, form: VersionForm, action_form: ButtonForm | None = None
) -> HttpResponse:
    """A message's wording, versions and placeholders; ``action_form`` is the restore button's,
    when restoring was refused."""
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
            "action_form": action_form,
        },
    )


@require_POST
@require_capability(Capability.MANAGE_MESSAGES)
def template_restore(request: HttpRequest, slug: str) -> HttpResponse:
    if slug not in KINDS and not Template.objects.filter(slug=slug).exists():
        raise Http404("There is no such template.")
    return form_action(
        request,
        ButtonForm(request.POST),
        lambda data: version_restore_builtin(slug=slug, by=request.user),
        success=lambda _: redirect_with_message(
            request, "Back to the original wording, saved as a new version.", "campaigns:template", slug=slug
        ),
        page=lambda form: _template_page(request, slug, _version_form(request, slug, None), form),
        refusals=(TemplateError,),
    )


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
    return form_action(
        request,
        form,
        lambda data: review_create(
            title=data["title"],
            group=data["group"],
            closes_on=data["closes_on"],
            question=data["question"],
            text=data["text"],
            document=data["document"],
            template_version=version,
            by=request.user,
        ),
        success=lambda review: redirect_with_message(
            request,
            f"Sent to {review.group.name}. Their comments appear here.",
            "campaigns:review",
            pk=review.pk,
        ),
        page=lambda form: render(request, "comms/reviews/new.html", {"form": form, "version": version}),
        refusals=(ReviewError,),
    )


@require_capability(Capability.MANAGE_MESSAGES)
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    review = get_object_or_404(Review.objects.select_related("group", "template_version__template"), pk=pk)
    return form_action(
        request,
        DecisionForm(posted(request)),
        lambda data: review_decide(review=review, by=request.user, **data),
        success=lambda _: redirect_with_message(request, "Outcome recorded.", "campaigns:review", pk=pk),
        page=lambda form: render(
            request,
            "comms/reviews/detail.html",
            {"review": review, "comments": review.comments.select_related("resident"), "form": form},
        ),
        refusals=(ReviewError,),
    )
