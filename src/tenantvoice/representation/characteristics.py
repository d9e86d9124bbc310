"""The characteristics residents are compared on, as data (issue 18, item 1).

Each :class:`Characteristic` says how to put a resident into one category *in the database*:
an expression evaluated on :class:`~tenantvoice.residents.models.Resident` rows, so every count
is one ``GROUP BY`` query, never a loop over residents. Its categories are listed in the order
tables show them; "Not known" (and "Prefer not to say" where the question offers it) are
categories like any other: they are shown and never dropped, but they are left out of the
representation score (see :mod:`tenantvoice.representation.compare`).

Where a resident lives (tenure, type of home, urban or rural, area) is read from their current
household membership on the date, :meth:`TenancyMemberQuerySet.current` (decision 0023), as kept
by date in :class:`~tenantvoice.residents.models.ResidentHome` (decision 0054); a resident with
two current memberships on one day (a move recorded with overlapping dates) is put in the home
of the one recorded last.

The equality characteristics read :class:`~tenantvoice.residents.models.EqualityProfile`,
which exists only while the resident's consent is recorded (withdrawing consent deletes it:
``residents.services.equality_profile_save``). They count only residents with a profile:
:attr:`Characteristic.equality` makes :func:`~tenantvoice.representation.compare.compare`
restrict both populations to them (UK GDPR Article 9, DPA 2018 Schedule 1 paragraph 8).
A blank answer in a profile ("not asked") is "Not known". Gender identity in the resident's
own words is free text and is never a category.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, CharField, OuterRef, Q, Subquery, Value, When
from django.db.models.expressions import Combinable, F
from django.db.models.functions import StrIndex, Substr

from tenantvoice.core.age_bands import AgeBands, validate_age_bands
from tenantvoice.core.languages import language_name
from tenantvoice.core.selectors import landlord_get
from tenantvoice.residents.models import (
    Area,
    CaringResponsibility,
    Channel,
    Disability,
    Ethnicity,
    GenderSameAsSex,
    Location,
    PropertyType,
    Religion,
    ResidentHome,
    Sex,
    SexualOrientation,
    Tenure,
)
from tenantvoice.surveys.population import AGE_BANDS as SURVEY_AGE_BANDS
from tenantvoice.surveys.population import years_before

NOT_KNOWN = "not_known"
PREFER_NOT_TO_SAY = "prefer_not_to_say"


@dataclass(frozen=True)
class Category:
    """One category of a characteristic.

    ``words`` complete the sentence "Residents ..." ("aged 16 to 34", "in sheltered homes"),
    for the plain-words summary of who is under-represented. ``unknown`` marks "Not known" and
    "Prefer not to say": shown in every table, never in the representation score.
    """

    code: str
    label: str
    words: str
    unknown: bool = False


def _not_known(words: str = "about whom this is not known") -> Category:
    return Category(NOT_KNOWN, "Not known", words, unknown=True)


# Raw values from the database -> (raw value -> category code, categories found at run time).
Resolver = Callable[[Iterable[Any]], tuple[dict[Any, str], tuple[Category, ...]]]


@dataclass(frozen=True)
class Characteristic:
    """How to put residents into categories, and how to name the categories.

    ``expression(on)`` is evaluated on Resident rows and gives a category code (``None`` or
    ``""`` for not known). ``categories`` are always shown, even when empty; a code the database
    gives that is not listed (an imported value, a language) gets its own category named by
    ``resolve`` or, failing that, by itself, so nobody is ever left out of a table.
    """

    slug: str
    name: str
    expression: Callable[[dt.date], Combinable]
    categories: tuple[Category, ...]
    equality: bool = False
    # Completes "Residents ..." for a category not listed: "{label}" is its label.
    words: str = "in the group “{label}”"
    resolve: Resolver | None = None
    source: str = ""
    # For a fact of the resident's home: the column of their home on the date (a ResidentHome
    # lookup, "tenure", "area__path") that ``expression`` reads. Counts are then made from the
    # homes kept by date (one read of one table, decision 0054) rather than a subquery per
    # resident, which is what keeps a million residents in a second
    # (bench/bench_representation.py). An expression (of ResidentHome's columns) when the
    # category is made from the column, as the top-level area is from the area's path.
    home: str | Combinable = ""
    # For a fact of the resident kept on their home row too (date of birth, decision 0054): the
    # expression of the category over that row, so that counting everyone at home reads the
    # kept homes once for every such characteristic.
    kept: Callable[[dt.date], Combinable] | None = None

    def category(self, code: str) -> Category:
        for category in self.categories:
            if category.code == code:
                return category
        return Category(code, code, self.words.format(label=code))


def _home(on: dt.date, column: str) -> Subquery:
    """``column`` of the resident's home on ``on`` (NULL when they had none that day)."""
    current = ResidentHome.objects.current(on).filter(resident=OuterRef("pk"))
    return Subquery(current.values(column)[:1], output_field=CharField())


