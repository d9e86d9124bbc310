"""Board pack pages (decision 0052): Board readers (VIEW_REPORTS) read packs on the web and as
PDF; officers who manage involvement make them, pick and order sections, write each section's
narrative, draw figures again and mark a pack final."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST

from tenantvoice.core.access import require_capability
from tenantvoice.core.form_action import form_action, redirect_with_message
from tenantvoice.core.forms import ButtonForm
from tenantvoice.core.http import posted
from tenantvoice.core.plain_errors import PlainForm
from tenantvoice.core.roles import Capability, has_capability
from tenantvoice.worker.jobs import job_moving

from .forms import MoveForm, NarrativeForm, PackChangeForm, PackForm, SectionAddForm
from .models import BoardPack, PackSection
from .pdf import pack_pdf
from .redraw import redraw_current
from .selectors import label_of, pack_presentations, pack_sections, packs_list
from .services import (
    BoardPackError,
    pack_create,
    pack_finalise,
    pack_redraw_all,
    pack_update,
    section_add,
    section_move,
    section_narrative_save,
    section_redraw,
    section_remove,
)

REFUSALS = (BoardPackError,)
PAGE_SIZE = 50


@require_capability(Capability.VIEW_REPORTS)
def pack_list(request: HttpRequest) -> HttpResponse:
    page_obj = Paginator(packs_list(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "boardpacks/list.html",
        {
            "page_obj": page_obj,
            "query_without_page": "",
            "can_edit": has_capability(request.user, Capability.MANAGE_INVOLVEMENT),
        },
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def pack_new(request: HttpRequest) -> HttpResponse:
    return form_action(
        request,
        PackForm(posted(request)),
        lambda data: pack_create(by=request.user, **data),
        success=lambda made: redirect_with_message(
            request, "Pack started. Now add its sections.", "staff:board-pack-compose", made.pk
        ),
        page=lambda form: render(
            request, "boardpacks/form.html", {"form": form, "title": "Make a Board pack"}
        ),
        refusals=REFUSALS,
    )


@require_capability(Capability.VIEW_REPORTS)
def pack_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The pack as the Board reads it on the web."""
    pack = get_object_or_404(BoardPack.objects.select_related("meeting", "meeting__group"), pk=pk)
    return render(
        request,
        "boardpacks/pack.html",
        {
            "pack": pack,
            "sections": pack_sections(pack),
            "presentations": list(pack_presentations(pack)),
            "can_edit": has_capability(request.user, Capability.MANAGE_INVOLVEMENT) and not pack.is_final,
        },
    )


