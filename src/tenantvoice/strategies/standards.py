"""The service standards a landlord's strategy sets, e.g. Tower Hamlets Homes' "notification
of a meeting will be made at least 10 working days in advance". Later features read them
through :func:`standards_get`; a standard left out of the strategy is not checked."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any

from tenantvoice.core.errors import DomainError


class StandardsError(DomainError):
    pass


@dataclass(frozen=True)
class ServiceStandards:
    # Meetings: notice before, and minutes and actions after, in working days.
    notice_working_days: int | None = None
    minutes_working_days: int | None = None
    # Requests for information from residents or groups, answered within (working days).
    info_request_working_days: int | None = None
    # The shortest time residents get to reply to a consultation (calendar days).
    consultation_min_days: int | None = None
    # Time to accept a place offered from a level's waiting list (working days).
    offer_working_days: int = 10
    # Attendance is measured over this many months for a group's commitment.
    attendance_window_months: int = 12
    # A survey programme (Winchester TenantLink): surveys a year and weeks per cycle.
    surveys_per_year: int | None = None
    survey_cycle_weeks: int | None = None
    # "You said, we did" feedback after a survey or consultation closes (working days).
    feedback_working_days: int | None = None
    # Scrutiny: service areas a panel reviews each year (Housing for Women: three).
    scrutiny_reviews_per_year: int | None = None
    # An equality impact assessment of the engagement strategy every so many months (Tower
    # Hamlets Homes: "An annual Equalities Impact Assessment", so 12); the daily job makes the
    # draft when one falls due (equality_impact.services.scheduled_assessments_make).
    equality_impact_assessment_months: int | None = None

    @classmethod
    def from_data(cls, data: Mapping[str, Any] | None) -> ServiceStandards:
        data = dict(data or {})
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise StandardsError(
                f"Unknown service standard(s): {', '.join(sorted(unknown))}. "
                f"Known: {', '.join(sorted(known))}."
            )
        for name, value in data.items():
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise StandardsError(
                    f"The standard {name} must be a whole number of days (or a count), not {value!r}."
                )
        return cls(**data)

    def as_data(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}


def standards_get() -> ServiceStandards:
    """The landlord's current service standards (defaults before a strategy is loaded)."""
    from tenantvoice.core.selectors import landlord_get

    return ServiceStandards.from_data(landlord_get().standards)