def _choices(
    choices: Any, words: str, *, own_words: Mapping[str, str] | None = None, lower: bool = True
) -> tuple[Category, ...]:
    """Categories from a model's choices, "Prefer not to say" marked unknown, then "Not known"."""
    found = []
    own_words = own_words or {}
    for value, label in choices.choices:
        text = str(label)
        if value == PREFER_NOT_TO_SAY:
            found.append(Category(value, text, "who preferred not to say", unknown=True))
            continue
        said = own_words.get(value) or words.format(label=text.lower() if lower else text)
        found.append(Category(value, text, said))
    return (*found, _not_known())


# --- Age ------------------------------------------------------------------------------------

# The platform's default bands: those survey results are already weighted by
# (surveys.population.AGE_BANDS), so a comparison and a survey's weighting agree. A landlord
# keeps its own on the settings page or in its strategy file (Landlord.age_bands).
DEFAULT_AGE_BANDS: tuple[tuple[int, int | None], ...] = tuple(
    (low, None if high >= 200 else high) for low, high in SURVEY_AGE_BANDS
)


def landlord_age_bands() -> AgeBands:
    """The landlord's age bands, or the default ones when it has none."""
    return validate_age_bands(landlord_get().age_bands) or DEFAULT_AGE_BANDS


def _band_label(low: int, high: int | None) -> str:
    return f"{low} and over" if high is None else f"{low} to {high}"


def age_band(bands: AgeBands = DEFAULT_AGE_BANDS) -> Characteristic:
    """Age on the date, in ``bands`` (lowest age, highest age or None for "and over"), in
    order. Anyone younger than the first band is "Under N"; no date of birth is "Date of birth
    not known" (Winchester's Table 1 row "DOB unknown")."""
    ordered = validate_age_bands(bands)
    if not ordered:
        raise ValueError("Age needs at least one band.")
    youngest = ordered[0][0]
    codes = [(f"{low}-{'' if high is None else high}", low, high) for low, high in ordered]

    def expression(on: dt.date) -> Combinable:
        whens = [When(date_of_birth__isnull=True, then=Value(NOT_KNOWN))]
        for code, low, high in codes:
            # Aged low..high on ``on``: born on or before on - low years, after on - (high+1).
            born = Q(date_of_birth__lte=years_before(on, low))
            if high is not None:
                born &= Q(date_of_birth__gt=years_before(on, high + 1))
            whens.append(When(born, then=Value(code)))
        return Case(*whens, default=Value(f"under-{youngest}"), output_field=CharField())

    categories = [
        *(
            Category(code, _band_label(low, high), f"aged {_band_label(low, high)}")
            for code, low, high in codes
        ),
    ]
    if youngest > 0:
        categories.insert(0, Category(f"under-{youngest}", f"Under {youngest}", f"aged under {youngest}"))
    categories.append(
        Category(NOT_KNOWN, "Date of birth not known", "whose date of birth we do not know", True)
    )
    return Characteristic(
        slug="age",
        name="Age",
        expression=expression,
        # ResidentHome keeps the date of birth under the same name, so the same expression reads it.
        kept=expression,
        categories=tuple(categories),
        source=(
            "Age on the date from the date of birth. Default bands are the platform's choice (the "
            "bands survey results are weighted by); a landlord may give its own."
        ),
    )


# --- Where and how they live ----------------------------------------------------------------


def _tenure_expression(on: dt.date) -> Combinable:
    return _home(on, "tenure")


TENURE = Characteristic(
    slug="tenure",
    name="Tenure",
    expression=_tenure_expression,
    home="tenure",
    categories=_choices(Tenure, "whose tenure is {label}"),
    source="The tenure of the resident's current tenancy (residents.models.Tenure).",
)

PROPERTY_TYPE = Characteristic(
    slug="property_type",
    name="Type of home",
    expression=lambda on: _home(on, "property_type"),
    home="property_type",
    categories=_choices(PropertyType, "in {label} homes"),
    source="The type of the resident's current home (residents.models.PropertyType).",
)

