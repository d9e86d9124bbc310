"""A resident replies to an open consultation from its public page (their account needed)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from tenantvoice.core.access import resident_required
from tenantvoice.core.form_action import form_action, redirect_with_message
from tenantvoice.core.http import posted
from tenantvoice.residents.models import Resident

from ..forms import ReplyForm
from ..selectors import consultations_public
from ..services import ConsultationError, representation_add


@require_POST
@resident_required
def public_reply(request: HttpRequest, resident: Resident, pk: int) -> HttpResponse:
    consultation = get_object_or_404(consultations_public(), pk=pk)
    return form_action(
        request,
        ReplyForm(posted(request)),
        lambda data: representation_add(
            consultation=consultation, text=data["text"], resident=resident, by=request.user
        ),
        success=lambda _: redirect_with_message(
            request,
            "Thank you. We have your views, and we will tell you what we decide.",
            "consultation",
            pk=pk,
        ),
        page=lambda form: render(
            request,
            "consultations/public_detail.html",
            {
                "consultation": consultation,
                "is_open": consultation.is_open_on(timezone.localdate()),
                "resident": resident,
                "form": form,
            },
        ),
        refusals=(ConsultationError,),
    )
