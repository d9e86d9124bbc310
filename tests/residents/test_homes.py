"""Each resident's home by date (decision 0054): the kept rows always say what the memberships
say, for any date, through every way the register changes."""

from __future__ import annotations

import datetime as dt
import random
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from tenantvoice.residents.models import (
    Location,
    PropertyType,
    Resident,
    ResidentHome,
    Tenancy,
    TenancyMember,
    Tenure,
)
from tenantvoice.residents.services import property_update, tenancy_update
from tests.factories import (
    PropertyFactory,
    ResidentFactory,
    TenancyFactory,
    TenancyMemberFactory,
    UserFactory,
)

from .test_importing import person, run, three_households, write_csv

DAY = dt.timedelta(days=1)


def homes_by_memberships(on: dt.date) -> dict[int, int]:
    """resident -> membership, straight from the memberships: the last-recorded current one."""
    found: dict[int, int] = {}
    for pk, resident_id in TenancyMember.objects.current(on).order_by("pk").values_list("pk", "resident_id"):
        found[resident_id] = pk
    return found


def homes_kept(on: dt.date) -> dict[int, int]:
    rows = list(ResidentHome.objects.current(on).values_list("resident_id", "membership_id"))
    assert len(rows) == len({resident for resident, _ in rows}), "two homes for one resident on one day"
    return dict(rows)


def random_date(rng: random.Random) -> dt.date | None:
    return None if rng.random() < 0.25 else dt.date(2020, 1, 1) + dt.timedelta(days=rng.randint(0, 60))


@pytest.mark.django_db
def test_the_kept_homes_agree_with_the_memberships_on_every_day() -> None:
    """Random tenancies and memberships, overlapping, open and closed at either end: on every day
    of the period and beyond, the kept home is the last-recorded current membership."""
    rng = random.Random(7)
    residents = ResidentFactory.create_batch(6)
    tenancies = []
    for _ in range(5):
        start = random_date(rng)
        end = random_date(rng)
        if start and end and end < start:
            start, end = end, start
        tenancies.append(TenancyFactory(start_date=start, end_date=end))
    for resident in residents:
        for tenancy in rng.sample(tenancies, rng.randint(0, 4)):
            start, end = random_date(rng), random_date(rng)
            TenancyMemberFactory(tenancy=tenancy, resident=resident, start_date=start, end_date=end)
    day = dt.date(2019, 12, 25)
    while day <= dt.date(2020, 3, 10):
        assert homes_kept(day) == homes_by_memberships(day), day
        day += DAY


@pytest.mark.django_db
def test_the_facts_of_the_home_are_kept_with_it() -> None:
    home = PropertyFactory(property_type=PropertyType.SHELTERED, location=Location.RURAL)
    member = TenancyMemberFactory(tenancy=TenancyFactory(property=home, tenure=Tenure.SECURE))

    kept = ResidentHome.objects.current(dt.date(2026, 1, 1)).get(resident=member.resident)

    assert (kept.tenure, kept.property_type, kept.location, kept.area_id) == (
        Tenure.SECURE,
        PropertyType.SHELTERED,
        Location.RURAL,
        home.area_id,
    )
    assert kept.start_date == dt.date(2015, 4, 1) and kept.end_date is None


@pytest.mark.django_db
def test_ending_a_tenancy_or_changing_a_home_through_the_services_moves_the_rows() -> None:
    officer = UserFactory()
    member = TenancyMemberFactory()
    tenancy, home = member.tenancy, member.tenancy.property

    ended = {"end_date": dt.date(2026, 3, 31), "tenure": Tenure.STARTER}
    tenancy_update(tenancy=tenancy, by=officer, data=ended)
    property_update(prop=home, by=officer, data={"property_type": PropertyType.SUPPORTED})

    assert ResidentHome.objects.current(dt.date(2026, 4, 1)).count() == 0
    kept = ResidentHome.objects.current(dt.date(2026, 3, 31)).get()
    assert (kept.tenure, kept.property_type) == (Tenure.STARTER, PropertyType.SUPPORTED)


