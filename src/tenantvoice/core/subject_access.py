"""What the audit log holds about a resident: every look at and change of their record, and
what they did with their own account (decision 0016).

Staff are shown by their role, never their name or email address, as on the rest of the page:
the resident learns what kind of person looked, and a request for more goes to the landlord's
data protection lead, who can see the full audit log.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from tenantvoice.core.roles import Role

from .models import AuditAction, AuditEvent
from .personal_data import Context, Record, section

# What was looked at or changed, as a resident would say it.
_OBJECTS = {
    "resident": "your record",
    "equality_profile": "your equality answers",
    "account": "your account",
    "invitation": "an invitation to set up an account",
    "message": "a message to you",
    "representation": "your reply to a consultation",
}
_VIA = {
    "web": "This website",
    "api": "Another computer system",
    "command": "A command",
    "task": "A system job",
}


def _what(object_type: str) -> str:
    return _OBJECTS.get(object_type, object_type.replace("_", " "))


def _who(event: AuditEvent, account_id: int | None) -> str:
    """Who did it, by role only: residents are told what kind of person, not which one."""
    if account_id is not None and event.actor_id == account_id:
        return "You"
    if event.actor is not None:
        return str(Role(event.actor.role).label) if event.actor.role in Role.values else "Someone"
    if event.actor_label == "system":
        return "Automatic (a system job or import)"
    return "An account that has since been closed"


def _words(value: Any) -> str:
    return "blank" if value in (None, "") else str(value)


def _changed(changes: dict[str, Any]) -> str:
    """``{"email": ["old", "new"]}`` as "email: old to new"."""
    parts = []
    for name, value in changes.items():
        if isinstance(value, list | tuple) and len(value) == 2:
            parts.append(f"{name.replace('_', ' ')}: {_words(value[0])} to {_words(value[1])}")
        else:
            parts.append(f"{name.replace('_', ' ')}: {_words(value)}")
    return "; ".join(parts)


@section(
    key="audit_trail",
    title="Who has looked at or changed your record",
    why=(
        "Every time someone looks at or changes your record, we write it down, so that you and we can "
        "check it was right. We show the kind of person (their role), not their name."
    ),
    empty="Nothing yet.",
    order=900,
    covers=[AuditEvent],
    layout="table",
)
def audit_trail(ctx: Context) -> list[Record]:
    account_id = ctx.account.pk if ctx.account is not None else None
    about = Q(resident_id=ctx.resident.pk)
    if account_id is not None:
        # What they did with their own account (signing in) has no resident on the row.
        about |= Q(actor_id=account_id, resident_id__isnull=True)
    actions = dict(AuditAction.choices)
    records = []
    for e in (
        AuditEvent.objects.filter(about)
        .select_related("actor")
        .order_by("-occurred_at", "-id")
        .iterator(chunk_size=500)
    ):
        own = account_id is not None and e.actor_id == account_id
        records.append(
            Record(
                [
                    ("When", e.occurred_at),
                    ("Who", _who(e, account_id)),
                    ("What they did", f"{actions.get(e.action, e.action)} ({_what(e.object_type)})"),
                    ("Details", e.summary),
                    ("What changed", _changed(e.changes)),
                    ("How", _VIA.get(e.via, e.via)),
                    # A staff member's internet address is theirs, not the resident's.
                    ("Your internet address", (e.ip_address or "") if own else ""),
                ]
            )
        )
    return records
