"""Every rule in a strategy file carries its source (decision 0022): the strategy's section
and an exact quote, a regulation, or the landlord's own choice where the strategy is silent.
The loader refuses anything else, naming the file, the item and the field."""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from tenantvoice.involvement.models import Group, Level, Opportunity, SeatCategory
from tenantvoice.strategies.loader import StrategyError, strategy_load, strategy_names

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"
DATA = ROOT / "src" / "tenantvoice" / "strategies" / "data"


def normalised(text: str) -> str:
    """Compare words, not typography: curly quotes, dashes, markup and spacing are ignored."""
    text = text.replace("\u2018", "'").replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    text = re.sub("[\u2010-\u2015]", "-", text.replace("`", "'").replace("**", ""))
    text = re.sub(r"</?[a-zA-Z][^<>]*>", " ", text)
    return re.sub(r"\s+", " ", text).strip().lower()


def sources_in(node: Any, where: str = "") -> Iterator[tuple[str, dict[str, str]]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "sources":
                for name, source in value.items():
                    yield f"{where} {name}", source
            else:
                yield from sources_in(value, f"{where}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            slug = value.get("slug", i) if isinstance(value, dict) else i
            yield from sources_in(value, f"{where}[{slug}]")


@pytest.mark.parametrize("name", strategy_names())
def test_every_quote_is_in_the_strategy_it_cites(name: str) -> None:
    if not SEEDS.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"The seeds are missing from {SEEDS}: CI keeps a copy of shared/ beside the clone.")
        pytest.skip(f"No seeds at {SEEDS}")
    data = tomllib.loads((DATA / f"{name}.toml").read_text(encoding="utf-8"))
    seed = normalised((SEEDS / data["strategy"]["seed"]).read_text(encoding="utf-8"))
    quotes = [(where, s["quote"]) for where, s in sources_in(data) if "quote" in s]
    assert quotes, "a strategy file cites its strategy"
    missing = [f"{where}: {quote!r}" for where, quote in quotes if normalised(quote) not in seed]
    assert missing == []


@pytest.mark.django_db
@pytest.mark.parametrize("name", strategy_names())
def test_each_rule_is_stored_with_its_source(name: str) -> None:
    strategy_load(name)
    for level in Level.objects.all():
        assert "name" in level.sources
        if level.cap is not None:
            assert "cap" in level.sources
    for group in Group.objects.all():
        assert "name" in group.sources
        for field in ("min_members", "max_members", "term_years", "max_consecutive_terms"):
            if getattr(group, field) is not None:
                assert field in group.sources, (group.slug, field)
    for seat in SeatCategory.objects.all():
        if seat.seats is not None:
            assert "seats" in seat.sources, (seat.group.slug, seat.slug)
        if seat.eligibility:
            assert "eligibility" in seat.sources
    for opportunity in Opportunity.objects.exclude(frequency=""):
        assert "frequency" in opportunity.sources


# --- Refusals ------------------------------------------------------------------------------

GOOD = """
[strategy]
title = "Test"
[landlord]
nation = "england-and-wales"
[standards]
notice_working_days = 10
[standards.sources]
notice_working_days = { section = "1", quote = "at least 10 working days" }
[standards.chosen]
offer_working_days = 5
[[levels]]
order = 1
slug = "informed"
name = "Kept informed"
default = true
[levels.sources]
name = { section = "1", quote = "kept informed" }
[[levels]]
order = 2
slug = "panel-level"
name = "Panel"
cap = 12
[levels.sources]
name = { section = "2", quote = "the panel" }
cap = { section = "2", quote = "no more than 12" }
[[groups]]
slug = "panel"
name = "Panel"
kind = "panel"
level = "panel-level"
meetings_per_year = "Monthly"
[groups.sources]
name = { section = "2", quote = "the panel" }
meetings_per_year = { regulation = "Housing (Scotland) Act 2001 s54" }
[[groups.seats]]
slug = "members"
name = "Members"
seats = 12
[groups.seats.sources]
seats = { section = "2", quote = "no more than 12" }
[[opportunities]]
slug = "panel"
name = "Panel"
kind = "panel"
level = "panel-level"
group = "panel"
"""


@pytest.mark.django_db
def test_a_well_sourced_strategy_loads_with_its_sources_and_choices(strategy_file: Any) -> None:
    strategy_load(strategy_file(GOOD))
    assert Level.objects.get(slug="panel-level").sources["cap"] == {
        "section": "2",
        "quote": "no more than 12",
    }
    group = Group.objects.get(slug="panel")
    assert group.sources["meetings_per_year"] == {"regulation": "Housing (Scotland) Act 2001 s54"}
    from tenantvoice.core.selectors import landlord_get

    sources = landlord_get().standards_sources
    assert sources["offer_working_days"] == {"chosen": True, "default": 10}  # with the platform's default


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "message"),
    [
        # A rule with neither a source nor a landlord's choice.
        (
            ('cap = { section = "2", quote = "no more than 12" }\n', ""),
            r"test-landlord.toml: level 'panel-level' field 'cap': no source",
        ),
        (
            ('seats = { section = "2", quote = "no more than 12" }\n', ""),
            r"test-landlord.toml: group 'panel' seat 'members' field 'seats': no source",
        ),
        (
            ('notice_working_days = { section = "1", quote = "at least 10 working days" }\n', ""),
            r"test-landlord.toml: \[standards\] field 'notice_working_days': no source",
        ),
        # A source that is neither a quote with its section nor a regulation.
        (
            ('cap = { section = "2", quote = "no more than 12" }', 'cap = { section = "2" }'),
            r"level 'panel-level' field 'cap': a source needs the strategy's section and a quote",
        ),
        # Unknown keys, in an item, in a source and in the landlord's choices.
        (
            ('meetings_per_year = "Monthly"\n', 'meetings_per_year = "Monthly"\nmeets = "weekly"\n'),
            r"test-landlord.toml: group 'panel' field 'meets': unknown key",
        ),
        (
            ('{ regulation = "Housing (Scotland) Act 2001 s54" }', '{ regulation = "s54", page = "3" }'),
            r"group 'panel' field 'meetings_per_year': unknown key\(s\) in its source: page",
        ),
        (
            ("offer_working_days = 5", "offer_days = 5"),
            r"\[standards\] field 'offer_days': only rules can be the landlord's choice",
        ),
        # A value both sourced and chosen, and a source for a value that is not there.
        (
            ("[standards.chosen]\noffer_working_days = 5", "[standards.chosen]\nnotice_working_days = 5"),
            r"\[standards\] field 'notice_working_days': set both in the item and in its landlord's choices",
        ),
        (
            ("cap = 12\n", ""),
            r"level 'panel-level' field 'cap': has a source but no value",
        ),
        # Contradictions.
        (
            (
                'level = "panel-level"\ngroup = "panel"\n',
                'level = "informed"\ngroup = "panel"\n',
            ),
            r"opportunity 'panel' field 'level': needs level 'informed', but its group 'panel' is on level "
            r"'panel-level'",
        ),
        (
            (
                "seats = 12\n[groups",
                'seats = 12\n[groups.seats.chosen]\nhow_filled = "application"\n'
                "electorate = { needs_tenancy = true }\n[groups",
            ),
            r"seat 'members' field 'electorate': the seat is filled by application, not by election",
        ),
        (
            (
                'meetings_per_year = "Monthly"\n',
                'meetings_per_year = "Monthly"\n[groups.chosen]\nmax_consecutive_terms = 2\n',
            ),
            r"group 'panel' field 'max_consecutive_terms': needs a term of office",
        ),
        (
            (
                'meetings_per_year = "Monthly"\n',
                'meetings_per_year = "Monthly"\n[groups.chosen]\nmeetings_min = 12\nmeetings_max = 6\n',
            ),
            r"group 'panel' field 'meetings_min': 12 is more than meetings_max \(6\)",
        ),
        (
            (
                'level = "panel-level"\nmeetings_per_year = "Monthly"\n',
                'meetings_per_year = "Monthly"\n[groups.chosen]\nis_level = true\n',
            ),
            r"group 'panel' field 'is_level': the group is a level, so name it in 'level'",
        ),
        (
            ('name = { section = "2", quote = "the panel" }\nmeetings', "meetings"),
            r"group 'panel' field 'name': no source",
        ),
        (
            (
                'cap = { section = "2", quote = "no more than 12" }',
                'cap = { section = "2", quote = "' + "x" * 251 + '" }',
            ),
            r"level 'panel-level' field 'cap': the quote is 251 characters; quote at most 250",
        ),
    ],
)
def test_a_strategy_that_is_not_traced_is_refused_naming_file_item_and_field(
    strategy_file: Any, change: tuple[str, str], message: str
) -> None:
    old, new = change
    assert old in GOOD
    with pytest.raises(StrategyError, match=message):
        strategy_load(strategy_file(GOOD.replace(old, new, 1)))
    assert not Level.objects.exists()  # nothing half-loaded


