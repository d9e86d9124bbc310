"""The resident register: areas, properties, tenancies, households, residents, preferences.

Most rows arrive from the landlord's housing management system (HMS) again and again,
so each carries that system's reference (``hms_ref``) to match on.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from tenantvoice.residents.normalise import search_key


class AreaLevel(models.TextChoices):
    AREA = "area", "Area"
    NEIGHBOURHOOD = "neighbourhood", "Neighbourhood"
    ESTATE = "estate", "Estate"
    BLOCK = "block", "Block"


class Area(models.Model):
    """A place in the landlord's hierarchy, e.g. area > neighbourhood > estate > block."""

    name = models.CharField(max_length=200)
    level = models.CharField(max_length=16, choices=AreaLevel.choices, default=AreaLevel.AREA)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    # "/3/17/42/" for this area and its ancestors, so "everything under area 3" is one
    # indexed prefix query instead of a recursive walk.
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    # The full name path, e.g. "North > Riverside > Oak Estate": unique, and what imports use.
    full_name = models.CharField(max_length=500, unique=True)
    # The own name and the full name as search keys ("oak estate", "north riverside oak
    # estate"): officers find an area by typing the start of either, as one range on an index
    # each (decision 0039), never by scrolling a list of every area.
    name_key = models.CharField(max_length=200, db_index=True, editable=False, default="")
    full_name_key = models.CharField(max_length=500, db_index=True, editable=False, default="")

    class Meta:
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Kept here, not in the services, because areas are also made by the import and the
        # subtree walk of a move saves only the names: every save of a name fills its key.
        self.name_key = search_key(self.name)
        self.full_name_key = search_key(self.full_name)
        fields = kwargs.get("update_fields")
        if fields is not None and {"name", "full_name"} & set(fields):
            kwargs["update_fields"] = [*fields, "name_key", "full_name_key"]
        super().save(*args, **kwargs)


class PropertyType(models.TextChoices):
    GENERAL_NEEDS = "general_needs", "General needs"
    SHELTERED = "sheltered", "Sheltered"
    RETIREMENT = "retirement", "Retirement"
    SUPPORTED = "supported", "Supported"
    TEMPORARY = "temporary", "Temporary"


class Location(models.TextChoices):
    URBAN = "urban", "Urban"
    RURAL = "rural", "Rural"