LOCATION = Characteristic(
    slug="location",
    name="Urban or rural",
    expression=lambda on: _home(on, "location"),
    home="location",
    categories=_choices(Location, "in {label} areas"),
    source="Whether the resident's current home is urban or rural, as the register records it.",
)


def _top_areas(paths: Iterable[Any]) -> tuple[dict[Any, str], tuple[Category, ...]]:
    """Each home's area path ("/3/17/42/") as its top-level area (decision 0040: one category per
    top-level area, as survey weighting uses), and every top-level area as a category."""
    mapping = {path: str(path).strip("/").split("/")[0] for path in paths if path}
    tops = Area.objects.filter(parent__isnull=True).order_by("name").values_list("pk", "name")
    return mapping, tuple(Category(str(pk), name, f"living in {name}") for pk, name in tops)


AREA = Characteristic(
    slug="area",
    name="Area",
    expression=lambda on: _home(on, "area__path"),
    # The path's first part ("3" of "/3/17/42/"), so the database groups by top-level area: by
    # the whole path it made a group per estate and block, and spilled to disk at a million.
    home=Substr("area__path", 2, StrIndex(Substr("area__path", 2), Value("/")) - 1),
    categories=(_not_known("whose home has no area recorded"),),
    words="living in {label}",
    resolve=_top_areas,
    source="The top-level area of the resident's current home (as survey results are weighted).",
)


def _languages(codes: Iterable[Any]) -> tuple[dict[Any, str], tuple[Category, ...]]:
    found = sorted({str(c) for c in codes if c}, key=lambda c: (c != "en", language_name(c)))
    return {c: c for c in found}, tuple(
        Category(c, language_name(c), f"whose preferred language is {language_name(c)}") for c in found
    )


LANGUAGE = Characteristic(
    slug="language",
    name="Preferred language",
    expression=lambda on: F("language"),
    categories=(_not_known("whose preferred language we do not know"),),
    resolve=_languages,
    source="The resident's preferred language as recorded (core.languages).",
)

CHANNEL = Characteristic(
    slug="channel",
    name="Preferred way to hear from us",
    expression=lambda on: F("preferred_channel"),
    categories=_choices(Channel, "whose preferred way to hear from us is {label}"),
    source="The resident's preferred channel (residents.models.Channel).",
)

_FORMAT = (
    Q(needs_interpreter=True)
    | Q(large_print=True)
    | Q(braille=True)
    | Q(audio=True)
    | Q(easy_read=True)
    | Q(translation=True)
)

SUPPORT_NEEDS = Characteristic(
    slug="support_needs",
    name="Support needs and accessible formats",
    expression=lambda on: Case(
        When(_FORMAT, then=Value("format")),
        When(~Q(support_needs=""), then=Value("other")),
        default=Value("none"),
        output_field=CharField(),
    ),
    categories=(
        Category(
            "format",
            "Needs an interpreter or an accessible format",
            "who need an interpreter or an accessible format",
        ),
        Category("other", "Other support needs recorded", "with other support needs recorded"),
        Category("none", "None recorded", "with no support needs recorded"),
    ),
    source=(
        "An interpreter or any accessible format (large print, Braille, audio, easy read, "
        "translation) first, then any other support needs written down; the register cannot tell "
        "'none' from 'not asked', so the last category says 'None recorded'."
    ),
)


# --- Equality characteristics (only residents who consented) ----------------------------------

_PROFILE = "equality_profile__"


def _profile(column: str) -> Callable[[dt.date], Combinable]:
    return lambda on: F(f"{_PROFILE}{column}")


SEX = Characteristic(
    slug="sex",
    name="Sex",
    expression=_profile("sex"),
    categories=_choices(Sex, "who are {label}"),
    equality=True,
    source="Equality answers (2021 Census question), residents who consented only.",
)

GENDER_SAME_AS_SEX = Characteristic(
    slug="gender_same_as_sex",
    name="Gender identity the same as sex registered at birth",
    expression=_profile("gender_same_as_sex_at_birth"),
    categories=_choices(
        GenderSameAsSex,
        "{label}",
        own_words={
            "yes": "whose gender identity is the same as their sex registered at birth",
            "no": "whose gender identity is not the same as their sex registered at birth",
        },
    ),
    equality=True,
    source="Equality answers (2021 Census question), residents who consented only.",
)

