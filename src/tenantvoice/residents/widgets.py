"""The register's pickers: officers choose a resident or an area by searching, never from a list
of everyone or by typing a number (decisions 0027 and 0039; the shared machinery is
:mod:`tenantvoice.core.pickers`).

- :class:`ResidentField` (one resident): the register's own search,
  :func:`~tenantvoice.residents.selectors.resident_search`, so each search is audited as one;
  JSON at ``staff:resident-pick``.
- :class:`AreaField` and :class:`AreaMultipleField` (one area, or several ticked): areas whose
  own name or full name starts with the words (:func:`~tenantvoice.residents.selectors.area_search`,
  on indexed keys); JSON at ``staff:area-pick``. Areas are not personal, so not audited.

A form with a picker inherits :class:`~tenantvoice.core.pickers.PickerForm`; a form with a
resident picker is given the ``request``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.http import HttpRequest

from tenantvoice.core.pickers import Found, MultiplePickerField, Picker, PickerField
from tenantvoice.core.roles import Capability, has_capability
from tenantvoice.residents.models import Area, Resident
from tenantvoice.residents.selectors import area_search, resident_search, residents_for_picker

__all__ = [
    "PICK_LIMIT",
    "AreaField",
    "AreaMultipleField",
    "AreaMultiplePicker",
    "AreaPicker",
    "ResidentField",
    "ResidentPicker",
]

PICK_LIMIT = 10


def resident_summary(resident: Resident) -> dict[str, Any]:
    """What the picker shows of a resident: enough to tell two people apart, nothing more."""
    homes = getattr(resident, "current_memberships", None) or []
    home = homes[0].tenancy.property if homes else None
    name = f"{resident.last_name}, {resident.first_name}"
    if resident.preferred_name:
        name += f" ({resident.preferred_name})"
    where = [home.address_line_1, home.postcode] if home else []
    return {
        "id": resident.pk,
        "name": name,
        "detail": ", ".join([resident.hms_ref or "No reference", *filter(None, where)]),
    }


class ResidentPicker(Picker):
    """A resident, found by name, person reference, postcode or address."""

    limit = PICK_LIMIT
    noun = "resident"
    nouns = "residents"
    a_noun = "a resident"
    hint = "the start of the last name, the person reference or the postcode"
    url_name = "staff:resident-pick"

    def find(self, query: str, *, request: HttpRequest | None) -> Found:
        # The search is audited as the officer's: without one (or their right to see the
        # register) nothing is searched.
        if request is None or not has_capability(request.user, Capability.VIEW_RESIDENTS):
            return Found()
        page = resident_search(reader=request.user, request=request, query=query, limit=self.limit)
        return Found(
            [resident_summary(r) for r in page.residents], page.next_cursor is not None, page.kind_of_search
        )

    def summaries(self, ids: Sequence[int]) -> list[dict[str, Any]]:
        return [resident_summary(r) for r in residents_for_picker(list(ids))]


class ResidentField(PickerField):
    """A resident chosen with :class:`ResidentPicker`; cleans to the :class:`Resident` or None."""

    widget = ResidentPicker
    model = Resident
    default_error_messages = {
        "required": "Search for the resident by name, reference or postcode, then choose them.",
        "invalid": "Choose the resident from the list of residents found.",
        "gone": "That resident is no longer on the register. Search again.",
    }


def area_summary(area: Area) -> dict[str, Any]:
    """An area by its own name, with the areas it is inside to tell two "Oak Court"s apart."""
    inside = area.full_name.rpartition(" > ")[0]
    return {"id": area.pk, "name": area.name, "detail": f"In {inside}" if inside else "Top level"}


class AreaPicker(Picker):
    """An area, found by the start of its own name or of its full name ("North > Oak")."""

    limit = PICK_LIMIT
    noun = "area"
    nouns = "areas"
    a_noun = "an area"
    hint = "the start of the area's name, or of the area it is in"
    url_name = "staff:area-pick"

    def find(self, query: str, *, request: HttpRequest | None) -> Found:
        areas = area_search(query, limit=self.limit + 1)
        return Found([area_summary(a) for a in areas[: self.limit]], len(areas) > self.limit)

    def summaries(self, ids: Sequence[int]) -> list[dict[str, Any]]:
        return [area_summary(a) for a in Area.objects.filter(pk__in=ids).only("pk", "name", "full_name")]


class AreaMultiplePicker(AreaPicker):
    multiple = True


class AreaField(PickerField):
    """An area chosen with :class:`AreaPicker`; cleans to the :class:`Area` or None."""

    widget = AreaPicker
    model = Area
    default_error_messages = {
        "required": "Search for the area by its name, then choose it.",
        "invalid": "Choose the area from the list of areas found.",
        "gone": "That area is no longer there. Search again.",
    }


class AreaMultipleField(MultiplePickerField):
    """Areas ticked with a multiple :class:`AreaPicker`; cleans to a list of :class:`Area`."""

    widget = AreaMultiplePicker
    model = Area
    default_error_messages = {
        "required": "Search for the areas by name, then tick the ones you want.",
        "invalid": "Tick the areas from the list of areas found.",
        "gone": "One of the areas ticked is no longer there. Search again.",
    }
