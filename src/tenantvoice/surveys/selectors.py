"""Reads about surveys shared by the residents' pages and the services."""

from __future__ import annotations

from tenantvoice.residents.models import Resident

from .models import Response, Survey


def survey_answered_by(survey: Survey, resident: Resident) -> bool:
    """Whether the resident has answered the survey (any route; an exit survey: every activity's
    invitation answered)."""
    if Response.objects.filter(survey=survey, resident=resident, activity__isnull=True).exists():
        return True
    invitations = list(survey.invitations.filter(resident=resident).values_list("responded_at", flat=True))
    return bool(invitations) and all(responded is not None for responded in invitations)
