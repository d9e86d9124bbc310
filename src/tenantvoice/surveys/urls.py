"""Surveys' pages: answered by residents (in the portal, by link or by open link), run by
officers under /staff/surveys/. ``tenantvoice/urls.py`` mounts each list once (decision 0031)."""

from django.urls import path

from .views import resident, staff

# At the site's root; names not namespaced.
public_urls = [
    path("s/<str:token>/", resident.survey_by_link, name="survey-link"),
    path("s/open/<int:pk>/", resident.survey_open_link, name="survey-open"),
]

# Under /my/, names "portal:...". A number here is a survey the resident may answer.
portal_urls = [
    path("surveys/", resident.my_surveys, name="surveys"),
    path("surveys/<int:pk>/", resident.my_survey, name="survey"),
]

# Under /staff/surveys/, names "surveys:...".
surveys_urls = [
    path("", staff.survey_list, name="list"),
    path("new/", staff.survey_new, name="new"),
    path("peers/", staff.peer_groups, name="peers"),
    path("<int:pk>/", staff.survey_detail, name="survey-detail"),
    path("<int:pk>/questions/new/", staff.question_new, name="question-new"),
    path("<int:pk>/edit/", staff.survey_edit, name="survey-edit"),
    path("questions/<int:pk>/edit/", staff.question_edit, name="question-edit"),
    path("<int:pk>/do/", staff.survey_action, name="survey-action"),
    path("<int:pk>/entry/", staff.paper_entry, name="paper-entry"),
    path("<int:pk>/preview/", staff.survey_preview, name="survey-preview"),
    path("<int:pk>/translate/", staff.survey_translate, name="survey-translate"),
    path("<int:pk>/upload/", staff.responses_upload, name="responses-upload"),
    path("<int:pk>/results/", staff.results, name="survey-results"),
    path("<int:pk>/results/report/", staff.results_report, name="survey-report"),
]
