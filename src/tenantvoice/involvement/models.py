"""Levels of engagement, the involvement register, the menu of opportunities, and groups
with their seats, terms of office and roles. A landlord's structure is data, loaded from a
strategy file (see tenantvoice.strategies); nothing here knows any landlord by name."""

from __future__ import annotations

import datetime as dt
import re

from django.conf import settings
from django.db import models
from django.db.models import Q

from tenantvoice.residents.models import Resident

from .eligibility import Eligibility


class Level(models.Model):
    """One rung of the landlord's ladder of involvement (HfW's Pyramid of Engagement)."""

    order = models.PositiveSmallIntegerField(unique=True, help_text="1 is the default level.")
    slug = models.SlugField(max_length=64, unique=True)
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    # "What's in it for me": one benefit per line.
    benefits = models.JSONField(default=list, blank=True)
    time_commitment = models.CharField(
        max_length=120, blank=True, help_text='As residents read it, e.g. "Up to 4 hours a month".'
    )
    hours_per_month = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    cap = models.PositiveIntegerField(
        null=True, blank=True, help_text="Most members at once; empty for no limit."
    )
    needs_application = models.BooleanField(
        default=False, help_text="Joining needs an application and selection."
    )
    is_default = models.BooleanField(default=False, help_text="Every resident is on it without joining.")
    eligibility = models.JSONField(default=dict, blank=True)
    # Members of this level are "involved" (eligibility rule involved_only). Winchester's
    # TenantLink survey list is a level whose members are not, by its Table 1 footnote.
    counts_as_involved = models.BooleanField(default=True)
    # Where each rule comes from: field -> {section, quote} | {regulation} | {chosen, default}.
    sources = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=Q(is_default=True), name="involvement_one_default_level"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def rule(self) -> Eligibility:
        return Eligibility.from_data(self.eligibility)


class ServiceArea(models.Model):
    """A subject residents can be interested in (repairs, anti-social behaviour ...)."""

    slug = models.SlugField(max_length=64, unique=True)
    name = models.CharField(max_length=120)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class WayToTakePart(models.TextChoices):
    SURVEYS = "surveys", "Answering surveys"
    READING = "reading", "Reading and commenting on letters, leaflets and policies"
    MEETINGS = "meetings", "Coming to meetings"
    ONLINE = "online", "Online discussions"
    EVENTS = "events", "Events and action days"
    INSPECTIONS = "inspections", "Estate inspections"
    MYSTERY_SHOPPING = "mystery_shopping", "Mystery shopping"
    SCRUTINY = "scrutiny", "Reviewing services in depth (scrutiny)"


class JoinChannel(models.TextChoices):
    PORTAL = "portal", "Online, by the resident"
    PHONE = "phone", "By phone"
    PAPER = "paper", "Paper form"
    DOORSTEP = "doorstep", "On the doorstep"
    EMAIL = "email", "By email"
    MEETING = "meeting", "At a meeting or event"


class MembershipStatus(models.TextChoices):
    APPLIED = "applied", "Applied: waiting for a decision"
    WAITING = "waiting", "On the waiting list"
    OFFERED = "offered", "Offered a place"
    ACTIVE = "active", "Member"
    REFUSED = "refused", "Application not accepted"
    DECLINED = "declined", "Declined the place offered"
    WITHDRAWN = "withdrawn", "Withdrew"
    LEFT = "left", "Left"


OPEN_STATUSES = frozenset(
    {MembershipStatus.APPLIED, MembershipStatus.WAITING, MembershipStatus.OFFERED, MembershipStatus.ACTIVE}
)
# An offered place is held for the resident, so it counts against the cap.
PLACE_STATUSES = frozenset({MembershipStatus.ACTIVE, MembershipStatus.OFFERED})


def _dated(start: dt.date, end: dt.date, prefix: str = "") -> Q:
    """Rows begun (``started_on``) by ``end`` and not ended (``ended_on``, inclusive) before
    ``start``: the one dated rule for level memberships, seats and roles (decision 0023)."""
    return Q(**{f"{prefix}started_on__isnull": False, f"{prefix}started_on__lte": end}) & (
        Q(**{f"{prefix}ended_on__isnull": True}) | Q(**{f"{prefix}ended_on__gte": start})
    )


