"""The complaints reports' pages (issue 17 items 5-7). ``tenantvoice/urls.py`` mounts each list
once (decision 0031): ``staff_urls`` under /staff/ (names "staff:..."), ``public_urls`` at the
root."""

from django.urls import path

from .views import reports

staff_urls = [
    path("reports/complaints/", reports.complaints_report, name="complaints-report"),
    path("reports/complaints/annual/<int:year>/", reports.annual_report, name="complaints-annual-report"),
    path(
        "reports/complaints/annual/<int:year>/save/",
        reports.annual_report_save_view,
        name="complaints-annual-report-save",
    ),
    path(
        "reports/complaints/annual/<int:year>/present/",
        reports.annual_report_present,
        name="complaints-annual-report-present",
    ),
    path(
        "reports/complaints/annual/<int:year>/publish/",
        reports.annual_report_publish,
        name="complaints-annual-report-publish",
    ),
    path(
        "complaints/self-assessment/<int:year>/", reports.self_assessment, name="complaints-self-assessment"
    ),
    path(
        "complaints/self-assessment/<int:year>/start/",
        reports.self_assessment_start,
        name="complaints-self-assessment-start",
    ),
    path(
        "complaints/self-assessment/<int:year>/provisions/",
        reports.self_assessment_provision,
        name="complaints-self-assessment-provision",
    ),
    path(
        "complaints/self-assessment/<int:year>/present/",
        reports.self_assessment_present,
        name="complaints-self-assessment-present",
    ),
    path(
        "complaints/self-assessment/<int:year>/publish/",
        reports.self_assessment_publish,
        name="complaints-self-assessment-publish",
    ),
    path(
        "complaints/self-assessment/provisions/<int:pk>/",
        reports.self_assessment_item,
        name="complaints-self-assessment-item",
    ),
    path(
        "complaints/self-assessment/provisions/<int:pk>/actions/",
        reports.self_assessment_action,
        name="complaints-self-assessment-action",
    ),
]

public_urls = [
    path("complaints/reports/", reports.public_reports, name="complaints-reports"),
    path(
        "complaints/annual-report/<int:year>/", reports.public_annual_report, name="complaints-annual-report"
    ),
    path(
        "complaints/self-assessment/<int:year>/",
        reports.public_self_assessment,
        name="complaints-self-assessment",
    ),
]
