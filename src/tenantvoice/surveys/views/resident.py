"""Residents answer surveys: in the portal, by their personal link, or by the open link of a
public survey."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from tenantvoice.core import throttle
from tenantvoice.core.access import resident_required
from tenantvoice.core.clientip import client_ip
from tenantvoice.core.form_action import form_action
from tenantvoice.core.forms import ButtonForm
from tenantvoice.core.http import posted
from tenantvoice.residents.models import Resident

from ..answering import answers_from, template_context
from ..models import Channel, Invitation, Survey, SurveyStatus
from ..selectors import survey_answered_by
from ..services import (
    AlreadyAnswered,
    AnswersInvalid,
    SurveyError,
    response_record,
)

OPEN_LINK_SCOPE = "survey-open-link"  # its rules: settings.TENANTVOICE_THROTTLES


def _answer_page(
    request: HttpRequest,
    survey: Survey,
    *,
    channel: str,
    invitation: Invitation | None = None,
    resident: Resident | None = None,
) -> HttpResponse:
    language = (resident.language if resident else request.GET.get("lang", "en")) or "en"
    given: dict[int, list[str]] = answers_from(request.POST) if request.method == "POST" else {}
    problems: dict[int, str] = {}  # each answer to look at again, shown by its question

    def record(data: dict[str, Any]) -> HttpResponse:
        try:
            response_record(
                survey=survey,
                answers=given,
                channel=channel,
                invitation=invitation,
                resident=resident,
                by=request.user,
            )
        except AnswersInvalid as exc:
            problems.update(exc.problems)
            raise
        except AlreadyAnswered as exc:
            return render(request, "surveys/link_problem.html", {"problem": str(exc)}, status=409)
        return render(request, "surveys/thanks.html", {"survey": survey})

    def answer_page(form: ButtonForm) -> HttpResponse:
        # The questions show their own problems; any other refusal is said above them.
        problem = "" if problems else " ".join(str(error) for error in form.non_field_errors())
        context = template_context(survey, language, given=given, problems=problems, problem=problem)
        return render(request, "surveys/answer.html", context)

    return form_action(
        request,
        ButtonForm(posted(request)),
        record,
        success=lambda answered: answered,
        page=answer_page,
        refusals=(SurveyError,),
    )


def survey_by_link(request: HttpRequest, token: str) -> HttpResponse:
    invitation = Invitation.objects.select_related("survey", "resident").filter(token=token).first()
    if invitation is None:
        return render(
            request,
            "surveys/link_problem.html",
            {"problem": "This link does not work. It may have been copied only in part."},
            status=404,
        )
    if invitation.responded_at is not None:
        return render(
            request,
            "surveys/link_problem.html",
            {"problem": "This survey has already been answered with this link. Thank you."},
        )
    if invitation.survey.status != SurveyStatus.OPEN:
        return render(
            request,
            "surveys/link_problem.html",
            {"problem": "This survey has closed. Thank you for your interest."},
        )
    return _answer_page(
        request, invitation.survey, channel=Channel.LINK, invitation=invitation, resident=invitation.resident
    )


def survey_open_link(request: HttpRequest, pk: int) -> HttpResponse:
    survey = Survey.objects.filter(pk=pk, public=True, status=SurveyStatus.OPEN).first()
    if survey is None:
        raise Http404("There is no open survey here.")
    identities = {"address": client_ip(request)}
    if request.method == "POST":
        if wait := throttle.wait_seconds(OPEN_LINK_SCOPE, identities):
            page = render(
                request,
                "surveys/link_problem.html",
                {
                    "problem": "We have had a lot of answers from your connection. Please wait "
                    f"{throttle.wait_text(wait)} and try again, or call us."
                },
            )
            return throttle.too_many(page, wait)
        # Every answer counts, right or wrong: the limit is on answers, not on guesses.
        throttle.record_failure(OPEN_LINK_SCOPE, identities)
    return _answer_page(request, survey, channel=Channel.OPEN)


@resident_required
def my_surveys(request: HttpRequest, resident: Resident) -> HttpResponse:
    invited = Invitation.objects.filter(resident=resident, survey__status=SurveyStatus.OPEN).select_related(
        "survey"
    )
    public = (
        Survey.objects.filter(public=True, status=SurveyStatus.OPEN)
        .exclude(invitations__resident=resident)
        .exclude(responses__resident=resident)
    )
    return render(request, "surveys/my_list.html", {"invitations": invited, "public": public})


@resident_required
def my_survey(request: HttpRequest, resident: Resident, pk: int) -> HttpResponse:
    survey = get_object_or_404(Survey, pk=pk, status=SurveyStatus.OPEN)
    invitations = survey.invitations.filter(resident=resident)
    if not survey.public and not invitations.exists():
        raise Http404("You have not been invited to this survey.")
    # An exit survey may have one invitation per activity: answer the first not yet answered.
    invitation = invitations.filter(responded_at__isnull=True).order_by("pk").first()
    if survey_answered_by(survey, resident):
        return render(
            request,
            "surveys/link_problem.html",
            {"problem": "You have already answered this survey. Thank you."},
            status=409 if request.method == "POST" else 200,
        )
    return _answer_page(request, survey, channel=Channel.PORTAL, invitation=invitation, resident=resident)
