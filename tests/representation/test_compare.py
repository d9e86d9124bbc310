"""Who takes part: involved residents against all residents, by characteristic (issue 18,
item 1; decision 0047). Residents are made with the factories; every figure is checked."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tenantvoice.activities.models import Attendance
from tenantvoice.core.suppression import HIDDEN, Hidden
from tenantvoice.representation.characteristics import (
    AREA,
    LOCATION,
    NOT_KNOWN,
    SEX,
    SUPPORT_NEEDS,
    age_band,
    characteristics,
)
from tenantvoice.representation.compare import (
    compare,
    compare_many,
    compare_over_time,
    quarter_ends_between,
    ratio_in_words,
    wilson_interval,
)
from tenantvoice.representation.populations import (
    activity_attendees,
    all_involved,
    consultation_repliers,
    group_seat_holders,
    level_members,
    residents_on,
    survey_respondents,
)
from tenantvoice.residents.models import (
    EQUALITY_CONSENT_WORDING,
    ConsentMethod,
    EqualityProfile,
    Location,
    PropertyType,
    Resident,
    Tenure,
)
from tenantvoice.surveys.population import years_before
from tests.factories import (
    ActivityFactory,
    AreaFactory,
    ConsultationFactory,
    GroupFactory,
    LevelFactory,
    LevelMembershipFactory,
    ParticipantFactory,
    PropertyFactory,
    RepresentationFactory,
    ResidentFactory,
    ResponseFactory,
    SeatCategoryFactory,
    SeatHoldingFactory,
    SurveyFactory,
    TenancyFactory,
    TenancyMemberFactory,
    make_resident,
)

pytestmark = pytest.mark.django_db

ON = dt.date(2026, 6, 30)
# Winchester's Table 1 ("Comparison of All tenant and Involved Tenant Profile", section 3): age
# groups 16-34, 35-54, 55+ and "DOB unknown". Passed as a parameter: the strategy files have no
# place for age bands yet (decision 0047).
WINCHESTER_BANDS = ((16, 34), (35, 54), (55, None))
WINCHESTER_AGE = age_band(WINCHESTER_BANDS)


def born_aged(age: int) -> dt.date:
    """A date of birth making the resident ``age`` on ``ON`` (half a year past the birthday)."""
    return years_before(ON, age) - dt.timedelta(days=180)


def residents(count: int, *, home: object = None, **kwargs: object) -> list[Resident]:
    """``count`` residents living in the landlord's homes on ``ON`` (sharing one home's address
    record to keep the test quick; each has a tenancy of their own)."""
    home = home or PropertyFactory()
    return [make_resident(home=home, **kwargs) for _ in range(count)]


def involve(people: list[Resident], level: object = None) -> object:
    """Put ``people`` on an involved level from before ``ON``."""
    level = level or LevelFactory()
    for person in people:
        LevelMembershipFactory(resident=person, level=level, started_on=dt.date(2026, 1, 1))
    return level


def consent(person: Resident, **answers: str) -> EqualityProfile:
    return EqualityProfile.objects.create(
        resident=person,
        consent_given_at=timezone.now(),
        consent_wording=EQUALITY_CONSENT_WORDING.format(landlord="Test"),
        consent_method=ConsentMethod.PORTAL,
        **answers,
    )


def test_the_worked_example_rates_of_10_7_5_and_8_percent_give_a_score_of_75() -> None:
    """Issue 18: "participation rates of 10%, 7.5% and 8% in three age bands give a
    representation score of 75%"."""
    young = residents(20, date_of_birth=born_aged(25))
    middle = residents(40, date_of_birth=born_aged(45))
    older = residents(25, date_of_birth=born_aged(70))
    involve(young[:2] + middle[:3] + older[:2])

    result = compare(WINCHESTER_AGE, all_involved(ON), ON, threshold=1)

    rates = {line.category.label: line.rate for line in result.lines}
    assert rates["16 to 34"] == pytest.approx(10.0)
    assert rates["35 to 54"] == pytest.approx(7.5)
    assert rates["55 and over"] == pytest.approx(8.0)
    assert result.score == pytest.approx(75.0)
    assert (result.residents, result.involved) == (85, 7)
    # Shares and gaps, in percentage points.
    middle_line = result.line("35-54")
    assert middle_line.share_of_residents == pytest.approx(100 * 40 / 85)
    assert middle_line.share_of_involved == pytest.approx(100 * 3 / 7)
    assert middle_line.gap == pytest.approx(100 * 3 / 7 - 100 * 40 / 85)
    # Below four fifths of the highest rate: named in plain words; 8% is exactly four fifths.
    assert result.under_represented == (
        "Residents aged 35 to 54 take part at three quarters of the rate of those aged 16 to 34.",
    )
    # 95% Wilson interval of 2 in 20.
    low, high = wilson_interval(2, 20)
    assert (result.line("16-34").rate_low, result.line("16-34").rate_high) == (low, high)
    assert low == pytest.approx(2.79, abs=0.01) and high == pytest.approx(30.10, abs=0.01)


