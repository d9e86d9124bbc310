"""Query-string filters for each list. Text filters use the normalised, indexed columns."""

from __future__ import annotations

from typing import Any

import django_filters as df
from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter
from rest_framework.request import Request

from tenantvoice.core.reporting_year import ReportingYear
from tenantvoice.residents.models import (
    Area,
    AreaLevel,
    Property,
    PropertyType,
    Resident,
    ResidentKind,
    Tenancy,
    Tenure,
)
from tenantvoice.residents.normalise import postcode_key, search_key
from tenantvoice.residents.selectors import prefix_condition

from .selectors import areas_within, residents_with_current_tenancy


class StableOrderingFilter(OrderingFilter):
    """Lets callers order by the offered fields, with the primary key as the tie-breaker so
    that pages never repeat or skip rows."""

    def get_ordering(self, request: Request, queryset: QuerySet[Any], view: Any) -> Any:
        ordering = super().get_ordering(request, queryset, view)
        if ordering and not any(field.lstrip("-") in ("pk", "id") for field in ordering):
            ordering = [*ordering, "pk"]
        return ordering


# "true" or "false" only: django-filter's BooleanFilter quietly ignores "maybe", which
# would hand a caller the whole table when they meant to filter it.
TRUE_FALSE = [("true", "true"), ("false", "false")]


LARGEST_ID = 2**63 - 1  # a BigAutoField on PostgreSQL and SQLite


class IdFilter(df.NumberFilter):
    """A record's id: a whole number in the range an id can have. django-filter's NumberFilter
    takes any decimal, and SQLite cannot even compare a number beyond 64 bits (OverflowError)."""

    field_class = forms.IntegerField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", LARGEST_ID)
        kwargs.setdefault(
            "error_messages",
            {
                "invalid": "Give the id as a whole number.",
                "min_value": "An id is a whole number from 1.",
                "max_value": "There is no record with an id that large.",
            },
        )
        super().__init__(*args, **kwargs)


class AreaIdField(forms.IntegerField):
    """An area's id, cleaned to the :class:`Area` (one read by primary key)."""

    def clean(self, value: Any) -> Area | None:
        pk = super().clean(value)
        if pk is None:
            return None
        area = Area.objects.filter(pk=pk).first()
        if area is None:
            raise forms.ValidationError(f"There is no area with id {pk}.", code="invalid_choice")
        return area


class AreaIdFilter(IdFilter):
    """An area by its id. Not a ModelChoiceFilter: its form field is a ``<select>`` of every
    area, which a form rendering this filter set would draw (decision 0039); callers know ids."""

    field_class = AreaIdField


class AreaFilter(df.FilterSet):
    parent = AreaIdFilter(help_text="Only the areas directly under this area (its id).")
    top_level = df.ChoiceFilter(
        choices=TRUE_FALSE,
        method="filter_top_level",
        help_text="true: only areas with no parent; false: the others.",
    )
    level = df.ChoiceFilter(choices=AreaLevel.choices)
    name = df.CharFilter(lookup_expr="icontains", help_text="Part of the area's own name, any case.")

    class Meta:
        model = Area
        fields = ["parent", "top_level", "level", "name"]

    def filter_top_level(self, queryset: QuerySet[Area], name: str, value: str) -> QuerySet[Area]:
        return queryset.filter(parent__isnull=value == "true")


class PropertyFilter(df.FilterSet):
    area = AreaIdFilter(
        method="filter_area", help_text="Properties in this area or any area under it (its id)."
    )
    postcode = df.CharFilter(method="filter_postcode", help_text="A full postcode, in any case and spacing.")
    property_type = df.ChoiceFilter(choices=PropertyType.choices)
    managed_for = df.CharFilter(help_text="Exactly this organisation; empty for the landlord's own.")
    hms_ref = df.CharFilter(help_text="The housing management system's property reference.")
    updated_since = df.IsoDateTimeFilter(
        field_name="updated_at", lookup_expr="gte", help_text="Changed at or after this time (ISO 8601)."
    )

    class Meta:
        model = Property
        fields = ["area", "postcode", "property_type", "managed_for", "hms_ref", "updated_since"]

    def filter_area(self, queryset: QuerySet[Property], name: str, value: Area) -> QuerySet[Property]:
        return queryset.filter(area__in=areas_within(value))

    def filter_postcode(self, queryset: QuerySet[Property], name: str, value: str) -> QuerySet[Property]:
        return queryset.filter(postcode_key=postcode_key(value))


