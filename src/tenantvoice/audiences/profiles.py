"""Customer profiles (issue 18, item 3; decision 0048): the landlord's segments of its
customers, each with its size, how it prefers to be reached, how involved it is and the channels
that reach it, and the whole resident base broken down the way the representation tables break
it down, for a strategy review.

Thenue's Customer Engagement Strategy (seed 001), 3.2 "Customer Profiles": "analysing our data on
customers to produce a set of customer profiles ... and then use these profiles to consider how
best to: Engage with each customer type"; objective 1: "Undertake regular customer profiling to
ensure we know our customer's service and communication needs, preferences and motivations."

A profile is a saved group (``Segment``) marked ``is_profile``: rules over the register, so it
always gives today's residents. Each profile's figures are one aggregate query (counts with
filters, never a loop over residents), and the base's tables come from
``representation.compare`` (one grouped query per characteristic). Both are kept in the
summary store (decision 0040), so the page reads them in one query until the register or
involvement next changes, and the worker computes them again in the background then. Every
count of people goes through ``core.suppression.suppress``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from tenantvoice.comms.models import Message, MessageStatus
from tenantvoice.core.age_bands import age_bands_text
from tenantvoice.core.summaries import summarised
from tenantvoice.core.suppression import Hidden, Suppression, suppress
from tenantvoice.core.tables import Table, tables_from_json, tables_to_json
from tenantvoice.residents.models import Channel, TenancyMember

from .models import Segment
from .rules import Audience, audience_describe, audience_residents

# Messages counted for "reached" and "failed": the last year before the day (platform's choice:
# long enough that a quarterly newsletter has gone to everyone reachable at least once).
MESSAGES_OVER_DAYS = 365
REACHED = (MessageStatus.SENT, MessageStatus.DELIVERED, MessageStatus.PRINTED)
FAILED = (MessageStatus.BOUNCED, MessageStatus.FAILED, MessageStatus.NOT_SENT)

CHANNELS = tuple(Channel.values)
# The counts each profile has, in the order its row shows them after its size.
ON_FILE = ("email", "mobile", "postal")
MESSAGES = ("reached", "failed")
FACTS = (
    ("involved", "Involved"),
    ("email", "Email address on file"),
    ("mobile", "Mobile number on file"),
    ("postal", "Postal address (home or for letters)"),
    ("reached", "Reached by a message in the last year"),
    ("failed", "A message to them failed in the last year"),
)


@summarised(lambda **arguments: ["register", "involvement"])
def _segment_counts(rules: dict[str, Any], on: str) -> dict[str, int]:
    """The raw counts for one profile's rules on ``on``: one aggregate query, and one for the
    messages of the last year."""
    from tenantvoice.representation.populations import all_involved

    day = dt.date.fromisoformat(on)
    residents = audience_residents(Audience.from_json(rules), day)
    at_home = TenancyMember.objects.current(day).filter(resident=OuterRef("pk"))
    counts = residents.aggregate(
        size=Count("pk"),
        involved=Count("pk", filter=Q(pk__in=all_involved(day))),
        email=Count("pk", filter=~Q(email="")),
        mobile=Count("pk", filter=~Q(mobile_phone="")),
        postal=Count("pk", filter=~Q(correspondence_address="") | Q(Exists(at_home))),
        **{f"prefers_{code}": Count("pk", filter=Q(preferred_channel=code)) for code in CHANNELS},
    )
    since = day - dt.timedelta(days=MESSAGES_OVER_DAYS)
    recent = Message.objects.filter(
        recipient=OuterRef("pk"), created_at__date__gt=since, created_at__date__lte=day
    )
    counts |= residents.aggregate(
        reached=Count("pk", filter=Q(Exists(recent.filter(status__in=REACHED)))),
        failed=Count("pk", filter=Q(Exists(recent.filter(status__in=FAILED)))),
    )
    return {key: int(value or 0) for key, value in counts.items()}


@dataclass(frozen=True)
class SegmentProfile:
    """One profile's figures as shown: every count read through ``shown``."""

    segment: Segment
    rules: list[str]
    shown: Suppression[str]

    def count(self, key: str) -> int | Hidden:
        return self.shown.count(key)

    def share(self, key: str) -> float | Hidden | None:
        return self.shown.percent(key, "size")

    @property
    def prefers(self) -> list[tuple[str, int | Hidden, float | Hidden | None]]:
        """(channel's name, residents who prefer it, percentage of the profile)."""
        return [
            (str(Channel(code).label), self.count(f"prefers_{code}"), self.share(f"prefers_{code}"))
            for code in CHANNELS
        ]

    @property
    def reach(self) -> list[tuple[str, int | Hidden, float | Hidden | None]]:
        """(what, residents, percentage of the profile): involvement and the ways to reach them."""
        return [(words, self.count(key), self.share(key)) for key, words in FACTS]


