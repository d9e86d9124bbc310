"""The confirmation before publishing "you said, we did", shown by the officer's page of each
kind of source (a survey's, a consultation's): what residents will read, and who will be told
by which channel (decision 0018)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Model
from django.http import HttpRequest, HttpResponse

from tenantvoice.comms.models import SendKind
from tenantvoice.comms.views.staff_sends import confirm_page

from ..models import Outcome
from ..selectors import outcome_of
from ..services import outcome_check
from ..sources import source_field, source_kind


def outcome_confirm(
    request: HttpRequest,
    *,
    source: Model,
    you_said: str,
    we_did: str,
    action: str,
    hidden: Iterable[tuple[str, str]],
) -> HttpResponse:
    """The confirmation page: its button posts ``hidden`` and ``confirm=yes`` to ``action``,
    the source's view, which calls ``outcome_publish``. Refuses (OutcomeError) what cannot be
    published, before anyone is counted."""
    outcome_check(source=source, you_said=you_said, we_did=we_did)
    kind = source_kind(source)
    # Unsaved: the send's own rules give the wording and who is told, before anything is kept.
    preview = Outcome(
        **{source_field(source): source},
        title=kind.title(source),
        you_said=you_said.strip(),
        we_did=we_did.strip(),
    )
    lines = []
    if outcome_of(source) is not None:
        lines.append("It was published before: this corrects it, and only those not yet told are sent it.")
    return confirm_page(
        request,
        kind=SendKind.OUTCOME,
        subject=preview,
        heading=f"Publish you said, we did for {preview.title}",
        button=f"Publish and tell {kind.told}",
        action=action,
        back=kind.back_url(source),
        back_label=preview.title,
        hidden=hidden,
        lines=lines,
    )
