"""Every change to the involvement register, groups and seats. Each runs in a transaction,
records an event, and refuses in plain words what the landlord's rules do not allow."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.contrib.humanize.templatetags.humanize import ordinal
from django.db import transaction
from django.utils import timezone

from tenantvoice.core.audit import audit_record
from tenantvoice.core.errors import DomainError
from tenantvoice.core.models import AuditAction
from tenantvoice.core.text import counted, possessive
from tenantvoice.core.updates import model_update
from tenantvoice.core.working_days import add_working_days, landlord_nation
from tenantvoice.residents.models import Resident

from .eligibility import eligibility_problems
from .models import (
    Election,
    ElectionStatus,
    Group,
    GroupRole,
    HowChosen,
    JoinChannel,
    Level,
    LevelMembership,
    MembershipEvent,
    MembershipStatus,
    RoleHolding,
    SeatCategory,
    SeatHolding,
    SeatHoldingQuerySet,
    SeatNomination,
    ServiceArea,
)
from .selectors import (
    level_has_place,
    resident_facts,
    roles_on,
)

# Working days a resident has to accept a place offered from the waiting list, unless the
# strategy sets another value (standards "offer_working_days").
DEFAULT_OFFER_WORKING_DAYS = 10


class InvolvementError(DomainError):
    """A change the rules do not allow; the message is for the resident or officer."""

    @property
    def reasons(self) -> list[str]:
        """Each reason on its own (``DomainError.messages``), for a list on a page."""
        return self.messages


class NotEligible(InvolvementError):
    def __init__(self, problems: list[str]) -> None:
        super().__init__(" ".join(problems))
        self.problems = problems

    @property
    def messages(self) -> list[str]:
        return list(self.problems)


class RuleNotMet(NotEligible):
    """A seat rule an officer may override by giving the reason (decision 0024)."""

    can_override = True


def _event(membership: LevelMembership, from_status: str, by: Any = None, note: str = "") -> None:
    MembershipEvent.objects.create(
        membership=membership, from_status=from_status, to_status=membership.status, by=_user(by), note=note
    )


def _user(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


def _audit(membership: LevelMembership, by: Any, action: str, summary: str) -> None:
    audit_record(
        actor=by,
        action=action,
        object_type="level_membership",
        object_id=membership.pk,
        resident_id=membership.resident_id,
        summary=summary,
    )


def _change(
    membership: LevelMembership, status: str, *, by: Any = None, note: str = "", fields: Iterable[str] = ()
) -> None:
    before = membership.status
    membership.status = status
    membership.save(update_fields=["status", *fields])
    _event(membership, before, by, note)
    if status in TOLD_OF or (status == MembershipStatus.ACTIVE and before == MembershipStatus.APPLIED):
        _tell(membership)


# Changes the resident did not make themselves, so they are told by their own channel.
TOLD_OF = frozenset({MembershipStatus.OFFERED, MembershipStatus.REFUSED})


def _tell(membership: LevelMembership) -> None:
    from tenantvoice.comms.services import message_queue

    count = membership.events.count()
    level = membership.level.name
    if membership.status == MembershipStatus.OFFERED:
        expires = membership.offer_expires_on
        template = "level_offered"
        context = {
            "level": level,
            "reply_by": f"{expires:%A} {expires.day} {expires:%B %Y}" if expires else "",
        }
    elif membership.status == MembershipStatus.REFUSED:
        template, context = "level_refused", {"level": level, "reason": membership.decision_reason}
    else:
        template, context = "level_accepted", {"level": level}
    message_queue(
        recipients=[membership.resident],
        template=template,
        key=f"level:{membership.pk}:{membership.status}:{count}",
        context=context,
    )


def _lock_level(level: Level) -> Level:
    # Places are counted and given under this lock, so two residents cannot take the last one.
    return Level.objects.select_for_update().get(pk=level.pk)


@transaction.atomic
def level_join(
    *,
    resident: Resident,
    level: Level,
    consent_wording: str,
    interests: Iterable[ServiceArea] = (),
    ways: Iterable[str] = (),
    application: str = "",
    channel: str = JoinChannel.PORTAL,
    by: Any = None,
    on: dt.date | None = None,
) -> LevelMembership:
    """Join ``level``, apply for it, or go on its waiting list when it is full.

    Raises NotEligible with the reasons, or InvolvementError for a request that makes no sense.
    """
    on = on or timezone.localdate()
    level = _lock_level(level)
    if level.is_default:
        raise InvolvementError(f"Everyone is on '{level.name}' already: there is nothing to join.")
    if not consent_wording.strip():
        raise InvolvementError("We need the resident's agreement to keep their involvement details.")
    problems = eligibility_problems(level.rule, resident_facts(resident, on))
    if problems:
        raise NotEligible(problems)
    existing = LevelMembership.objects.filter(
        resident=resident, level=level, status__in=["applied", "waiting", "offered", "active"]
    ).first()
    if existing is not None:
        raise InvolvementError(
            {
                MembershipStatus.ACTIVE: f"{resident} is already on '{level.name}'.",
                MembershipStatus.APPLIED: f"{resident} has already applied for '{level.name}'.",
                MembershipStatus.WAITING: f"{resident} is already on the waiting list for '{level.name}'.",
                MembershipStatus.OFFERED: f"{resident} has been offered a place on '{level.name}' already.",
            }[MembershipStatus(existing.status)]
        )
    now = timezone.now()
    membership = LevelMembership(
        resident=resident,
        level=level,
        requested_at=now,
        ways=sorted(set(ways)),
        application=application,
        consent_wording=consent_wording,
        consent_at=now,
        channel=channel,
        recorded_by=_user(by),
    )
    if not level_has_place(level):
        held = level_held_through_seat(resident, level, on)
        if held is not None:
            raise InvolvementError(
                f"{resident} already holds '{level.name}' through their seat on "
                f"{held.seat_category.group.name}, so they do not need a place on its waiting list."
            )
        membership.status = MembershipStatus.WAITING
    elif level.needs_application:
        membership.status = MembershipStatus.APPLIED
    else:
        membership.status = MembershipStatus.ACTIVE
    if membership.status == MembershipStatus.ACTIVE:
        _leave_current_level(resident, on, by=by, moving_to=level)
        membership.started_on = on
    membership.save()
    membership.interests.set(list(interests))
    _event(membership, "", by, note=f"Recorded {JoinChannel(channel).label.lower()}.")
    _audit(membership, by, AuditAction.CREATE, f"Joined '{level.name}': {membership.get_status_display()}")
    return membership


def _leave_current_level(resident: Resident, on: dt.date, *, by: Any, moving_to: Level) -> None:
    """End the level a resident is on before they start on another (one level at a time)."""
    for current in (
        LevelMembership.objects.select_for_update()
        .filter(resident=resident, status=MembershipStatus.ACTIVE)
        .exclude(level=moving_to)
    ):
        # The old level's last day is the day before the new one's first, unless it began today.
        current.ended_on = max(current.started_on or on, on - dt.timedelta(days=1))
        _change(
            current, MembershipStatus.LEFT, by=by, note=f"Moved to '{moving_to.name}'.", fields=["ended_on"]
        )
        _end_seats_of_level(current, by=by)
        _offer_free_places(current.level, on)


@transaction.atomic
def level_leave(
    *, membership: LevelMembership, by: Any = None, on: dt.date | None = None, note: str = ""
) -> LevelMembership:
    """Leave a level, or withdraw an application or a place on its waiting list. One step."""
    on = on or timezone.localdate()
    membership = LevelMembership.objects.select_for_update().get(pk=membership.pk)
    return _leave(membership, on, by=by, note=note)


def _leave(membership: LevelMembership, on: dt.date, *, by: Any, note: str) -> LevelMembership:
    if membership.status == MembershipStatus.ACTIVE:
        membership.ended_on = max(membership.started_on or on, on)
        _change(membership, MembershipStatus.LEFT, by=by, note=note or "Left.", fields=["ended_on"])
        _end_seats_of_level(membership, by=by)
    elif membership.status in (MembershipStatus.APPLIED, MembershipStatus.WAITING, MembershipStatus.OFFERED):
        _change(membership, MembershipStatus.WITHDRAWN, by=by, note=note or "Withdrew.")
    else:
        raise InvolvementError("This has already ended.")
    _offer_free_places(membership.level, on)
    _audit(membership, by, AuditAction.UPDATE, f"{membership.level.name}: {membership.get_status_display()}")
    return membership


@transaction.atomic
def level_leaving_record(
    *, membership: LevelMembership, on: dt.date, reason: str, by: Any, today: dt.date | None = None
) -> LevelMembership:
    """An officer records that a resident left a level (or withdrew from its waiting list), on
    a date and for a reason, kept in the membership's history. Seats on a group that is the
    level end the same day, as when the resident leaves it themselves (decision 0024)."""
    today = today or timezone.localdate()
    membership = LevelMembership.objects.select_for_update().get(pk=membership.pk)
    if not reason.strip():
        raise InvolvementError("Say why they left, for example 'Moved away' or 'Asked to stop'.")
    if on > today:
        raise InvolvementError("The date they left cannot be in the future.")
    if membership.started_on and on < membership.started_on:
        raise InvolvementError(
            f"The date they left cannot be before they joined, on {membership.started_on:%d/%m/%Y}."
        )
    return _leave(membership, on, by=by, note=reason.strip()[:500])


@transaction.atomic
def application_decide(
    *, membership: LevelMembership, accept: bool, reason: str, by: Any, on: dt.date | None = None
) -> LevelMembership:
    """An officer's decision on an application to a level with selection; the reason is kept."""
    on = on or timezone.localdate()
    if not reason.strip():
        raise InvolvementError("Give the reason for the decision: it is kept with the application.")
    level = _lock_level(membership.level)
    membership = LevelMembership.objects.select_for_update().get(pk=membership.pk)
    if membership.status != MembershipStatus.APPLIED:
        raise InvolvementError("This application has already been decided.")
    membership.decided_by = _user(by)
    membership.decided_at = timezone.now()
    membership.decision_reason = reason.strip()
    fields = ["decided_by", "decided_at", "decision_reason"]
    if not accept:
        _change(membership, MembershipStatus.REFUSED, by=by, note=reason, fields=fields)
        _audit(membership, by, AuditAction.UPDATE, f"Application to '{level.name}' refused")
        return membership
    membership.selected = True
    fields.append("selected")
    if level_has_place(level):
        _leave_current_level(membership.resident, on, by=by, moving_to=level)
        membership.started_on = on
        _change(membership, MembershipStatus.ACTIVE, by=by, note=reason, fields=[*fields, "started_on"])
    else:
        # Selected, but the level filled meanwhile: first in line for the next place.
        _change(
            membership, MembershipStatus.WAITING, by=by, note=f"Selected; level full. {reason}", fields=fields
        )
    status = membership.get_status_display()
    _audit(membership, by, AuditAction.UPDATE, f"Application to '{level.name}' accepted ({status})")
    return membership


