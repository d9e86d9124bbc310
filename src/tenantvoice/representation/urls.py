"""Who takes part's pages. ``tenantvoice/urls.py`` mounts each list once (decision 0031)."""

from django.urls import path

from . import views

# Under /staff/, names "staff:...".
staff_urls = [
    path("reports/who-takes-part/", views.who_takes_part, name="representation-report"),
    path(
        "reports/who-takes-part/over-time/",
        views.who_takes_part_over_time,
        name="representation-over-time-report",
    ),
    path("reports/who-takes-part/board/", views.who_takes_part_board, name="representation-board-report"),
]
