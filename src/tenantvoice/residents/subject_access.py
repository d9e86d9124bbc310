"""What the resident register holds about a resident: their details, home and household,
how to contact them, and their equality answers (decision 0016)."""

from __future__ import annotations

from django.db import models
from django.db.models import Prefetch

from tenantvoice.core.audit import audit_record
from tenantvoice.core.models import AuditAction
from tenantvoice.core.personal_data import Context, Record, Value, label_of, not_exported, section

from .models import (
    EQUALITY_FIELDS,
    Channel,
    EqualityProfile,
    ImportRun,
    Resident,
    ResidentHome,
    TenancyMember,
)

not_exported(
    EqualityProfile,
    "recorded_by",
    reason="The account that typed in the answers; the answers themselves are in the equality section.",
)
not_exported(ImportRun, "created_by", reason="The staff account that uploaded a housing system file.")
for _field in ("resident", "membership"):
    not_exported(
        ResidentHome,
        _field,
        reason="Where the resident lived by date, worked out from their household memberships "
        "(decision 0054); the memberships themselves are in the household section.",
    )


@section(
    key="details",
    title="Your details",
    why="We keep your name, date of birth and contact details to know who you are and to reach you.",
    empty="",
    order=100,
    covers=[Resident],
)
def details(ctx: Context) -> list[Record]:
    r = ctx.resident
    rows: list[tuple[str, Value]] = [
        ("Person reference (from our housing system)", r.hms_ref or ""),
        ("Type of record", r.get_kind_display()),
        ("Title", r.title),
        ("First name", r.first_name),
        ("Last name", r.last_name),
        ("Name you like to be called", r.preferred_name),
        ("Date of birth", r.date_of_birth),
        ("Email address", r.email),
        ("Mobile phone", r.mobile_phone),
        ("Other phone", r.other_phone),
        ("Address for letters", r.correspondence_address),
        ("Postcode for letters", r.correspondence_postcode),
        ("Record created", r.created_at),
        ("Record last changed", r.updated_at),
    ]
    if r.email_problem:
        rows += [
            ("Problem with your email address", r.email_problem),
            ("Email problem noted", r.email_problem_at),
        ]
    if r.mobile_problem:
        rows += [
            ("Problem with your mobile number", r.mobile_problem),
            ("Mobile problem noted", r.mobile_problem_at),
        ]
    return [Record(rows)]


@section(
    key="household",
    title="Your home and household",
    why="We keep your tenancy and who lives with you to manage your home and to know who may take part.",
    empty="We do not hold a tenancy for you.",
    order=110,
    covers=[TenancyMember],
)
def household(ctx: Context) -> list[Record]:
    others = Prefetch(
        "tenancy__members",
        queryset=TenancyMember.objects.exclude(resident=ctx.resident)
        .select_related("resident")
        .order_by("role", "pk"),
        to_attr="others",
    )
    memberships = (
        TenancyMember.objects.filter(resident=ctx.resident)
        .select_related("tenancy__property")
        .prefetch_related(others)
        .order_by("-tenancy__start_date", "pk")
    )
    records = []
    for m in memberships:
        tenancy = m.tenancy
        current = m.is_current(ctx.today)
        household_now = [
            f"{o.resident.display_name} ({o.get_role_display().lower()})"
            for o in tenancy.others  # type: ignore[attr-defined]
            if o.is_current(ctx.today)
        ]
        records.append(
            Record(
                [
                    ("Tenancy reference", tenancy.hms_ref),
                    ("Type of tenancy", tenancy.get_tenure_display()),
                    ("Your place in the household", m.get_role_display()),
                    ("Current", current),
                    ("Tenancy started", tenancy.start_date),
                    ("Tenancy ended", tenancy.end_date),
                    ("You joined the household", m.start_date),
                    ("You left the household", m.end_date),
                    ("Home address", tenancy.property.one_line_address),
                    ("Type of home", tenancy.property.get_property_type_display()),
                    ("Other people in the household", household_now),
                ],
                heading=f"Tenancy {tenancy.hms_ref}" + ("" if current else " (ended)"),
            )
        )
    return records


@section(
    key="contact",
    title="How we contact you",
    why=(
        "We keep how you like to hear from us, and anything that helps you take part, so we can reach you"
        " in a way that works for you."
    ),
    empty="",
    order=120,
    covers=[],
)
def contact(ctx: Context) -> list[Record]:
    from tenantvoice.core.languages import language_name

    r = ctx.resident
    return [
        Record(
            [
                ("How you would like us to contact you", r.get_preferred_channel_display()),
                (
                    "Ways you agreed we may contact you",
                    [label_of(Channel.choices, c) for c in r.accepted_channels],
                ),
                ("Language", language_name(r.language)),
                ("Would like an interpreter", r.needs_interpreter),
                ("Formats you asked for", r.accessible_formats),
                ("Help you need to take part", r.support_needs),
                ("News and newsletters", r.consents_to_news),
                ("Agreed to news on", r.news_consent_at),
            ]
        )
    ]


@section(
    key="equality",
    title="Your equality answers",
    why=(
        "You chose to give these answers so we can check that we treat everyone fairly. Only a few "
        "named staff can see them, and only you see them here. Every time they are read, we write it down."
    ),
    empty="We do not hold any equality answers for you.",
    order=130,
    covers=[EqualityProfile],
)
def equality(ctx: Context) -> list[Record]:
    profile = EqualityProfile.objects.filter(resident=ctx.resident).first()
    if profile is None:
        return []
    if not ctx.viewer_is_subject:
        # Special category data (UK GDPR article 9): shown to the resident themself only.
        return [Record([("Equality answers", "Held. They are shown only to you, when you sign in.")])]
    audit_record(
        actor=ctx.viewer,
        action=AuditAction.VIEW_EQUALITY,
        object_type="equality_profile",
        object_id=profile.pk,
        resident_id=ctx.resident.pk,
        request=ctx.request,
        summary="Resident looked at their own equality answers in everything held about them",
    )
    rows: list[tuple[str, Value]] = [
        ("You agreed on", profile.consent_given_at),
        ("How you agreed", profile.get_consent_method_display()),
        ("What you agreed to", profile.consent_wording),
        ("Last changed", profile.updated_at),
    ]
    for name in EQUALITY_FIELDS:
        model_field = EqualityProfile._meta.get_field(name)
        assert isinstance(model_field, models.Field)
        value = getattr(profile, name)
        label = label_of(model_field.choices, value) if model_field.choices else value
        rows.append((str(model_field.verbose_name).capitalize(), label or "Not answered"))
    return [Record(rows)]