def segment_profile(
    segment: Segment, on: dt.date | None = None, threshold: int | None = None
) -> SegmentProfile:
    """A profile's size, preferred channels, involvement and channels on file, suppressed."""
    from tenantvoice.surveys.results import landlord_threshold

    on = on or timezone.localdate()
    counts = dict(_segment_counts(rules=Audience.from_json(segment.rules).to_json(), on=on.isoformat()))
    size = counts["size"]
    # Each "on file" count and the involved have their complement (a reader can subtract from
    # the size), so the complements are unpublished counts suppress() protects too.
    totals: list[tuple[str, list[str]]] = [("size", [f"prefers_{code}" for code in CHANNELS])]
    unpublished = []
    for key in ("involved", *ON_FILE):
        counts[f"not_{key}"] = size - counts[key]
        totals.append(("size", [key, f"not_{key}"]))
        unpublished.append(f"not_{key}")
    shown = suppress(
        counts,
        landlord_threshold() if threshold is None else threshold,
        totals=totals,
        unpublished=unpublished,
    )
    return SegmentProfile(segment, audience_describe(Audience.from_json(segment.rules)), shown)


def profiles(on: dt.date | None = None, threshold: int | None = None) -> list[SegmentProfile]:
    """Every customer profile the landlord keeps, by name."""
    return [segment_profile(s, on, threshold) for s in Segment.objects.filter(is_profile=True)]


PROFILE_HEADERS = [
    "Profile",
    "Residents",
    *(f"Prefer {str(label).lower()}" for label in Channel.labels),
    "Involved",
    "Involved (%)",
    "Email on file",
    "Mobile on file",
    "Postal address",
    "Reached by a message in the last year",
    "A message failed in the last year",
]


def profile_table(found: Iterable[SegmentProfile]) -> Table:
    rows: list[list[Any]] = []
    notes = set()
    for profile in found:
        rows.append(
            [
                profile.segment.name,
                profile.count("size"),
                *(count for _label, count, _share in profile.prefers),
                profile.count("involved"),
                profile.share("involved"),
                *(profile.count(key) for key in (*ON_FILE, *MESSAGES)),
            ]
        )
        if profile.shown.note:
            notes.add(profile.shown.note)
    return Table("Customer profiles", PROFILE_HEADERS, rows, " ".join(sorted(notes)))


BASE_HEADERS = [
    "Group",
    "Residents",
    "Share of residents (%)",
    "Involved",
    "Share of the involved (%)",
    "Taking part (%)",
]


def _rounded(value: Any) -> Any:
    return round(value, 1) if isinstance(value, float) else value


@summarised(lambda **arguments: ["register", "involvement", "areas"])
def _base_tables(on: str, threshold: int, age_bands: str) -> list[dict[str, Any]]:
    # ``age_bands`` (the landlord's, as text) is part of the key: new bands, new tables.
    from tenantvoice.representation.compare import compare_many
    from tenantvoice.representation.populations import all_involved

    day = dt.date.fromisoformat(on)
    tables = []
    chosen = base_characteristics()
    comparisons = compare_many(chosen, all_involved(day), day, threshold=threshold)
    for characteristic in chosen:
        comparison = comparisons[characteristic.slug]
        rows = [
            [
                line.category.label,
                line.residents,
                _rounded(line.share_of_residents),
                line.involved,
                _rounded(line.share_of_involved),
                _rounded(line.rate),
            ]
            for line in comparison.lines
        ]
        rows.append(["All residents", comparison.residents, None, comparison.involved, None, None])
        tables.append(
            Table(f"All residents by {characteristic.name.lower()}", BASE_HEADERS, rows, comparison.note)
        )
    return tables_to_json(tables)


def base_characteristics() -> list[Any]:
    """The characteristics the base is broken down by: all but the equality ones, which are
    the representation report's to show (only for residents who consented)."""
    from tenantvoice.representation.characteristics import landlord_characteristics

    return [c for c in landlord_characteristics().values() if not c.equality]


def base_tables(on: dt.date | None = None, threshold: int | None = None) -> list[Table]:
    """The residents living in the landlord's homes on ``on``, broken down by each
    non-equality characteristic, with the involved (``all_involved``) in each group."""
    from tenantvoice.representation.characteristics import landlord_age_bands
    from tenantvoice.surveys.results import landlord_threshold

    on = on or timezone.localdate()
    limit = landlord_threshold() if threshold is None else threshold
    bands = age_bands_text(landlord_age_bands())
    return tables_from_json(_base_tables(on=on.isoformat(), threshold=limit, age_bands=bands))


def profile_report(on: dt.date | None = None) -> list[Table]:
    """The whole report as tables: the profiles, then the base by each characteristic."""
    return [profile_table(profiles(on)), *base_tables(on)]