def test_winchester_bands_keep_date_of_birth_unknown_and_under_16_and_leave_them_out_of_the_score() -> None:
    involved_young = residents(6, date_of_birth=born_aged(20))
    residents(12, date_of_birth=born_aged(20))
    involved_old = residents(9, date_of_birth=born_aged(60))
    residents(9, date_of_birth=born_aged(60))
    unknown = residents(6, date_of_birth=None)
    residents(5, date_of_birth=born_aged(12))  # household members under 16
    involve(involved_young + involved_old + unknown)

    result = compare(WINCHESTER_AGE, all_involved(ON), ON, threshold=5)

    assert [line.category.label for line in result.lines] == [
        "Under 16",
        "16 to 34",
        "35 to 54",
        "55 and over",
        "Date of birth not known",
    ]
    unknown_line = result.line(NOT_KNOWN)
    assert (unknown_line.residents, unknown_line.involved, unknown_line.rate) == (6, 6, 100.0)
    assert unknown_line.category.unknown
    # An empty band is shown with no rate; the score is the known bands' 33.3% / 50%, not
    # the unknown's 100%, and the under-16s (nobody involved) take part at a rate of 0.
    assert (result.line("35-54").residents, result.line("35-54").rate) == (0, None)
    assert result.line("under-16").rate == 0
    assert result.score == 0
    assert result.under_represented == (
        "None of the residents aged under 16 take part, against 50.0% of those aged 55 and over.",
        "Residents aged 16 to 34 take part at two thirds of the rate of those aged 55 and over.",
    )


def test_small_counts_are_hidden_with_one_more_and_so_is_everything_made_from_them() -> None:
    residents(30, date_of_birth=born_aged(25))
    involve(residents(8, date_of_birth=born_aged(25)))
    residents(20, date_of_birth=born_aged(45))
    involve(residents(6, date_of_birth=born_aged(45)))
    involve(residents(2, date_of_birth=born_aged(70)))  # 2 residents aged 55+, both involved

    result = compare(WINCHESTER_AGE, all_involved(ON), ON, threshold=5)

    older = result.line("55-")
    assert older.residents is HIDDEN and older.involved is HIDDEN
    for figure in (older.share_of_residents, older.share_of_involved, older.gap, older.rate, older.rate_low):
        assert isinstance(figure, Hidden)
    # In the residents column and the involved column, a second count is hidden beside the
    # small one: the totals are shown, so one hidden cell alone could be worked out.
    column = [line.residents for line in result.lines if line.residents != 0]
    involved = [line.involved for line in result.lines if line.involved != 0]
    assert column.count(HIDDEN) >= 2 and involved.count(HIDDEN) >= 2
    assert result.score is HIDDEN
    assert result.note
    # No hidden count follows from what is shown (the suppression's own exact check).
    shown = result.suppression
    from tenantvoice.core.suppression import _determined

    unknowns = [k for k in shown.counts if k in shown.hidden or k in shown.unpublished]
    determined = _determined(unknowns, list(shown.lines))
    assert not [k for k in determined if k in shown.hidden]