@transaction.atomic
def offer_respond(
    *, membership: LevelMembership, accept: bool, by: Any = None, on: dt.date | None = None
) -> LevelMembership:
    on = on or timezone.localdate()
    membership = LevelMembership.objects.select_for_update().get(pk=membership.pk)
    if membership.status != MembershipStatus.OFFERED:
        raise InvolvementError("There is no place on offer to answer.")
    if not accept:
        _change(membership, MembershipStatus.DECLINED, by=by, note="Declined the place.")
        _offer_free_places(membership.level, on)
        _audit(membership, by, AuditAction.UPDATE, f"Declined a place on '{membership.level.name}'")
        return membership
    _leave_current_level(membership.resident, on, by=by, moving_to=membership.level)
    membership.started_on = on
    membership.offer_expires_on = None
    _change(
        membership,
        MembershipStatus.ACTIVE,
        by=by,
        note="Accepted the place.",
        fields=["started_on", "offer_expires_on"],
    )
    _audit(membership, by, AuditAction.UPDATE, f"Accepted a place on '{membership.level.name}'")
    return membership


@transaction.atomic
def offers_expire(*, on: dt.date | None = None, by: Any = None) -> int:
    """Withdraw offers not answered in time and offer the places on; returns how many expired."""
    on = on or timezone.localdate()
    expired = list(
        LevelMembership.objects.select_for_update().filter(
            status=MembershipStatus.OFFERED, offer_expires_on__lt=on
        )
    )
    for membership in expired:
        _change(membership, MembershipStatus.DECLINED, note="The offer ran out without an answer.")
        _offer_free_places(membership.level, on)
    # One row for the run (the membership events say whose offer it was).
    audit_record(
        actor=by,
        action=AuditAction.UPDATE,
        object_type="level_membership",
        summary=f"Offers of a place that ran out without an answer: {len(expired)}",
        via="web" if by is not None else "command",
    )
    return len(expired)