class Property(models.Model):
    hms_ref = models.CharField("property reference", max_length=64, unique=True)
    address_line_1 = models.CharField(max_length=200)
    address_line_2 = models.CharField(max_length=200, blank=True)
    address_line_3 = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=10)
    postcode_key = models.CharField(max_length=8, db_index=True, editable=False)
    address_key = models.CharField(max_length=200, db_index=True, editable=False, default="")
    uprn = models.CharField(
        "UPRN", max_length=12, blank=True, help_text="Unique Property Reference Number, up to 12 digits."
    )
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.PROTECT, related_name="properties")
    property_type = models.CharField(
        max_length=16, choices=PropertyType.choices, default=PropertyType.GENERAL_NEEDS
    )
    location = models.CharField(max_length=8, choices=Location.choices, blank=True)
    managed_for = models.CharField(
        "managed on behalf of",
        max_length=200,
        blank=True,
        help_text="The organisation this home is managed for; blank if the landlord's own.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "properties"
        ordering = ["postcode_key", "address_line_1"]
        # The API's list order with the cursor's tie-breaker: a later page is a range of this
        # index (postcode_key alone left PostgreSQL sorting every property after the cursor).
        indexes = [models.Index(fields=["postcode_key", "address_line_1", "id"], name="property_list_order")]

    def __str__(self) -> str:
        return self.one_line_address

    @property
    def one_line_address(self) -> str:
        parts = [self.address_line_1, self.address_line_2, self.address_line_3, self.town, self.postcode]
        return ", ".join(p for p in parts if p)

    @property
    def is_managed_for_another_organisation(self) -> bool:
        return bool(self.managed_for)


class Tenure(models.TextChoices):
    SECURE = "secure", "Secure tenancy"
    ASSURED = "assured", "Assured tenancy"
    ASSURED_SHORTHOLD = "assured_shorthold", "Assured shorthold tenancy"
    STARTER = "starter", "Starter tenancy"
    SCOTTISH_SECURE = "scottish_secure", "Scottish secure tenancy"
    SHORT_SCOTTISH_SECURE = "short_scottish_secure", "Short Scottish secure tenancy"
    LEASEHOLD = "leasehold", "Leasehold"
    SHARED_OWNERSHIP = "shared_ownership", "Shared ownership"
    FACTORED_OWNER = "factored_owner", "Factored owner"
    # Owner occupiers of former council homes bought outright (Southway's "owner occupiers").
    FREEHOLD = "freehold", "Owner occupier (freehold)"
    LICENCE = "licence", "Licence or service user agreement"


RENTED_TENURES = frozenset(
    {
        Tenure.SECURE,
        Tenure.ASSURED,
        Tenure.ASSURED_SHORTHOLD,
        Tenure.STARTER,
        Tenure.SCOTTISH_SECURE,
        Tenure.SHORT_SCOTTISH_SECURE,
        Tenure.LICENCE,
    }
)
OWNER_TENURES = frozenset({Tenure.LEASEHOLD, Tenure.SHARED_OWNERSHIP, Tenure.FACTORED_OWNER, Tenure.FREEHOLD})


def overlapping(start: dt.date, end: dt.date, prefix: str = "") -> Q:
    """Rows whose ``start_date``..``end_date`` (both optional, both inclusive) share a day with
    ``start``..``end``. The one definition of "current" for tenancies and household members."""
    return (Q(**{f"{prefix}start_date__lte": end}) | Q(**{f"{prefix}start_date__isnull": True})) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": start})
    )


def _covers(start_date: dt.date | None, end_date: dt.date | None, on: dt.date) -> bool:
    """:func:`overlapping` for one row already loaded, on one day."""
    return (start_date is None or start_date <= on) and (end_date is None or end_date >= on)


class TenancyQuerySet(models.QuerySet["Tenancy"]):
    def current(self, on: dt.date | None = None) -> TenancyQuerySet:
        """Tenancies started by ``on`` (today) and not ended before it."""
        on = on or timezone.localdate()
        return self.during(on, on)

    def during(self, start: dt.date, end: dt.date) -> TenancyQuerySet:
        """Tenancies current on at least one day from ``start`` to ``end``."""
        return self.filter(overlapping(start, end))


class Tenancy(models.Model):
    """A tenancy or lease of one property; its members are the household."""

    hms_ref = models.CharField("tenancy reference", max_length=64, unique=True)
    property = models.ForeignKey(Property, on_delete=models.PROTECT, related_name="tenancies")
    tenure = models.CharField(max_length=24, choices=Tenure.choices)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TenancyQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "tenancies"
        ordering = ["-start_date", "hms_ref"]
        # The API's list order (start_date DESC NULLS LAST, hms_ref, id) has an index made by
        # migration 0009_i15_tenancy_list_index, per database: SQLite cannot write NULLS LAST
        # in an index, and needs not (its NULL is the smallest value, so DESC puts it last).
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="tenancy_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.hms_ref} ({self.get_tenure_display()})"

    def is_current(self, on: dt.date | None = None) -> bool:
        return _covers(self.start_date, self.end_date, on or timezone.localdate())


class ResidentKind(models.TextChoices):
    """How a person relates to the landlord; a tenancy member's tenure says more."""

    HOUSEHOLD = "household", "Tenant, owner or household member"
    APPLICANT = "applicant", "Housing applicant"
    SERVICE_USER = "service_user", "Service user"
    # Someone who came to an activity and is not on the register (decision 0026).
    VISITOR = "visitor", "Visitor, not on the register"


class Channel(models.TextChoices):
    EMAIL = "email", "Email"
    SMS = "sms", "Text message"
    PHONE = "phone", "Phone call"
    LETTER = "letter", "Letter"
    PORTAL = "portal", "This website"


