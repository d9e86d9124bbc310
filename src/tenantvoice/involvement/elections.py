"""Elections for seats filled by ballot: nominations, one vote per elector, counting with a
recorded draw for ties, and publishing the result. Votes are stored apart from the record
of who voted, with random ids, so no one can link a vote to a voter."""

from __future__ import annotations

import datetime as dt
import random
import secrets
import uuid
from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone

from tenantvoice.core.audit import audit_record
from tenantvoice.core.models import AuditAction
from tenantvoice.core.text import counted
from tenantvoice.residents.models import Resident

from .eligibility import eligibility_problems
from .models import (
    BallotRecord,
    Election,
    ElectionStatus,
    JoinChannel,
    Nomination,
    SeatCategory,
    Vote,
)
from .selectors import resident_facts
from .services import InvolvementError, NotEligible, _user, seat_fill


@transaction.atomic
def election_create(
    *,
    category: SeatCategory,
    title: str,
    seats: int,
    nominations_close_on: dt.date,
    voting_opens_on: dt.date,
    voting_closes_on: dt.date,
    by: Any = None,
) -> Election:
    if seats < 1 or (category.seats is not None and seats > category.seats):
        most = "at least 1 seat" if category.seats is None else f"between 1 and {category.seats} seats"
        raise InvolvementError(f"A ballot for '{category.name}' fills {most}.")
    if not nominations_close_on < voting_opens_on <= voting_closes_on:
        raise InvolvementError(
            "Nominations must close before voting opens, and voting must open before it closes."
        )
    election = Election.objects.create(
        seat_category=category,
        title=title.strip(),
        seats=seats,
        nominations_close_on=nominations_close_on,
        voting_opens_on=voting_opens_on,
        voting_closes_on=voting_closes_on,
        electorate=category.electorate,
    )
    _audit(election, by, AuditAction.CREATE, f"Election '{election.title}' for {seats} seat(s)")
    return election


def _audit(election: Election, by: Any, action: str, summary: str, resident_id: int | None = None) -> None:
    audit_record(
        actor=by,
        action=action,
        object_type="election",
        object_id=election.pk,
        resident_id=resident_id,
        summary=summary,
    )


@transaction.atomic
def nomination_add(
    *, election: Election, resident: Resident, statement: str = "", on: dt.date | None = None, by: Any = None
) -> Nomination:
    on = on or timezone.localdate()
    if election.status != ElectionStatus.NOMINATIONS or on > election.nominations_close_on:
        raise InvolvementError("Nominations for this election have closed.")
    problems = eligibility_problems(election.seat_category.rule, resident_facts(resident, on))
    if problems:
        raise NotEligible(problems)
    try:
        with transaction.atomic():
            nomination = Nomination.objects.create(
                election=election, resident=resident, statement=statement.strip()
            )
    except IntegrityError:
        raise InvolvementError(f"{resident} is already a candidate.") from None
    _audit(election, by, AuditAction.CREATE, f"Nominated in '{election.title}'", resident.pk)
    return nomination


@transaction.atomic
def voting_open(*, election: Election, by: Any = None) -> Election:
    election = Election.objects.select_for_update().get(pk=election.pk)
    if election.status != ElectionStatus.NOMINATIONS:
        raise InvolvementError("Voting has already opened.")
    if election.nominations.filter(withdrawn=False).count() == 0:
        raise InvolvementError("There are no candidates, so there is nothing to vote on.")
    election.status = ElectionStatus.VOTING
    election.save(update_fields=["status"])
    _audit(election, by, AuditAction.UPDATE, f"Opened voting in '{election.title}'")
    return election


def elector_problems(election: Election, resident: Resident, on: dt.date) -> list[str]:
    return eligibility_problems(election.electorate_rule, resident_facts(resident, on))


