"""The resident picker: officers choose a person by searching the register, never by typing a
number (decision 0027).

:class:`ResidentField` renders a search box. Without JavaScript, the "Find" button submits the
form, which comes back with up to :data:`PICK_LIMIT` matching residents as radio buttons and
nothing saved; the officer picks one and submits again. With JavaScript
(``static/tenantvoice/resident-picker.js``) the same radio buttons appear as the officer types,
from the JSON at ``staff:resident-pick``. Both ways use the register's own search
(:func:`tenantvoice.residents.selectors.resident_search`), so each search is audited as one.

A form with a picker inherits :class:`PickerForm` and is given the ``request``; while the
officer is searching, the form is not valid and shows no other errors.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.utils import ErrorDict
from django.http import HttpRequest
from django.urls import reverse

from tenantvoice.core.plain_errors import PlainForm
from tenantvoice.core.roles import Capability, has_capability
from tenantvoice.residents.models import Resident
from tenantvoice.residents.selectors import resident_search, residents_for_picker

PICK_LIMIT = 10
QUERY_MAX = 100


def resident_summary(resident: Resident) -> dict[str, Any]:
    """What the picker shows of a resident: enough to tell two people apart, nothing more."""
    homes = getattr(resident, "current_memberships", None) or []
    home = homes[0].tenancy.property if homes else None
    name = f"{resident.last_name}, {resident.first_name}"
    if resident.preferred_name:
        name += f" ({resident.preferred_name})"
    return {
        "id": resident.pk,
        "name": name,
        "reference": resident.hms_ref or "",
        "address": home.address_line_1 if home else "",
        "postcode": home.postcode if home else "",
    }


class ResidentPicker(forms.Widget):
    """A search box, a "Find" button and the residents found, as radio buttons named after the
    field. The box is ``<name>_q`` and the button ``<name>_find``."""

    template_name = "core/widgets/resident_picker.html"
    is_resident_picker = True

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.query = ""
        self.searched = False
        self.results: list[dict[str, Any]] = []
        self.more = False
        self.kind_of_search = ""

    def id_for_label(self, id_: str) -> str:
        return f"{id_}_q" if id_ else id_

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        self.query = str(data.get(f"{name}_q", ""))[:QUERY_MAX]
        return data.get(name) or ""

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in data and f"{name}_q" not in data

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        chosen = str(value.pk if isinstance(value, Resident) else value or "")
        results = list(self.results)
        if chosen.isdigit() and all(str(r["id"]) != chosen for r in results):
            results = [resident_summary(r) for r in residents_for_picker([int(chosen)])] + results
        widget = context["widget"]
        base_id = widget["attrs"].get("id") or f"id_{name}"
        widget.update(
            {
                "base_id": base_id,
                "describedby": widget["attrs"].get("aria-describedby", ""),
                "query": self.query,
                "searched": self.searched,
                "results": results,
                "chosen": chosen,
                "more": self.more,
                "kind_of_search": self.kind_of_search,
                "limit": PICK_LIMIT,
                "url": reverse("staff:resident-pick"),
            }
        )
        return context


class ResidentField(forms.Field):
    """A resident chosen with :class:`ResidentPicker`; cleans to the :class:`Resident` or None."""

    widget = ResidentPicker
    default_error_messages = {
        "required": "Search for the resident by name, reference or postcode, then choose them.",
        "invalid": "Choose the resident from the list of residents found.",
        "gone": "That resident is no longer on the register. Search again.",
    }

    def to_python(self, value: Any) -> Resident | None:
        if isinstance(value, Resident):
            return value
        if value in self.empty_values:
            return None
        if not str(value).isdigit():
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        resident = Resident.objects.filter(pk=int(value)).first()
        if resident is None:
            raise forms.ValidationError(self.error_messages["gone"], code="gone")
        return resident

    def prepare_value(self, value: Any) -> Any:
        return value.pk if isinstance(value, Resident) else value


def resident_pick_search(*, request: HttpRequest, query: str) -> tuple[list[dict[str, Any]], bool, str]:
    """Up to :data:`PICK_LIMIT` residents for the picker, found by the register's search and
    audited as the officer's search; whether there are more; and how the words were read."""
    query = query.strip()[:QUERY_MAX]
    if len(query) < 2 or not has_capability(request.user, Capability.VIEW_RESIDENTS):
        return [], False, ""
    page = resident_search(reader=request.user, request=request, query=query, limit=PICK_LIMIT)
    return [resident_summary(r) for r in page.residents], page.next_cursor is not None, page.kind_of_search


class PickerForm(PlainForm):
    """A form with one or more :class:`ResidentField`. Pass ``request=`` so that searching
    without JavaScript can run the register's search as the officer.

    The officer is searching when they pressed a picker's "Find" button, or typed words in its
    box without choosing anyone. The form is then not valid, shows no errors, and each picker
    lists the residents found."""

    def __init__(self, *args: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.picker_request = request
        self.searching = False

    def full_clean(self) -> None:
        super().full_clean()
        if not self.is_bound:
            return
        for name, field in self.fields.items():
            if not isinstance(field, ResidentField):
                continue
            widget = field.widget
            assert isinstance(widget, ResidentPicker)
            key = self.add_prefix(name)
            query = str(self.data.get(f"{key}_q", "")).strip()
            pressed_find = f"{key}_find" in self.data
            if not (pressed_find or (query and not self.data.get(key))):
                continue
            self.searching = True
            widget.searched = bool(query)
            if query and self.picker_request is not None:
                widget.results, widget.more, widget.kind_of_search = resident_pick_search(
                    request=self.picker_request, query=query
                )
        if self.searching:
            # Nothing is saved while searching, so the other boxes' problems can wait.
            self._errors = ErrorDict()
            self.cleaned_data = {}

    def is_valid(self) -> bool:
        return super().is_valid() and not self.searching
