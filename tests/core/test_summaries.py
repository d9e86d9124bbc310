"""Summaries are exact (issue 15 item 5, decision 0040).

Each figure kept in the summary store is compared with the same figure computed from the
tables, after every change the register and surveys go through (an import, a move between
homes, a leaver, a resident's date of birth corrected, a level joined and left, a survey
response), in random orders; and a page read a second time reads nothing from the register.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import random
import re
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from tenantvoice.core.errors import DomainError
from tenantvoice.core.models import Summary, SummaryChange
from tenantvoice.core.summaries import bump, changes_fold, computed_directly, summaries_refresh, versions
from tenantvoice.involvement.models import Level, LevelMembership, MembershipStatus
from tenantvoice.involvement.reports import involvement_numbers
from tenantvoice.involvement.selectors import persons_at_levels
from tenantvoice.involvement.services import level_join, level_leave
from tenantvoice.residents.hms_columns import COLUMN_NAMES
from tenantvoice.residents.importing import import_rows
from tenantvoice.residents.models import Area, Property, Resident, TenancyMember
from tenantvoice.residents.services import resident_update
from tenantvoice.surveys.models import Survey
from tenantvoice.surveys.population import WEIGHT_VARIABLES, population_margins, resident_strata
from tenantvoice.surveys.results import SurveyResults, survey_results
from tenantvoice.surveys.services import response_record, tsm_add
from tests.factories import LevelFactory, SurveyFactory, make_resident
from tests.residents.test_importing import person
from tests.surveys.test_surveys import FULL, answers

AS_OF = dt.date(2026, 11, 2)
AREAS = ["North > Riverside > Oak Estate", "North > Hill Top", "South > Dale", "East"]
CONSENT = "I agree that you may keep my involvement details."
VARIABLES = list(WEIGHT_VARIABLES)


class Register:
    """The landlord's HMS extract, as a list of rows, imported whole after each change to it."""

    def __init__(self) -> None:
        self.rows: dict[str, dict[str, str]] = {}
        self.next = 0

    def add(self, rng: random.Random, tenancy: str | None = None) -> str:
        self.next += 1
        ref = f"P{self.next}"
        home = tenancy or f"T{self.next}"
        born = dt.date(1940, 1, 1) + dt.timedelta(days=rng.randrange(0, 60 * 365))
        self.rows[ref] = person(
            ref,
            home,
            f"H{home[1:]}",
            date_of_birth=born.isoformat(),
            tenure=rng.choice(["secure", "assured", "shared_ownership"]),
            area=rng.choice(AREAS),
            property_type=rng.choice(["general_needs", "sheltered"]),
            relationship="tenant" if tenancy is None else "household_member",
        )
        # Rows of one tenancy must agree on the tenancy and its home.
        mate = next(
            (row for row in self.rows.values() if row["tenancy_ref"] == home and row is not self.rows[ref]),
            None,
        )
        if mate is not None:
            shared = (
                "tenure",
                "tenancy_start",
                "property_ref",
                "address_line_1",
                "town",
                "postcode",
                "area",
                "property_type",
                "location",
            )
            self.rows[ref] |= {column: mate[column] for column in shared}
        return ref

    def load(self) -> None:
        heading = list(COLUMN_NAMES)
        rows = [heading, *([row.get(column, "") for column in heading] for row in self.rows.values())]
        result = import_rows(rows, name="extract.csv", as_of=AS_OF, allow_many_ended=True)
        assert not result.error_count, result.summary_lines()


def world(rng: random.Random) -> tuple[Register, Level, Survey]:
    Level.objects.all().delete()
    LevelFactory(order=1, slug="resident", name="Resident", is_default=True)
    involved = LevelFactory(order=2, slug="involved", name="Involved")
    register = Register()
    for _ in range(4):
        tenancy = f"T{register.next + 1}"
        register.add(rng)
        if rng.random() < 0.5:
            register.add(rng, tenancy)
    register.load()
    survey = SurveyFactory(title="Tenant survey 2026", status="draft", closes_on=AS_OF)
    tsm_add(survey=survey, landlord="Riverside Homes")
    survey.status = "open"
    survey.save()
    return register, involved, survey