class Resident(models.Model):
    """A person the landlord engages with. Contact and communication preferences live here;
    equality answers live in :class:`EqualityProfile`, which needs consent."""

    hms_ref = models.CharField("person reference", max_length=64, unique=True, null=True, blank=True)
    kind = models.CharField(max_length=16, choices=ResidentKind.choices, default=ResidentKind.HOUSEHOLD)
    title = models.CharField(max_length=20, blank=True)
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    preferred_name = models.CharField(max_length=100, blank=True, help_text="What they like to be called.")
    first_name_key = models.CharField(max_length=100, db_index=True, editable=False, default="")
    last_name_key = models.CharField(max_length=100, db_index=True, editable=False, default="")
    date_of_birth = models.DateField(null=True, blank=True)

    email = models.EmailField(blank=True)
    mobile_phone = models.CharField(max_length=20, blank=True)
    # Set when an email bounced or a text message could not be delivered: the detail needs
    # checking, and messages fall back to a letter until it is changed.
    email_problem = models.CharField(max_length=200, blank=True)
    email_problem_at = models.DateTimeField(null=True, blank=True)
    mobile_problem = models.CharField(max_length=200, blank=True)
    mobile_problem_at = models.DateTimeField(null=True, blank=True)
    other_phone = models.CharField(max_length=20, blank=True)
    # For residents without a tenancy (applicants, service users) or a different
    # correspondence address; tenants' homes come from their tenancy.
    correspondence_address = models.TextField(blank=True)
    correspondence_postcode = models.CharField(max_length=10, blank=True)

    preferred_channel = models.CharField(max_length=8, choices=Channel.choices, default=Channel.LETTER)
    accepts_email = models.BooleanField(default=False)
    accepts_sms = models.BooleanField(default=False)
    accepts_phone = models.BooleanField(default=False)
    accepts_letter = models.BooleanField(default=True)
    accepts_portal = models.BooleanField(default=False)
    consents_to_news = models.BooleanField(
        default=False, help_text="Agreed to newsletters and news; service messages need no consent."
    )
    news_consent_at = models.DateTimeField(null=True, blank=True)

    language = models.CharField(
        max_length=16, default="en", help_text="Preferred language as a code, e.g. en, pl, so, bn."
    )
    needs_interpreter = models.BooleanField(default=False)
    large_print = models.BooleanField(default=False)
    braille = models.BooleanField(default=False)
    audio = models.BooleanField(default=False)
    easy_read = models.BooleanField(default=False)
    translation = models.BooleanField(default=False)
    support_needs = models.TextField(blank=True, help_text="Anything that helps them take part.")

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["last_name_key", "first_name_key", "pk"]
        # In the search's (and the API's) exact order, id last: PostgreSQL then walks the index
        # in order and stops after one page, however common the name. Without the id it sorted
        # every match (77 ms for a surname shared by 7,000 of 917,000 residents; 12 ms now).
        indexes = [models.Index(fields=["last_name_key", "first_name_key", "id"], name="resident_name_order")]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return f"{self.preferred_name or self.first_name} {self.last_name}".strip()

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.title, self.first_name, self.last_name) if p)

    def age_on(self, on: dt.date | None = None) -> int | None:
        if self.date_of_birth is None:
            return None
        on = on or timezone.localdate()
        born = self.date_of_birth
        return on.year - born.year - ((on.month, on.day) < (born.month, born.day))

    @property
    def accepted_channels(self) -> list[str]:
        return [c.value for c in Channel if getattr(self, f"accepts_{c.value}")]

    @property
    def accepted_channel_labels(self) -> list[str]:
        """The ways the resident accepts, in words ("Text message"), for pages."""
        return [str(c.label) for c in Channel if getattr(self, f"accepts_{c.value}")]

    @property
    def accessible_formats(self) -> list[str]:
        names = {
            "large_print": "Large print",
            "braille": "Braille",
            "audio": "Audio",
            "easy_read": "Easy read",
            "translation": "Translation",
        }
        return [label for field, label in names.items() if getattr(self, field)]


