"""Saved audiences' pages. ``tenantvoice/urls.py`` mounts the list once (decision 0031)."""

from django.urls import path

from .views import staff

# Under /staff/audiences/, names "audiences:...".
audiences_urls = [
    path("", staff.segment_list, name="list"),
    path("new/", staff.segment_new, name="new"),
    path("reach/", staff.target, name="target"),
    path("profiles/", staff.profile_report_view, name="profiles"),
    path("<int:pk>/", staff.segment_detail, name="segment-detail"),
    path("<int:pk>/edit/", staff.segment_edit, name="segment-edit"),
    path("<int:pk>/delete/", staff.segment_delete, name="segment-delete"),
]