@pytest.mark.django_db
def test_an_unknown_section_is_refused(strategy_file: Any) -> None:
    with pytest.raises(StrategyError, match=r"test-landlord.toml: unknown section \[rules\]"):
        strategy_load(strategy_file(GOOD + "\n[rules]\nx = 1\n"))


# --- The page --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_how_we_involve_residents_shows_each_rule_and_where_it_comes_from(client: Client) -> None:
    strategy_load("housing-for-women")
    page = client.get("/get-involved/how-we-involve-residents/").content.decode()
    assert "<h1>How we involve residents</h1>" in page
    assert "Level 4: Substantial involvement (Tenant Scrutiny Panel)" in page
    assert "From our strategy, section 5: <q>No more than 12 tenant members" in page
    assert "Lead officer</th><td>Director of Operations" in page
    # The strategy sets no time to accept an offered place: the landlord chose it.
    assert "Time to accept a place offered from a waiting list</th><td>10 working days</td>" in page
    assert "Set by the landlord" in page
    assert '<th scope="col">Where it comes from</th>' in page and "<caption>" in page
    assert "<script" not in page


@pytest.mark.django_db
def test_the_page_names_a_regulation(client: Client, strategy_file: Any) -> None:
    strategy_load(strategy_file(GOOD))
    page = client.get("/get-involved/how-we-involve-residents/").content.decode()
    assert "From the law: Housing (Scotland) Act 2001 s54" in page


@pytest.mark.django_db
def test_the_page_is_linked_from_ways_to_get_involved_and_every_footer(client: Client) -> None:
    strategy_load("southway")
    assert 'href="/get-involved/how-we-involve-residents/"' in client.get("/get-involved/").content.decode()
    assert 'href="/get-involved/how-we-involve-residents/"' in client.get("/privacy/").content.decode()