def change(step: str, rng: random.Random, register: Register, involved: Level, survey: Survey) -> None:
    """One change, through the services the pages and the import use."""
    living = list(TenancyMember.objects.current(AS_OF).values_list("resident_id", flat=True))
    someone = Resident.objects.get(pk=rng.choice(living)) if living else None
    match step:
        case "arrive":
            register.add(rng)
            register.load()
        case "move" if register.rows:
            ref = rng.choice(sorted(register.rows))
            register.next += 1
            home = f"T{register.next}"
            register.rows[ref] |= {
                "tenancy_ref": home,
                "property_ref": f"H{register.next}",
                "area": rng.choice(AREAS),
            }
            register.load()
        case "leave" if register.rows:
            del register.rows[rng.choice(sorted(register.rows))]
            register.load()
        case "birthday" if someone is not None:
            born = dt.date(1930, 1, 1) + dt.timedelta(days=rng.randrange(0, 75 * 365))
            resident_update(resident=someone, by=None, data={"date_of_birth": born})
        case "join" if someone is not None:
            with contextlib.suppress(DomainError):  # already there, or not eligible: no change
                level_join(resident=someone, level=involved, consent_wording=CONSENT, on=AS_OF)
        case "quit":
            membership = LevelMembership.objects.filter(status=MembershipStatus.ACTIVE).order_by("?").first()
            if membership is not None:
                level_leave(membership=membership, on=AS_OF)
        case "respond" if someone is not None:
            choice = rng.choice(["very_satisfied", "fairly_dissatisfied", "neither"])
            with contextlib.suppress(DomainError):  # already answered: no change
                response_record(
                    survey=survey,
                    answers=answers(survey, **{**FULL, "TP01": choice}),
                    channel="portal",
                    resident=someone,
                    today=AS_OF,
                )


def figures(results: SurveyResults) -> tuple[Any, ...]:
    weighted = results.weighted
    return (
        results.responses,
        results.invited,
        results.by_channel,
        [(r.question.pk, r.shown_base, r.lines, r.positive, r.mean) for r in results.questions],
        results.tsm,
        results.breakdowns,
        results.suppression.counts if results.suppression else None,
        None
        if weighted is None
        else (weighted.weighting, weighted.by_question, weighted.tsm, weighted.profile),
    )


def assert_exact(survey: Survey) -> None:
    """Every summary, read through the store, equals the same figure computed from the tables."""
    kept = (
        persons_at_levels(AS_OF, AS_OF),
        persons_at_levels(AS_OF - dt.timedelta(days=90), AS_OF),  # the quarterly return's
        population_margins(survey, VARIABLES, AS_OF),
        figures(survey_results(survey, weight_by=VARIABLES)),
    )
    with computed_directly():
        direct = (
            persons_at_levels(AS_OF, AS_OF),
            persons_at_levels(AS_OF - dt.timedelta(days=90), AS_OF),
            population_margins(survey, VARIABLES, AS_OF),
            figures(survey_results(survey, weight_by=VARIABLES)),
        )
    assert kept == direct


STEPS = ["arrive", "move", "leave", "birthday", "join", "quit", "respond"]


class TestSummariesEqualTheDirectCount(TestCase):
    @hypothesis_settings(
        max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
    )
    @given(seed=st.integers(0, 2**16), steps=st.lists(st.sampled_from(STEPS), min_size=1, max_size=8))
    def test_after_any_sequence_of_changes(self, seed: int, steps: list[str]) -> None:
        rng = random.Random(seed)
        register, involved, survey = world(rng)
        assert_exact(survey)  # stores every summary
        for step in steps:
            change(step, rng, register, involved, survey)
            assert_exact(survey)


@pytest.mark.django_db
def test_each_kind_of_change_is_seen_by_the_next_read() -> None:
    """Every kind of change, once each, with every summary read before it: each moves the
    figure it should, and the summaries still equal the direct count."""
    rng = random.Random(7)
    register, involved, survey = world(rng)
    default = Level.objects.get(is_default=True).pk
    before = persons_at_levels(AS_OF, AS_OF)
    assert_exact(survey)
    change("arrive", rng, register, involved, survey)
    assert persons_at_levels(AS_OF, AS_OF)[default] == before[default] + 1
    assert_exact(survey)
    ref = next(iter(register.rows))
    mover = Resident.objects.get(hms_ref=ref)
    register.rows[ref] |= {"tenancy_ref": "T900", "property_ref": "H900", "area": "East"}
    register.load()
    east = Area.objects.get(full_name="East").pk
    living_east = TenancyMember.objects.current(AS_OF).filter(tenancy__property__area_id=east).count()
    assert population_margins(survey, ["area"], AS_OF)["area"][str(east)] == living_east
    assert_exact(survey)
    level_join(resident=mover, level=involved, consent_wording=CONSENT, on=AS_OF)
    assert persons_at_levels(AS_OF, AS_OF)[involved.pk] == 1
    assert_exact(survey)
    resident_update(resident=mover, by=None, data={"date_of_birth": dt.date(2000, 1, 1)})
    assert population_margins(survey, ["age_band"], AS_OF)["age_band"]["25-34"] >= 1
    assert_exact(survey)
    response_record(
        survey=survey, answers=answers(survey, **FULL), channel="portal", resident=mover, today=AS_OF
    )
    assert survey_results(survey).responses == 1
    assert_exact(survey)
    del register.rows[ref]
    register.load()
    assert persons_at_levels(AS_OF, AS_OF).get(involved.pk, 0) == 1  # still joined, though gone
    assert_exact(survey)
    level_leave(membership=LevelMembership.objects.get(resident=mover), on=AS_OF + dt.timedelta(days=1))
    assert (
        persons_at_levels(AS_OF + dt.timedelta(days=2), AS_OF + dt.timedelta(days=2)).get(involved.pk, 0) == 0
    )
    assert_exact(survey)


