"""One answer to who was where on a date (issue 12 item 5, decision 0023).

A quarter (July to September 2026) with joins, moves between levels, a household member who
joined the household after the tenancy began, leavers (a level left, tenancies and a household
membership ended), seat and chair changes, and activities with attendance. Every report is
checked against figures worked out by hand below, and *Involvement in numbers* against the
quarterly return run for the same single day.

The register, by hand (all tenancies from 2015 unless said):

=====  ==================================================  ====================
who    what happens                                        levels in the quarter
=====  ==================================================  ====================
Ann    tenant; level 2 since 1 May; seat Jan-15 Aug, chair  2
Bob    tenant; level 2 since 1 June, moves to 3 on 10 Aug   2 and 3
       (level 2's last day 9 Aug); seat and chair from Aug
Cat    tenant; joins level 3 on 20 July; seat from 1 July   3 (never 1: joined)
Dan    tenant; level 2 since April, leaves it on 31 Aug     2
Eve    Ann's household, but only from 15 Aug (her own date) 1
Fay    tenant; tenancy ended 31 July                        1
Gus    tenant; never joins                                  1
Hal    tenant; tenancy ended 30 June                        none
Ivy    housing applicant (no home); level 2 from 1 July     2
Joe    tenant; joins level 2 and moves to 3 on 1 Sept       3 (2 for no day)
Kim    Gus's household, left it on 15 Sept                 1
=====  ==================================================  ====================
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from tenantvoice.accounts.models import User
from tenantvoice.activities.models import Attendance
from tenantvoice.activities.returns import quarterly_return
from tenantvoice.audiences.rules import Audience, audience_residents
from tenantvoice.involvement.models import GroupRole, Level, SeatHolding
from tenantvoice.involvement.reports import involvement_numbers
from tenantvoice.involvement.selectors import (
    level_memberships_on,
    levels_held_during,
    resident_level_on,
    roles_on,
    seat_holdings_on,
)
from tenantvoice.involvement.services import level_join, level_leave, role_assign, seat_end, seat_fill
from tenantvoice.residents.models import MemberRole, Resident, ResidentKind, TenancyMember
from tests.api.conftest import token_client
from tests.factories import (
    ActivityFactory,
    GroupFactory,
    HoursLogFactory,
    LevelFactory,
    ParticipantFactory,
    ResidentFactory,
    SeatCategoryFactory,
    TenancyFactory,
    TenancyMemberFactory,
)

pytestmark = pytest.mark.django_db

START, END = dt.date(2026, 7, 1), dt.date(2026, 9, 30)
CONSENT = "I agree that you may keep my involvement details."


def _tenant(name: str, *, ended: dt.date | None = None) -> Resident:
    resident = ResidentFactory(first_name=name)
    TenancyMemberFactory(tenancy=TenancyFactory(end_date=ended), resident=resident, role=MemberRole.TENANT)
    return resident


def _join(resident: Resident, level: Level, on: dt.date) -> None:
    level_join(resident=resident, level=level, consent_wording=CONSENT, on=on)


def _meeting(day: dt.date, hour: int, minutes: int, present: list[Resident], **kwargs: object) -> None:
    starts = timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour))
    activity = ActivityFactory(starts_at=starts, ends_at=starts + dt.timedelta(minutes=minutes), **kwargs)
    for resident in present:
        ParticipantFactory(activity=activity, resident=resident, attendance=Attendance.PRESENT)


@pytest.fixture
def quarter(no_suppression: None) -> dict[str, object]:
    one = LevelFactory(order=1, slug="kept-informed", name="Level 1", is_default=True)
    two = LevelFactory(order=2, slug="armchair", name="Level 2")
    three = LevelFactory(order=3, slug="peripheral", name="Level 3")
    people = {name: _tenant(name) for name in ("Ann", "Bob", "Cat", "Dan", "Gus", "Joe")}
    people["Fay"] = _tenant("Fay", ended=dt.date(2026, 7, 31))
    people["Hal"] = _tenant("Hal", ended=dt.date(2026, 6, 30))
    ann_home = TenancyMember.objects.get(resident=people["Ann"]).tenancy
    people["Eve"] = TenancyMemberFactory(
        tenancy=ann_home,
        resident=ResidentFactory(first_name="Eve"),
        role=MemberRole.HOUSEHOLD_MEMBER,
        start_date=dt.date(2026, 8, 15),
    ).resident
    gus_home = TenancyMember.objects.get(resident=people["Gus"]).tenancy
    people["Kim"] = TenancyMemberFactory(
        tenancy=gus_home,
        resident=ResidentFactory(first_name="Kim"),
        role=MemberRole.HOUSEHOLD_MEMBER,
        end_date=dt.date(2026, 9, 15),
    ).resident
    people["Ivy"] = ResidentFactory(first_name="Ivy", kind=ResidentKind.APPLICANT)
    p = people

    _join(p["Ann"], two, dt.date(2026, 5, 1))
    _join(p["Bob"], two, dt.date(2026, 6, 1))
    _join(p["Bob"], three, dt.date(2026, 8, 10))
    _join(p["Cat"], three, dt.date(2026, 7, 20))
    _join(p["Dan"], two, dt.date(2026, 4, 1))
    level_leave(membership=p["Dan"].level_memberships.get(), on=dt.date(2026, 8, 31))
    _join(p["Ivy"], two, dt.date(2026, 7, 1))
    _join(p["Joe"], two, dt.date(2026, 9, 1))
    _join(p["Joe"], three, dt.date(2026, 9, 1))

    panel = GroupFactory(name="Residents Panel")
    seat = SeatCategoryFactory(group=panel, seats=5)
    ann_seat = seat_fill(category=seat, resident=p["Ann"], started_on=dt.date(2026, 1, 1))
    role_assign(holding=ann_seat, role=GroupRole.CHAIR, started_on=dt.date(2026, 2, 1))
    seat_end(holding=ann_seat, on=dt.date(2026, 8, 15), reason="Stood down")
    bob_seat = seat_fill(category=seat, resident=p["Bob"], started_on=dt.date(2026, 8, 16))
    role_assign(holding=bob_seat, role=GroupRole.CHAIR, started_on=dt.date(2026, 8, 20))
    seat_fill(category=seat, resident=p["Cat"], started_on=dt.date(2026, 7, 1))

    _meeting(dt.date(2026, 7, 10), 10, 120, [p["Bob"], p["Cat"], p["Ivy"], p["Gus"]])
    _meeting(dt.date(2026, 8, 10), 18, 90, [p["Bob"], p["Dan"], p["Eve"], p["Ann"]])
    _meeting(dt.date(2026, 9, 1), 10, 180, [p["Joe"], p["Dan"], p["Cat"]])
    _meeting(dt.date(2026, 9, 10), 10, 60, [p["Ann"]], cancelled=True)
    _meeting(dt.date(2026, 10, 2), 10, 60, [p["Ann"]])
    _meeting(dt.date(2026, 6, 30), 10, 60, [p["Ann"]])
    HoursLogFactory(resident=p["Fay"], on=dt.date(2026, 7, 15), hours=Decimal("1.25"), description="Leaflet")
    HoursLogFactory(resident=p["Bob"], on=dt.date(2026, 8, 9), hours=Decimal("0.75"), description="Leaflet")
    return {"people": people, "levels": (one, two, three), "seat": seat}


def _names(residents: object) -> set[str]:
    return set(Resident.objects.filter(pk__in=residents).values_list("first_name", flat=True))  # type: ignore[misc]


# Worked by hand from the table in the module docstring.
IN_THE_QUARTER = {"Level 1": 4, "Level 2": 4, "Level 3": 3}  # 1: Eve Fay Gus Kim; 2: Ann Bob Dan Ivy
# Hours at the level held that day. Level 1: Cat and Gus 2 h on 10 July (Cat joined level 3 on the
# 20th), Eve 1.5 h on 10 Aug, Dan 3 h on 1 Sept (left level 2 the day before), Fay's 1.25 logged.
# Level 2: Bob and Ivy 2 h in July, Dan and Ann 1.5 h in August, Bob's 0.75 on his last day there.
# Level 3: Bob 1.5 h on the day he moved, Joe and Cat 3 h on 1 Sept. Cancelled and other
# quarters' meetings count nowhere.
HOURS = {"Level 1": Decimal("9.75"), "Level 2": Decimal("7.75"), "Level 3": Decimal("7.50")}
ON_DAYS = {
    # Level 1: a current home that day and no higher level that day.
    dt.date(2026, 7, 1): ({"Cat", "Fay", "Gus", "Joe", "Kim"}, {"Ann", "Bob", "Dan", "Ivy"}, set()),
    dt.date(2026, 8, 10): ({"Gus", "Joe", "Kim"}, {"Ann", "Dan", "Ivy"}, {"Bob", "Cat"}),
    dt.date(2026, 9, 1): ({"Dan", "Eve", "Gus", "Kim"}, {"Ann", "Ivy"}, {"Bob", "Cat", "Joe"}),
    dt.date(2026, 9, 30): ({"Dan", "Eve", "Gus"}, {"Ann", "Ivy"}, {"Bob", "Cat", "Joe"}),
}


def test_the_quarterly_return_counts_each_person_at_every_level_held_and_hours_at_that_days_level(
    quarter: dict[str, object],
) -> None:
    report = quarterly_return(START, END)

    assert {line.level: line.persons for line in report.lines} == IN_THE_QUARTER
    assert {line.level: line.hours for line in report.lines} == HOURS
    two, three = quarter["levels"][1:]  # type: ignore[index]
    assert _names(levels_held_during(START, END).filter(level=two).values("resident")) == {
        "Ann",
        "Bob",
        "Dan",
        "Ivy",
    }
    assert _names(levels_held_during(START, END).filter(level=three).values("resident")) == {
        "Bob",
        "Cat",
        "Joe",
    }


def test_the_return_page_and_csv_give_the_hand_worked_figures(
    quarter: dict[str, object], officer: User
) -> None:
    from tests.conftest import sign_in

    client = sign_in(Client(), officer)
    period = {"date_from": "1/7/2026", "date_to": "30/9/2026"}
    body = client.get(reverse("staff:quarterly-return"), {**period, "format": "csv"}).content.decode()
    rows = {row[0]: row[1:3] for row in csv.reader(io.StringIO(body.lstrip("\ufeff"))) if row}
    assert rows["Level 1"] == ["4", "9.75"]
    assert rows["Level 2"] == ["4", "7.75"]
    assert rows["Level 3"] == ["3", "7.50"]
    page = client.get(reverse("staff:quarterly-return"), period).content.decode()
    assert "Level 2</th><td>4</td><td>7.75</td>" in page


@pytest.mark.parametrize("day", sorted(ON_DAYS))
def test_involvement_in_numbers_and_the_return_agree_on_every_day(
    quarter: dict[str, object], day: dt.date
) -> None:
    one_names, two_names, three_names = ON_DAYS[day]
    one, two, three = quarter["levels"]  # type: ignore[misc]
    numbers = {line.level.name: line.residents for line in involvement_numbers(day).levels}
    assert numbers == {"Level 1": len(one_names), "Level 2": len(two_names), "Level 3": len(three_names)}
    # The return for that one day gives the same persons.
    assert {line.level: line.persons for line in quarterly_return(day, day).lines} == numbers
    # And the people behind them, from the shared queries.
    assert _names(level_memberships_on(day).filter(level=two).values("resident")) == two_names
    assert _names(level_memberships_on(day).filter(level=three).values("resident")) == three_names
    at_home = TenancyMember.objects.current(day).values("resident")
    higher = level_memberships_on(day).values("resident")
    assert _names(Resident.objects.filter(pk__in=at_home).exclude(pk__in=higher).values("pk")) == one_names
    for name in one_names | two_names | three_names:
        resident = Resident.objects.get(first_name=name)
        expected = one if name in one_names else two if name in two_names else three
        assert resident_level_on(resident, day) == expected


def test_the_page_shows_the_days_figures(quarter: dict[str, object], officer: User) -> None:
    from tests.conftest import sign_in

    client = sign_in(Client(), officer)
    page = client.get(reverse("staff:involvement-report"), {"on": "1/9/2026"}).content.decode()
    assert '<th scope="row">Level 1</th><td>4</td>' in page
    assert '<th scope="row">Level 2</th><td>2</td>' in page
    assert '<th scope="row">Level 3</th><td>3</td>' in page
    # The panel on 15 August (Ann's last day, Cat) and on 16 August (Bob, Cat): 2 of 5 seats.
    for on in ("15/8/2026", "16/8/2026"):
        assert (
            "Residents Panel</th><td>2</td><td>2</td><td>5</td><td>3</td>"
            in client.get(reverse("staff:involvement-report"), {"on": on}).content.decode()
        )


def test_a_household_member_counts_from_their_own_start_date(quarter: dict[str, object]) -> None:
    eve = Resident.objects.get(first_name="Eve")
    assert not TenancyMember.objects.current(dt.date(2026, 8, 14)).filter(resident=eve).exists()
    assert TenancyMember.objects.current(dt.date(2026, 8, 15)).filter(resident=eve).exists()
    assert TenancyMember.objects.during(START, END).filter(resident=eve).exists()
    membership = TenancyMember.objects.select_related("tenancy").get(resident=eve)
    assert not membership.is_current(dt.date(2026, 8, 14)) and membership.is_current(dt.date(2026, 8, 15))


def test_seats_and_roles_on_a_date(quarter: dict[str, object]) -> None:
    assert _names(seat_holdings_on(dt.date(2026, 8, 15)).values("resident")) == {"Ann", "Cat"}
    assert _names(seat_holdings_on(dt.date(2026, 8, 16)).values("resident")) == {"Bob", "Cat"}
    chairs = {
        day: _names(roles_on(day).filter(role=GroupRole.CHAIR).values("holding__resident"))
        for day in (dt.date(2026, 8, 15), dt.date(2026, 8, 17), dt.date(2026, 8, 20))
    }
    assert chairs == {
        dt.date(2026, 8, 15): {"Ann"},
        dt.date(2026, 8, 17): set(),
        dt.date(2026, 8, 20): {"Bob"},
    }


def test_an_audience_built_from_a_level_is_who_was_on_it_that_day(quarter: dict[str, object]) -> None:
    for day, (_one, two_names, three_names) in ON_DAYS.items():
        assert _names(audience_residents(Audience(levels=("armchair",)), day).values("pk")) == two_names
        assert _names(audience_residents(Audience(levels=("peripheral",)), day).values("pk")) == three_names
    panel = Audience(groups=(SeatHolding.objects.first().seat_category.group.slug,))  # type: ignore[union-attr]
    assert _names(audience_residents(panel, dt.date(2026, 8, 15)).values("pk")) == {"Ann", "Cat"}


def test_the_api_lists_filter_by_the_same_dated_queries(quarter: dict[str, object], officer: User) -> None:
    api: APIClient = token_client(officer)
    two = quarter["levels"][1]  # type: ignore[index]
    body = api.get("/api/v1/level-memberships/", {"on": "2026-09-01", "level": two.pk}).json()  # type: ignore[attr-defined]
    assert _names([row["resident"] for row in body["results"]]) == {"Ann", "Ivy"}
    body = api.get("/api/v1/seat-holdings/", {"on": "2026-08-15"}).json()
    assert _names([row["resident"] for row in body["results"]]) == {"Ann", "Cat"}
    # Roles are today's (December 2026 or later): Bob is chair, Ann's ended with her seat.
    roles = {row["resident"]: row["roles"] for row in api.get("/api/v1/seat-holdings/").json()["results"]}
    people = quarter["people"]
    assert roles[people["Bob"].pk] == ["chair"]  # type: ignore[index]
    assert roles[people["Ann"].pk] == []  # type: ignore[index]
    assert api.get("/api/v1/seat-holdings/", {"on": "not a date"}).status_code == 400