def _offer_free_places(level: Level, on: dt.date) -> None:
    """Offer free places to the waiting list, first come first served.

    On a level with selection, someone not yet selected moves to "applied" for an officer to
    decide; they keep their turn, so nobody behind them is offered the place meanwhile.
    """
    level = _lock_level(level)
    from tenantvoice.strategies.standards import standards_get

    days = standards_get().offer_working_days or DEFAULT_OFFER_WORKING_DAYS
    while level_has_place(level):
        first = (
            LevelMembership.objects.select_for_update()
            .filter(level=level, status=MembershipStatus.WAITING)
            .order_by("requested_at", "pk")
            .first()
        )
        if first is None:
            return
        held = level_held_through_seat(first.resident, level, on)
        if held is not None:
            _change(
                first,
                MembershipStatus.WITHDRAWN,
                note=f"Holds the level already through a seat on {held.seat_category.group.name}.",
            )
            continue
        if level.needs_application and not first.selected:
            _change(
                first, MembershipStatus.APPLIED, note="A place came free: the application goes to selection."
            )
            return
        first.offer_expires_on = add_working_days(on, days, landlord_nation())
        _change(
            first,
            MembershipStatus.OFFERED,
            note="A place came free and was offered.",
            fields=["offer_expires_on"],
        )


