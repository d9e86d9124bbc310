"""Recording what involvement cost (decision 0055). Every service is one transaction and writes
an audit row (decision 0021); a refusal is a :class:`CostError` naming the field, in words an
officer can act on, and writes nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from tenantvoice.core.audit import audit_record
from tenantvoice.core.errors import DomainError
from tenantvoice.core.models import AuditAction
from tenantvoice.core.updates import model_update

from .models import CostKind, InvolvementCost

OBJECT_TYPE = "involvement_cost"
FIELDS = ("kind", "spent_on", "amount", "description", "staff_hours", "group")


class CostError(DomainError):
    """A cost of involvement that cannot be recorded."""


def _check(data: dict[str, Any], today: dt.date) -> None:
    amount = data.get("amount")
    if amount is None or Decimal(amount) <= 0:
        raise CostError("Give the amount in pounds, more than £0.", field="amount")
    spent_on = data.get("spent_on")
    if spent_on is None:
        raise CostError("Give the date of the cost.", field="spent_on")
    if spent_on > today:
        raise CostError("The date of the cost cannot be in the future.", field="spent_on")
    if not str(data.get("description", "")).strip():
        raise CostError("Say what the cost was for.", field="description")
    hours = data.get("staff_hours")
    if data.get("kind") == CostKind.STAFF_TIME and not hours:
        raise CostError("For staff time, give the hours the amount pays for.", field="staff_hours")
    if hours is not None and Decimal(hours) <= 0:
        raise CostError("Give the hours as a number more than 0, or leave them empty.", field="staff_hours")
    if data.get("kind") != CostKind.STAFF_TIME and hours:
        raise CostError("Hours are only for staff time: leave them empty.", field="staff_hours")


def _summary(cost: InvolvementCost) -> str:
    return f"£{cost.amount} on {cost.get_kind_display()} ({cost.spent_on:%d/%m/%Y}): {cost.description}"


@transaction.atomic
def cost_record(*, by: Any, data: dict[str, Any], request: Any = None) -> InvolvementCost:
    _check(data, timezone.localdate())
    cost = InvolvementCost.objects.create(
        **{k: v for k, v in data.items() if k in FIELDS},
        recorded_by=by if getattr(by, "is_authenticated", False) else None,
    )
    audit_record(
        actor=by,
        action=AuditAction.CREATE,
        object_type=OBJECT_TYPE,
        object_id=cost.pk,
        summary=_summary(cost),
        request=request,
    )
    return cost


@transaction.atomic
def cost_change(
    *, cost: InvolvementCost, by: Any, data: dict[str, Any], request: Any = None
) -> InvolvementCost:
    _check({**{f: getattr(cost, f) for f in FIELDS}, **data}, timezone.localdate())
    changes = model_update(cost, FIELDS, data)
    if changes:
        audit_record(
            actor=by,
            action=AuditAction.UPDATE,
            object_type=OBJECT_TYPE,
            object_id=cost.pk,
            summary=_summary(cost),
            changes=changes,
            request=request,
        )
    return cost


@transaction.atomic
def cost_delete(*, cost: InvolvementCost, by: Any, request: Any = None) -> None:
    pk, summary = cost.pk, _summary(cost)
    cost.delete()
    audit_record(
        actor=by,
        action=AuditAction.DELETE,
        object_type=OBJECT_TYPE,
        object_id=pk,
        summary=summary,
        request=request,
    )
