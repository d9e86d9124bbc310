"""What the involvement register holds about a resident: levels and their history, places on
waiting lists, seats on groups, candidacies, and whether (never how) they voted (decision 0016)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.formats import date_format

from tenantvoice.core.personal_data import Context, Record, label_of, local_date, not_exported, section
from tenantvoice.core.text import counted

from .models import (
    BallotRecord,
    Election,
    ElectionStatus,
    JoinChannel,
    LevelMembership,
    MembershipEvent,
    MembershipStatus,
    Nomination,
    RoleHolding,
    SeatHolding,
    SeatNomination,
    WayToTakePart,
)
from .models import Vote as BallotMark

not_exported(
    BallotMark,
    "nomination",
    reason=(
        "A mark on a ballot paper names the candidate chosen but not the voter (no voter, no time, a "
        "random id), so no vote can be linked to the person who cast it. It refers to a resident only "
        "as the candidate; a candidate's count is shown with their nomination once results are published."
    ),
)
not_exported(Election, "counted_by", reason="The staff account that counted the votes.")
not_exported(SeatNomination, "recorded_by", reason="The staff account that recorded the nomination.")


def _words(day: dt.date | None) -> str:
    return date_format(day, "j F Y") if day else ""


@section(
    key="levels",
    title="Levels of involvement you joined or asked to join",
    why=(
        "We keep your applications, your place on any waiting list, offers of a place and what changed "
        "and when, to run the levels of involvement fairly and in order."
    ),
    empty="You have not asked to join a level of involvement.",
    order=300,
    covers=[LevelMembership, MembershipEvent],
)
def levels(ctx: Context) -> list[Record]:
    ahead = (
        LevelMembership.objects.filter(level_id=OuterRef("level_id"), status=MembershipStatus.WAITING)
        .filter(
            Q(requested_at__lt=OuterRef("requested_at"))
            | Q(requested_at=OuterRef("requested_at"), pk__lt=OuterRef("pk"))
        )
        .order_by()
        .values("level_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    memberships = (
        LevelMembership.objects.filter(resident=ctx.resident)
        .select_related("level")
        .annotate(ahead=Coalesce(Subquery(ahead, output_field=IntegerField()), Value(0)))
        .prefetch_related(
            "interests", Prefetch("events", queryset=MembershipEvent.objects.order_by("occurred_at", "pk"))
        )
        .order_by("-requested_at", "-pk")
    )
    statuses = dict(MembershipStatus.choices)
    records = []
    for m in memberships:
        waiting = m.status == MembershipStatus.WAITING
        history = [
            f"{_words(local_date(e.occurred_at))}: "
            + (f"{statuses.get(e.from_status, e.from_status)} to " if e.from_status else "")
            + str(statuses.get(e.to_status, e.to_status))
            + (f" ({e.note})" if e.note else "")
            for e in m.events.all()
        ]
        records.append(
            Record(
                [
                    ("Level", m.level.name),
                    ("Where it stands", m.get_status_display()),
                    ("Your place on the waiting list", m.ahead + 1 if waiting else None),  # type: ignore[attr-defined]
                    ("Asked on", m.requested_at),
                    ("How you asked", m.get_channel_display()),
                    ("Started", m.started_on),
                    ("Ended", m.ended_on),
                    ("Place offered until", m.offer_expires_on),
                    ("Subjects you are interested in", [s.name for s in m.interests.all()]),
                    (
                        "Ways you would like to take part",
                        [label_of(WayToTakePart.choices, w) for w in m.ways],
                    ),
                    ("What you told us in your application", m.application),
                    ("Decision", m.decision_reason),
                    ("Decided on", m.decided_at),
                    ("What you agreed to", m.consent_wording),
                    ("You agreed on", m.consent_at),
                    ("What changed and when", history),
                ],
                heading=f"{m.level.name}: {m.get_status_display()}",
            )
        )
    return records


@section(
    key="groups",
    title="Groups you are a member of",
    why=(
        "We keep the seats you hold on panels, boards and other groups, your terms of office and any role"
        " such as chair, to follow each group's rules."
    ),
    empty="You do not hold, and have not held, a seat on a group.",
    order=310,
    covers=[SeatHolding, RoleHolding, SeatNomination],
)
def groups(ctx: Context) -> list[Record]:
    holdings = (
        SeatHolding.objects.filter(resident=ctx.resident)
        .select_related("seat_category__group", "election", "nomination__nominated_by")
        .prefetch_related(Prefetch("roles", queryset=RoleHolding.objects.order_by("started_on", "pk")))
        .order_by("-started_on", "-pk")
    )
    records = []
    for h in holdings:
        roles = [
            f"{r.get_role_display()} from {_words(r.started_on)}"
            + (f" to {_words(r.ended_on)}" if r.ended_on else "")
            for r in h.roles.all()
        ]
        current = h.is_current(ctx.today)
        records.append(
            Record(
                [
                    ("Group", h.seat_category.group.name),
                    ("Seat", h.seat_category.name),
                    ("Member now", current),
                    ("Started", h.started_on),
                    ("Term ends", h.term_ends_on),
                    ("Ended", h.ended_on),
                    ("Why it ended", h.end_reason),
                    ("Term of office", f"Term {h.consecutive_term} in a row"),
                    ("Roles you held", roles),
                    ("Elected in", h.election.title if h.election else ""),
                    (
                        "Nominated by",
                        f"{h.nomination.body} on {_words(h.nomination.nominated_on)}" if h.nomination else "",
                    ),
                    ("Seated although a rule was not met, because", h.override_reason),
                ],
                heading=h.seat_category.group.name + ("" if current else " (ended)"),
            )
        )
    for n in (
        SeatNomination.objects.filter(resident=ctx.resident, holding__isnull=True)
        .select_related("seat_category__group", "nominated_by")
        .order_by("-nominated_on", "-pk")
    ):
        records.append(
            Record(
                [
                    ("Group", n.seat_category.group.name),
                    ("Seat", n.seat_category.name),
                    ("Nominated by", n.body),
                    ("Nominated on", n.nominated_on),
                    ("Where it is recorded", n.note),
                ],
                heading=f"Nominated for {n.seat_category.group.name}",
            )
        )
    return records


@section(
    key="nominations",
    title="Elections you stood in",
    why=(
        "We keep your nomination and what you wrote for the ballot paper, and the result once it is "
        "published."
    ),
    empty="You have not stood in an election.",
    order=320,
    covers=[Nomination],
)
def nominations(ctx: Context) -> list[Record]:
    records = []
    for n in (
        Nomination.objects.filter(resident=ctx.resident)
        .select_related("election__seat_category__group")
        .order_by("-nominated_at", "-pk")
    ):
        election = n.election
        result = ""
        if election.status == ElectionStatus.PUBLISHED:
            row = next((r for r in election.results if r.get("nomination") == n.pk), None)
            if row is not None:
                votes = f"{counted(row['votes'], 'vote', 'votes')}"
                result = f"Elected with {votes}" if row["elected"] else f"Not elected ({votes})"
        records.append(
            Record(
                [
                    ("Election", election.title),
                    ("Group", election.seat_category.group.name),
                    ("Seat", election.seat_category.name),
                    ("Nominated on", n.nominated_at),
                    ("What you wrote for the ballot paper", n.statement),
                    ("You withdrew", n.withdrawn),
                    ("Result", result or "Not published yet"),
                ],
                heading=election.title,
            )
        )
    return records


@section(
    key="ballots",
    title="Elections you voted in",
    why=(
        "We keep that you voted, so that no one votes twice. Votes are secret: we do not keep who you "
        "voted for, and no one can find it out."
    ),
    empty="You have not voted in an election.",
    order=330,
    covers=[BallotRecord],
    layout="table",
)
def ballots(ctx: Context) -> list[Record]:
    # Only BallotRecord is read here: the ballot marks (Vote) are never joined to a voter.
    return [
        Record(
            [
                ("Election", b.election.title),
                ("You voted on", b.voted_on),
                ("How your vote reached us", label_of(JoinChannel.choices, b.channel)),
                ("Who you voted for", "Not kept: votes are secret"),
            ]
        )
        for b in BallotRecord.objects.filter(resident=ctx.resident)
        .select_related("election")
        .order_by("-voted_on", "-pk")
    ]
