"""Reads for the API: querysets with their joins and prefetches done once per page."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from tenantvoice.residents.models import Area, Property, Resident, Tenancy, TenancyMember
from tenantvoice.residents.selectors import prefix_condition


def current_memberships(on: dt.date | None = None) -> QuerySet[TenancyMember]:
    """Memberships current on ``on`` (today) of tenancies current on that day."""
    return TenancyMember.objects.current(on)


def area_list() -> QuerySet[Area]:
    return Area.objects.select_related("parent").order_by("full_name")


def areas_within(area: Area) -> QuerySet[Area]:
    """``area`` and every area under it, as an indexed range on the path."""
    return Area.objects.filter(prefix_condition("path", area.path))


def property_list() -> QuerySet[Property]:
    # pk last so that equal postcodes and first lines still come back in one fixed order.
    return Property.objects.select_related("area").order_by("postcode_key", "address_line_1", "pk")


def tenancy_list() -> QuerySet[Tenancy]:
    return Tenancy.objects.select_related("property").order_by("-start_date", "hms_ref")


def resident_list() -> QuerySet[Resident]:
    members = current_memberships().select_related("tenancy__property").order_by("tenancy__hms_ref")
    return Resident.objects.prefetch_related(
        Prefetch("memberships", queryset=members, to_attr="current_memberships")
    ).order_by("last_name_key", "first_name_key", "pk")


def residents_with_current_tenancy(
    residents: QuerySet[Resident], **tenancy_filter: object
) -> QuerySet[Resident]:
    """Residents with a current membership of a current tenancy matching ``tenancy_filter``.

    ``Exists`` rather than a join, so a resident in two matching tenancies is listed once.
    """
    members = current_memberships().filter(resident=OuterRef("pk"), **tenancy_filter)
    return residents.filter(Exists(members))
