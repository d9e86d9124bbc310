"""Where a letter goes: the correspondence address if there is one, else the home."""

from __future__ import annotations

from tenantvoice.residents.models import Resident, TenancyMember


def postal_address(resident: Resident) -> list[str]:
    """Name and address lines for an envelope window; the postcode last. Empty if none is known."""
    lines: list[str] = []
    if resident.correspondence_address.strip():
        lines = [line.strip() for line in resident.correspondence_address.splitlines() if line.strip()]
        if resident.correspondence_postcode:
            lines.append(resident.correspondence_postcode)
    else:
        # A batch of letters has each recipient's current homes already (comms.selectors).
        homes = getattr(resident, "current_homes", None)
        if homes is None:
            homes = (
                TenancyMember.objects.current()
                .filter(resident=resident)
                .select_related("tenancy__property")
                .order_by("-tenancy__start_date", "-pk")[:1]
            )
        member = next(iter(homes), None)
        if member is not None:
            home = member.tenancy.property
            parts = (home.address_line_1, home.address_line_2, home.address_line_3, home.town, home.postcode)
            lines = [part for part in parts if part]
    return [resident.full_name, *lines] if lines else []
