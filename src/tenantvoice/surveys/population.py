"""Who a survey speaks for: the population's make-up on the variables results are weighted by,
and the respondent cells that weighting works on. Respondents and the population are described
the same way (``respondent_facts`` records the same facts on each response)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Case, CharField, Count, Q, QuerySet, Value, When

from tenantvoice.audiences.rules import Audience, audience_residents
from tenantvoice.core.errors import DomainError
from tenantvoice.core.summaries import summarised
from tenantvoice.involvement.eligibility import age_on
from tenantvoice.residents.models import Area, Resident, TenancyMember, Tenure

from .models import Survey

LCRA = {Tenure.SECURE, Tenure.ASSURED, Tenure.ASSURED_SHORTHOLD, Tenure.STARTER}
LCHO = {Tenure.SHARED_OWNERSHIP}
AGE_BANDS = ((16, 24), (25, 34), (35, 44), (45, 54), (55, 64), (65, 74), (75, 200))

# The variables results can be weighted by, and the response field each is recorded in.
WEIGHT_VARIABLES = {
    "tenure_group": "Tenure group (TSM)",
    "property_type": "Type of home",
    "age_band": "Age",
    "area": "Area (top level)",
}
RESPONSE_FIELDS = {
    "tenure_group": "tenure_group",
    "property_type": "property_type",
    "age_band": "age_band",
    "area": "area",
}


def tenure_group_of(tenure: str) -> str:
    return "lcra" if tenure in LCRA else "lcho" if tenure in LCHO else "other"


def band_label(low: int, high: int) -> str:
    return f"{low}-{high}" if high < 200 else f"{low}+"


def age_band_of(age: int | None) -> str:
    if age is None:
        return ""
    return next((band_label(low, high) for low, high in AGE_BANDS if low <= age <= high), "")


def years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def survey_population(survey: Survey, on: dt.date) -> QuerySet[TenancyMember]:
    """Current tenancy memberships of the residents the survey was for (its audience, or
    everyone when it had none, as open and exit surveys do), one row per resident's home."""
    members = TenancyMember.objects.current(on)
    if survey.audience:
        members = members.filter(
            resident__in=audience_residents(Audience.from_json(survey.audience), on).values("pk")
        )
    return members


def _age_band_expression(on: dt.date) -> Case:
    """The age band on ``on`` worked out in the database from the date of birth."""
    whens = []
    for low, high in AGE_BANDS:
        # Aged low..high on ``on``: born after on - (high + 1) years, on or before on - low years.
        born = Q(resident__date_of_birth__lte=years_before(on, low))
        if high < 200:
            born &= Q(resident__date_of_birth__gt=years_before(on, high + 1))
        whens.append(When(born, then=Value(band_label(low, high))))
    return Case(*whens, default=Value(""), output_field=CharField())


COLUMNS = {
    "tenure_group": "tenancy__tenure",
    "property_type": "tenancy__property__property_type",
    "area": "tenancy__property__area_id",
    "age_band": "band",
}


def top_areas(area_ids: Iterable[object]) -> dict[str, str]:
    """Each area's top-level area (its first ancestor, or itself), by id as text: the "area"
    weighting variable has a category per top-level area (decision 0040), so that raking has
    enough respondents in each and the profile table does not grow with the area tree."""
    ids = {int(str(pk)) for pk in area_ids if pk is not None and str(pk).isdigit()}
    found = Area.objects.filter(pk__in=ids).values_list("pk", "path")
    return {str(pk): (path.strip("/").split("/")[0] or str(pk)) for pk, path in found}


def population_margins(survey: Survey, variables: list[str], on: dt.date) -> dict[str, dict[str, int]]:
    """How many residents of the survey's population are in each category of each variable,
    from one grouped scan of the current tenancy memberships, whatever the variables. The scan
    reads the whole register, so its result comes from the summary store, exact until the
    register, involvement (audiences may select on it) or the survey's audience next change
    (decision 0040)."""
    unknown = [v for v in variables if v not in COLUMNS]
    if unknown:
        raise DomainError(f"Weight by one of: {', '.join(WEIGHT_VARIABLES)}", field="weight")
    margins = population_margins_summary(
        survey=survey.pk, audience=survey.audience or None, variables=list(variables), on=on
    )
    # Sorted: PostgreSQL's JSON keeps no key order, and raking should add up in one order.
    return {
        variable: {str(k): int(n) for k, n in sorted(margins[variable].items())} for variable in variables
    }


@summarised(lambda **arguments: ["register", "involvement"])
def population_margins_summary(
    survey: int, audience: dict[str, object] | None, variables: list[str], on: str
) -> dict[str, dict[str, int]]:
    """``population_margins`` counted directly from the tables (the survey's audience is an
    argument, so a changed audience is another summary)."""
    return _population_margins(Survey(pk=survey, audience=audience), variables, dt.date.fromisoformat(on))


def _population_margins(survey: Survey, variables: list[str], on: dt.date) -> dict[str, dict[str, int]]:
    members = survey_population(survey, on)
    if "age_band" in variables:
        members = members.annotate(band=_age_band_expression(on))
    columns = [COLUMNS[v] for v in variables]
    margins: dict[str, dict[str, int]] = {v: {} for v in variables}
    for row in members.values(*columns).annotate(n=Count("pk")).order_by():
        for variable, column in zip(variables, columns, strict=True):
            value = row[column]
            category = tenure_group_of(value) if variable == "tenure_group" else str(value or "")
            margins[variable][category] = margins[variable].get(category, 0) + row["n"]
    if "area" in margins:
        tops = top_areas(margins["area"])
        by_top: dict[str, int] = {}
        for category, n in margins["area"].items():
            top = tops.get(category, category)
            by_top[top] = by_top.get(top, 0) + n
        margins["area"] = by_top
    return {v: {category: n for category, n in counts.items() if n} for v, counts in margins.items()}


def resident_strata(residents: QuerySet[Resident], variable: str, on: dt.date) -> dict[int, str]:
    """Each resident's category on ``variable`` (as responses record it), for stratified samples;
    residents with no current home are left out (the caller puts them in a "not known" stratum)."""
    members = TenancyMember.objects.current(on).filter(resident__in=residents.values("pk"))
    if variable == "age_band":
        return {
            pk: age_band_of(age_on(born, on))
            for pk, born in members.values_list("resident_id", "resident__date_of_birth")
        }
    column = {
        "tenure_group": "tenancy__tenure",
        "property_type": "tenancy__property__property_type",
        "area": "tenancy__property__area_id",
    }.get(variable)
    if column is None:
        raise DomainError(f"Stratify by one of: {', '.join(WEIGHT_VARIABLES)}", field="stratify_by")
    strata = {}
    for pk, value in members.values_list("resident_id", column):
        strata[pk] = tenure_group_of(value) if variable == "tenure_group" else str(value or "")
    if variable == "area":  # by top-level area, as results are weighted (decision 0040)
        tops = top_areas(set(strata.values()))
        strata = {pk: tops.get(code, code) for pk, code in strata.items()}
    return strata