@pytest.mark.django_db
def test_the_area_weighting_variable_is_the_top_level_area() -> None:
    """Raking needs few categories with respondents in each: the area of the profile and the
    margins is the top-level area, however deep the tree (decision 0040)."""
    rng = random.Random(3)
    register, involved, survey = world(rng)
    margins = population_margins(survey, ["area"], AS_OF)
    tops = {str(pk) for pk in Area.objects.filter(parent=None).values_list("pk", flat=True)}
    assert set(margins["area"]) <= tops
    assert sum(margins["area"].values()) == TenancyMember.objects.current(AS_OF).count()
    # A sample stratified by area is drawn from the same categories.
    assert set(resident_strata(Resident.objects.all(), "area", AS_OF).values()) <= tops
    for resident in Resident.objects.all():
        response_record(
            survey=survey, answers=answers(survey, **FULL), channel="portal", resident=resident, today=AS_OF
        )
    profile = survey_results(survey, threshold=1, weight_by=["area"]).weighted
    assert profile is not None
    assert {row.category for row in profile.profile} <= {"North", "South", "East"}


# --- A second read reads nothing from the register -----------------------------------------

REGISTER_TABLES = re.compile(
    r'"(residents_(?!area")\w+|involvement_levelmembership|surveys_answer|surveys_response)"'
)


# "Has this survey a response?" (earlier waves to compare with): one index probe per survey.
PROBE = re.compile(
    r'EXISTS\(SELECT 1 AS "a" FROM "surveys_response" U0 '
    r'WHERE U0\."survey_id" = \("surveys_survey"\."id"\) LIMIT 1\)'
)


def tables_read(queries: CaptureQueriesContext) -> set[str]:
    """The register's tables (and a survey's responses and answers) the queries read."""
    return {
        name for q in queries.captured_queries for name in REGISTER_TABLES.findall(PROBE.sub("", q["sql"]))
    }


@pytest.fixture
def filled(db: None) -> Iterator[Survey]:
    LevelFactory(order=1, slug="resident", name="Resident", is_default=True)
    survey = SurveyFactory(title="Tenant survey 2026", status="draft")
    tsm_add(survey=survey, landlord="Riverside Homes")
    survey.status = "open"
    survey.save()
    for n in range(12):
        resident = make_resident(tenure="secure" if n % 2 else "shared_ownership")
        response_record(survey=survey, answers=answers(survey, **FULL), channel="portal", resident=resident)
    yield survey


def test_involvement_in_numbers_read_again_counts_nobody(filled: Survey, officer_client: Client) -> None:
    url = reverse("staff:involvement-report")
    assert officer_client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert officer_client.get(url).status_code == 200
        assert officer_client.get(url, {"format": "xlsx"}).status_code == 200
    assert tables_read(queries) == set()


@pytest.mark.parametrize("name", ["surveys:survey-results", "surveys:survey-report"])
def test_survey_results_weighted_read_again_read_no_response(
    filled: Survey, officer_client: Client, name: str
) -> None:
    url = reverse(name, args=[filled.pk])
    query = {"weight": VARIABLES}
    first = officer_client.get(url, query).content.decode()
    with CaptureQueriesContext(connection) as queries:
        again = officer_client.get(url, query).content.decode()
    assert tables_read(queries) == set()
    assert "Design effect" in again and again.count("<td>") == first.count("<td>")


def test_a_response_makes_only_that_surveys_results_out_of_date(filled: Survey) -> None:
    other = SurveyFactory(title="Tenant survey 2026, wave 2", status="draft")
    tsm_add(survey=other, landlord="Riverside Homes")
    other.status = "open"
    other.save()
    assert survey_results(filled).responses == 12 and survey_results(other).responses == 0
    [topic] = versions([f"survey:{other.pk}"]).values()
    # A new resident in a home already on the register (a new home would add an area).
    resident = make_resident(home=Property.objects.first())
    response_record(survey=other, answers=answers(other, **FULL), channel="portal", resident=resident)
    assert versions([f"survey:{other.pk}"])[f"survey:{other.pk}"] > topic
    with CaptureQueriesContext(connection) as queries:
        assert survey_results(filled).responses == 12
    assert tables_read(queries) == set()
    assert survey_results(other).responses == 1