@pytest.mark.django_db
def test_a_move_gives_the_new_home_from_its_first_day() -> None:
    resident = ResidentFactory()
    old = TenancyMemberFactory(resident=resident, tenancy=TenancyFactory(start_date=dt.date(2010, 1, 1)))
    new = TenancyMemberFactory(resident=resident, tenancy=TenancyFactory(start_date=dt.date(2024, 6, 1)))
    # The old household recorded the move a week late: both are current for a week.
    TenancyMember.objects.filter(pk=old.pk).update(end_date=dt.date(2024, 6, 7))
    old.refresh_from_db()
    old.save()  # one save, as the services do, sends the signal

    assert homes_kept(dt.date(2024, 5, 31)) == {resident.pk: old.pk}
    assert homes_kept(dt.date(2024, 6, 1)) == {resident.pk: new.pk}
    assert homes_kept(dt.date(2030, 1, 1)) == {resident.pk: new.pk}
    assert ResidentHome.objects.filter(resident=resident).count() == 2


@pytest.mark.django_db
def test_deleting_a_membership_or_a_resident_removes_their_homes() -> None:
    member = TenancyMemberFactory()
    other = TenancyMemberFactory(tenancy=member.tenancy)

    member.delete()
    assert not ResidentHome.objects.filter(resident=member.resident).exists()
    Resident.objects.filter(pk=other.resident_id).delete()
    assert not ResidentHome.objects.exists()


@pytest.mark.django_db
def test_an_import_keeps_the_homes_including_the_tenancies_it_ends(tmp_path: Path) -> None:
    run(write_csv(tmp_path / "first.csv", three_households()))
    assert homes_kept(dt.date(2026, 11, 2)) == homes_by_memberships(dt.date(2026, 11, 2))
    assert len(homes_kept(dt.date(2026, 11, 2))) == 5  # the applicant has no home

    later = [
        person("P1", "T1", "H1", relationship="tenant"),
        person("P2", "T1", "H1", relationship="joint_tenant"),
        person("P5", "T3", "H3", tenure="assured", area="South > Hill Top", property_type="sheltered"),
        person("P7", "T4", "H2"),
    ]
    run(write_csv(tmp_path / "later.csv", later), as_of=dt.date(2026, 12, 1))

    for day in (dt.date(2026, 11, 30), dt.date(2026, 12, 1)):
        assert homes_kept(day) == homes_by_memberships(day)
    on = dt.date(2026, 12, 1)
    assert ResidentHome.objects.current(on).get(resident__hms_ref="P5").property_type == "sheltered"
    assert not ResidentHome.objects.current(on).filter(resident__hms_ref__in=["P3", "P4"]).exists()
    assert ResidentHome.objects.current(on).filter(resident__hms_ref="P7").exists()


@pytest.mark.django_db
def test_the_command_rebuilds_what_was_written_past_the_signals() -> None:
    member = TenancyMemberFactory()
    Tenancy.objects.filter(pk=member.tenancy_id).update(tenure=Tenure.LICENCE)  # no signal
    ResidentHome.objects.all().delete()

    out = StringIO()
    call_command("rebuild-homes", stdout=out)

    assert "Rebuilt every resident's homes (1 row)" in out.getvalue()
    assert ResidentHome.objects.get().tenure == Tenure.LICENCE


@pytest.mark.django_db
def test_a_new_date_of_birth_is_kept_on_the_homes() -> None:
    """Age is counted from the kept rows, so a corrected date of birth must reach them."""
    from tenantvoice.residents.services import resident_update

    member = TenancyMemberFactory(resident=ResidentFactory(date_of_birth=dt.date(1950, 1, 1)))
    resident_update(resident=member.resident, by=UserFactory(), data={"date_of_birth": dt.date(1990, 6, 1)})

    assert ResidentHome.objects.get().date_of_birth == dt.date(1990, 6, 1)
