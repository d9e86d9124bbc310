"""Reporting timetable pages. ``tenantvoice/urls.py`` mounts them under /staff/ (decision 0031)."""

from django.urls import path

from . import views

# Under /staff/, names "staff:...".
staff_urls = [
    path("reports/timetable/", views.timetable_page, name="reporting-timetable"),
    path("reports/timetable/<int:pk>/", views.duty_page, name="reporting-duty"),
    path("reports/timetable/<int:pk>/draft/", views.draft_page, name="reporting-draft"),
    path("reports/timetable/<int:pk>/presented/", views.present_page, name="reporting-present"),
    path("reports/presented/<int:pk>/", views.presentation_page, name="reporting-presentation"),
    path(
        "reports/presented/<int:pk>/remove/",
        views.presentation_remove_page,
        name="reporting-presentation-remove",
    ),
]
