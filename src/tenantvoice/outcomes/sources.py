"""What each kind of source (a survey, a consultation; next, a scrutiny review or a complaint)
gives the publishing of its outcome: when it may be published, who is told, the page the
message links to and the services it is about.

Each kind is a small :class:`OutcomeSource` subclass beside that app's other sends
(``surveys/sends.py`` and so on), named here by the ``Outcome`` key that points at it. The
outcomes app never asks which kind a source is: it looks the source's class up here (as
``comms.sends.KINDS`` names each kind of mass send), so a new kind adds an entry, not a branch.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Model, QuerySet
from django.utils.module_loading import import_string

from tenantvoice.core.errors import DomainError

from .models import SOURCE_FIELDS, Outcome

if TYPE_CHECKING:
    from tenantvoice.involvement.models import ServiceArea
    from tenantvoice.residents.models import Resident

# Outcome key -> the class that says what that kind of source does (dotted paths: importing
# the source apps' sends here would make every app that imports outcomes import all of them).
SOURCES: dict[str, str] = {
    "survey": "tenantvoice.surveys.sends.SurveyOutcome",
    "consultation": "tenantvoice.consultations.sends.ConsultationOutcome",
    "review": "tenantvoice.scrutiny.sends.ReviewOutcome",
    "learning": "tenantvoice.complaints.sends.LearningOutcome",
}


class OutcomeError(DomainError):
    """Why an outcome cannot be published, in words an officer can act on (decision 0035)."""


class OutcomeSource:
    """What publishing an outcome needs from one kind of source."""

    # Who is told, as the end of "Publish and tell ..." and "... is being told".
    told = "everyone who took part"

    def check(self, source: Any) -> None:
        """Raise :class:`OutcomeError` if the source's outcome cannot be published yet."""

    def recipients(self, source: Any) -> QuerySet[Resident]:
        """The residents told of the outcome (read a chunk at a time by the mass send)."""
        raise NotImplementedError

    def link(self, source: Any) -> str:
        """The full address of the page the message links to."""
        raise NotImplementedError

    def back_url(self, source: Any) -> str:
        """The officer's page of the source (where the send was started from)."""
        raise NotImplementedError

    def title(self, source: Any) -> str:
        """What the outcome is called on the public page and in the message."""
        return str(source.title)[:200]

    def service_areas(self, source: Any) -> QuerySet[ServiceArea] | list[ServiceArea]:
        """The services the outcome is about."""
        return []


def source_field(source: Model) -> str:
    """The ``Outcome`` key for this kind of source; a source no key points at is refused."""
    for field in SOURCE_FIELDS:
        if isinstance(source, Outcome._meta.get_field(field).related_model):  # type: ignore[arg-type]
            return field
    raise OutcomeError(f"A {source._meta.verbose_name} has no outcome to publish.")


def source_kind(source: Model) -> OutcomeSource:
    """What this source's kind does when its outcome is published."""
    kind: type[OutcomeSource] = import_string(SOURCES[source_field(source)])
    return kind()
