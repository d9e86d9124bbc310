"""Top-level URLs: residents' portal at /, officers at /staff/, systems at /api/v1/."""

from django.urls import include, path

from tenantvoice.activities.views import staff as activity_views
from tenantvoice.activities.views import staff_papers as paper_views
from tenantvoice.comms.views import public as comms_views
from tenantvoice.comms.views import staff_templates as comms_template_views
from tenantvoice.consultations.views import staff as consultation_views
from tenantvoice.core.views import public as core_views
from tenantvoice.surveys.views import staff as survey_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("health/", core_views.health, name="health"),
    path("contact/", core_views.contact, name="contact"),
    path("privacy/", core_views.privacy, name="privacy"),
    path("accessibility/", core_views.accessibility, name="accessibility"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("accounts/", include("tenantvoice.accounts.urls")),
    path("my/", include("tenantvoice.portal.urls")),
    path("get-involved/", include("tenantvoice.involvement.urls")),
    path("calendar/", activity_views.public_calendar, name="calendar"),
    path("calendar.ics", activity_views.public_calendar_ics, name="calendar-ics"),
    path("calendar/groups/<slug:slug>.ics", activity_views.group_calendar_ics, name="group-calendar-ics"),
    path("news/stop/<str:token>/", comms_views.unsubscribe, name="unsubscribe"),
    path("reviews/documents/<int:pk>/", comms_template_views.review_document, name="review-document"),
    path("comms/notify/callback/", comms_views.notify_callback, name="notify-callback"),
    path("papers/<int:pk>/", paper_views.paper_download, name="paper-download"),
    path("consultations/", consultation_views.public_list, name="consultations"),
    path("consultations/<int:pk>/", consultation_views.public_detail, name="consultation"),
    path("consultations/<int:pk>/reply/", consultation_views.public_reply, name="consultation-reply"),
    path(
        "consultations/documents/<int:pk>/",
        consultation_views.document_download,
        name="consultation-document",
    ),
    path("staff/consultations/", include("tenantvoice.consultations.urls")),
    path("staff/surveys/", include("tenantvoice.surveys.urls")),
    path("s/<str:token>/", survey_views.survey_by_link, name="survey-link"),
    path("s/open/<int:pk>/", survey_views.survey_open_link, name="survey-open"),
    path("you-said-we-did/", survey_views.you_said_we_did, name="you-said-we-did"),
    path("staff/programme/", include("tenantvoice.programme.urls")),
    path("staff/campaigns/", include("tenantvoice.comms.urls")),
    path("staff/sends/", include("tenantvoice.comms.send_urls")),
    path("staff/audiences/", include("tenantvoice.audiences.urls")),
    path("staff/", include("tenantvoice.staff.urls")),
    path("api/v1/", include("tenantvoice.api.urls")),
]
