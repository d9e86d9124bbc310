"""Reaching the under-represented in two clicks (issue 18, item 2; decision 0048).

A representation table's category (a characteristic's slug and a category's code, as
``representation.characteristics`` names them) becomes the :class:`Audience` that selects the
same residents: those living in one of the landlord's homes on the day (the residents the table
counts, ``representation.populations.residents_on``) in that category, and by default only those
not involved yet (``all_involved``). :func:`target_url` is the link a table puts beside the
category: it opens a page that shows the audience in plain words and its size, with one button
to start a campaign (or a survey's audience) with it.

Equality characteristics are never targeted: nobody is picked out by special category data
(UK GDPR Article 9; DPA 2018 Schedule 1 paragraph 8 allows equality monitoring, not choosing
individuals). Nor are "not known" categories of where people live (there is no rule that finds
"no tenure recorded"), nor categories a landlord's register does not know.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.http import QueryDict
from django.urls import reverse

from tenantvoice.residents.models import Area, Channel, Location, PropertyType, Tenure

from .rules import NOT_KNOWN, Audience, age_band_range

# Characteristics never targeted, and why (a test holds that every characteristic is either
# here or in TARGETS, so a new one cannot be forgotten).
EQUALITY_REASON = "An equality characteristic: never used to choose individuals (UK GDPR Article 9)."
NOT_TARGETED: dict[str, str] = dict.fromkeys(
    (
        "sex",
        "gender_same_as_sex",
        "ethnic_group",
        "ethnicity",
        "disability",
        "religion",
        "sexual_orientation",
        "caring",
    ),
    EQUALITY_REASON,
)


def _age(code: str) -> Audience | None:
    if code == NOT_KNOWN or age_band_range(code) is not None:
        return Audience(age_bands=(code,))
    return None


def _choice(values: list[str], field: str) -> Callable[[str], Audience | None]:
    def audience(code: str) -> Audience | None:
        return Audience.from_json({field: [code]}) if code in values else None

    return audience


def _area(code: str) -> Audience | None:
    if not code.isdigit() or not Area.objects.filter(pk=int(code), parent__isnull=True).exists():
        return None
    return Audience(areas=(int(code),))


def _language(code: str) -> Audience | None:
    return Audience(languages=(code,)) if code else None


def _support(code: str) -> Audience | None:
    return Audience(support=(code,)) if code in ("format", "other", "none") else None


TARGETS: dict[str, Callable[[str], Audience | None]] = {
    "age": _age,
    "tenure": _choice(list(Tenure.values), "tenures"),
    "property_type": _choice(list(PropertyType.values), "property_types"),
    "location": _choice(list(Location.values), "locations"),
    "area": _area,
    "language": _language,
    "channel": _choice(list(Channel.values), "channels"),
    "support_needs": _support,
}


def target_audience(
    characteristic_key: str, category_code: str, *, not_involved: bool = True
) -> Audience | None:
    """The audience of the residents a representation table counts in this category (living in
    one of the landlord's homes on the day), only those not involved unless ``not_involved`` is
    False; None when the category cannot be selected."""
    make = TARGETS.get(characteristic_key)
    found = make(category_code) if make is not None else None
    if found is None:
        return None
    data = found.to_json() | {"at_home": True}
    if not_involved:
        data["involvement"] = "none"
    return Audience.from_json(data)


def target_url(characteristic_key: str, category_code: str) -> str | None:
    """The staff page that shows who a category's residents not yet involved are and starts a
    campaign to them (one click from a representation table, one to continue); None for an
    equality characteristic or a category that cannot be selected."""
    if target_audience(characteristic_key, category_code) is None:
        return None
    query = urlencode({"characteristic": characteristic_key, "category": category_code})
    return f"{reverse('audiences:target')}?{query}"


def target_from_query(query: QueryDict) -> tuple[Audience, str] | None:
    """The audience a link from :func:`target_url` names (``characteristic``, ``category`` and,
    to include the involved too, ``involved=1``) and the words for the category ("Residents
    aged 16 to 24"); None when the link names nothing that can be selected."""
    from tenantvoice.representation.characteristics import landlord_characteristics

    key, code = query.get("characteristic", ""), query.get("category", "")
    audience = target_audience(key, code, not_involved=query.get("involved") != "1")
    found = landlord_characteristics().get(key)
    if audience is None or found is None:
        return None
    return audience, f"Residents {found.category(code).words}"
