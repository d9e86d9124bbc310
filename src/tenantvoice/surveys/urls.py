from django.urls import path

from .views import staff as views

app_name = "surveys"
urlpatterns = [
    path("", views.survey_list, name="list"),
    path("new/", views.survey_new, name="new"),
    path("peers/", views.peer_groups, name="peers"),
    path("<int:pk>/", views.survey_detail, name="survey-detail"),
    path("<int:pk>/questions/new/", views.question_new, name="question-new"),
    path("<int:pk>/edit/", views.survey_edit, name="survey-edit"),
    path("questions/<int:pk>/edit/", views.question_edit, name="question-edit"),
    path("<int:pk>/do/", views.survey_action, name="survey-action"),
    path("<int:pk>/entry/", views.paper_entry, name="paper-entry"),
    path("<int:pk>/preview/", views.survey_preview, name="survey-preview"),
    path("<int:pk>/translate/", views.survey_translate, name="survey-translate"),
    path("<int:pk>/upload/", views.responses_upload, name="responses-upload"),
    path("<int:pk>/results/", views.results, name="survey-results"),
    path("<int:pk>/results/report/", views.results_report, name="survey-report"),
]