class MemberRole(models.TextChoices):
    TENANT = "tenant", "Named tenant"
    JOINT_TENANT = "joint_tenant", "Joint tenant"
    HOUSEHOLD_MEMBER = "household_member", "Other household member"


PRIMARY_ROLES = frozenset({MemberRole.TENANT, MemberRole.JOINT_TENANT})


class TenancyMemberQuerySet(models.QuerySet["TenancyMember"]):
    def current(self, on: dt.date | None = None) -> TenancyMemberQuerySet:
        """Who lived in one of the landlord's homes on ``on`` (today): memberships of tenancies
        current that day, where the member had joined the household (their own start date) and
        not left it. The one answer to "who was a household member on a date" (decision 0023).

        The tenancy's dates are compared through the join, row by row, so that a query for a
        few residents never has to list every current tenancy (it does with ``tenancy__in``).
        """
        on = on or timezone.localdate()
        return self.during(on, on)

    def during(self, start: dt.date, end: dt.date) -> TenancyMemberQuerySet:
        """Memberships current on at least one day from ``start`` to ``end``."""
        return self.filter(overlapping(start, end, "tenancy__"), overlapping(start, end))


class TenancyMember(models.Model):
    """A person in a tenancy's household. Named (joint) tenants are the primary tenants."""

    tenancy = models.ForeignKey(Tenancy, on_delete=models.CASCADE, related_name="members")
    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=MemberRole.choices, default=MemberRole.HOUSEHOLD_MEMBER)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)

    objects = TenancyMemberQuerySet.as_manager()

    class Meta:
        ordering = ["tenancy", "role", "resident"]
        constraints = [
            models.UniqueConstraint(fields=["tenancy", "resident"], name="one_membership_per_tenancy"),
        ]

    def __str__(self) -> str:
        return f"{self.resident_id} in {self.tenancy_id} as {self.role}"

    @property
    def is_primary_tenant(self) -> bool:
        return self.role in PRIMARY_ROLES

    def is_current(self, on: dt.date | None = None) -> bool:
        """:meth:`TenancyMemberQuerySet.current` for a membership already loaded (with its tenancy)."""
        on = on or timezone.localdate()
        return self.tenancy.is_current(on) and _covers(self.start_date, self.end_date, on)


class ResidentHomeQuerySet(models.QuerySet["ResidentHome"]):
    def current(self, on: dt.date | None = None) -> ResidentHomeQuerySet:
        """Each resident's home on ``on`` (today): at most one row a resident."""
        on = on or timezone.localdate()
        return self.filter(overlapping(on, on))


class ResidentHome(models.Model):
    """Where a resident lived from ``start_date`` to ``end_date`` (both inclusive, either open):
    the facts of the home of their household membership current on those days, kept so that
    counting a million residents by tenure, type of home, urban or rural and area on a date is
    one read of this table instead of a join of memberships, tenancies and properties that
    finds each resident's last-recorded membership (decision 0054).

    Derived, never typed: :mod:`tenantvoice.residents.homes` rebuilds a resident's rows from
    their memberships whenever a membership, tenancy or property of theirs is saved or deleted
    (signals) or written in bulk (the importer), so the rows always say what
    ``TenancyMember.objects.current`` (decision 0023) says, for any date. A resident has at
    most one row on any day and none on a day they lived in none of the landlord's homes.
    """

    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="homes")
    # The membership the facts were read from (the one recorded last, when two overlap).
    membership = models.ForeignKey(TenancyMember, on_delete=models.CASCADE, related_name="+")
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    tenure = models.CharField(max_length=24, choices=Tenure.choices)
    property_type = models.CharField(max_length=16, choices=PropertyType.choices)
    location = models.CharField(max_length=8, choices=Location.choices, blank=True)
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # The resident's own date of birth, copied so that age and the home are counted in the same
    # one read (a join back to a million residents took longer than everything else together).
    date_of_birth = models.DateField(null=True, blank=True)

    objects = ResidentHomeQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["resident", "start_date"], name="resident_home_by_resident")]

    def __str__(self) -> str:
        return f"{self.resident_id} at home from {self.start_date} to {self.end_date}"


