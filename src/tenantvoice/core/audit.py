"""Writing the audit log. Every staff view or change of personal data comes through here."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from .clientip import client_ip
from .models import AuditAction, AuditEvent


def _client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    # Through the proxies the deployment trusts (TENANTVOICE_TRUSTED_PROXIES), as throttling.
    return client_ip(request) or None


OBJECT_ID_MAX = AuditEvent._meta.get_field("object_id").max_length or 64


def audit_record(
    *,
    actor: Any,
    action: AuditAction | str,
    object_type: str,
    object_id: object = "",
    resident_id: int | None = None,
    summary: str = "",
    changes: dict[str, Any] | None = None,
    via: str = "web",
    request: HttpRequest | None = None,
) -> AuditEvent:
    """Append one event. ``actor`` may be a user, None (a system job) or anonymous."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        actor=user,
        actor_label=(user.email.lower() if user is not None else "system"),
        action=str(action),
        object_type=object_type,
        # Some events name their object (an import's file name) rather than number it; a long
        # name must not make the action it records fail at its last step. The summary keeps it.
        object_id=str(object_id)[:OBJECT_ID_MAX],
        resident_id=resident_id,
        summary=summary[:500],
        changes=changes or {},
        via=via,
        ip_address=_client_ip(request),
    )


def diff_fields(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """``{field: [old, new]}`` for each field whose value changed, as JSON-safe text."""
    changed: dict[str, list[Any]] = {}
    for name, new in after.items():
        old = before.get(name)
        if old != new:
            changed[name] = [_plain(old), _plain(new)]
    return changed


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)
