"""Reads about surveys shared by the residents' pages and the services."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404

from tenantvoice.core.access import first_or_404
from tenantvoice.core.summaries import summarised
from tenantvoice.residents.models import Resident

from .models import Invitation, Response, Survey, SurveyStatus, survey_topic


def survey_answered_by(survey: Survey, resident: Resident) -> bool:
    """Whether the resident has answered the survey (any route; an exit survey: every activity's
    invitation answered)."""
    if Response.objects.filter(survey=survey, resident=resident, activity__isnull=True).exists():
        return True
    invitations = list(survey.invitations.filter(resident=resident).values_list("responded_at", flat=True))
    return bool(invitations) and all(responded is not None for responded in invitations)


# Fetch and check (decision 0038): the object or Http404, never 403.


def access_open_survey_for_anyone(pk: object) -> Survey:
    """An open survey with a public link, which anyone may answer."""
    return first_or_404(
        Survey.objects.filter(public=True), "There is no open survey here.", pk=pk, status=SurveyStatus.OPEN
    )


def access_survey_for_resident(resident: Resident, pk: object) -> Survey:
    """An open survey the resident may answer in the portal: a public one, or one they were
    invited to."""
    survey = first_or_404(
        Survey.objects.all(), "There is no open survey here.", pk=pk, status=SurveyStatus.OPEN
    )
    if not survey.public and not survey.invitations.filter(resident=resident).exists():
        raise Http404("You have not been invited to this survey.")
    return survey


@dataclass(frozen=True)
class SurveyCounts:
    invited: int
    answered: int


def survey_counts(survey: Survey) -> SurveyCounts:
    """How many residents were invited and how many responses came in: a survey sent to the
    whole register has a million invitations, so the counts come from the summary store
    (decision 0040), exact until the survey's next invitation or response."""
    counts = _survey_counts(survey=survey.pk)
    return SurveyCounts(int(counts["invited"]), int(counts["answered"]))


@summarised(lambda survey: [survey_topic(survey)])
def _survey_counts(survey: int) -> dict[str, int]:
    return {
        "invited": Invitation.objects.filter(survey_id=survey).count(),
        "answered": Response.objects.filter(survey_id=survey).count(),
    }