def _held(started_on: dt.date | None, ended_on: dt.date | None, on: dt.date) -> bool:
    """:func:`_dated` for one row already loaded, on one day."""
    return started_on is not None and started_on <= on and (ended_on is None or ended_on >= on)


class LevelMembershipQuerySet(models.QuerySet["LevelMembership"]):
    def held_on(self, on: dt.date) -> LevelMembershipQuerySet:
        """The memberships that put each resident on a level on ``on``: at most one each."""
        return self.held_during(on, on)

    def held_during(self, start: dt.date, end: dt.date) -> LevelMembershipQuerySet:
        """Memberships that put their resident on their level on at least one day from
        ``start`` to ``end``.

        A resident is on one level at a time, but the day they move can be the last day of the
        old membership and the first of the new one (a move on the day they joined, or a join
        recorded with an earlier date). On such a day the later-started membership counts (then
        the later-recorded one); a membership covered, for all its days in the period, by one
        that started later is left out. All in SQL, so it scales to the whole register.
        """
        from django.db.models import Exists, OuterRef, Value
        from django.db.models.functions import Coalesce, Greatest, Least

        period_start, period_end = Value(start), Value(end)
        first_day = Greatest(OuterRef("started_on"), period_start)
        last_day = Least(Coalesce(OuterRef("ended_on"), period_end), period_end)
        later = LevelMembership.objects.filter(
            Q(started_on__gt=OuterRef("started_on"))
            | Q(started_on=OuterRef("started_on"), pk__gt=OuterRef("pk")),
            Q(ended_on__isnull=True) | Q(ended_on__gte=last_day),
            resident=OuterRef("resident"),
            started_on__lte=first_day,
        )
        return self.filter(_dated(start, end)).filter(~Exists(later))


