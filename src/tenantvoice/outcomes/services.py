"""Publishing "you said, we did" (decision 0036): one service for every kind of source."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from tenantvoice.comms.models import SendKind, SendRun
from tenantvoice.comms.sends import send_start
from tenantvoice.core.audit import audit_record
from tenantvoice.core.models import AuditAction

from .models import Outcome, OutcomeCorrection
from .sources import OutcomeError, source_field, source_kind

__all__ = ["OutcomeError", "outcome_check", "outcome_publish"]

# What an officer writes and may correct: Outcome fields, in the order they are compared.
WORDING = ("title", "you_said", "we_did")


def outcome_check(*, source: Model, you_said: str, we_did: str) -> None:
    """Refuse, with the reason, an outcome that cannot be published: its source is not ready
    (a survey still open, a consultation not decided) or a part is left empty. The confirmation
    page asks this before showing who would be told."""
    source_kind(source).check(source)
    if not you_said.strip() or not we_did.strip():
        raise OutcomeError("Write what residents said and what you did.")


@transaction.atomic
def outcome_publish(
    *, source: Model, you_said: str, we_did: str, by: Any = None, today: dt.date | None = None
) -> SendRun:
    """Publish the outcome of ``source`` and tell each of its residents (the mass-send job).

    Publishing again corrects it: each changed text is kept as a version (decision 0028), the
    first date stays, and the send reaches only those not yet told (the messages' keys are the
    source's), such as someone whose paper form was entered since."""
    field = source_field(source)
    # The source's row lock makes a second officer publishing at once wait, then correct.
    source = type(source)._default_manager.select_for_update().get(pk=source.pk)
    outcome_check(source=source, you_said=you_said, we_did=we_did)
    user = by if getattr(by, "is_authenticated", False) else None
    wording = {
        "title": source_kind(source).title(source),
        "you_said": you_said.strip(),
        "we_did": we_did.strip(),
    }
    outcome = Outcome.objects.filter(**{field: source}).first()
    if outcome is None:
        outcome = Outcome.objects.create(
            **{field: source}, **wording, published_on=today or timezone.localdate(), published_by=user
        )
        outcome.service_areas.set(source_kind(source).service_areas(source))
        action, summary, changes = AuditAction.CREATE, "Published", {}
    else:
        changes = {
            name: [getattr(outcome, name), wording[name]]
            for name in WORDING
            if getattr(outcome, name) != wording[name]
        }
        OutcomeCorrection.objects.bulk_create(
            OutcomeCorrection.made_by(by, field=name, old_text=old, new_text=new, outcome=outcome)
            for name, (old, new) in changes.items()
        )
        for name, (_old, new) in changes.items():
            setattr(outcome, name, new)
        outcome.save(update_fields=list(changes))
        action, summary = AuditAction.UPDATE, "Corrected" if changes else "Published again"
    run = send_start(
        kind=SendKind.OUTCOME, object_id=outcome.pk, title=f"You said, we did: {outcome.title}", by=by
    )
    audit_record(
        actor=by,
        action=action,
        object_type="outcome",
        object_id=outcome.pk,
        summary=f"{summary} you said, we did for the {field} {outcome.title} (send {run.pk})",
        changes=changes,
    )
    return run
