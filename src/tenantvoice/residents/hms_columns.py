"""The standard HMS extract: one row per person, with their tenancy and property.

This is TenantVoice's canonical column list. A landlord whose housing management system
names columns differently, or uses other codes (e.g. "SEC" for a secure tenancy), supplies
a mapping file (see docs/importing.md); the synthetic generator writes exactly these
columns, so its files import with no mapping.

Rows for the same tenancy repeat its property and tenancy columns; a person without a
tenancy (an applicant or service user) leaves the property and tenancy columns empty.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str
    required: bool
    description: str


COLUMNS: tuple[Column, ...] = (
    # Person
    Column("person_ref", True, "The HMS's unique reference for the person."),
    Column("resident_kind", False, "household (default), applicant or service_user."),
    Column("title", False, "Mr, Mrs, Ms, Mx, Dr ..."),
    Column("first_name", True, "Given name."),
    Column("last_name", True, "Family name."),
    Column("preferred_name", False, "What they like to be called."),
    Column("date_of_birth", False, "YYYY-MM-DD or DD/MM/YYYY."),
    Column("email", False, "Email address."),
    Column("mobile_phone", False, "UK mobile number."),
    Column("other_phone", False, "Landline or other number."),
    Column("preferred_channel", False, "email, sms, phone, letter or portal."),
    Column("language", False, "Preferred language code, e.g. en, pl, so, bn, ur, ar."),
    Column("needs_interpreter", False, "Y or N."),
    Column("large_print", False, "Y or N."),
    Column("braille", False, "Y or N."),
    Column("audio", False, "Y or N."),
    Column("easy_read", False, "Y or N."),
    Column("translation", False, "Y or N."),
    Column("support_needs", False, "Free text."),
    # Household membership
    Column("relationship", False, "tenant, joint_tenant or household_member (default tenant)."),
    # Tenancy
    Column("tenancy_ref", False, "The HMS's tenancy reference; empty for a person without one."),
    Column(
        "tenure",
        False,
        "secure, assured, assured_shorthold, starter, scottish_secure, "
        "short_scottish_secure, leasehold, shared_ownership, factored_owner, freehold or licence.",
    ),
    Column("tenancy_start", False, "YYYY-MM-DD or DD/MM/YYYY."),
    Column("tenancy_end", False, "YYYY-MM-DD or DD/MM/YYYY; empty while it runs."),
    # Property
    Column("property_ref", False, "The HMS's property reference (needed with a tenancy)."),
    Column("address_line_1", False, "First line of the address (needed with a property)."),
    Column("address_line_2", False, ""),
    Column("address_line_3", False, ""),
    Column("town", False, ""),
    Column("postcode", False, "UK postcode (needed with a property)."),
    Column("uprn", False, "Unique Property Reference Number, up to 12 digits."),
    Column(
        "area",
        False,
        "Area path from the top, separated by ' > ', e.g. 'North > Riverside > Oak Estate > Block A'.",
    ),
    Column("property_type", False, "general_needs, sheltered, retirement, supported or temporary."),
    Column("location", False, "urban or rural."),
    Column("managed_for", False, "Organisation the home is managed for; empty if the landlord's own."),
)

COLUMN_NAMES: tuple[str, ...] = tuple(c.name for c in COLUMNS)
REQUIRED_COLUMNS: tuple[str, ...] = tuple(c.name for c in COLUMNS if c.required)