class LevelMembership(models.Model):
    """A resident's request for, or membership of, a level above the default one.

    Rows are never deleted: with their start and end dates and their events they answer
    "who was at which level on any date".
    """

    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="level_memberships")
    level = models.ForeignKey(Level, on_delete=models.PROTECT, related_name="memberships")
    status = models.CharField(max_length=16, choices=MembershipStatus.choices)
    requested_at = models.DateTimeField(help_text="Orders the waiting list.")
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    interests = models.ManyToManyField(ServiceArea, blank=True, related_name="+")
    ways = models.JSONField(default=list, blank=True)
    application = models.TextField(blank=True, help_text="Why they want to join, for levels with selection.")
    # Consent to hold their involvement details, as shown to them when they joined.
    consent_wording = models.TextField()
    consent_at = models.DateTimeField()
    channel = models.CharField(max_length=16, choices=JoinChannel.choices, default=JoinChannel.PORTAL)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    selected = models.BooleanField(default=False, help_text="Selected by an officer (levels with selection).")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)
    offer_expires_on = models.DateField(null=True, blank=True)

    objects = LevelMembershipQuerySet.as_manager()

    class Meta:
        ordering = ["requested_at", "pk"]
        constraints = [
            # One place at a time: a resident is on one level (or the default one).
            models.UniqueConstraint(
                fields=["resident"], condition=Q(status="active"), name="involvement_one_level_at_a_time"
            ),
            models.UniqueConstraint(
                fields=["resident", "level"],
                condition=Q(status__in=["applied", "waiting", "offered", "active"]),
                name="involvement_one_open_request_per_level",
            ),
        ]
        indexes = [
            models.Index(fields=["level", "status", "requested_at"]),
            # The staff home's "Applications to decide" and "Offers waiting for an answer": the
            # first few in their order and a count of at most a hundred, read from these small
            # partial indexes rather than from every open membership (members included).
            models.Index(
                fields=["requested_at", "id"], condition=Q(status="applied"), name="membership_applied_idx"
            ),
            models.Index(
                fields=["offer_expires_on", "id"],
                condition=Q(status="offered"),
                name="membership_offered_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.resident} – {self.level} ({self.get_status_display()})"


class MembershipEvent(models.Model):
    """Each change of a level membership, with when, who and why."""

    membership = models.ForeignKey(LevelMembership, on_delete=models.CASCADE, related_name="events")
    occurred_at = models.DateTimeField(auto_now_add=True)
    from_status = models.CharField(max_length=16, choices=MembershipStatus.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=MembershipStatus.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["occurred_at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status or 'new'} -> {self.to_status}"


class OpportunityKind(models.TextChoices):
    BOARD = "board", "Board"
    PANEL = "panel", "Panel"
    FORUM = "forum", "Forum"
    SERVICE_IMPROVEMENT_GROUP = "service_improvement_group", "Service improvement group"
    TRA = "tra", "Tenants' and residents' association"
    TMO = "tmo", "Tenant management organisation"
    AREA_ASSOCIATION = "area_association", "Area association"
    FOCUS_GROUP = "focus_group", "Focus group"
    ESTATE_INSPECTION = "estate_inspection", "Estate inspection"
    RESIDENT_INSPECTOR = "resident_inspector", "Resident inspector"
    MYSTERY_SHOPPER = "mystery_shopper", "Mystery shopper"
    READERS_PANEL = "readers_panel", "Readers panel"
    ACTION_DAY = "action_day", "Action day"
    CONFERENCE = "conference", "Conference"
    SURVEY_GROUP = "survey_group", "Survey group"


class Influence(models.TextChoices):
    """What taking part can change (Southway's three levels of influence)."""

    SERVICE_DELIVERY = "service_delivery", "How services are delivered"
    ORGANISATION = "organisation", "How the organisation is run"
    POLICY_STRATEGY = "policy_strategy", "Policy and strategy"


class Opportunity(models.Model):
    """One entry on the menu of ways to get involved."""

    slug = models.SlugField(max_length=64, unique=True)
    name = models.CharField(max_length=160)
    kind = models.CharField(max_length=32, choices=OpportunityKind.choices)
    summary = models.TextField(blank=True)
    formal = models.BooleanField(default=False)
    collective = models.BooleanField(default=True, help_text="With others (a group) rather than on your own.")
    frequency = models.CharField(
        max_length=120, blank=True, help_text='e.g. "Monthly", "4 to 6 meetings a year".'
    )
    hours_per_month = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    influences = models.JSONField(default=list, blank=True)
    eligibility = models.JSONField(default=dict, blank=True)
    level = models.ForeignKey(
        Level,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="opportunities",
        help_text="The level a resident needs to be on for this.",
    )
    group = models.ForeignKey(
        "Group", null=True, blank=True, on_delete=models.SET_NULL, related_name="opportunities"
    )
    how_to_join = models.TextField(blank=True)
    is_open = models.BooleanField(default=True, help_text="Shown on the menu.")
    sources = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "opportunities"

    def __str__(self) -> str:
        return self.name

    @property
    def rule(self) -> Eligibility:
        return Eligibility.from_data(self.eligibility)

    def influence_labels(self) -> list[str]:
        return [str(Influence(i).label) for i in self.influences]


class HowChosen(models.TextChoices):
    OPEN = "open", "Open to anyone eligible"
    APPLICATION = "application", "Application and selection"
    NOMINATION = "nomination", "Nominated by another group"
    ELECTION = "election", "Elected by ballot"
    EX_OFFICIO = "ex_officio", "By their office (e.g. councillors, board members)"
    APPOINTMENT = "appointment", "Appointed by the landlord"


class Recognition(models.TextChoices):
    NOT_APPLICABLE = "", "Not applicable"
    RECOGNISED = "recognised", "Recognised"
    PENDING = "pending", "Applying for recognition"
    LAPSED = "lapsed", "Recognition lapsed"


class Group(models.Model):
    """A panel, forum, board, association or other group residents sit on."""

    slug = models.SlugField(max_length=64, unique=True)
    name = models.CharField(max_length=160)
    kind = models.CharField(max_length=32, choices=OpportunityKind.choices)
    purpose = models.TextField(blank=True)
    level = models.ForeignKey(Level, null=True, blank=True, on_delete=models.PROTECT, related_name="groups")
    is_level = models.BooleanField(
        default=False,
        help_text="The group is its level (for example a scrutiny panel that is the top level): a "
        "resident's seat needs the level, ends when they leave it, and holds the level for them.",
    )
    min_members = models.PositiveSmallIntegerField(null=True, blank=True)
    max_members = models.PositiveSmallIntegerField(null=True, blank=True)
    attendance_commitment_percent = models.PositiveSmallIntegerField(null=True, blank=True)
    min_commitment_months = models.PositiveSmallIntegerField(null=True, blank=True)
    meetings_per_year = models.CharField(max_length=160, blank=True, help_text="As the strategy says it.")
    meetings_min = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Fewest meetings a year; empty to read it from the words."
    )
    meetings_max = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Most meetings a year; empty for no most (or to read it from the words).",
    )
    how_chosen = models.CharField(max_length=16, choices=HowChosen.choices, default=HowChosen.OPEN)
    term_years = models.PositiveSmallIntegerField(null=True, blank=True)
    max_consecutive_terms = models.PositiveSmallIntegerField(null=True, blank=True)
    # A break shorter than this between two terms still counts them as consecutive.
    term_break_days = models.PositiveSmallIntegerField(default=365)
    chair_term_years = models.PositiveSmallIntegerField(null=True, blank=True)
    recognition = models.CharField(max_length=16, choices=Recognition.choices, blank=True, default="")
    terms_of_reference = models.TextField(blank=True)
    lead_officer = models.CharField(max_length=160, blank=True)
    supporting_officers = models.JSONField(default=list, blank=True)
    # The service areas it is consulted on (Thenue's Minutes of Agreement); none: all of them.
    consulted_on = models.ManyToManyField(ServiceArea, blank=True, related_name="consulting_groups")
    sources = models.JSONField(default=dict, blank=True)
    constitution_adopted_on = models.DateField(null=True, blank=True)
    last_agm_on = models.DateField(null=True, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def meetings_range(self) -> tuple[int | None, int | None]:
        """Fewest and most meetings a year: the numbers set, else read from the strategy's words
        when they say it plainly ("4 to 6 ...", "At least 5 ...", "Min 5 ...", "6")."""
        if self.meetings_min is not None or self.meetings_max is not None:
            return self.meetings_min, self.meetings_max
        return meetings_from_words(self.meetings_per_year)

    @property
    def next_agm_due(self) -> dt.date | None:
        if self.last_agm_on is None:
            return None
        try:
            return self.last_agm_on.replace(year=self.last_agm_on.year + 1)
        except ValueError:  # 29 February
            return self.last_agm_on.replace(year=self.last_agm_on.year + 1, day=28)


_RANGE = re.compile(r"^\s*(\d+)\s*(?:to|-|–)\s*(\d+)\b", re.IGNORECASE)
_AT_LEAST = re.compile(r"^\s*(?:at least|min(?:imum)?\.?)\s*(\d+)\b", re.IGNORECASE)
_EXACT = re.compile(r"^\s*(\d+)\s*(?:meetings?)?\s*(?:a year|per annum|per year)?\s*$", re.IGNORECASE)


def meetings_from_words(words: str) -> tuple[int | None, int | None]:
    """(fewest, most) meetings a year from words such as "4 to 6, preferably evenings" or "At
    least 5"; (None, None) for anything less plain ("Bi-monthly", "4 formal meetings plus 2
    socials")."""
    if match := _RANGE.match(words):
        low, high = int(match[1]), int(match[2])
        return (low, high) if low <= high else (None, None)
    if match := _AT_LEAST.match(words):
        return int(match[1]), None
    if match := _EXACT.match(words):
        return int(match[1]), int(match[1])
    return None, None


class SeatCategory(models.Model):
    """A kind of seat on a group, with how many there are and how they are filled."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="seat_categories")
    slug = models.SlugField(max_length=64)
    name = models.CharField(max_length=160)
    seats = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Most seats of this kind; empty for no limit."
    )
    voting = models.BooleanField(default=True)
    how_filled = models.CharField(max_length=16, choices=HowChosen.choices, default=HowChosen.OPEN)
    nominated_by = models.ForeignKey(
        Group, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    nominating_body = models.CharField(
        max_length=160, blank=True, help_text="Who nominates, when not a group in TenantVoice."
    )
    # Seats for people who are not residents (councillors, board members, staff, advisers).
    for_residents = models.BooleanField(default=True)
    eligibility = models.JSONField(default=dict, blank=True, help_text="Who may hold the seat.")
    electorate = models.JSONField(default=dict, blank=True, help_text="Who may vote for it, if elected.")
    term_years = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Overrides the group's term."
    )
    # When any seat of a group can chair, the chair must hold one of those seats.
    can_chair = models.BooleanField(default=False)
    sources = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["group", "pk"]
        constraints = [models.UniqueConstraint(fields=["group", "slug"], name="involvement_seat_slug")]
        verbose_name_plural = "seat categories"

    def __str__(self) -> str:
        return f"{self.group}: {self.name}"

    @property
    def rule(self) -> Eligibility:
        return Eligibility.from_data(self.eligibility)

    @property
    def electorate_rule(self) -> Eligibility:
        return Eligibility.from_data(self.electorate)

    @property
    def term(self) -> int | None:
        return self.term_years or self.group.term_years


class SeatHoldingQuerySet(models.QuerySet["SeatHolding"]):
    def held_on(self, on: dt.date) -> SeatHoldingQuerySet:
        """Seats held on ``on``: started by then and not ended before it (the last day counts)."""
        return self.held_during(on, on)

    def held_during(self, start: dt.date, end: dt.date) -> SeatHoldingQuerySet:
        return self.filter(_dated(start, end))


class SeatHolding(models.Model):
    """Someone holding a seat on a group for a term of office."""

    seat_category = models.ForeignKey(SeatCategory, on_delete=models.PROTECT, related_name="holdings")
    resident = models.ForeignKey(
        Resident, null=True, blank=True, on_delete=models.PROTECT, related_name="seat_holdings"
    )
    person_name = models.CharField(max_length=160, blank=True, help_text="For a seat not held by a resident.")
    organisation = models.CharField(max_length=160, blank=True)
    started_on = models.DateField()
    term_ends_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=200, blank=True)
    consecutive_term = models.PositiveSmallIntegerField(
        default=1, help_text="1 for a first term, 2 for a second ..."
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # What the seat was filled on: the counted ballot that elected them, or the body's nomination.
    election = models.ForeignKey(
        "Election", null=True, blank=True, on_delete=models.PROTECT, related_name="seated"
    )
    nomination = models.OneToOneField(
        "SeatNomination", null=True, blank=True, on_delete=models.PROTECT, related_name="holding"
    )
    # An officer filled the seat although a rule was not met: which rules, and why (decision 0024).
    overridden_rules = models.JSONField(default=list, blank=True)
    override_reason = models.TextField(blank=True)

    objects = SeatHoldingQuerySet.as_manager()

    class Meta:
        ordering = ["started_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(resident__isnull=False) | ~Q(person_name=""), name="involvement_seat_has_holder"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.holder_name} on {self.seat_category}"

    @property
    def holder_name(self) -> str:
        return str(self.resident) if self.resident_id else self.person_name

    def is_current(self, on: dt.date) -> bool:
        """:meth:`SeatHoldingQuerySet.held_on` for a holding already loaded."""
        return _held(self.started_on, self.ended_on, on)


class SeatNomination(models.Model):
    """A nominating body's nomination of a resident for a nominated seat (Southway: the Leaseholder
    Forum's leaseholder, a recognised TRA's tenants), as recorded by an officer. Filling the seat
    uses it up."""

    seat_category = models.ForeignKey(SeatCategory, on_delete=models.PROTECT, related_name="body_nominations")
    resident = models.ForeignKey(Resident, on_delete=models.PROTECT, related_name="seat_nominations")
    nominated_by = models.ForeignKey(
        Group, null=True, blank=True, on_delete=models.PROTECT, related_name="nominations_made"
    )
    body_name = models.CharField(
        max_length=160, blank=True, help_text="Which body nominated, when it is not a group in TenantVoice."
    )
    nominated_on = models.DateField()
    note = models.TextField(blank=True, help_text="Where the nomination is recorded, e.g. the AGM minutes.")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-nominated_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(nominated_by__isnull=False) | ~Q(body_name=""), name="involvement_nomination_body"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.resident} nominated by {self.body}"

    @property
    def body(self) -> str:
        return self.nominated_by.name if self.nominated_by_id and self.nominated_by else self.body_name


class GroupRole(models.TextChoices):
    CHAIR = "chair", "Chair"
    VICE_CHAIR = "vice_chair", "Vice chair"
    SECRETARY = "secretary", "Secretary"
    TREASURER = "treasurer", "Treasurer"


class RoleHoldingQuerySet(models.QuerySet["RoleHolding"]):
    def held_on(self, on: dt.date) -> RoleHoldingQuerySet:
        """Offices held on ``on``: the role's own dates and its seat's, both covering the day."""
        return self.held_during(on, on)

    def held_during(self, start: dt.date, end: dt.date) -> RoleHoldingQuerySet:
        return self.filter(_dated(start, end), _dated(start, end, "holding__"))


class RoleHolding(models.Model):
    """An office (chair, vice chair ...) held by a seat holder for a time."""

    holding = models.ForeignKey(SeatHolding, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(max_length=16, choices=GroupRole.choices)
    started_on = models.DateField()
    term_ends_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)

    objects = RoleHoldingQuerySet.as_manager()

    class Meta:
        ordering = ["started_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.holding.holder_name}"

    def is_held_on(self, on: dt.date) -> bool:
        """:meth:`RoleHoldingQuerySet.held_on` for a role already loaded with its holding."""
        return _held(self.started_on, self.ended_on, on) and self.holding.is_current(on)


class ElectionStatus(models.TextChoices):
    NOMINATIONS = "nominations", "Taking nominations"
    VOTING = "voting", "Voting open"
    COUNTED = "counted", "Counted"
    PUBLISHED = "published", "Results published"


class Election(models.Model):
    """A ballot for seats of one category on a group (e.g. Winchester's Tenants Panel)."""

    seat_category = models.ForeignKey(SeatCategory, on_delete=models.PROTECT, related_name="elections")
    title = models.CharField(max_length=200)
    seats = models.PositiveSmallIntegerField(help_text="How many seats this ballot fills.")
    nominations_close_on = models.DateField()
    voting_opens_on = models.DateField()
    voting_closes_on = models.DateField()
    status = models.CharField(
        max_length=16, choices=ElectionStatus.choices, default=ElectionStatus.NOMINATIONS
    )
    # Who may vote, copied from the seat category when the election is set up, so that a later
    # change to the strategy cannot change the electorate of a running ballot.
    electorate = models.JSONField(default=dict, blank=True)
    results = models.JSONField(default=list, blank=True)
    draw = models.TextField(blank=True, help_text="How a tie for the last seat was broken, if there was one.")
    counted_at = models.DateTimeField(null=True, blank=True)
    counted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-voting_closes_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def electorate_rule(self) -> Eligibility:
        return Eligibility.from_data(self.electorate)

    def is_voting_open(self, on: dt.date) -> bool:
        return self.status == ElectionStatus.VOTING and self.voting_opens_on <= on <= self.voting_closes_on


class Nomination(models.Model):
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="nominations")
    resident = models.ForeignKey(Resident, on_delete=models.PROTECT, related_name="nominations")
    statement = models.TextField(blank=True, help_text="The candidate's own words, shown on the ballot.")
    nominated_at = models.DateTimeField(auto_now_add=True)
    withdrawn = models.BooleanField(default=False)

    class Meta:
        ordering = ["resident__last_name_key", "resident__first_name_key", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["election", "resident"], name="involvement_one_nomination")
        ]

    def __str__(self) -> str:
        return str(self.resident)


class BallotRecord(models.Model):
    """That an elector has voted, and how; never what they voted for."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="ballot_records")
    resident = models.ForeignKey(Resident, on_delete=models.PROTECT, related_name="+")
    voted_on = models.DateField()
    channel = models.CharField(max_length=16, choices=JoinChannel.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["election", "resident"], name="involvement_one_vote_each")
        ]

    def __str__(self) -> str:
        return f"Ballot record {self.pk}"


class Vote(models.Model):
    """One mark on a ballot paper. A random id and no time or voter: a vote cannot be traced
    back to the elector, even by comparing the order in which rows were written."""

    id = models.UUIDField(primary_key=True, editable=False)
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="votes")
    nomination = models.ForeignKey(Nomination, on_delete=models.PROTECT, related_name="votes")

    def __str__(self) -> str:
        return f"Vote in {self.election_id}"
