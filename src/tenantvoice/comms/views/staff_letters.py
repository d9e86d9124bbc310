"""The post room's page: letters waiting to be printed, one to a page, large print where needed."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from tenantvoice.core.access import require_capability
from tenantvoice.core.form_action import form_action, redirect_with_message
from tenantvoice.core.roles import Capability
from tenantvoice.core.text import counted

from ..forms import LettersPrintedForm
from ..selectors import letters_to_print
from ..services import letters_mark_printed


@require_capability(Capability.MANAGE_INVOLVEMENT)
def letters(request: HttpRequest) -> HttpResponse:
    return _letters_page(request)


def _letters_page(request: HttpRequest, action_form: LettersPrintedForm | None = None) -> HttpResponse:
    return render(request, "comms/letters.html", {"letters": letters_to_print(), "action_form": action_form})


@require_capability(Capability.MANAGE_INVOLVEMENT)
def letters_batch_pdf(request: HttpRequest) -> HttpResponse:
    """Today's letters as one print-ready PDF; marking them posted stays a separate step."""
    from django.utils import timezone

    from tenantvoice.core.selectors import landlord_get

    from ..letters import letters_pdf

    body = letters_pdf(letters_to_print(), landlord=landlord_get().name)
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="letters-{timezone.localdate():%Y-%m-%d}.pdf"'
    return response


@require_POST
@require_capability(Capability.MANAGE_INVOLVEMENT)
def letters_printed(request: HttpRequest) -> HttpResponse:
    return form_action(
        request,
        LettersPrintedForm(request.POST),
        lambda data: letters_mark_printed(data["letter"], by=request.user),
        success=lambda count: redirect_with_message(
            request, f"{counted(count, 'letter', 'letters')} marked as printed and posted.", "staff:letters"
        ),
        page=lambda form: _letters_page(request, form),
    )