# --- Groups, seats and terms -------------------------------------------------------------


def level_held_through_seat(resident: Resident, level: Level, on: dt.date) -> SeatHolding | None:
    """The resident's current seat on a group that is ``level`` (decision 0024), if any."""
    return (
        SeatHolding.objects.filter(
            resident=resident, seat_category__group__is_level=True, seat_category__group__level=level
        )
        .filter(started_on__lte=on)
        .exclude(ended_on__lt=on)
        .select_related("seat_category__group")
        .first()
    )


def _end_seats_of_level(membership: LevelMembership, *, by: Any) -> None:
    """Leaving a level ends the resident's seats on the groups that are that level, on the same
    day: the group and the level are one membership recorded twice (decision 0024)."""
    on = membership.ended_on or timezone.localdate()
    for holding in SeatHolding.objects.select_for_update().filter(
        resident_id=membership.resident_id,
        seat_category__group__is_level=True,
        seat_category__group__level_id=membership.level_id,
        ended_on__isnull=True,
    ):
        _seat_close(holding, on, f"Left {membership.level.name}", by)


def _seat_close(holding: SeatHolding, on: dt.date, reason: str, by: Any) -> None:
    holding.ended_on = max(on, holding.started_on)
    holding.end_reason = reason[:200]
    holding.save(update_fields=["ended_on", "end_reason"])
    RoleHolding.objects.filter(holding=holding, ended_on__isnull=True).update(ended_on=holding.ended_on)
    audit_record(
        actor=by,
        action=AuditAction.UPDATE,
        object_type="seat_holding",
        object_id=holding.pk,
        resident_id=holding.resident_id,
        summary=f"Ended a seat on {holding.ended_on:%d/%m/%Y}",
        changes={"ended_on": [None, holding.ended_on.isoformat()], "end_reason": ["", holding.end_reason]},
    )


