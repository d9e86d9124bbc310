"""The reporting timetable from the strategy data (``[[reporting]]``; decision 0051): Housing
for Women reports involvement quarterly to the Executive and annually to the Board and all
tenants (seed 000, section 8); Tower Hamlets Homes has compliance with its standards monitored
by the Residents Panel quarterly and reported to the Board twice a year (seed 002, section 4).
An entry not traced to the strategy, or one that cannot be drawn, is refused and nothing loads."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine

from tenantvoice.reporting.models import ReportingDuty
from tenantvoice.strategies.loader import StrategyError, strategy_load
from tests.factories import ReportPresentationFactory

pytestmark = pytest.mark.django_db

TODAY = dt.datetime(2026, 12, 7, 9, tzinfo=dt.UTC)


@time_machine.travel(TODAY, tick=False)
def test_housing_for_womens_cadences_load_with_section_8s_words() -> None:
    counts = strategy_load("housing-for-women")
    assert counts["reporting duties"] == 3
    duties = {d.slug: d for d in ReportingDuty.objects.all()}
    executive = duties["involvement-to-the-executive"]
    assert (executive.kind, executive.audience, executive.cadence) == (
        "involvement",
        "The Executive",
        "quarterly",
    )
    assert executive.group is None and executive.year_starts == 4
    assert (
        executive.source_words()
        == "Strategy, section 8: “Involvement will be reported quarterly to the Executive”."
    )
    assert "01/04/18" in executive.sources["year_starts"]["quote"]
    # Not said by the strategy: TenantVoice's defaults, recorded as such.
    assert executive.due_days == 90 and executive.sources["due_days"] == {"default": 90}
    assert executive.starts_on == dt.date(2026, 4, 1) and "default" in executive.sources["starts_on"]
    board, tenants = duties["involvement-to-the-board"], duties["involvement-to-all-tenants"]
    assert (board.cadence, board.audience) == ("annually", "The Board")
    assert tenants.cadence == "annually" and "Annual Review" in tenants.audience
    assert "annually to the Board and all tenants" in tenants.source_words()


@time_machine.travel(TODAY, tick=False)
def test_tower_hamlets_homes_reports_standards_to_its_panel_and_board_at_their_meetings() -> None:
    strategy_load("tower-hamlets-homes")
    panel = ReportingDuty.objects.get(slug="standards-to-the-residents-panel")
    assert (panel.kind, panel.cadence, panel.group.slug if panel.group else None) == (
        "standards",
        "quarterly",
        "residents-panel",
    )
    assert "Monitored and reviewed by the residents Panel quarterly" in panel.source_words()
    board = ReportingDuty.objects.get(slug="standards-to-the-board")
    assert board.cadence == "twice_a_year" and board.group is not None and board.group.slug == "board"
    assert "Reported to the Board twice a year" in board.source_words()
    # The strategy does not say when its year starts: TenantVoice's default, said so.
    assert board.year_starts == 4 and board.sources["year_starts"] == {"default": 4}


def test_loading_again_keeps_the_record_and_the_start_and_retires_a_duty_taken_out(
    strategy_file: Any,
) -> None:
    with time_machine.travel(TODAY, tick=False):
        strategy_load(strategy_file(ENTRY))
    duty = ReportingDuty.objects.get()
    ReportPresentationFactory(duty=duty, meeting=None, where="Executive team meeting")
    with time_machine.travel(TODAY + dt.timedelta(days=400), tick=False):
        strategy_load(
            strategy_file(ENTRY.replace('audience = "The Executive"', 'audience = "The Executive team"'))
        )
        duty.refresh_from_db()
        assert duty.audience == "The Executive team" and duty.starts_on == dt.date(2026, 4, 1)
        assert duty.presentations.count() == 1
        strategy_load(strategy_file(ENTRY.split("[[reporting]]")[0]))
    duty.refresh_from_db()
    assert not duty.active and duty.presentations.count() == 1


ENTRY = """
[strategy]
title = "Test"
[[reporting]]
slug = "involvement-to-the-executive"
kind = "involvement"
audience = "The Executive"
cadence = "quarterly"
[reporting.sources]
kind = { section = "8", quote = "Number of engaged persons at each level" }
audience = { section = "8", quote = "reported quarterly to the Executive" }
cadence = { section = "8", quote = "reported quarterly to the Executive" }
"""


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ('cadence = { section = "8", quote = "reported quarterly to the Executive" }', ""),
            "field 'cadence': no source",
        ),
        (('kind = "involvement"', 'kind = "minutes"'), "field 'kind': 'minutes' is not one of"),
        (
            ('cadence = "quarterly"', 'cadence = "fortnightly"'),
            "field 'cadence': 'fortnightly' is not one of",
        ),
        (
            ('kind = "involvement"', 'kind = "complaints"'),
            "drawn for a reporting year of 1 April to 31 March only",
        ),
        (
            ('cadence = "quarterly"', 'cadence = "quarterly"\ngroup = "no-such-group"'),
            "no group 'no-such-group'",
        ),
        (('cadence = "quarterly"', 'cadence = "quarterly"\ndue_days = 30'), "field 'due_days': no source"),
        (('cadence = "quarterly"', 'cadence = "quarterly"\ncolour = "red"'), "field 'colour': unknown key"),
    ],
)
def test_an_entry_not_traced_or_not_drawable_is_refused_and_nothing_is_loaded(
    strategy_file: Any, change: tuple[str, str], message: str
) -> None:
    old, new = change
    with pytest.raises(StrategyError, match=message):
        strategy_load(strategy_file(ENTRY.replace(old, new, 1)))
    assert not ReportingDuty.objects.exists()
    strategy_load(strategy_file(ENTRY))
    assert ReportingDuty.objects.get().cadence == "quarterly"