def test_the_landlords_threshold_is_used_unless_another_is_given() -> None:
    involve(residents(3, date_of_birth=born_aged(25)))
    residents(20, date_of_birth=born_aged(45))
    assert compare(WINCHESTER_AGE, all_involved(ON), ON).threshold == 5
    assert compare(WINCHESTER_AGE, all_involved(ON), ON).line("16-34").involved is HIDDEN
    assert compare(WINCHESTER_AGE, all_involved(ON), ON, threshold=1).line("16-34").involved == 3


def test_equality_answers_count_only_for_residents_who_consented() -> None:
    women = residents(12)
    men = residents(10)
    without_consent = residents(7)
    for person in women:
        consent(person, sex="female")
    for person in men[:8]:
        consent(person, sex="male")
    for person in men[8:]:
        consent(person)  # consented, question not answered: not known
    involve(women[:6] + men[:5] + without_consent[:5])

    result = compare(SEX, all_involved(ON), ON, threshold=1)

    assert (result.residents, result.involved) == (22, 11)
    assert result.involved_not_counted == 5
    assert (result.line("female").residents, result.line("female").involved) == (12, 6)
    assert (result.line("male").residents, result.line("male").involved) == (8, 5)
    assert [line.category.label for line in result.lines][-2:] == ["Prefer not to say", "Not known"]
    assert result.line(NOT_KNOWN).residents == 2
    assert result.line("prefer_not_to_say").residents == 0


def test_equality_characteristics_are_suppressed_like_every_count_of_people() -> None:
    for person in residents(12):
        consent(person, sex="female")
    for person in residents(3):
        consent(person, sex="male")
    result = compare(SEX, all_involved(ON), ON, threshold=5)
    assert result.line("male").residents is HIDDEN
    assert result.line("female").residents is HIDDEN  # else the male count = total less it


def reads(captured: CaptureQueriesContext) -> int:
    """The statements that read data: not the savepoint and ``SET LOCAL`` around the grouped
    read of the homes on PostgreSQL (a planner setting for that one statement)."""
    skipped = ("SAVEPOINT", "RELEASE SAVEPOINT", "SET LOCAL")
    return sum(1 for query in captured.captured_queries if not query["sql"].startswith(skipped))


def test_the_number_of_queries_does_not_grow_with_the_number_of_residents() -> None:
    level = LevelFactory()
    for person in residents(3, date_of_birth=born_aged(30)):
        consent(person, sex="female")
    involve(residents(2), level)

    def queries(characteristic: object) -> int:
        with CaptureQueriesContext(connection) as captured:
            compare(characteristic, all_involved(ON), ON, threshold=5)  # type: ignore[arg-type]
        return reads(captured)

    every = characteristics(WINCHESTER_BANDS).values()
    before = {c.slug: queries(c) for c in every}
    for person in residents(25, date_of_birth=born_aged(60)):
        consent(person, sex="male")
    involve(residents(10, date_of_birth=None), level)
    after = {c.slug: queries(c) for c in every}
    assert before == after
    assert max(after.values()) <= 3


def figures(result: object) -> list[tuple[object, ...]]:
    return [
        (line.category.code, line.residents, line.involved, line.rate)
        for line in result.lines  # type: ignore[attr-defined]
    ] + [(result.involved_not_counted, result.score)]  # type: ignore[attr-defined]


