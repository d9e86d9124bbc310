"""Reads for the residents' pages: the sign-up check, my record, and everything we hold."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.utils import timezone

from tenantvoice.accounts import identity
from tenantvoice.accounts.models import Invitation, User
from tenantvoice.core.models import AuditAction, AuditEvent
from tenantvoice.core.roles import Role
from tenantvoice.core.selectors import landlord_get
from tenantvoice.residents.models import (
    Channel,
    EqualityProfile,
    Resident,
    Tenancy,
    TenancyMember,
)
from tenantvoice.residents.normalise import postcode_key

from .languages import language_name


def _current_member_filter(on: dt.date) -> Q:
    return (Q(start_date__isnull=True) | Q(start_date__lte=on)) & (
        Q(end_date__isnull=True) | Q(end_date__gte=on)
    )


def _household(tenancy_ref: str) -> tuple[Tenancy | None, list[Resident]]:
    """The current tenancy with this reference and its current adult members, oldest first."""
    today = timezone.localdate()
    ref = tenancy_ref.strip()
    if not ref:
        return None, []
    # hms_ref is matched exactly (a unique index); residents often type it in lower case.
    tenancy = (
        Tenancy.objects.current(today)
        .select_related("property")
        .filter(hms_ref__in={ref, ref.upper()})
        .first()
    )
    if tenancy is None:
        return None, []
    members = (
        TenancyMember.objects.filter(_current_member_filter(today), tenancy=tenancy)
        .select_related("resident")
        .order_by("pk")
    )
    return tenancy, [m.resident for m in members if identity.may_have_own_account(m.resident, today)]


def sign_up_by_date_of_birth(*, tenancy_ref: str, date_of_birth: dt.date | None) -> list[Resident]:
    """The current adult members of the tenancy whose own date of birth this is (twins: two).

    This proves the person (decision 0014). An empty list means no match; callers must not
    say which part failed.
    """
    _, adults = _household(tenancy_ref)
    return identity.matching_date_of_birth(adults, date_of_birth)


def sign_up_by_postcode(*, tenancy_ref: str, postcode: str) -> list[Resident]:
    """The current adult members a code could be sent to, if the postcode is the home's.

    The postcode proves only that someone knows the household, so this never proves the
    person: it offers who to send a one-time code to, at a detail already on their record.
    """
    tenancy, adults = _household(tenancy_ref)
    key = postcode_key(postcode)
    if tenancy is None or not key or key != tenancy.property.postcode_key:
        return []
    return [r for r in adults if identity.code_routes(r)]


def residents_with_accounts(resident_ids: list[int]) -> set[int]:
    """Residents whose account is live or was ever used (an unconfirmed one may be replaced)."""
    return set(
        User.objects.filter(resident_id__in=resident_ids)
        .filter(Q(is_active=True) | Q(email_confirmed_at__isnull=False) | Q(last_login__isnull=False))
        .values_list("resident_id", flat=True)
    )


def email_in_use(email: str) -> bool:
    return User.objects.filter(email__iexact=email.strip()).exists()


def current_memberships(resident: Resident) -> list[TenancyMember]:
    """The resident's current household memberships with tenancy, home and fellow members."""
    today = timezone.localdate()
    memberships = list(
        TenancyMember.objects.filter(
            _current_member_filter(today), resident=resident, tenancy__in=Tenancy.objects.current(today)
        )
        .select_related("tenancy__property__area")
        .order_by("-tenancy__start_date", "pk")
    )
    if not memberships:
        return []
    others = (
        TenancyMember.objects.filter(
            _current_member_filter(today), tenancy__in=[m.tenancy_id for m in memberships]
        )
        .exclude(resident=resident)
        .select_related("resident")
        .order_by("role", "pk")
    )
    by_tenancy: dict[int, list[TenancyMember]] = {}
    for other in others:
        by_tenancy.setdefault(other.tenancy_id, []).append(other)
    for membership in memberships:
        membership.other_members = by_tenancy.get(membership.tenancy_id, [])  # type: ignore[attr-defined]
    return memberships


def equality_profile_of(resident: Resident) -> EqualityProfile | None:
    return EqualityProfile.objects.filter(resident=resident).first()


def _actor_description(event: AuditEvent, user: User | None) -> str:
    """Who did it, by role only: residents are told what kind of person, not which one."""
    if user is not None and event.actor_id == user.pk:
        return "You"
    if event.actor is not None:
        return Role(event.actor.role).label if event.actor.role in Role.values else "Someone"
    if event.actor_label == "system":
        return "Automatic (a system job or import)"
    return "An account that has since been closed"


