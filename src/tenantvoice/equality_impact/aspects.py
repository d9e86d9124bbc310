"""What an assessment looks at: the nine protected characteristics of the Equality Act 2010
s.4, then language and support needs, which the TIA Standard adds, then the conclusion overall.

Equality Act 2010 s.4: "The following characteristics are protected characteristics— age;
disability; gender reassignment; marriage and civil partnership; pregnancy and maternity; race;
religion or belief; sex; sexual orientation." The Regulator of Social Housing's Transparency,
Influence and Accountability Standard, required outcome 1.2: landlords "use relevant
information and data to understand the diverse needs of tenants, including those arising from
protected characteristics, language barriers and additional support needs".

Each aspect names the characteristics of ``representation.characteristics`` whose figures the
assessment's snapshot shows beside it. Marriage and civil partnership, and pregnancy and
maternity, have none: the register does not record them, and the page says so rather than
leave the row empty without a reason.
"""

from __future__ import annotations

from dataclasses import dataclass

EQUALITY_ACT = "Equality Act 2010 s.4"
TIA_1_2 = (
    "TIA Standard, required outcome 1.2: \u201cprotected characteristics, language barriers and "
    "additional support needs\u201d"
)
OVERALL = "overall"


@dataclass(frozen=True)
class Aspect:
    key: str
    label: str
    source: str
    # Slugs of representation.characteristics shown beside it, in order.
    figures: tuple[str, ...] = ()
    # Said when there are no figures: why.
    no_figures: str = ""


NOT_RECORDED = "The register does not record this, so there are no figures: use other evidence."

ASPECTS: tuple[Aspect, ...] = (
    Aspect("age", "Age", EQUALITY_ACT, ("age",)),
    Aspect("disability", "Disability", EQUALITY_ACT, ("disability",)),
    Aspect("gender_reassignment", "Gender reassignment", EQUALITY_ACT, ("gender_same_as_sex",)),
    Aspect("marriage", "Marriage and civil partnership", EQUALITY_ACT, no_figures=NOT_RECORDED),
    Aspect("pregnancy", "Pregnancy and maternity", EQUALITY_ACT, no_figures=NOT_RECORDED),
    Aspect("race", "Race", EQUALITY_ACT, ("ethnic_group",)),
    Aspect("religion", "Religion or belief", EQUALITY_ACT, ("religion",)),
    Aspect("sex", "Sex", EQUALITY_ACT, ("sex",)),
    Aspect("sexual_orientation", "Sexual orientation", EQUALITY_ACT, ("sexual_orientation",)),
    Aspect("language", "Language", TIA_1_2, ("language",)),
    Aspect("support_needs", "Support needs", TIA_1_2, ("support_needs",)),
    Aspect(OVERALL, "Overall", "The assessment's conclusion", ()),
)

ASPECT_KEYS = tuple(a.key for a in ASPECTS)
_BY_KEY = {a.key: a for a in ASPECTS}

# The characteristics drawn into the snapshot: those the aspects show, then the rest of the
# affected population's profile (where and how they live, how they prefer to hear from us,
# caring responsibilities). The 19 detailed ethnic groups are left out: the five groups are
# what race's row shows, and cells that fine are hidden for most landlords (decision 0047).
PROFILE_CHARACTERISTICS: tuple[str, ...] = (
    "age",
    "disability",
    "gender_same_as_sex",
    "ethnic_group",
    "religion",
    "sex",
    "sexual_orientation",
    "language",
    "support_needs",
    "tenure",
    "property_type",
    "location",
    "area",
    "channel",
    "caring",
)


def aspect(key: str) -> Aspect:
    return _BY_KEY[key]


def aspect_label(key: str) -> str:
    found = _BY_KEY.get(key)
    return found.label if found is not None else key
