"""No form offers a list of every area, property, household, tenancy or resident (decision 0039).

Such a list grows with the register: an ``<option>`` per area made the register's search page
1.25 MB at 500,000 households (issue 15). Register-sized things are chosen by search
(``core.pickers``); the landlord's short lists (levels, groups, venues, service areas) may be
choices. Two checks: no field's choices are built from a register model, found from the
fields' classes, and no form (or API filter set) that can be made without arguments lists a
row of the register among its choices, found by making them with rows in the register.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from typing import Any

import django_filters as df
import pytest
from django import forms

import tenantvoice
from tenantvoice.core.pickers import Picker
from tenantvoice.residents.models import Area, Property, Resident, Tenancy, TenancyMember
from tests.factories import AreaFactory, PropertyFactory, make_resident

# A household is a tenancy and its members.
REGISTER = (Area, Property, Tenancy, TenancyMember, Resident)


def _classes(base: type) -> list[type]:
    found = []
    for module in pkgutil.walk_packages(tenantvoice.__path__, "tenantvoice."):
        if ".migrations" in module.name or not re.search(
            r"(forms|views|filters|elections|involvement|imports|staff\w*|resident|public)$", module.name
        ):
            continue
        imported = importlib.import_module(module.name)
        for _, value in inspect.getmembers(imported, inspect.isclass):
            if issubclass(value, base) and value.__module__ == module.name:
                found.append(value)
    return found


def _register_choices(name: str, field: forms.Field) -> str | None:
    """What is wrong with ``field`` if it offers a register-sized list, else None."""
    if isinstance(field.widget, Picker):
        return None
    queryset = getattr(field, "queryset", None)
    if queryset is not None and issubclass(queryset.model, REGISTER):
        return f"{name} lists every {queryset.model.__name__}"
    return None


def test_no_form_field_is_a_choice_of_register_rows() -> None:
    classes = _classes(forms.BaseForm)
    assert len(classes) > 40
    problems = []
    for form_class in classes:
        for name, field in form_class.base_fields.items():
            problem = _register_choices(f"{form_class.__name__}.{name}", field)
            if problem:
                problems.append(problem)
    filter_sets = _classes(df.FilterSet)
    assert len(filter_sets) >= 4
    for filter_set in filter_sets:
        for name, one in filter_set.base_filters.items():
            queryset = one.extra.get("queryset")
            if queryset is not None and issubclass(queryset.model, REGISTER):
                problems.append(f"{filter_set.__name__}.{name} lists every {queryset.model.__name__}")
    assert problems == [], "Choose these by search (core.pickers) or take an id: " + "; ".join(problems)


@pytest.mark.django_db
def test_no_form_that_can_be_drawn_lists_a_row_of_the_register() -> None:
    """Catches choices filled in ``__init__`` from the register, which the classes cannot show."""
    area = AreaFactory(name="Zanzibar Close")
    make_resident(home=PropertyFactory(area=area, address_line_1="1 Quixotic Row"), last_name="Xylophone")
    marks = ("Zanzibar Close", "Quixotic Row", "Xylophone")
    drawn = 0
    problems = []
    for form_class in _classes(forms.BaseForm):
        form: Any = None
        for kwargs in ({}, {"request": None}):
            try:
                form = form_class(**kwargs)
                break
            except TypeError:
                continue
        if form is None:
            continue
        drawn += 1
        for name, field in form.fields.items():
            labels = " ".join(str(label) for _, label in getattr(field, "choices", []) or [])
            if any(mark in labels for mark in marks):
                problems.append(f"{form_class.__name__}.{name}")
    for filter_set in _classes(df.FilterSet):
        drawn += 1
        model = filter_set._meta.model
        for name, field in filter_set(queryset=model.objects.none()).form.fields.items():
            labels = " ".join(str(label) for _, label in getattr(field, "choices", []) or [])
            if any(mark in labels for mark in marks):
                problems.append(f"{filter_set.__name__}.{name}")
    assert drawn > 30
    assert problems == [], "These list rows of the register; choose them by search: " + ", ".join(problems)