# --- Equality data: special category data under UK GDPR article 9 -----------------------

PREFER_NOT_TO_SAY = ("prefer_not_to_say", "Prefer not to say")


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY


class GenderSameAsSex(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY


class Ethnicity(models.TextChoices):
    """The 19 ethnic groups of the 2021 Census in England and Wales (ONS)."""

    ASIAN_BANGLADESHI = "asian_bangladeshi", "Asian or Asian British: Bangladeshi"
    ASIAN_CHINESE = "asian_chinese", "Asian or Asian British: Chinese"
    ASIAN_INDIAN = "asian_indian", "Asian or Asian British: Indian"
    ASIAN_PAKISTANI = "asian_pakistani", "Asian or Asian British: Pakistani"
    ASIAN_OTHER = "asian_other", "Asian or Asian British: any other Asian background"
    BLACK_AFRICAN = "black_african", "Black, Black British, Caribbean or African: African"
    BLACK_CARIBBEAN = "black_caribbean", "Black, Black British, Caribbean or African: Caribbean"
    BLACK_OTHER = (
        "black_other",
        "Black, Black British, Caribbean or African: any other Black, Black British or Caribbean background",
    )
    MIXED_WHITE_ASIAN = "mixed_white_asian", "Mixed or multiple ethnic groups: White and Asian"
    MIXED_WHITE_BLACK_AFRICAN = (
        "mixed_white_black_african",
        "Mixed or multiple ethnic groups: White and Black African",
    )
    MIXED_WHITE_BLACK_CARIBBEAN = (
        "mixed_white_black_caribbean",
        "Mixed or multiple ethnic groups: White and Black Caribbean",
    )
    MIXED_OTHER = (
        "mixed_other",
        "Mixed or multiple ethnic groups: any other Mixed or multiple ethnic background",
    )
    WHITE_BRITISH = "white_british", "White: English, Welsh, Scottish, Northern Irish or British"
    WHITE_IRISH = "white_irish", "White: Irish"
    WHITE_GYPSY_TRAVELLER = "white_gypsy_traveller", "White: Gypsy or Irish Traveller"
    WHITE_ROMA = "white_roma", "White: Roma"
    WHITE_OTHER = "white_other", "White: any other White background"
    OTHER_ARAB = "other_arab", "Other ethnic group: Arab"
    OTHER_ANY = "other_any", "Other ethnic group: any other ethnic group"
    PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY


class Disability(models.TextChoices):
    """The 2021 Census question on long-term conditions limiting day-to-day activities."""

    YES_A_LOT = "yes_a_lot", "Yes, limited a lot"
    YES_A_LITTLE = "yes_a_little", "Yes, limited a little"
    NO = "no", "No"
    PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY


class Religion(models.TextChoices):
    NONE = "none", "No religion"
    CHRISTIAN = "christian", "Christian"
    BUDDHIST = "buddhist", "Buddhist"
    HINDU = "hindu", "Hindu"
    JEWISH = "jewish", "Jewish"
    MUSLIM = "muslim", "Muslim"
    SIKH = "sikh", "Sikh"
    OTHER = "other", "Any other religion"
    PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY


class SexualOrientation(models.TextChoices):
    STRAIGHT = "straight", "Straight or heterosexual"
    GAY_LESBIAN = "gay_lesbian", "Gay or lesbian"
    BISEXUAL = "bisexual", "Bisexual"
    OTHER = "other", "Another sexual orientation"
    PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY


class CaringResponsibility(models.TextChoices):
    NONE = "none", "No"
    UNDER_20_HOURS = "under_20", "Yes, up to 19 hours a week"
    TWENTY_TO_49 = "20_to_49", "Yes, 20 to 49 hours a week"
    FIFTY_PLUS = "50_plus", "Yes, 50 or more hours a week"
    PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY


class ConsentMethod(models.TextChoices):
    PORTAL = "portal", "On this website"
    PAPER = "paper", "Paper form"
    PHONE = "phone", "By phone"
    IN_PERSON = "in_person", "In person"


# The wording residents agree to. Stored with each consent so a later change of wording
# does not rewrite what someone agreed to.
EQUALITY_CONSENT_WORDING = (
    "I agree that {landlord} may keep my answers to these equality questions to check that "
    "it treats everyone fairly and reaches everyone it serves. Only a few named staff can "
    "see them. They are never shown in a way that could identify me. I can change or delete "
    "my answers at any time."
)


class EqualityProfile(models.Model):
    """Optional equality answers. Exists only with recorded consent; blank means not asked.

    Age is not stored here: it comes from the resident's date of birth.
    """

    resident = models.OneToOneField(Resident, on_delete=models.CASCADE, related_name="equality_profile")
    consent_given_at = models.DateTimeField()
    consent_wording = models.TextField()
    consent_method = models.CharField(max_length=16, choices=ConsentMethod.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    sex = models.CharField(max_length=20, choices=Sex.choices, blank=True)
    gender_same_as_sex_at_birth = models.CharField(
        "gender identity the same as sex registered at birth",
        max_length=20,
        choices=GenderSameAsSex.choices,
        blank=True,
    )
    gender_identity = models.CharField(
        max_length=100, blank=True, help_text="In their own words, if they wish."
    )
    ethnicity = models.CharField(max_length=32, choices=Ethnicity.choices, blank=True)
    disability = models.CharField(max_length=20, choices=Disability.choices, blank=True)
    religion = models.CharField(max_length=20, choices=Religion.choices, blank=True)
    sexual_orientation = models.CharField(max_length=20, choices=SexualOrientation.choices, blank=True)
    caring_responsibilities = models.CharField(
        max_length=20, choices=CaringResponsibility.choices, blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "equality profile"

    def __str__(self) -> str:
        return f"Equality profile of resident {self.resident_id}"


EQUALITY_FIELDS = (
    "sex",
    "gender_same_as_sex_at_birth",
    "gender_identity",
    "ethnicity",
    "disability",
    "religion",
    "sexual_orientation",
    "caring_responsibilities",
)


# --- Imports from the housing management system ------------------------------------------


class ImportStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Running"
    CHECKED = "checked", "Checked (dry run): nothing was changed"
    COMPLETED = "completed", "Imported"
    REJECTED = "rejected", "Not imported: the file has problems"
    FAILED = "failed", "Failed: nothing was changed"


class ImportRun(models.Model):
    """One upload of an HMS extract, with its outcome and row-by-row error report."""

    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    file = models.FileField(upload_to="imports/%Y/%m/")
    original_name = models.CharField(max_length=255)
    dry_run = models.BooleanField(default=False)
    good_rows_only = models.BooleanField(
        default=False, help_text="Import the rows without problems and skip the others."
    )
    # A full extract lists every current tenancy, so tenancies missing from it have ended.
    full_extract = models.BooleanField(default=True)
    # The officer confirmed that a full extract may end many tenancies (see importing/running.py).
    allow_many_ended = models.BooleanField(default=False)
    # An import is confirmed from the dry run that checked the same file.
    from_check = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="imports"
    )
    status = models.CharField(max_length=16, choices=ImportStatus.choices, default=ImportStatus.QUEUED)
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    summary = models.JSONField(default=dict, blank=True)
    errors = models.JSONField(default=list, blank=True)
    error_count = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The process running it ("host:pid:nonce"): if that process dies, recovery marks it failed.
    claimed_by = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Import {self.pk} of {self.original_name}"

    @property
    def progress_percent(self) -> int:
        if not self.rows_total:
            return 0
        return min(100, round(100 * self.rows_done / self.rows_total))

    @property
    def is_finished(self) -> bool:
        return self.status not in {ImportStatus.QUEUED, ImportStatus.RUNNING}