def test_many_characteristics_at_once_give_what_each_gives_alone_in_fewer_queries() -> None:
    north, south = AreaFactory(name="North"), AreaFactory(name="South")
    sheltered = PropertyFactory(area=north, property_type=PropertyType.SHELTERED, location=Location.RURAL)
    flats = PropertyFactory(area=south, property_type=PropertyType.GENERAL_NEEDS)
    involve(residents(3, home=sheltered, date_of_birth=born_aged(70)))
    residents(4, home=flats, date_of_birth=born_aged(25), tenure=Tenure.SECURE)
    for person in residents(2, home=flats, date_of_birth=born_aged(40)):
        consent(person, sex="female")
    # Living in two homes that day: counted once, in the home recorded last.
    moving = residents(1, home=flats)[0]
    TenancyMemberFactory(resident=moving, tenancy=TenancyFactory(property=sheltered, tenure=Tenure.ASSURED))
    involve([moving])
    # A survey respondent who does not live in the landlord's homes: their home is not known.
    survey = SurveyFactory()
    outsider = ResidentFactory()
    involve([outsider])
    for person in [moving, outsider, *Resident.objects.filter(date_of_birth=born_aged(25))[:2]]:
        ResponseFactory(survey=survey, resident=person)

    every = list(characteristics(WINCHESTER_BANDS).values())
    for base in (None, survey_respondents(survey)):
        with CaptureQueriesContext(connection) as captured:
            together = compare_many(every, all_involved(ON), ON, base=base, threshold=1)
        alone = {c.slug: compare(c, all_involved(ON), ON, base=base, threshold=1) for c in every}
        assert {slug: figures(r) for slug, r in together.items()} == {
            slug: figures(r) for slug, r in alone.items()
        }
        homes = [c for c in every if c.home]
        # One query for every fact of the home (and one for those not at home when the base is
        # another), one per other characteristic, the involved not counted twice (register and
        # equality), and the area names.
        assert reads(captured) <= len(every) - len(homes) + 1 + (base is not None) + 2 + 1
    at_home = compare_many(every, all_involved(ON), ON, threshold=1)
    assert at_home["property_type"].line("sheltered").residents == 4  # the 3 and the one moving
    assert at_home["tenure"].line("secure").residents == 4
    assert at_home["tenure"].involved_not_counted == 1  # the outsider
    respondents = compare_many(every, all_involved(ON), ON, base=survey_respondents(survey), threshold=1)
    assert respondents["area"].line("not_known").residents == 1
    assert respondents["area"].residents == 4


def test_areas_are_counted_at_their_top_level_and_homes_without_one_are_not_known() -> None:
    north = AreaFactory(name="North")
    estate = AreaFactory(name="Oak Estate", parent=north)
    south = AreaFactory(name="South")
    involve(residents(2, home=PropertyFactory(area=estate)))
    residents(3, home=PropertyFactory(area=north))
    residents(4, home=PropertyFactory(area=south))
    residents(1, home=PropertyFactory(area=None))

    result = compare(AREA, all_involved(ON), ON, threshold=1)

    assert [(line.category.label, line.residents, line.involved) for line in result.lines] == [
        ("North", 5, 2),
        ("South", 4, 0),
        ("Not known", 1, 0),
    ]
    assert result.line(str(south.pk)).category.words == "living in South"


def test_urban_rural_type_of_home_and_support_needs_have_categories_of_their_own() -> None:
    residents(3, home=PropertyFactory(location=Location.RURAL, property_type=PropertyType.SHELTERED))
    residents(
        2, home=PropertyFactory(location="", property_type=PropertyType.GENERAL_NEEDS), large_print=True
    )
    residents(1, support_needs="A quiet room")

    location = compare(LOCATION, all_involved(ON), ON, threshold=1)
    assert [(line.category.label, line.residents) for line in location.lines] == [
        ("Urban", 0),
        ("Rural", 3),
        ("Not known", 3),
    ]
    support = compare(SUPPORT_NEEDS, all_involved(ON), ON, threshold=1)
    assert [line.residents for line in support.lines] == [2, 1, 3, 0]
    assert support.score is None  # nobody involved: no score
    by_type = compare(characteristics()["property_type"], all_involved(ON), ON, threshold=1)
    assert by_type.line("sheltered").residents == 3


