"""Search, then pick: how officers choose anything the register holds too many of to list
(residents, areas), with or without JavaScript (decisions 0027 and 0039).

A picker field renders a search box (``<name>_q``), a "Find" button (``<name>_find``) and what
was found, at most :attr:`Picker.limit`, as radio buttons (:class:`PickerField`) or checkboxes
(:class:`MultiplePickerField`) named after the field, so a posted ``<name>=<id>`` (or a link
``?area=<id>``) is simply a choice. What is chosen stays on the page, ticked, whatever is
searched next. Without JavaScript "Find" sends the form back (a POST or a GET form alike) and
the form, a :class:`PickerForm`, is then not valid and shows no errors; with JavaScript
(``static/tenantvoice/picker.js``) the same list comes from the picker's JSON search as the
officer types, worded by the same :meth:`Picker.status`.

Each kind of thing is a subclass of :class:`Picker` saying how to search (``find``), how to show
a chosen id (``summaries``) and which words to use; core knows none of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from django import forms
from django.db.models import Model
from django.http import HttpRequest, JsonResponse
from django.urls import reverse

from tenantvoice.core.plain_errors import PlainForm

QUERY_MAX = 100


@dataclass(frozen=True)
class Found:
    """One search's answer: the things found (as :meth:`Picker.summary` dicts), whether there
    are more than were shown, and how the words were read (e.g. "name"), if that varies."""

    items: list[dict[str, Any]] = field(default_factory=list)
    more: bool = False
    how: str = ""


class Picker(forms.Widget):
    """A search box, a "Find" button and the things found, as radio buttons or checkboxes.

    A subclass sets the words (``noun``, ``nouns``, ``hint``), the JSON search's URL name and
    the two reads: :meth:`find` (what matches the words) and :meth:`summaries` (what to show
    for ids already chosen). Each thing is shown as ``{"id", "name", "detail"}``.
    """

    template_name = "core/widgets/picker.html"
    is_picker = True
    multiple = False
    limit: ClassVar[int] = 10
    # Fewer characters than this search nothing.
    shortest: ClassVar[int] = 2
    noun: ClassVar[str] = "item"
    nouns: ClassVar[str] = "items"
    a_noun: ClassVar[str] = "an item"  # the "Find" button's words for a screen reader
    # What to try when nothing matched, after "Check the spelling, or try ...".
    hint: ClassVar[str] = "fewer letters"
    url_name: ClassVar[str] = ""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.query = ""
        self.searched = False
        self.found = Found()

    # What a subclass provides.
    def find(self, query: str, *, request: HttpRequest | None) -> Found:
        raise NotImplementedError

    def summaries(self, ids: Sequence[int]) -> list[dict[str, Any]]:
        raise NotImplementedError

    # Shared by the page and the JSON search.
    def search(self, query: str, *, request: HttpRequest | None) -> Found:
        query = query.strip()[:QUERY_MAX]
        if len(query) < self.shortest:
            return Found()
        return self.find(query, request=request)

    def status(self, query: str, found: Found) -> str:
        """What the search found, in words: the same with and without JavaScript."""
        if len(query.strip()) < self.shortest:
            return f"Type at least {self.shortest} letters or numbers to search."
        if not found.items:
            return (
                f"No {self.nouns} match \u201c{query.strip()[:QUERY_MAX]}\u201d. "
                f"Check the spelling, or try {self.hint}."
            )
        count = len(found.items)
        words = f"{count} {self.noun if count == 1 else self.nouns} found"
        if found.how:
            words += f" by {found.how}"
        if found.more:
            words += f" (the first {count}: type more to narrow it)"
        return words + (". Tick the ones you want." if self.multiple else ". Choose one below.")

    def as_json(self, query: str, *, request: HttpRequest | None) -> JsonResponse:
        found = self.search(query, request=request)
        return JsonResponse(
            {
                "query": query.strip()[:QUERY_MAX],
                "results": found.items,
                "more": found.more,
                "status": self.status(query, found),
            }
        )

    # The widget.
    def id_for_label(self, id_: str) -> str:
        return f"{id_}_q" if id_ else id_

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        self.query = str(data.get(f"{name}_q", ""))[:QUERY_MAX]
        if self.multiple:
            return data.getlist(name) if hasattr(data, "getlist") else list(data.get(name) or [])
        return data.get(name) or ""

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in data and f"{name}_q" not in data

    def chosen_ids(self, value: Any) -> list[int]:
        values = value if isinstance(value, list | tuple) else [value]
        ids = []
        for one in values:
            text = str(one.pk if isinstance(one, Model) else one if one is not None else "")
            if text.isdigit() and int(text) not in ids:
                ids.append(int(text))
        return ids

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        chosen = self.chosen_ids(value)
        # What is chosen stays first and ticked, whatever the last search found.
        shown = {item["id"]: item for item in self.summaries(chosen)} if chosen else {}
        items = [shown[pk] for pk in chosen if pk in shown]
        items += [item for item in self.found.items if item["id"] not in shown]
        widget = context["widget"]
        widget.update(
            {
                "base_id": widget["attrs"].get("id") or f"id_{name}",
                "describedby": widget["attrs"].get("aria-describedby", ""),
                "query": self.query,
                "searched": self.searched,
                "status": self.status(self.query, self.found) if self.searched else "",
                "results": items,
                "chosen": [str(pk) for pk in chosen],
                "multiple": self.multiple,
                "noun": self.noun,
                "nouns": self.nouns,
                "a_noun": self.a_noun,
                "url": reverse(self.url_name) if self.url_name else "",
            }
        )
        return context


class PickerField(forms.Field):
    """One thing chosen with a :class:`Picker`; cleans to the model instance or None."""

    widget: type[Picker] | Picker = Picker
    model: ClassVar[type[Model]]
    default_error_messages = {
        "required": "Search for it, then choose it.",
        "invalid": "Choose from the list found.",
        "gone": "That is no longer there. Search again.",
    }

    def to_python(self, value: Any) -> Any:
        if isinstance(value, self.model):
            return value
        if value in self.empty_values:
            return None
        if not str(value).isdigit():
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        found = self.model._default_manager.filter(pk=int(value)).first()
        if found is None:
            raise forms.ValidationError(self.error_messages["gone"], code="gone")
        return found

    def prepare_value(self, value: Any) -> Any:
        return value.pk if isinstance(value, Model) else value


class MultiplePickerField(forms.Field):
    """Several things chosen with a multiple :class:`Picker`; cleans to a list of instances."""

    widget: type[Picker] | Picker = Picker
    model: ClassVar[type[Model]]
    default_error_messages = {
        "required": "Search for them, then tick the ones you want.",
        "invalid": "Tick from the list found.",
        "gone": "One of those is no longer there. Search again.",
    }

    def to_python(self, value: Any) -> list[Any]:
        values = [v for v in (value or []) if v not in self.empty_values]
        if not all(isinstance(v, self.model) or str(v).isdigit() for v in values):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        ids = list(dict.fromkeys(v.pk if isinstance(v, Model) else int(v) for v in values))
        if not ids:
            return []
        by_pk = self.model._default_manager.in_bulk(ids)
        if len(by_pk) != len(ids):
            raise forms.ValidationError(self.error_messages["gone"], code="gone")
        return [by_pk[pk] for pk in ids]

    def validate(self, value: Any) -> None:
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return [v.pk if isinstance(v, Model) else v for v in value]
        return value


def pickers_of(form: forms.BaseForm) -> Iterable[tuple[str, Picker]]:
    for name, bound_field in form.fields.items():
        if isinstance(bound_field.widget, Picker):
            yield name, bound_field.widget


class PickerForm(PlainForm):
    """A form with one or more pickers. Pass ``request=`` where a picker's search needs the
    officer (the resident picker audits each search as theirs).

    The officer is searching when they pressed a picker's "Find" button, or typed words in its
    box without choosing anything. The form is then not valid, shows no errors, and each picker
    lists what was found."""

    def __init__(self, *args: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.picker_request = request
        self.searching = False

    def full_clean(self) -> None:
        super().full_clean()
        if not self.is_bound:
            return
        for name, widget in pickers_of(self):
            key = self.add_prefix(name)
            query = str(self.data.get(key + "_q", "")).strip()
            pressed_find = key + "_find" in self.data
            if not (pressed_find or (query and not self.data.get(key))):
                continue
            self.searching = True
            widget.searched = bool(query)
            if query:
                widget.found = widget.search(query, request=self.picker_request)
        if self.searching:
            hold_errors(self)

    def is_valid(self) -> bool:
        return super().is_valid() and not self.searching


def hold_errors(form: forms.BaseForm) -> None:
    """Nothing is saved while an officer is searching, so the form's problems can wait."""
    form.errors.clear()
    form.cleaned_data = {}


def searching(forms_on_page: Iterable[forms.BaseForm]) -> bool:
    """Whether any of a page's forms is in the middle of a picker's search."""
    return any(getattr(form, "searching", False) for form in forms_on_page)
