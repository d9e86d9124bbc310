from typing import Any

from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "tenantvoice.surveys"
    label = "surveys"
    verbose_name = "Surveys"

    def ready(self) -> None:
        # A survey's results are computed from its questions, invitations, responses and
        # answers: a change to any of them makes that survey's summaries out of date (0040).
        from tenantvoice.core.summaries import watch

        from .models import Answer, Invitation, Question, Response, Survey, survey_topic

        watch(Survey, lambda row: [survey_topic(row.pk)])
        for model in (Invitation, Question, Response):
            watch(model, lambda row: [survey_topic(row.survey_id)])
        watch(Answer, _answer_topics)


def _answer_topics(answer: Any) -> list[str]:
    from .models import Response, survey_topic

    if "response" in answer._state.fields_cache:
        return [survey_topic(answer.response.survey_id)]
    # Deleted with its response (whose own signal counts the change), the response may be gone.
    return [
        survey_topic(pk)
        for pk in Response.objects.filter(pk=answer.response_id).values_list("survey_id", flat=True)
    ]