@transaction.atomic
def vote_cast(
    *,
    election: Election,
    voter: Resident,
    choices: Iterable[int],
    channel: str = JoinChannel.PORTAL,
    by: Any = None,
    on: dt.date | None = None,
) -> None:
    """Record one elector's ballot: up to ``election.seats`` different candidates."""
    on = on or timezone.localdate()
    election = Election.objects.select_for_update().get(pk=election.pk)
    if not election.is_voting_open(on):
        raise InvolvementError("Voting in this election is not open.")
    chosen = set(choices)
    if not chosen:
        raise InvolvementError("Choose at least one candidate.")
    if len(chosen) > election.seats:
        raise InvolvementError(f"Choose up to {counted(election.seats, 'candidate', 'candidates')}.")
    candidates = list(election.nominations.filter(pk__in=chosen, withdrawn=False))
    if len(candidates) != len(chosen):
        raise InvolvementError("One of the choices is not a candidate in this election.")
    problems = elector_problems(election, voter, on)
    if problems:
        raise NotEligible(problems)
    try:
        with transaction.atomic():
            BallotRecord.objects.create(
                election=election,
                resident=voter,
                voted_on=on,
                channel=channel,
                # Who recorded a paper ballot; a vote in the portal is the voter's own.
                recorded_by=_user(by) if channel != JoinChannel.PORTAL else None,
            )
    except IntegrityError:
        raise InvolvementError(f"{voter} has already voted in this election.") from None
    # Shuffled, with random ids, so neither the ids nor the order rows are written in say who voted.
    random.SystemRandom().shuffle(candidates)
    Vote.objects.bulk_create([Vote(id=uuid.uuid4(), election=election, nomination=c) for c in candidates])
    # That they voted, as the ballot record says; never who for.
    _audit(election, by, AuditAction.CREATE, f"Voted in '{election.title}' ({channel})", voter.pk)


@transaction.atomic
def election_count(
    *, election: Election, by: Any, seed: int | None = None, on: dt.date | None = None
) -> Election:
    """Count the votes; a tie for the last seat is broken by a draw whose seed is recorded."""
    on = on or timezone.localdate()
    election = Election.objects.select_for_update().get(pk=election.pk)
    if election.status != ElectionStatus.VOTING:
        raise InvolvementError("Only an election whose voting is open can be counted.")
    if on <= election.voting_closes_on:
        raise InvolvementError(
            f"Voting is open until {election.voting_closes_on:%d/%m/%Y}: count after that."
        )
    tallies = list(
        election.nominations.filter(withdrawn=False)
        .select_related("resident")
        .annotate(total=Count("votes", filter=Q(votes__election=election)))
        .order_by("-total", "pk")
    )
    seats = min(election.seats, len(tallies))
    elected = tallies[:seats]
    draw = ""
    if seats < len(tallies) and tallies[seats - 1].total == tallies[seats].total:
        tied_total = tallies[seats - 1].total
        sure = [n for n in tallies if n.total > tied_total]
        tied = [n for n in tallies if n.total == tied_total]
        places = seats - len(sure)
        seed = seed if seed is not None else secrets.randbelow(10**9)
        drawn = random.Random(seed).sample(sorted(tied, key=lambda n: n.pk), places)
        elected = sure + drawn
        draw = (
            f"{len(tied)} candidates tied with {counted(tied_total, 'vote', 'votes')} for "
            f"{counted(places, 'seat', 'seats')}: {', '.join(str(n.resident) for n in tied)}. "
            f"Drawn by lot (seed {seed}): {', '.join(str(n.resident) for n in drawn)}."
        )
    winners = {n.pk for n in elected}
    election.results = [
        {"nomination": n.pk, "name": str(n.resident), "votes": n.total, "elected": n.pk in winners}
        for n in tallies
    ]
    election.draw = draw
    election.status = ElectionStatus.COUNTED
    election.counted_at = timezone.now()
    election.counted_by = _user(by)
    election.save(update_fields=["results", "draw", "status", "counted_at", "counted_by"])
    summary = f"Counted the votes in '{election.title}'" + (" (a tie drawn by lot)" if draw else "")
    _audit(election, by, AuditAction.UPDATE, summary)
    return election


@transaction.atomic
def election_publish(
    *, election: Election, fill_seats_from: dt.date | None = None, by: Any = None
) -> Election:
    """Publish the result to residents, and seat the winners from ``fill_seats_from``."""
    election = Election.objects.select_for_update().get(pk=election.pk)
    if election.status != ElectionStatus.COUNTED:
        raise InvolvementError("Count the votes before publishing the result.")
    if fill_seats_from is not None:
        for row in election.results:
            if row["elected"]:
                nomination = Nomination.objects.select_related("resident").get(pk=row["nomination"])
                seat_fill(
                    category=election.seat_category,
                    resident=nomination.resident,
                    started_on=fill_seats_from,
                    election=election,
                    by=by,
                )
    election.status = ElectionStatus.PUBLISHED
    election.published_at = timezone.now()
    election.save(update_fields=["status", "published_at"])
    _audit(election, by, AuditAction.UPDATE, f"Published the result of '{election.title}'")
    return election