@pytest.mark.django_db(transaction=True)
def test_after_a_change_commits_the_worker_refreshes_what_was_read(officer_client: Client) -> None:
    """The refresh job runs once the change commits (tests run jobs at once), so the next
    reader finds the figures fresh and exact."""
    LevelFactory(order=1, slug="resident", name="Resident", is_default=True)
    involved = LevelFactory(order=2, slug="involved", name="Involved")
    residents = [make_resident() for _ in range(3)]
    on = dt.date.today()
    assert involvement_numbers(on).levels[0].residents == 3
    level_join(resident=residents[0], level=involved, consent_wording=CONSENT, on=on)
    with CaptureQueriesContext(connection) as queries:
        numbers = involvement_numbers(on)
    assert tables_read(queries) == set()
    assert [line.residents for line in numbers.levels] == [2, 1]


@pytest.mark.django_db
def test_the_daily_refresh_recomputes_what_was_read_lately_and_forgets_the_rest() -> None:
    LevelFactory(order=1, slug="resident", name="Resident", is_default=True)
    make_resident()
    today = timezone.localdate()
    persons_at_levels(today, today)
    persons_at_levels(today - dt.timedelta(days=1), today - dt.timedelta(days=1))
    recent, old = Summary.objects.order_by("pk")
    Summary.objects.filter(pk=old.pk).update(read_on=today - dt.timedelta(days=31))
    make_resident()
    assert summaries_refresh(today=today) == 1
    assert list(Summary.objects.values_list("pk", flat=True)) == [recent.pk]
    with CaptureQueriesContext(connection) as queries:
        assert sum(persons_at_levels(today, today).values()) == 2
    assert tables_read(queries) == set()


@pytest.mark.django_db
def test_the_daily_command_brings_summaries_up_to_date() -> None:
    LevelFactory(order=1, slug="resident", name="Resident", is_default=True)
    make_resident()
    today = timezone.localdate()
    persons_at_levels(today, today)
    make_resident()
    out = io.StringIO()
    call_command("daily", stdout=out)
    assert "Summaries brought up to date: 1." in out.getvalue()
    with CaptureQueriesContext(connection) as queries:
        assert sum(persons_at_levels(today, today).values()) == 2
    assert tables_read(queries) == set()


@pytest.mark.django_db
def test_folding_the_changes_keeps_every_version() -> None:
    bump("register", "involvement")
    bump("register")
    before = versions(["register", "involvement", "areas"])
    assert before == {"register": 2, "involvement": 1, "areas": 0}
    assert changes_fold() == 3
    assert not SummaryChange.objects.exists()
    assert versions(["register", "involvement", "areas"]) == before
    bump("register")
    assert versions(["register"]) == {"register": 3}


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="parallel writers need PostgreSQL")
def test_writers_changing_topics_in_opposite_orders_neither_wait_nor_deadlock() -> None:
    """Each holds its first change uncommitted while the other makes both of its own: with a
    locked counter per topic, one would wait for the other for ever (a deadlock)."""
    both_started = threading.Barrier(2, timeout=10)
    failures: list[BaseException] = []

    def writer(first: str, second: str) -> None:
        try:
            with transaction.atomic():
                bump(first)
                both_started.wait()
                bump(second)
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            failures.append(error)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=writer, args=("register", "involvement")),
        threading.Thread(target=writer, args=("involvement", "register")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert failures == []
    assert versions(["register", "involvement"]) == {"register": 2, "involvement": 2}


@pytest.mark.django_db
def test_a_new_phone_number_leaves_the_registers_summaries_fresh() -> None:
    resident = make_resident()
    [before] = versions(["register"]).values()
    resident_update(
        resident=resident, by=None, data={"other_phone": "0161 496 0000", "consents_to_news": True}
    )
    assert versions(["register"]) == {"register": before}
    # A mobile number is counted by customer profiles ("mobile on file", decision 0048).
    resident_update(resident=resident, by=None, data={"mobile_phone": "07700 900123"})
    assert versions(["register"]) == {"register": before + 1}
    before += 1
    resident_update(resident=resident, by=None, data={"date_of_birth": dt.date(1990, 5, 1)})
    assert versions(["register"]) == {"register": before + 1}
    # An audience's languages are a summary too (a survey's translation page lists them).
    resident_update(resident=resident, by=None, data={"language": "cy"})
    assert versions(["register"]) == {"register": before + 2}