def _winning_election(category: SeatCategory, resident: Resident) -> Election | None:
    """A counted ballot for ``category`` that elected ``resident`` and has not seated them yet."""
    used = SeatHolding.objects.filter(resident=resident, election__isnull=False).values("election")
    for election in (
        Election.objects.filter(
            seat_category=category, status__in=[ElectionStatus.COUNTED, ElectionStatus.PUBLISHED]
        )
        .exclude(pk__in=used)
        .order_by("-voting_closes_on", "-pk")
    ):
        if _elected(election, resident):
            return election
    return None


def _elected(election: Election, resident: Resident) -> bool:
    winners = {row["nomination"] for row in election.results if row.get("elected")}
    return election.nominations.filter(pk__in=winners, resident=resident).exists()


def _nomination_body(category: SeatCategory) -> str:
    if category.nominated_by is not None:
        return category.nominated_by.name
    return category.nominating_body or "the nominating body"


def _seat_rules(
    *,
    group: Group,
    category: SeatCategory,
    resident: Resident,
    started_on: dt.date,
    election: Election | None,
    nomination: SeatNomination | None,
) -> tuple[list[str], Election | None, SeatNomination | None]:
    """The rules the strategy states in words, checked: the level a group is, a counted ballot
    for an elected seat, the body's nomination for a nominated one. Returns what is not met
    (an officer may override it with a reason) and the ballot or nomination the seat rests on."""
    problems = []
    if group.is_level and group.level is not None:
        on_level = LevelMembership.objects.held_on(started_on).filter(resident=resident, level=group.level)
        if not on_level.exists():
            problems.append(
                f"A place on {group.name} needs {group.level.name}: {resident} is not on it on "
                f"{started_on:%d/%m/%Y}. Record their place on the level first."
            )
    if category.how_filled == HowChosen.ELECTION:
        if election is not None:
            ok = (
                election.seat_category_id == category.pk
                and election.status in (ElectionStatus.COUNTED, ElectionStatus.PUBLISHED)
                and _elected(election, resident)
                and not SeatHolding.objects.filter(resident=resident, election=election).exists()
            )
            election = election if ok else None
        else:
            election = _winning_election(category, resident)
        if election is None:
            problems.append(
                f"'{category.name}' seats are filled by election: {resident} has not been elected to one in "
                "a counted ballot (or has already taken the seat it gave)."
            )
    else:
        election = None
    if category.how_filled == HowChosen.NOMINATION:
        body = _nomination_body(category)
        found = SeatNomination.objects.filter(seat_category=category, resident=resident, holding__isnull=True)
        if nomination is not None:
            nomination = found.filter(pk=nomination.pk).first()
        else:
            nomination = found.filter(nominated_on__lte=started_on).order_by("-nominated_on", "-pk").first()
        if nomination is None:
            problems.append(
                f"'{category.name}' seats are filled by nomination: no nomination of {resident} by {body} "
                "is recorded. Record the nomination first."
            )
    else:
        nomination = None
    return problems, election, nomination


def _years_later(start: dt.date, years: int) -> dt.date:
    """The last day of a term of ``years`` starting on ``start``."""
    try:
        end = start.replace(year=start.year + years)
    except ValueError:  # 29 February
        end = start.replace(year=start.year + years, day=28)
    return end - dt.timedelta(days=1)