# The five high-level ethnic groups of the 2021 Census: the 19 detailed groups give cells too
# small to show for most landlords, so the grouped one is the one reports use first.
ETHNIC_GROUPS = (
    ("asian", "Asian or Asian British"),
    ("black", "Black, Black British, Caribbean or African"),
    ("mixed", "Mixed or multiple ethnic groups"),
    ("white", "White"),
    ("other", "Other ethnic group"),
)

ETHNIC_GROUP = Characteristic(
    slug="ethnic_group",
    name="Ethnic group",
    expression=lambda on: Case(
        *(
            When(**{f"{_PROFILE}ethnicity__startswith": f"{code}_"}, then=Value(code))
            for code, _ in ETHNIC_GROUPS
        ),
        When(**{f"{_PROFILE}ethnicity": PREFER_NOT_TO_SAY}, then=Value(PREFER_NOT_TO_SAY)),
        default=Value(NOT_KNOWN),
        output_field=CharField(),
    ),
    categories=(
        *(Category(code, label, f"in the ethnic group {label}") for code, label in ETHNIC_GROUPS),
        Category(PREFER_NOT_TO_SAY, "Prefer not to say", "who preferred not to say", True),
        _not_known(),
    ),
    equality=True,
    source="Equality answers, the 2021 Census's five high-level ethnic groups; consented only.",
)

ETHNICITY = Characteristic(
    slug="ethnicity",
    name="Ethnic group (detailed)",
    expression=_profile("ethnicity"),
    categories=_choices(
        Ethnicity,
        "in the ethnic group {label}",
        lower=False,
    ),
    equality=True,
    source="Equality answers, the 2021 Census's 19 ethnic groups; consented only.",
)

DISABILITY = Characteristic(
    slug="disability",
    name="Disability",
    expression=_profile("disability"),
    categories=_choices(
        Disability,
        "{label}",
        own_words={
            "yes_a_lot": "whose day-to-day activities are limited a lot by a condition or illness",
            "yes_a_little": "whose day-to-day activities are limited a little by a condition or illness",
            "no": "with no condition limiting their day-to-day activities",
        },
    ),
    equality=True,
    source="Equality answers (2021 Census question on long-term conditions); consented only.",
)

RELIGION = Characteristic(
    slug="religion",
    name="Religion or belief",
    expression=_profile("religion"),
    categories=_choices(
        Religion,
        "who are {label}",
        own_words={"none": "with no religion", "other": "of another religion"},
        lower=False,
    ),
    equality=True,
    source="Equality answers (2021 Census question); consented only.",
)

SEXUAL_ORIENTATION = Characteristic(
    slug="sexual_orientation",
    name="Sexual orientation",
    expression=_profile("sexual_orientation"),
    categories=_choices(
        SexualOrientation, "who are {label}", own_words={"other": "of another sexual orientation"}
    ),
    equality=True,
    source="Equality answers (2021 Census question); consented only.",
)

CARING = Characteristic(
    slug="caring",
    name="Caring responsibilities",
    expression=_profile("caring_responsibilities"),
    categories=_choices(
        CaringResponsibility,
        "{label}",
        own_words={
            "none": "who do not care for someone",
            "under_20": "who care for someone up to 19 hours a week",
            "20_to_49": "who care for someone 20 to 49 hours a week",
            "50_plus": "who care for someone 50 or more hours a week",
        },
    ),
    equality=True,
    source="Equality answers (2021 Census question); consented only.",
)


def landlord_characteristics() -> dict[str, Characteristic]:
    """Every characteristic by slug, age in the landlord's bands: what pages, exports and the
    API compare on."""
    return characteristics(landlord_age_bands())


def characteristics(age_bands: AgeBands = DEFAULT_AGE_BANDS) -> dict[str, Characteristic]:
    """Every characteristic by slug, age in ``age_bands`` (the landlord's, or the default)."""
    found = [
        age_band(age_bands),
        TENURE,
        PROPERTY_TYPE,
        LOCATION,
        AREA,
        LANGUAGE,
        CHANNEL,
        SUPPORT_NEEDS,
        SEX,
        GENDER_SAME_AS_SEX,
        ETHNIC_GROUP,
        ETHNICITY,
        DISABILITY,
        RELIGION,
        SEXUAL_ORIENTATION,
        CARING,
    ]
    return {c.slug: c for c in found}
