"""What each kind of source gives an action: its name in lists and filters, what the source is
called, the officer's page it links to, and who is told when the action's status changes.

Each kind is a small :class:`ActionSource` subclass kept beside its app's other code, named here
by the ``Action`` key that points at it (the shape of ``outcomes.sources``, decision 0036). The
actions app never asks which kind a source is, so a new kind (a complaint, an inspection, an
equality impact assessment) adds a key and an entry, not a branch.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.module_loading import import_string

from .models import SOURCE_FIELDS

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from tenantvoice.involvement.models import Group
    from tenantvoice.residents.models import Resident

    from .models import Action

# Action key -> the class that says what that kind of source does (dotted paths: importing the
# source apps here would make every app that imports actions import all of them).
SOURCES: dict[str, str] = {
    "activity": "tenantvoice.activities.action_source.MeetingActions",
    "referral": "tenantvoice.referrals.action_source.ReferralActions",
    "plan": "tenantvoice.plans.action_source.PlanActions",
    "recommendation": "tenantvoice.scrutiny.action_source.RecommendationActions",
    "complaint": "tenantvoice.complaints.action_source.ComplaintActions",
    "assessment_item": "tenantvoice.complaints.action_source.SelfAssessmentActions",
    "impact_finding": "tenantvoice.equality_impact.action_source.MitigationActions",
}

# The filter value for actions an officer added with no source.
OWN = "own"
OWN_LABEL = "Added by an officer"


class ActionSource:
    """What the tracker needs from one kind of source."""

    # The kind in words, for the source filter and the tracker's "From" column.
    label = ""
    # Rows beyond the source itself that ``title`` and ``public_title`` read (e.g. a referral's
    # group), fetched with the actions so that a list makes no query per row.
    related: tuple[str, ...] = ()

    def title(self, source: Any) -> str:
        """What the source is called, e.g. "Residents Panel, 3 March 2026"."""
        return str(source)

    def url(self, source: Any) -> str:
        """The officer's page of the source."""
        raise NotImplementedError

    def public_title(self, source: Any) -> str:
        """What residents see it came from (never a person's name)."""
        return self.label

    def residents(self, source: Any) -> QuerySet[Resident] | None:
        """Residents whose views led to actions from this source, told when one changes."""
        return None

    def group(self, source: Any) -> Group | None:
        """The group that asked for actions from this source, when the action names none."""
        return None


def source_kind(field: str) -> ActionSource:
    kind: type[ActionSource] = import_string(SOURCES[field])
    return kind()


def source_relations() -> tuple[str, ...]:
    """What to ``select_related`` with actions so every source's title is read without a query
    per row: each source key, and what each kind's title reads beyond it."""
    relations = list(SOURCE_FIELDS)
    for field in SOURCE_FIELDS:
        relations += [f"{field}__{rel}" for rel in source_kind(field).related]
    return tuple(relations)


def source_choices() -> list[tuple[str, str]]:
    """Each kind of source as a filter choice, then the officer's own actions."""
    return [(field, source_kind(field).label) for field in SOURCE_FIELDS] + [(OWN, OWN_LABEL)]


def source_label(action: Action) -> str:
    return source_kind(action.source_field).label if action.source_field else OWN_LABEL
