"""Recording a group's referral to the Board and the Board's response (models.py says where
the practice comes from). Each writes an audit row; the response is sent to the group's
current members through the outbox."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from tenantvoice.activities.models import Activity
from tenantvoice.comms.services import message_queue
from tenantvoice.core.audit import audit_record
from tenantvoice.core.errors import DomainError
from tenantvoice.core.models import AuditAction
from tenantvoice.core.updates import model_update
from tenantvoice.involvement.models import Group

from .models import NEEDS_REASONS, BoardDecision, Referral
from .selectors import referral_placeholders, referral_told


class ReferralError(DomainError):
    """A referral or response that cannot be recorded, said so an officer can put it right."""


def _audit(by: Any, action: AuditAction, referral: Referral, summary: str, **extra: Any) -> None:
    audit_record(
        actor=by, action=action, object_type="referral", object_id=referral.pk, summary=summary, **extra
    )


@transaction.atomic
def referral_make(
    *,
    group: Group,
    title: str,
    detail: str,
    referred_on: dt.date,
    kind: str = "issue",
    to_body: str = "the Board",
    agreed_at: Activity | None = None,
    by: Any = None,
) -> Referral:
    """Record that ``group`` referred an issue, idea or proposed action to the Board."""
    title, detail = title.strip(), detail.strip()
    if not title:
        raise ReferralError("Give the referral a short title.", field="title")
    if not detail:
        raise ReferralError("Say what the group asks the Board to consider.", field="detail")
    if referred_on > timezone.localdate():
        raise ReferralError("The date it was referred cannot be in the future.", field="referred_on")
    if agreed_at is not None and agreed_at.date > referred_on:
        raise ReferralError(
            "The meeting that agreed it must be on or before the date it was referred.", field="agreed_at"
        )
    referral = Referral.objects.create(
        group=group,
        kind=kind,
        title=title,
        detail=detail,
        to_body=to_body.strip() or "the Board",
        referred_on=referred_on,
        agreed_at=agreed_at,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    _audit(by, AuditAction.CREATE, referral, f"{group.name} referred '{title[:100]}' to {referral.to_body}")
    return referral


@transaction.atomic
def referral_respond(
    *,
    referral: Referral,
    decision: str,
    response: str,
    responded_on: dt.date,
    considered_at: Activity | None = None,
    by: Any = None,
) -> Referral:
    """Record the Board's response and tell the group's members. Agreed in part or not agreed
    needs the reasons; recording it again corrects it (audited, and the group is told again)."""
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    response = response.strip()
    if decision not in BoardDecision.values:
        raise ReferralError("Choose the Board's decision.", field="decision")
    if decision in NEEDS_REASONS and not response:
        raise ReferralError("Give the Board's reasons: the group needs to know why.", field="response")
    if not response:
        raise ReferralError("Write the Board's response to the group.", field="response")
    if responded_on < referral.referred_on:
        raise ReferralError("The response cannot be dated before the referral.", field="responded_on")
    if responded_on > timezone.localdate():
        raise ReferralError("The date of the response cannot be in the future.", field="responded_on")
    if considered_at is not None and considered_at.date > responded_on:
        raise ReferralError(
            "The meeting that considered it must be on or before the response.", field="considered_at"
        )
    first = not referral.decision
    changes = model_update(
        referral,
        ("decision", "response", "responded_on", "considered_at"),
        {
            "decision": decision,
            "response": response,
            "responded_on": responded_on,
            "considered_at": considered_at,
        },
    )
    if not changes:
        return referral
    Referral.objects.filter(pk=referral.pk).update(sequence=referral.sequence + 1)
    referral.sequence += 1
    message_queue(
        recipients=referral_told(referral),
        template="referral_response",
        key=f"referral:{referral.pk}:{referral.sequence}",
        context=referral_placeholders(referral),
    )
    what = "Recorded" if first else "Corrected"
    _audit(
        by,
        AuditAction.UPDATE,
        referral,
        f"{what} the response to '{referral.title[:100]}': {referral.get_decision_display()}",
        changes=changes,
    )
    return referral