def _choice_label(choices: Any, value: str) -> str:
    return str(dict(choices).get(value, value)) if value else ""


def resident_data_export(resident: Resident) -> dict[str, Any]:
    """Everything held about ``resident``, as a plain dict for the page and the JSON file.

    Values are str, bool, None, dates or datetimes; the JSON view encodes dates as ISO 8601.
    Other apps that hold personal data about residents add their section here.
    """
    account = User.objects.filter(resident=resident).first()
    memberships = current_memberships(resident)
    all_memberships = (
        TenancyMember.objects.filter(resident=resident)
        .select_related("tenancy__property")
        .order_by("-tenancy__start_date", "pk")
    )
    profile = equality_profile_of(resident)

    details = {
        "person_reference": resident.hms_ref or "",
        "kind": resident.get_kind_display(),
        "title": resident.title,
        "first_name": resident.first_name,
        "last_name": resident.last_name,
        "preferred_name": resident.preferred_name,
        "date_of_birth": resident.date_of_birth,
        "email": resident.email,
        "mobile_phone": resident.mobile_phone,
        "other_phone": resident.other_phone,
        "correspondence_address": resident.correspondence_address,
        "correspondence_postcode": resident.correspondence_postcode,
        "record_created": resident.created_at,
        "record_last_changed": resident.updated_at,
    }
    current_ids = {m.pk for m in memberships}
    others_by_membership = {m.pk: getattr(m, "other_members", []) for m in memberships}
    tenancies = [
        {
            "tenancy_reference": m.tenancy.hms_ref,
            "tenure": m.tenancy.get_tenure_display(),
            "my_role": m.get_role_display(),
            "current": m.pk in current_ids,
            "tenancy_start_date": m.tenancy.start_date,
            "tenancy_end_date": m.tenancy.end_date,
            "home_address": m.tenancy.property.one_line_address,
            "property_type": m.tenancy.property.get_property_type_display(),
            "other_household_members": [
                {"name": o.resident.display_name, "role": o.get_role_display()}
                for o in others_by_membership.get(m.pk, [])
            ],
        }
        for m in all_memberships
    ]
    preferences = {
        "preferred_channel": resident.get_preferred_channel_display(),
        "channels_you_accept": [_choice_label(Channel.choices, c) for c in resident.accepted_channels],
        "language": language_name(resident.language),
        "needs_interpreter": resident.needs_interpreter,
        "accessible_formats": resident.accessible_formats,
        "support_needs": resident.support_needs,
        "news_and_newsletters": resident.consents_to_news,
        "news_consent_given": resident.news_consent_at,
    }
    equality: dict[str, Any] | None = None
    if profile is not None:
        answers: dict[str, str] = {}
        for name in (
            "sex",
            "gender_same_as_sex_at_birth",
            "gender_identity",
            "ethnicity",
            "disability",
            "religion",
            "sexual_orientation",
            "caring_responsibilities",
        ):
            value = getattr(profile, name)
            # get_FOO_display gives the label for a choice field and the text itself otherwise.
            label = getattr(profile, f"get_{name}_display", lambda v=value: v)()
            answers[name] = label or "Not answered"
        equality = {
            "consent_given": profile.consent_given_at,
            "consent_method": profile.get_consent_method_display(),
            "consent_wording": profile.consent_wording,
            "last_changed": profile.updated_at,
            "answers": answers,
        }
    account_data: dict[str, Any] | None = None
    if account is not None:
        account_data = {
            "sign_in_email": account.email,
            "created": account.date_joined,
            "last_signed_in": account.last_login,
        }
    invitations = [
        {"sent": i.created_at, "expires": i.expires_at, "used": i.used_at}
        for i in Invitation.objects.filter(resident=resident).order_by("-created_at")
    ]
    events = (
        AuditEvent.objects.filter(resident_id=resident.pk)
        .select_related("actor")
        .order_by("-occurred_at", "-id")
    )
    action_labels = dict(AuditAction.choices)
    audit_trail = [
        {
            "when": e.occurred_at,
            "action": str(action_labels.get(e.action, e.action)),
            "what": e.object_type.replace("_", " "),
            "by": _actor_description(e, account),
            "summary": e.summary,
        }
        for e in events.iterator(chunk_size=500)
    ]
    return {
        "generated_at": timezone.now(),
        "landlord": landlord_get().name,
        "details": details,
        "tenancies": tenancies,
        "preferences": preferences,
        "equality": equality,
        "account": account_data,
        "invitations": invitations,
        "audit_trail": audit_trail,
    }