def test_all_involved_is_levels_that_count_and_seats_and_attendance_only_when_asked() -> None:
    on_level, on_survey_list, seated, attended, neither = (residents(1)[0] for _ in range(5))
    involve([on_level])
    LevelMembershipFactory(
        resident=on_survey_list, level=LevelFactory(counts_as_involved=False), started_on=dt.date(2026, 1, 1)
    )
    SeatHoldingFactory(resident=seated, started_on=dt.date(2026, 1, 1))
    activity = ActivityFactory(starts_at=timezone.make_aware(dt.datetime(2026, 3, 3, 18)))
    ParticipantFactory(activity=activity, resident=attended, attendance=Attendance.PRESENT)

    def ids(query: object) -> set[int]:
        return set(Resident.objects.filter(pk__in=query).values_list("pk", flat=True))

    assert ids(all_involved(ON)) == {on_level.pk, seated.pk}
    assert ids(all_involved(ON, attended_since=dt.date(2025, 7, 1))) == {on_level.pk, seated.pk, attended.pk}
    assert neither.pk in ids(residents_on(ON)) - ids(all_involved(ON))
    assert ids(activity_attendees(dt.date(2026, 1, 1), ON)) == {attended.pk}
    assert ids(activity_attendees(dt.date(2026, 4, 1), ON)) == set()


def test_population_helpers_give_resident_ids() -> None:
    person, other, outsider = residents(3)
    level = involve([person])
    group = GroupFactory()
    SeatHoldingFactory(
        resident=other, seat_category=SeatCategoryFactory(group=group), started_on=dt.date(2026, 1, 1)
    )
    SeatHoldingFactory(
        resident=None, person_name="A councillor", seat_category=SeatCategoryFactory(group=group)
    )
    survey = SurveyFactory()
    ResponseFactory(survey=survey, resident=person)
    ResponseFactory(survey=survey, resident=None)
    consultation = ConsultationFactory()
    RepresentationFactory(consultation=consultation, resident=other)
    RepresentationFactory(consultation=consultation, resident=None, from_name="Someone")

    def ids(query: object) -> set[int]:
        return set(Resident.objects.filter(pk__in=query).values_list("pk", flat=True))

    assert ids(level_members(level, ON)) == {person.pk}  # type: ignore[arg-type]
    assert ids(group_seat_holders(group, ON)) == {other.pk}
    assert ids(survey_respondents(survey)) == {person.pk}
    assert ids(consultation_repliers(consultation)) == {other.pk}
    default = LevelFactory(is_default=True, order=1)
    assert ids(level_members(default, ON)) == {other.pk, outsider.pk}
    # A survey's respondents as the base: the involved among them.
    result = compare(SEX, level_members(level, ON), ON, base=survey_respondents(survey), threshold=1)  # type: ignore[arg-type]
    assert result.residents == 0  # no equality answers


def test_over_time_gives_the_same_comparison_at_each_quarter_end() -> None:
    early = residents(4, date_of_birth=born_aged(25))
    late = residents(4, date_of_birth=born_aged(60))
    level = LevelFactory()
    for person in early:
        LevelMembershipFactory(resident=person, level=level, started_on=dt.date(2025, 12, 1))
    for person in late:
        LevelMembershipFactory(resident=person, level=level, started_on=dt.date(2026, 5, 1))
    ends = quarter_ends_between(dt.date(2025, 11, 1), dt.date(2026, 7, 15))
    assert ends == [dt.date(2025, 12, 31), dt.date(2026, 3, 31), dt.date(2026, 6, 30)]

    series = compare_over_time(WINCHESTER_AGE, all_involved, ends, threshold=1)

    assert [c.on for c in series] == ends
    assert [c.involved for c in series] == [4, 4, 8]
    assert [c.line("55-").involved for c in series] == [0, 0, 4]
    assert [c.score for c in series] == [0, 0, 100]


def test_ratios_read_as_people_say_them() -> None:
    assert ratio_in_words(1 / 3) == "a third of the rate"
    assert ratio_in_words(0.5) == "half the rate"
    assert ratio_in_words(0.63) == "63% of the rate"
    assert wilson_interval(0, 10)[0] == 0
    with pytest.raises(ValueError):
        wilson_interval(0, 0)
    with pytest.raises(ValueError):
        age_band(((16, 34), (40, None)))
