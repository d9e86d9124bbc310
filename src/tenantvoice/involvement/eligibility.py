"""Who may join a level, an opportunity or a seat, or vote in an election: a rule from data.

A strategy file writes a rule as a table, for example Housing for Women's level 4::

    [levels.eligibility]
    primary_tenant_only = true
    managed_for_exempt = true   # "those occupying properties managed ... on behalf of other
                                #  organisations may be involved at any level"

Every condition left out allows everyone. :func:`eligibility_problems` is a plain function
of the rule and a resident's :class:`ResidentFacts`, so it is easy to test on its own; the
facts are read from the register by ``selectors.resident_facts``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from tenantvoice.core.errors import DomainError
from tenantvoice.core.text import one_of
from tenantvoice.residents.models import Tenure

KNOWN_KEYS = frozenset(
    {
        "tenures",
        "primary_tenant_only",
        "managed_for_exempt",
        "managed_for_only",
        "min_age",
        "max_age",
        "resident_kinds",
        "areas",
        "needs_tenancy",
        "involved_only",
    }
)


class RuleError(DomainError):
    """A rule in a strategy file that TenantVoice cannot use."""


@dataclass(frozen=True)
class Eligibility:
    tenures: frozenset[str] = frozenset()
    primary_tenant_only: bool = False
    # Residents of homes managed for another organisation are exempt from the other conditions.
    managed_for_exempt: bool = False
    managed_for_only: bool = False
    min_age: int | None = None
    max_age: int | None = None
    resident_kinds: frozenset[str] = frozenset()
    # Area full names ("North > Riverside"); a resident anywhere inside one qualifies.
    areas: frozenset[str] = frozenset()
    needs_tenancy: bool = False
    # "Involved": on a level above the default one that counts as involvement (a strategy may
    # say a level does not, e.g. a survey list), or holding a seat on a group.
    involved_only: bool = False

    @classmethod
    def from_data(cls, data: Mapping[str, Any] | None) -> Eligibility:
        data = dict(data or {})
        unknown = set(data) - KNOWN_KEYS
        if unknown:
            raise RuleError(
                f"Unknown eligibility condition(s): {', '.join(sorted(unknown))}. "
                f"Known: {', '.join(sorted(KNOWN_KEYS))}."
            )
        tenures = frozenset(str(t) for t in data.get("tenures", ()))
        bad = tenures - set(Tenure.values)
        if bad:
            raise RuleError(f"Unknown tenure(s) in an eligibility rule: {', '.join(sorted(bad))}.")
        return cls(
            tenures=tenures,
            primary_tenant_only=bool(data.get("primary_tenant_only", False)),
            managed_for_exempt=bool(data.get("managed_for_exempt", False)),
            managed_for_only=bool(data.get("managed_for_only", False)),
            min_age=data.get("min_age"),
            max_age=data.get("max_age"),
            resident_kinds=frozenset(data.get("resident_kinds", ())),
            areas=frozenset(data.get("areas", ())),
            needs_tenancy=bool(data.get("needs_tenancy", False)),
            involved_only=bool(data.get("involved_only", False)),
        )

    def as_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for name in KNOWN_KEYS:
            value = getattr(self, name)
            # Not ``value in (None, False, ...)``: 0 == False, and an age limit of 0 is a limit.
            if value is None or value is False or value == frozenset():
                continue
            data[name] = sorted(value) if isinstance(value, frozenset) else value
        return data

    def describe(self) -> list[str]:
        """The rule in plain words, for the menu and the level comparison."""
        from tenantvoice.residents.models import ResidentKind

        lines = []
        if self.tenures:
            labels = sorted(str(Tenure(t).label).lower() for t in self.tenures)
            lines.append("For residents who have one of these: " + one_of(labels) + ".")
        if self.primary_tenant_only:
            lines.append("Only the named tenant (or joint tenant) can join.")
        if self.min_age is not None and self.max_age is not None:
            lines.append(f"For residents aged {self.min_age} to {self.max_age}.")
        elif self.min_age is not None:
            lines.append(f"For residents aged {self.min_age} or over.")
        elif self.max_age is not None:
            lines.append(f"For residents aged {self.max_age} or under.")
        if self.resident_kinds:
            lines.append(
                "For " + one_of(sorted(str(ResidentKind(k).label).lower() for k in self.resident_kinds)) + "."
            )
        if self.areas:
            lines.append("For residents living in " + one_of(sorted(self.areas)) + ".")
        if self.needs_tenancy:
            lines.append("For residents with a current tenancy or lease.")
        if self.involved_only:
            lines.append("For residents who are already involved (on a level of involvement or in a group).")
        if self.managed_for_only:
            lines.append("For residents of homes managed on behalf of another organisation.")
        if self.managed_for_exempt and lines:
            lines.append("Residents of homes managed on behalf of another organisation can always join.")
        return lines or ["Open to every resident."]


@dataclass(frozen=True)
class ResidentFacts:
    """What eligibility depends on, for one resident on one date."""

    kind: str
    age: int | None
    tenures: frozenset[str] = frozenset()
    is_primary_tenant: bool = False
    has_tenancy: bool = False
    in_managed_for_home: bool = False
    # Every area the resident's current homes are in, with all their parent areas.
    area_names: frozenset[str] = field(default_factory=frozenset)
    is_involved: bool = False


def age_on(date_of_birth: dt.date | None, on: dt.date) -> int | None:
    if date_of_birth is None:
        return None
    before_birthday = (on.month, on.day) < (date_of_birth.month, date_of_birth.day)
    return on.year - date_of_birth.year - before_birthday


def eligibility_problems(rule: Eligibility, facts: ResidentFacts) -> list[str]:
    """Why ``facts`` fail ``rule``, in words for the resident; empty when they may join."""
    if rule.managed_for_exempt and facts.in_managed_for_home:
        return []
    problems = []
    if rule.managed_for_only and not facts.in_managed_for_home:
        problems.append("This is only for residents of homes we manage on behalf of another organisation.")
    if rule.needs_tenancy and not facts.has_tenancy:
        problems.append("This is only for residents with a current tenancy or lease with us.")
    if rule.tenures and not (facts.tenures & rule.tenures):
        labels = sorted(str(Tenure(t).label).lower() for t in rule.tenures)
        problems.append(f"This is only for residents who have one of these: {one_of(labels)}.")
    if rule.primary_tenant_only and not facts.is_primary_tenant:
        problems.append(
            "Only the named tenant (or a joint tenant) can join this. Other people in the "
            "household are very welcome at the other levels."
        )
    if rule.min_age is not None or rule.max_age is not None:
        if facts.age is None:
            problems.append(
                "We do not have your date of birth, which we need to check the age range. "
                "Please contact us to add it."
            )
        elif rule.min_age is not None and facts.age < rule.min_age:
            problems.append(
                f"This is for residents aged {rule.min_age}"
                + (f" to {rule.max_age}." if rule.max_age is not None else " or over.")
            )
        elif rule.max_age is not None and facts.age > rule.max_age:
            problems.append(
                f"This is for residents aged {rule.max_age} or under."
                if rule.min_age is None
                else f"This is for residents aged {rule.min_age} to {rule.max_age}."
            )
    if rule.resident_kinds and facts.kind not in rule.resident_kinds:
        from tenantvoice.residents.models import ResidentKind

        problems.append(
            "This is only for "
            + one_of(sorted(str(ResidentKind(k).label).lower() for k in rule.resident_kinds))
            + "."
        )
    if rule.involved_only and not facts.is_involved:
        problems.append(
            "This is for residents who are already involved: join the register of involved residents first."
        )
    if rule.areas and not (facts.area_names & rule.areas):
        problems.append(f"This is only for residents living in {one_of(sorted(rule.areas))}.")
    return problems

