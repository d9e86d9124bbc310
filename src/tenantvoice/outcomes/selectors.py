"""Reading outcomes: one source's, and the public page's list."""

from __future__ import annotations

import datetime as dt

from django.db.models import Model, QuerySet

from tenantvoice.involvement.models import ServiceArea

from .models import Outcome


def outcome_of(source: Model) -> Outcome | None:
    """The published outcome of a survey, consultation ..., or None. No query when the source
    was fetched with ``select_related("outcome")``."""
    # A missing reverse one-to-one raises RelatedObjectDoesNotExist, an AttributeError.
    outcome: Outcome | None = getattr(source, "outcome", None)
    return outcome


def published_on(source: Model) -> dt.date | None:
    """When the source's "you said, we did" was first published (None until it is)."""
    outcome = outcome_of(source)
    return outcome.published_on if outcome is not None else None


def outcomes_published(*, service: ServiceArea | None = None) -> QuerySet[Outcome]:
    """Every published outcome, newest first, with the services each is about."""
    outcomes = Outcome.objects.prefetch_related("service_areas").order_by("-published_on", "-pk")
    return outcomes.filter(service_areas=service) if service is not None else outcomes


def services_with_outcomes() -> QuerySet[ServiceArea]:
    """The services that have at least one published outcome (the public page's filter)."""
    return ServiceArea.objects.filter(outcomes__isnull=False).distinct().order_by("name")
