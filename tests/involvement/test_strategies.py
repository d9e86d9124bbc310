"""Loading the five landlords' strategies: ``tenantvoice load-strategy``."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from tenantvoice.core.selectors import landlord_get
from tenantvoice.involvement.models import Group, Level, Opportunity, SeatCategory
from tenantvoice.involvement.services import level_join
from tenantvoice.strategies.loader import StrategyError, strategy_load, strategy_names
from tenantvoice.strategies.standards import standards_get
from tests.factories import make_resident

from .conftest import CONSENT

pytestmark = pytest.mark.django_db
ALL = ["housing-for-women", "southway", "thenue", "tower-hamlets-homes", "winchester"]


def test_all_five_strategies_ship() -> None:
    assert strategy_names() == ALL


@pytest.mark.parametrize("name", ALL)
def test_each_loads_into_a_fresh_database_and_again_without_change(name: str) -> None:
    first = strategy_load(name)
    snapshot = (
        list(Level.objects.values()),
        list(Group.objects.values()),
        list(SeatCategory.objects.values()),
        list(Opportunity.objects.values()),
    )

    assert strategy_load(name) == first
    assert (
        list(Level.objects.values()),
        list(Group.objects.values()),
        list(SeatCategory.objects.values()),
        list(Opportunity.objects.values()),
    ) == snapshot
    assert first["levels"] >= 2 and first["opportunities"] >= 3
    assert Level.objects.filter(is_default=True).count() == 1
    assert landlord_get().strategy == name


def test_tower_hamlets_homes_sets_its_service_standards() -> None:
    strategy_load("tower-hamlets-homes")
    standards = standards_get()
    assert standards.notice_working_days == 10
    assert standards.minutes_working_days == 10
    assert standards.info_request_working_days == 10
    assert standards.consultation_min_days == 21


def test_thenue_is_in_scotland() -> None:
    strategy_load("thenue")
    assert landlord_get().nation == "scotland"


def test_the_command_lists_and_loads(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("load-strategy", "--list")
    listed = capsys.readouterr().out
    assert all(name in listed for name in ALL)

    call_command("load-strategy", "southway")
    assert "Loaded 'southway': 3 levels" in capsys.readouterr().out


def test_an_unknown_strategy_is_named_in_the_message() -> None:
    with pytest.raises(CommandError, match="There is no strategy called 'leeds'"):
        call_command("load-strategy", "leeds")


def test_another_strategy_cannot_replace_one_residents_have_joined() -> None:
    strategy_load("housing-for-women")
    level_join(resident=make_resident(), level=Level.objects.get(order=2), consent_wording=CONSENT)

    with pytest.raises(StrategyError, match="Load it into a fresh database"):
        strategy_load("southway")
