"""Saved audiences' pages. ``tenantvoice/urls.py`` mounts the list once (decision 0031)."""

from django.urls import path

from .views import staff

# Under /staff/audiences/, names "audiences:...".
audiences_urls = [
    path("", staff.segment_list, name="list"),
    path("new/", staff.segment_new, name="new"),
    path("<int:pk>/", staff.segment_detail, name="segment-detail"),
    path("<int:pk>/delete/", staff.segment_delete, name="segment-delete"),
]