@require_capability(Capability.VIEW_REPORTS)
def pack_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    pack = get_object_or_404(BoardPack.objects.select_related("meeting", "meeting__group"), pk=pk)
    response = HttpResponse(pack_pdf(pack), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="board-pack-{pack.pk}.pdf"'
    return response


def _compose_page(
    request: HttpRequest, pack: BoardPack, add_form: SectionAddForm | None = None, action_form: Any = None
) -> HttpResponse:
    redraw = redraw_current(pack)
    return render(
        request,
        "boardpacks/compose.html",
        {
            "pack": pack,
            "sections": pack_sections(pack),
            "add_form": add_form or SectionAddForm(pack=pack),
            "action_form": action_form,
            "redraw": redraw,
            "redraw_moving": job_moving(redraw),
        },
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def pack_compose(request: HttpRequest, pk: int) -> HttpResponse:
    """Pick, order and write the sections; a POST adds a section and draws its figures."""
    pack = get_object_or_404(BoardPack.objects.select_related("meeting", "meeting__group"), pk=pk)
    return form_action(
        request,
        SectionAddForm(posted(request), pack=pack),
        lambda data: section_add(pack=pack, by=request.user, **data),
        success=lambda made: redirect_with_message(
            request, f"Added “{label_of(made.kind)}”.", "staff:board-pack-compose", pack.pk
        ),
        page=lambda form: _compose_page(request, pack, add_form=form),
        refusals=REFUSALS,
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def pack_change(request: HttpRequest, pk: int) -> HttpResponse:
    pack = get_object_or_404(BoardPack, pk=pk)
    initial = {"title": pack.title, "period_start": pack.period_start, "period_end": pack.period_end}
    return form_action(
        request,
        PackChangeForm(posted(request), initial=initial),
        lambda data: pack_update(pack=pack, by=request.user, **data),
        success=lambda made: redirect_with_message(
            request, "Pack saved.", "staff:board-pack-compose", pack.pk
        ),
        page=lambda form: render(
            request, "boardpacks/form.html", {"form": form, "title": f"Change {pack.title}", "pack": pack}
        ),
        refusals=REFUSALS,
    )


@require_POST
@require_capability(Capability.MANAGE_INVOLVEMENT)
def pack_final(request: HttpRequest, pk: int) -> HttpResponse:
    pack = get_object_or_404(BoardPack, pk=pk)
    return form_action(
        request,
        ButtonForm(request.POST),
        lambda data: pack_finalise(pack=pack, by=request.user),
        success=lambda made: redirect_with_message(
            request, "The pack is final: it can no longer be changed.", "staff:board-pack", pack.pk
        ),
        page=lambda form: _compose_page(request, pack, action_form=form),
        refusals=REFUSALS,
    )


@require_POST
@require_capability(Capability.MANAGE_INVOLVEMENT)
def pack_redraw_all_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Draw every section again in the background; the progress page follows it."""
    pack = get_object_or_404(BoardPack.objects.select_related("meeting", "meeting__group"), pk=pk)
    return form_action(
        request,
        ButtonForm(request.POST),
        lambda data: pack_redraw_all(pack=pack, by=request.user),
        success=lambda made: redirect_with_message(
            request,
            "Every section is being drawn again in the background: you can leave this page.",
            "staff:board-pack-drawing",
            pack.pk,
        ),
        page=lambda form: _compose_page(request, pack, action_form=form),
        refusals=REFUSALS,
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def pack_redraw_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """How far drawing every section again has gone (it refreshes itself while it runs, without
    JavaScript), and when it was done."""
    pack = get_object_or_404(BoardPack, pk=pk)
    run = redraw_current(pack)
    return render(
        request,
        "boardpacks/drawing.html",
        {"pack": pack, "run": run, "stalled": run is not None and run.stalled()},
    )


def _section(pk: int) -> PackSection:
    return get_object_or_404(PackSection.objects.select_related("pack"), pk=pk)


@require_capability(Capability.MANAGE_INVOLVEMENT)
def section_narrative(request: HttpRequest, pk: int) -> HttpResponse:
    section = _section(pk)
    pack = section.pack
    return form_action(
        request,
        NarrativeForm(posted(request), initial={"narrative": section.narrative}),
        lambda data: section_narrative_save(section=section, by=request.user, **data),
        success=lambda made: redirect_with_message(
            request, "Narrative saved.", "staff:board-pack-compose", pack.pk
        ),
        page=lambda form: render(
            request,
            "boardpacks/form.html",
            {"form": form, "title": f"Write about “{label_of(section.kind)}”", "pack": pack},
        ),
        refusals=REFUSALS,
    )


def _section_button(
    request: HttpRequest,
    pk: int,
    form: PlainForm,
    service: Callable[[PackSection, dict[str, Any]], Any],
    message: Callable[[str], str],
) -> HttpResponse:
    """One of the compose page's buttons on a section: call its service, come back to the
    compose page with ``message(the section's name)``, or show the page with the refusal."""
    section = _section(pk)
    pack = section.pack
    label = label_of(section.kind)
    return form_action(
        request,
        form,
        lambda data: service(section, data),
        success=lambda _: redirect_with_message(request, message(label), "staff:board-pack-compose", pack.pk),
        page=lambda bound: _compose_page(request, pack, action_form=bound),
        refusals=REFUSALS,
    )


@require_POST
@require_capability(Capability.MANAGE_INVOLVEMENT)
def section_move_view(request: HttpRequest, pk: int) -> HttpResponse:
    direction = request.POST.get("direction")
    return _section_button(
        request,
        pk,
        MoveForm(request.POST),
        lambda section, data: section_move(section=section, by=request.user, **data),
        lambda label: f"Moved “{label}” {direction}.",
    )


@require_POST
@require_capability(Capability.MANAGE_INVOLVEMENT)
def section_redraw_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _section_button(
        request,
        pk,
        ButtonForm(request.POST),
        lambda section, data: section_redraw(section=section, by=request.user),
        lambda label: f"Drew the figures of “{label}” again.",
    )


@require_POST
@require_capability(Capability.MANAGE_INVOLVEMENT)
def section_remove_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _section_button(
        request,
        pk,
        ButtonForm(request.POST),
        lambda section, data: section_remove(section=section, by=request.user),
        lambda label: f"Removed “{label}”.",
    )
