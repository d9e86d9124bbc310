"""The populations compared: all residents living in the landlord's homes on a date, and the
involved people (a level, a group, an activity's attendees, a survey's or a consultation's
respondents, everyone involved).

Each helper returns a query of resident ids (``values("pk")`` or ``values("resident_id")``), to
be used as ``pk__in=...`` inside one database query: nothing is loaded into Python.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet

from tenantvoice.activities.models import Attendance, Participant
from tenantvoice.consultations.models import Consultation, Representation
from tenantvoice.involvement.models import Group, Level, LevelMembership, SeatHolding
from tenantvoice.residents.models import Resident, ResidentHome
from tenantvoice.surveys.models import Response, Survey

# A query of resident ids, one column: used as ``pk__in=...`` in a larger query.
ResidentIds = QuerySet[Any, Any]


def residents_on(on: dt.date) -> ResidentIds:
    """Everyone living in one of the landlord's homes on ``on``: members of a household whose
    tenancy is current that day (``TenancyMember.objects.current``, the one definition of
    "current", decision 0023), read from the homes kept by date (decision 0054): one row a
    resident, so this is a plain list of ids."""
    return ResidentHome.objects.current(on).values("resident_id")


def level_members(level: Level, on: dt.date) -> ResidentIds:
    """The residents on ``level`` on ``on``. For the default level: everyone living in one of
    the landlord's homes that day who was on no higher level (as *Involvement in numbers*)."""
    if level.is_default:
        higher = LevelMembership.objects.held_on(on).filter(level__is_default=False, resident=OuterRef("pk"))
        return Resident.objects.filter(pk__in=residents_on(on)).exclude(Exists(higher)).values("pk")
    return LevelMembership.objects.held_on(on).filter(level=level).values("resident_id")


def group_seat_holders(group: Group, on: dt.date) -> ResidentIds:
    """The residents holding a seat on ``group`` on ``on`` (seats held by people who are not
    residents, such as councillors, are not residents and are left out)."""
    return (
        SeatHolding.objects.held_on(on)
        .filter(seat_category__group=group, resident__isnull=False)
        .values("resident_id")
    )


def activity_attendees(
    start: dt.date, end: dt.date, *, group: Group | None = None, activity_ids: list[int] | None = None
) -> ResidentIds:
    """The residents marked present at an activity (not cancelled) from ``start`` to ``end``,
    both days included; only ``group``'s activities or the activities listed, when given."""
    present = Participant.objects.filter(
        attendance=Attendance.PRESENT,
        activity__cancelled=False,
        activity__starts_at__date__gte=start,
        activity__starts_at__date__lte=end,
    )
    if group is not None:
        present = present.filter(activity__group=group)
    if activity_ids is not None:
        present = present.filter(activity_id__in=activity_ids)
    return present.values("resident_id")


def survey_respondents(survey: Survey) -> ResidentIds:
    """The residents whose responses to ``survey`` name them. An anonymous survey's responses
    keep no link to the resident, so it has none: its respondents are compared through the
    facts each response records (surveys.population), not here."""
    return Response.objects.filter(survey=survey, resident__isnull=False).values("resident_id")


def consultation_repliers(consultation: Consultation) -> ResidentIds:
    """The residents who replied to ``consultation`` themselves (replies from groups and from
    people not on the register are not residents' and are left out)."""
    return Representation.objects.filter(consultation=consultation, resident__isnull=False).values(
        "resident_id"
    )


def all_involved(on: dt.date, *, attended_since: dt.date | None = None) -> ResidentIds:
    """ "All involved residents" on ``on`` (decision 0047): the residents on a level above the
    default one that counts as involved (``Level.counts_as_involved``, which the strategy sets:
    Winchester's TenantLink survey list does not), or holding a seat on a group, that day. This
    is the rule eligibility already uses for "involved only" (involvement.selectors), so a seat
    open to involved residents and this comparison agree on who is involved.

    Coming to an activity does not by itself make a resident involved (Winchester's Table 1
    counts "those who are part of TACT, Mystery Shoppers, Performance Review Groups, Readers
    Panel, Scrutiny exercises"); a landlord that counts attendance too passes ``attended_since``
    (e.g. a year before ``on``) to add those present at an activity from then to ``on``.
    """
    # A union of the (few) involved people's ids, not a scan of every resident asking whether
    # each is involved: at a million residents that scan is most of a comparison's time.
    on_level = LevelMembership.objects.held_on(on).filter(
        level__is_default=False, level__counts_as_involved=True
    )
    parts: list[ResidentIds] = [
        on_level.values("resident_id").order_by(),
        SeatHolding.objects.held_on(on).filter(resident__isnull=False).values("resident_id").order_by(),
    ]
    if attended_since is not None:
        attended = activity_attendees(attended_since, on).filter(resident__isnull=False)
        parts.append(attended.values("resident_id").order_by())
    return parts[0].union(*parts[1:])
