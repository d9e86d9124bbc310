"""Consultations anyone may read under /consultations/, with their documents (a draft's only
for officers)."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from tenantvoice.core.roles import Capability, has_capability

from ..forms import (
    ReplyForm,
)
from ..models import ConsultationDocument, ConsultationStatus
from ..selectors import consultations_public


def public_list(request: HttpRequest) -> HttpResponse:
    return render(request, "consultations/public_list.html", {"consultations": consultations_public()})


def public_detail(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = get_object_or_404(consultations_public(), pk=pk)
    resident = (
        getattr(request.user, "resident", None)
        if has_capability(request.user, Capability.USE_PORTAL)
        else None
    )
    return render(
        request,
        "consultations/public_detail.html",
        {
            "consultation": consultation,
            "is_open": consultation.is_open_on(timezone.localdate()),
            "resident": resident,
            "form": ReplyForm(),
            "replied": resident is not None
            and consultation.representations.filter(resident=resident).exists(),
        },
    )


def document_download(request: HttpRequest, pk: int) -> FileResponse:
    document = get_object_or_404(ConsultationDocument.objects.select_related("consultation"), pk=pk)
    draft = document.consultation.status == ConsultationStatus.DRAFT
    if draft and not has_capability(request.user, Capability.MANAGE_INVOLVEMENT):
        raise Http404("There is no such document.")
    return FileResponse(
        document.file.open("rb"), as_attachment=True, filename=document.file.name.rsplit("/", 1)[-1]
    )