def consecutive_terms_before(*, resident: Resident, category: SeatCategory, starting: dt.date) -> int:
    """How many terms on the same group the resident has served without a long enough break."""
    group = category.group
    count = 0
    next_start = starting
    for holding in SeatHolding.objects.filter(
        resident=resident, seat_category__group=group, started_on__lt=starting
    ).order_by("-started_on"):
        ended = holding.ended_on or holding.term_ends_on
        if ended is not None and (next_start - ended).days > group.term_break_days:
            break
        count += 1
        next_start = holding.started_on
    return count


def _most_held_from(holdings: SeatHoldingQuerySet, day: dt.date) -> int:
    """The most of ``holdings`` held on any one day from ``day`` on. A seat filled from ``day``
    has no end yet, so it would sit beside every seat that starts later: a seat recorded with an
    earlier date must not over-fill a later day. The count only rises on a day a seat starts."""
    later = holdings.filter(started_on__gt=day).values_list("started_on", flat=True).distinct()
    return max(holdings.held_on(on).count() for on in {day, *later})


@transaction.atomic
def seat_fill(
    *,
    category: SeatCategory,
    started_on: dt.date,
    resident: Resident | None = None,
    person_name: str = "",
    organisation: str = "",
    election: Election | None = None,
    nomination: SeatNomination | None = None,
    override_reason: str = "",
    by: Any = None,
) -> SeatHolding:
    """Put someone in a seat for a term, if a seat is free and the rules allow them.

    A resident's seat on a group that is a level needs the level; an elected seat needs a
    counted ballot that elected them (``election``, else found); a nominated seat needs the
    body's recorded nomination (``nomination``, else found). An officer may fill the seat
    without these only by giving ``override_reason``, which is kept with the seat. Eligibility,
    seat counts and terms cannot be overridden."""
    # The group's row is the lock: its cap counts every category's seats, so two officers filling
    # different categories at once must still queue behind each other.
    group = Group.objects.select_for_update().get(pk=category.group_id)
    category = SeatCategory.objects.get(pk=category.pk)
    if category.for_residents:
        if resident is None:
            raise InvolvementError(f"A '{category.name}' seat is held by a resident: choose the resident.")
        problems = eligibility_problems(category.rule, resident_facts(resident, started_on))
        if problems:
            raise NotEligible(problems)
        # From the start date on, not only on it: a seat recorded with an earlier date must not
        # sit beside a seat of theirs that starts later.
        theirs = SeatHolding.objects.filter(seat_category__group=group, resident=resident)
        if _most_held_from(theirs, started_on):
            raise InvolvementError(f"{resident} already has a seat on {group.name}.")
    elif not person_name.strip():
        raise InvolvementError(f"Give the name of the person taking the '{category.name}' seat.")
    in_category = SeatHolding.objects.filter(seat_category=category)
    if category.seats is not None and _most_held_from(in_category, started_on) >= category.seats:
        raise InvolvementError(f"All {category.seats} '{category.name}' seats on {group.name} are taken.")
    in_group = SeatHolding.objects.filter(seat_category__group=group)
    if group.max_members is not None and _most_held_from(in_group, started_on) >= group.max_members:
        raise InvolvementError(f"{group.name} is full: it has at most {group.max_members} members.")
    term = 1
    if resident is not None:
        term = consecutive_terms_before(resident=resident, category=category, starting=started_on) + 1
        if group.max_consecutive_terms is not None and term > group.max_consecutive_terms:
            raise InvolvementError(
                f"This would be {possessive(str(resident))} {_ordinal(term)} consecutive term on "
                f"{group.name}. Members can serve at most {group.max_consecutive_terms} consecutive terms"
                + (
                    f" ({counted(group.max_consecutive_terms * category.term, 'year', 'years')})"
                    if category.term
                    else ""
                )
                + "."
            )
    broken: list[str] = []
    if resident is not None and category.for_residents:
        broken, election, nomination = _seat_rules(
            group=group,
            category=category,
            resident=resident,
            started_on=started_on,
            election=election,
            nomination=nomination,
        )
    else:
        election = nomination = None
    if broken and not override_reason.strip():
        raise RuleNotMet(
            [*broken, "To fill the seat anyway, give the reason: it is kept with the seat and shown."]
        )
    holding = SeatHolding.objects.create(
        seat_category=category,
        resident=resident,
        person_name=person_name.strip(),
        organisation=organisation.strip(),
        started_on=started_on,
        consecutive_term=term,
        term_ends_on=_years_later(started_on, category.term) if category.term else None,
        recorded_by=_user(by),
        election=election,
        nomination=nomination,
        overridden_rules=broken,
        override_reason=override_reason.strip() if broken else "",
    )
    if resident is not None and group.is_level and group.level is not None:
        _withdraw_waiting(resident, group.level, group)
    audit_record(
        actor=by,
        action=AuditAction.CREATE,
        object_type="seat_holding",
        object_id=holding.pk,
        resident_id=holding.resident_id,
        summary=f"Filled a '{category.name}' seat on {group.name} from {started_on:%d/%m/%Y}"
        + (f", overriding the rules: {holding.override_reason}" if broken else ""),
        changes={"overridden_rules": [[], broken]} if broken else None,
    )
    return holding


