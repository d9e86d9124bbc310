"""Indicator pages. ``tenantvoice/urls.py`` mounts them under /staff/ (decision 0031)."""

from django.urls import path

from . import resident_views, views

# Under /staff/, names "staff:...".
staff_urls = [
    path("reports/indicators/", views.indicator_list, name="indicators"),
    path("reports/indicators/new/", views.indicator_new, name="indicator-new"),
    path("reports/indicators/import/", views.values_upload, name="indicator-values-import"),
    path("reports/indicators/peers/", views.peers_upload, name="indicator-peers"),
    path("reports/indicators/<int:pk>/", views.indicator_detail, name="indicator"),
    path("reports/indicators/<int:pk>/change/", views.indicator_edit, name="indicator-edit"),
    path("reports/indicators/<int:pk>/value/", views.value_new, name="indicator-value"),
    path("reports/indicators/<int:pk>/target/", views.target_edit, name="indicator-target"),
    path("reports/indicators/<int:pk>/compute/", views.value_compute_view, name="indicator-compute"),
    path("reports/charter/", views.charter_page, name="charter"),
    path("reports/charter/<int:year>/report/", views.charter_report_edit, name="charter-report"),
    path("reports/charter/<int:year>/publish/", views.charter_report_publish_view, name="charter-publish"),
    path(
        "reports/charter/comments/<int:pk>/reply/",
        views.charter_comment_reply_view,
        name="charter-comment-reply",
    ),
    path(
        "reports/charter/comments/<int:pk>/read/",
        views.charter_comment_read_view,
        name="charter-comment-read",
    ),
]

# Under /my/, names "portal:...".
portal_urls = [
    path("charter/", resident_views.charter_reports, name="charter-reports"),
    path("charter/<int:year>/", resident_views.charter_report, name="charter-report"),
]