class TenancyFilter(df.FilterSet):
    property = IdFilter(field_name="property_id", help_text="The property's id.")
    tenure = df.ChoiceFilter(choices=Tenure.choices)
    current = df.ChoiceFilter(
        choices=TRUE_FALSE,
        method="filter_current",
        help_text="true: started and not ended today; false: the others.",
    )
    hms_ref = df.CharFilter(help_text="The housing management system's tenancy reference.")
    updated_since = df.IsoDateTimeFilter(
        field_name="updated_at", lookup_expr="gte", help_text="Changed at or after this time (ISO 8601)."
    )

    class Meta:
        model = Tenancy
        fields = ["property", "tenure", "current", "hms_ref", "updated_since"]

    def filter_current(self, queryset: QuerySet[Tenancy], name: str, value: str) -> QuerySet[Tenancy]:
        current = Tenancy.objects.current(timezone.localdate()).values("pk")
        return queryset.filter(pk__in=current) if value == "true" else queryset.exclude(pk__in=current)


class ResidentFilter(df.FilterSet):
    hms_ref = df.CharFilter(help_text="The housing management system's person reference.")
    last_name = df.CharFilter(
        method="filter_last_name", help_text="The start of the last name, in any case, e.g. smi."
    )
    postcode = df.CharFilter(
        method="filter_postcode", help_text="Full postcode of the home of a current tenancy."
    )
    tenure = df.ChoiceFilter(
        choices=Tenure.choices, method="filter_tenure", help_text="Tenure of a current tenancy."
    )
    area = AreaIdFilter(
        method="filter_area", help_text="Home of a current tenancy is in this area or under it (its id)."
    )
    kind = df.ChoiceFilter(choices=ResidentKind.choices)
    updated_since = df.IsoDateTimeFilter(
        field_name="updated_at", lookup_expr="gte", help_text="Changed at or after this time (ISO 8601)."
    )

    class Meta:
        model = Resident
        fields = ["hms_ref", "last_name", "postcode", "tenure", "area", "kind", "updated_since"]

    def filter_last_name(self, queryset: QuerySet[Resident], name: str, value: str) -> QuerySet[Resident]:
        key = search_key(value)
        if not key:
            return queryset
        # A range on the indexed key (decision 0004), then startswith to drop collation strays.
        return queryset.filter(prefix_condition("last_name_key", key))

    def filter_postcode(self, queryset: QuerySet[Resident], name: str, value: str) -> QuerySet[Resident]:
        return residents_with_current_tenancy(queryset, tenancy__property__postcode_key=postcode_key(value))

    def filter_tenure(self, queryset: QuerySet[Resident], name: str, value: str) -> QuerySet[Resident]:
        return residents_with_current_tenancy(queryset, tenancy__tenure=value)

    def filter_area(self, queryset: QuerySet[Resident], name: str, value: Area) -> QuerySet[Resident]:
        return residents_with_current_tenancy(queryset, tenancy__property__area__in=areas_within(value))


def reporting_year_param(request: Request) -> ReportingYear:
    """The ``year`` query parameter (the year a reporting year starts, e.g. 2025 for 2025/26),
    this year's when left out; refused in words when not a year or not begun yet. Shared by
    every API report read by reporting year."""
    text = request.query_params.get("year", "")
    if text and not text.isdigit():
        raise ValidationError({"year": ["Give the year the reporting year starts, e.g. 2025."]})
    this_year = ReportingYear.of(timezone.localdate())
    year = ReportingYear(int(text)) if text else this_year
    if not 2000 <= year.first <= this_year.first:
        raise ValidationError({"year": ["Choose a reporting year that has begun."]})
    return year