def _withdraw_waiting(resident: Resident, level: Level, group: Group) -> None:
    """Someone seated on a group that is a level no longer waits for that level."""
    for waiting in LevelMembership.objects.select_for_update().filter(
        resident=resident, level=level, status=MembershipStatus.WAITING
    ):
        _change(waiting, MembershipStatus.WITHDRAWN, note=f"Holds the level through a seat on {group.name}.")


@transaction.atomic
def seat_nomination_record(
    *,
    category: SeatCategory,
    resident: Resident,
    nominated_on: dt.date,
    body_name: str = "",
    note: str = "",
    by: Any = None,
    on: dt.date | None = None,
) -> SeatNomination:
    """Record a nominating body's nomination of a resident for a nominated seat. The body is the
    seat's nominating group when it has one (Southway's Leaseholder Forum); otherwise say which
    body it was (e.g. which recognised TRA)."""
    on = on or timezone.localdate()
    if category.how_filled != HowChosen.NOMINATION:
        raise InvolvementError(f"'{category.name}' seats are not filled by nomination.")
    if not category.for_residents:
        raise InvolvementError(f"'{category.name}' seats are not held by residents.")
    if nominated_on > on:
        raise InvolvementError("The date of the nomination cannot be in the future.")
    body_name = body_name.strip()
    if category.nominated_by is None and not body_name:
        raise InvolvementError(
            f"Say which body nominated them ({category.nominating_body or 'the nominating body'})."
        )
    problems = eligibility_problems(category.rule, resident_facts(resident, nominated_on))
    if problems:
        raise NotEligible(problems)
    nomination = SeatNomination.objects.create(
        seat_category=category,
        resident=resident,
        nominated_by=category.nominated_by,
        body_name="" if category.nominated_by is not None else body_name,
        nominated_on=nominated_on,
        note=note.strip(),
        recorded_by=_user(by),
    )
    audit_record(
        actor=by,
        action=AuditAction.CREATE,
        object_type="seat_nomination",
        object_id=nomination.pk,
        resident_id=resident.pk,
        summary=f"Nominated by {nomination.body} for a '{category.name}' seat on {category.group.name}",
    )
    return nomination


