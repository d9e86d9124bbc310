"""Properties of the eligibility rules and of filling seats, checked by Hypothesis on many
rules, residents and orders of events (issue 14 item 9).

The examples in the other involvement tests are each landlord's words; these say what must be
true of every rule a strategy could write: a rule is its conditions taken together, in any
order; a resident who gains a fact never loses a place; a rule survives being stored; and no
order of filling and ending seats puts more people in them than there are seats or terms.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
from collections import Counter

from hypothesis import example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from tenantvoice.involvement.eligibility import Eligibility, ResidentFacts, age_on, eligibility_problems
from tenantvoice.involvement.models import SeatHolding
from tenantvoice.involvement.services import InvolvementError, seat_end, seat_fill
from tenantvoice.residents.models import ResidentKind, Tenure
from tests.factories import GroupFactory, SeatCategoryFactory, make_resident

AREAS = ("North", "North > Riverside", "North > Riverside > Oak Court", "South")
KINDS = tuple(ResidentKind.values)
TENURES = tuple(Tenure.values)
AGES = st.none() | st.integers(0, 110)

rules = st.builds(
    Eligibility,
    tenures=st.frozensets(st.sampled_from(TENURES), max_size=3),
    primary_tenant_only=st.booleans(),
    managed_for_exempt=st.booleans(),
    managed_for_only=st.booleans(),
    min_age=AGES,
    max_age=AGES,
    resident_kinds=st.frozensets(st.sampled_from(KINDS), max_size=2),
    areas=st.frozensets(st.sampled_from(AREAS), max_size=2),
    needs_tenancy=st.booleans(),
    involved_only=st.booleans(),
)
facts = st.builds(
    ResidentFacts,
    kind=st.sampled_from(KINDS),
    age=AGES,
    tenures=st.frozensets(st.sampled_from(TENURES), max_size=2),
    is_primary_tenant=st.booleans(),
    has_tenancy=st.booleans(),
    in_managed_for_home=st.booleans(),
    area_names=st.frozensets(st.sampled_from(AREAS), max_size=3),
    is_involved=st.booleans(),
)

# A rule's conditions, each of which can stand alone (the age range is one condition).
CONDITIONS = (
    ("tenures",),
    ("primary_tenant_only",),
    ("managed_for_only",),
    ("min_age", "max_age"),
    ("resident_kinds",),
    ("areas",),
    ("needs_tenancy",),
    ("involved_only",),
)


def one_condition(rule: Eligibility, names: tuple[str, ...]) -> Eligibility:
    """``rule`` with only the condition ``names`` (and its exemption for managed-for homes)."""
    return Eligibility(
        managed_for_exempt=rule.managed_for_exempt, **{name: getattr(rule, name) for name in names}
    )


def without_condition(rule: Eligibility, names: tuple[str, ...]) -> Eligibility:
    return dataclasses.replace(rule, **{name: getattr(Eligibility(), name) for name in names})


@given(facts)
def test_a_rule_with_no_conditions_lets_everyone_in(resident: ResidentFacts) -> None:
    assert eligibility_problems(Eligibility(), resident) == []


@given(rules, facts, st.permutations(CONDITIONS))
def test_a_rule_is_its_conditions_together_in_any_order(
    rule: Eligibility, resident: ResidentFacts, order: list[tuple[str, ...]]
) -> None:
    """Each condition gives its own reason, whatever the others say or the order they are
    checked in: a resident one condition refuses is refused by the whole rule."""
    one_by_one = [
        problem for names in order for problem in eligibility_problems(one_condition(rule, names), resident)
    ]
    assert Counter(eligibility_problems(rule, resident)) == Counter(one_by_one)


@given(rules, facts, st.sampled_from(CONDITIONS))
def test_dropping_a_condition_never_turns_anyone_away(
    rule: Eligibility, resident: ResidentFacts, names: tuple[str, ...]
) -> None:
    if not eligibility_problems(rule, resident):
        assert not eligibility_problems(without_condition(rule, names), resident)


@given(rules, facts, st.data())
def test_a_resident_who_gains_a_fact_never_loses_their_place(
    rule: Eligibility, resident: ResidentFacts, data: st.DataObject
) -> None:
    """A tenancy, being the named tenant, being involved, a managed-for home, another tenure or
    another area can only help."""
    more = dataclasses.replace(
        resident,
        has_tenancy=resident.has_tenancy or data.draw(st.booleans()),
        is_primary_tenant=resident.is_primary_tenant or data.draw(st.booleans()),
        is_involved=resident.is_involved or data.draw(st.booleans()),
        in_managed_for_home=resident.in_managed_for_home or data.draw(st.booleans()),
        tenures=resident.tenures | data.draw(st.frozensets(st.sampled_from(TENURES), max_size=2)),
        area_names=resident.area_names | data.draw(st.frozensets(st.sampled_from(AREAS), max_size=2)),
    )
    if not eligibility_problems(rule, resident):
        assert not eligibility_problems(rule, more)


@given(rules, facts)
def test_a_home_managed_for_another_organisation_is_exempt_where_the_rule_says_so(
    rule: Eligibility, resident: ResidentFacts
) -> None:
    exempt = dataclasses.replace(rule, managed_for_exempt=True)
    assert eligibility_problems(exempt, dataclasses.replace(resident, in_managed_for_home=True)) == []


@given(rules)
@example(Eligibility(max_age=0))  # found by Hypothesis: as_data() took 0 for False and dropped it
def test_a_rule_is_the_same_after_being_stored(rule: Eligibility) -> None:
    """Strategies are stored as ``as_data()`` and read back with ``from_data``."""
    assert Eligibility.from_data(rule.as_data()) == rule


@given(st.dates(dt.date(1900, 1, 1), dt.date(2020, 12, 31)), st.integers(0, 80), st.integers(0, 366))
def test_age_counts_whole_years_and_never_goes_down(born: dt.date, years: int, days: int) -> None:
    on = born + dt.timedelta(days=365 * years + days)
    age = age_on(born, on)
    assert age is not None and age >= 0
    assert age_on(born, on + dt.timedelta(days=1)) in (age, age + 1)
    if (born.month, born.day) != (2, 29):
        assert age_on(born, born.replace(year=born.year + years)) == years


START = dt.date(2026, 1, 1)
# Each event: fill a seat starting that many days after START, or end the nth seat filled so far
# that many days after it started.
events = st.lists(
    st.tuples(st.sampled_from(["fill", "end"]), st.integers(0, 60), st.integers(0, 5)), max_size=8
)


class TestSeats(TestCase):
    """seat_fill with the database, each example in its own transaction."""

    @hypothesis_settings(max_examples=40)
    @given(seats=st.integers(1, 3), steps=events)
    # Found by Hypothesis: a seat filled from an earlier day than a seat already taken was let
    # through, and both were then held from the later day on.
    @example(seats=1, steps=[("fill", 1, 0), ("fill", 0, 0)])
    def test_no_order_of_filling_and_ending_seats_fills_more_than_there_are(
        self, seats: int, steps: list[tuple[str, int, int]]
    ) -> None:
        category = SeatCategoryFactory(seats=seats, for_residents=False)
        filled: list[SeatHolding] = []
        for n, (step, days, which) in enumerate(steps):
            try:
                if step == "fill":
                    filled.append(
                        seat_fill(
                            category=category,
                            person_name=f"Cllr {n}",
                            started_on=START + dt.timedelta(days=days),
                        )
                    )
                elif filled:
                    holding = filled[which % len(filled)]
                    seat_end(
                        holding=holding, on=holding.started_on + dt.timedelta(days=days), reason="Resigned"
                    )
            except InvolvementError:
                pass  # refused, as it may be: what matters is what was let through
        holdings = SeatHolding.objects.filter(seat_category=category)
        # The number held only goes up on a day someone starts, so those days are the fullest.
        for day in holdings.values_list("started_on", flat=True):
            assert holdings.held_on(day).count() <= seats, f"more than {seats} held on {day}"

    @hypothesis_settings(max_examples=30)
    @given(starts=st.lists(st.tuples(st.integers(0, 60), st.booleans()), min_size=1, max_size=5))
    # The same flaw in the one-seat-each rule: a seat from an earlier day beside a later one.
    @example(starts=[(1, False), (0, True)])
    def test_no_resident_holds_two_seats_on_a_group_on_any_day(
        self, starts: list[tuple[int, bool]]
    ) -> None:
        group = GroupFactory()
        categories = [SeatCategoryFactory(group=group, seats=None) for _ in range(2)]
        resident = make_resident()
        for days, second in starts:
            with contextlib.suppress(InvolvementError):
                seat_fill(
                    category=categories[second], resident=resident, started_on=START + dt.timedelta(days=days)
                )
        holdings = SeatHolding.objects.filter(seat_category__group=group, resident=resident)
        for day in holdings.values_list("started_on", flat=True):
            assert holdings.held_on(day).count() <= 1, f"two seats held on {day}"

    @hypothesis_settings(max_examples=25)
    @given(limit=st.integers(1, 3), breaks=st.lists(st.booleans(), min_size=1, max_size=6))
    def test_no_one_serves_more_consecutive_terms_than_the_group_allows(
        self, limit: int, breaks: list[bool]
    ) -> None:
        """Year after year, with a break of two years where ``breaks`` says: every term filled is
        at most the group's limit in a row, and a term is refused only at the limit."""
        group = GroupFactory(max_consecutive_terms=limit, term_years=1, term_break_days=365)
        category = SeatCategoryFactory(group=group, seats=None)
        resident = make_resident()
        starts, in_a_row = START, 0
        for long_break in breaks:
            in_a_row = 0 if long_break else in_a_row
            starts = starts.replace(year=starts.year + (3 if long_break else 1))
            try:
                holding = seat_fill(category=category, resident=resident, started_on=starts)
            except InvolvementError:
                assert in_a_row == limit
                in_a_row = 0  # sitting out this year is a break of a year: not enough
                continue
            in_a_row += 1
            assert holding.consecutive_term == in_a_row <= limit
            seat_end(holding=holding, on=holding.term_ends_on, reason="End of term")
