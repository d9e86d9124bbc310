"""Roles and what each may do. Every view and API endpoint asks :func:`has_capability`.

A capability names an ability, not a page, so a new page picks the capability that fits
and the role matrix test proves it against every role.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any

from django.db import models

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from tenantvoice.accounts.models import User


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", "Administrator"
    ENGAGEMENT_OFFICER = "officer", "Engagement officer"
    MANAGER = "manager", "Manager (read only)"
    BOARD_READER = "board", "Board or report reader"
    RESIDENT = "resident", "Resident"


STAFF_ROLES = frozenset({Role.ADMINISTRATOR, Role.ENGAGEMENT_OFFICER, Role.MANAGER, Role.BOARD_READER})


class Capability(StrEnum):
    # Staff area at all (a board reader only sees reports, never personal records).
    USE_STAFF_AREA = "use_staff_area"
    VIEW_RESIDENTS = "view_residents"
    EDIT_RESIDENTS = "edit_residents"
    # Equality answers of a named person: special category data.
    VIEW_EQUALITY_DATA = "view_equality_data"
    RUN_IMPORTS = "run_imports"
    VIEW_AUDIT_LOG = "view_audit_log"
    MANAGE_ACCOUNTS = "manage_accounts"
    VIEW_REPORTS = "view_reports"
    # Record and decide involvement: levels, applications, seats on groups.
    MANAGE_INVOLVEMENT = "manage_involvement"
    # Campaigns to residents, message templates, the readers panel, saved audiences.
    MANAGE_MESSAGES = "manage_messages"
    # Record complaints and service requests and run their stages (reading them needs
    # VIEW_RESIDENTS: they are personal records; their aggregate reports need VIEW_REPORTS).
    HANDLE_COMPLAINTS = "handle_complaints"
    USE_PORTAL = "use_portal"


ROLE_CAPABILITIES: dict[str, frozenset[Capability]] = {
    Role.ADMINISTRATOR: frozenset(
        {
            Capability.USE_STAFF_AREA,
            Capability.VIEW_RESIDENTS,
            Capability.EDIT_RESIDENTS,
            Capability.VIEW_EQUALITY_DATA,
            Capability.RUN_IMPORTS,
            Capability.VIEW_AUDIT_LOG,
            Capability.MANAGE_ACCOUNTS,
            Capability.VIEW_REPORTS,
            Capability.MANAGE_INVOLVEMENT,
            Capability.MANAGE_MESSAGES,
            Capability.HANDLE_COMPLAINTS,
        }
    ),
    Role.ENGAGEMENT_OFFICER: frozenset(
        {
            Capability.USE_STAFF_AREA,
            Capability.VIEW_RESIDENTS,
            Capability.EDIT_RESIDENTS,
            Capability.RUN_IMPORTS,
            Capability.VIEW_REPORTS,
            Capability.MANAGE_INVOLVEMENT,
            Capability.MANAGE_MESSAGES,
            Capability.HANDLE_COMPLAINTS,
        }
    ),
    Role.MANAGER: frozenset(
        {
            Capability.USE_STAFF_AREA,
            Capability.VIEW_RESIDENTS,
            Capability.VIEW_REPORTS,
        }
    ),
    Role.BOARD_READER: frozenset({Capability.USE_STAFF_AREA, Capability.VIEW_REPORTS}),
    Role.RESIDENT: frozenset({Capability.USE_PORTAL}),
}


def mfa_passed(user: Any) -> bool:
    """Whether this session passed MFA (django-otp's middleware adds ``is_verified``)."""
    return bool(getattr(user, "is_verified", lambda: False)())


def has_capability(
    user: User | AnonymousUser | Any, capability: Capability, *, mfa_verified: bool | None = None
) -> bool:
    """Whether ``user`` may do ``capability``. Staff must also have passed MFA.

    ``mfa_verified`` overrides the session's MFA state; the API passes True for requests
    authenticated by an administrator-issued token, which stands in for the second factor.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    role = getattr(user, "role", None)
    if role is None or capability not in ROLE_CAPABILITIES.get(role, frozenset()):
        return False
    if role in STAFF_ROLES:
        return mfa_passed(user) if mfa_verified is None else mfa_verified
    return True