@transaction.atomic
def seat_end(*, holding: SeatHolding, on: dt.date, reason: str, by: Any = None) -> SeatHolding:
    holding = SeatHolding.objects.select_for_update().get(pk=holding.pk)
    if holding.ended_on is not None:
        raise InvolvementError("This seat holding has already ended.")
    if not reason.strip():
        raise InvolvementError("Say why they left, for example 'End of term' or 'Resigned'.")
    if on < holding.started_on:
        raise InvolvementError(
            f"The last day cannot be before the seat was filled, on {holding.started_on:%d/%m/%Y}."
        )
    reason = reason.strip()[:200]
    holding.ended_on = on
    holding.end_reason = reason
    holding.save(update_fields=["ended_on", "end_reason"])
    RoleHolding.objects.filter(holding=holding, ended_on__isnull=True).update(ended_on=on)
    audit_record(
        actor=by,
        action=AuditAction.UPDATE,
        object_type="seat_holding",
        object_id=holding.pk,
        resident_id=holding.resident_id,
        summary=f"Ended a seat on {on:%d/%m/%Y}",
        changes={"ended_on": [None, on.isoformat()], "end_reason": ["", reason]},
    )
    return holding


@transaction.atomic
def role_assign(*, holding: SeatHolding, role: str, started_on: dt.date, by: Any = None) -> RoleHolding:
    """Make a member chair, vice chair, secretary or treasurer."""
    holding = SeatHolding.objects.select_related("seat_category__group").get(pk=holding.pk)
    group = holding.seat_category.group
    label = GroupRole(role).label.lower()
    if not holding.is_current(started_on):
        raise InvolvementError(f"{holding.holder_name} is not a member of {group.name} on that date.")
    chair_seats = list(group.seat_categories.filter(can_chair=True))
    if role == GroupRole.CHAIR and chair_seats and holding.seat_category not in chair_seats:
        names = " or ".join(f"'{seat.name}'" for seat in chair_seats)
        raise InvolvementError(f"The chair of {group.name} is chosen from the {names} members.")
    current = roles_on(started_on).filter(holding__seat_category__group=group, role=role).first()
    if current is not None:
        raise InvolvementError(
            f"{current.holding.holder_name} is {label} of {group.name}. End their time as {label} first."
        )
    years = group.chair_term_years if role == GroupRole.CHAIR else None
    role_holding = RoleHolding.objects.create(
        holding=holding,
        role=role,
        started_on=started_on,
        term_ends_on=_years_later(started_on, years) if years else None,
    )
    audit_record(
        actor=by,
        action=AuditAction.CREATE,
        object_type="role_holding",
        object_id=role_holding.pk,
        resident_id=holding.resident_id,
        summary=f"Made {label} of {group.name} from {started_on:%d/%m/%Y}",
    )
    return role_holding


def _ordinal(number: int) -> str:
    words = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth"}
    return words.get(number) or str(ordinal(number))  # humanize: "21st", not "21th"


def involvement_consent_wording(landlord_name: str) -> str:
    """What a resident agrees to when joining a level, kept word for word with the membership."""
    return (
        f"I agree that {landlord_name} may keep a record of how I want to get involved (the level, my "
        "interests and how I like to take part) and contact me about it. I can leave at any time."
    )


@transaction.atomic
def group_recognition_update(
    *,
    group: Any,
    recognition: str,
    constitution_adopted_on: dt.date | None,
    last_agm_on: dt.date | None,
    on: dt.date | None = None,
    by: Any = None,
) -> Any:
    """Record an association's recognition, constitution and last AGM."""
    on = on or timezone.localdate()
    for day, what, field in (
        (constitution_adopted_on, "The constitution date", "constitution_adopted_on"),
        (last_agm_on, "The AGM date", "last_agm_on"),
    ):
        if day is not None and day > on:
            raise InvolvementError(f"{what} cannot be in the future.", field=field)
    details = {
        "recognition": recognition,
        "constitution_adopted_on": constitution_adopted_on,
        "last_agm_on": last_agm_on,
    }
    changes = model_update(group, details, details)
    audit_record(
        actor=by,
        action=AuditAction.UPDATE,
        object_type="group",
        object_id=group.pk,
        summary=f"Recognition of {group.name}",
        changes=changes,
    )
    return group
