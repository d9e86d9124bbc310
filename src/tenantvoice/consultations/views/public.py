"""Consultations anyone may read under /consultations/, with their documents (a draft's only
for officers)."""

from __future__ import annotations

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from tenantvoice.core.roles import Capability, has_capability

from ..forms import (
    ReplyForm,
)
from ..selectors import (
    access_consultation_document_for_user,
    access_consultation_for_anyone,
    consultations_public,
)


def public_list(request: HttpRequest) -> HttpResponse:
    return render(request, "consultations/public_list.html", {"consultations": consultations_public()})


def public_detail(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = access_consultation_for_anyone(pk)
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
    document = access_consultation_document_for_user(request.user, pk)
    return FileResponse(
        document.file.open("rb"), as_attachment=True, filename=document.file.name.rsplit("/", 1)[-1]
    )
