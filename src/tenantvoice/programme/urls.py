"""The survey programme's pages. ``tenantvoice/urls.py`` mounts the list once (decision 0031)."""

from django.urls import path

from .views import staff

# Under /staff/programme/, names "programme:...".
programme_urls = [
    path("", staff.programme_list, name="list"),
    path("new/", staff.programme_new, name="new"),
    path("<int:pk>/", staff.programme_detail, name="programme-detail"),
    path("milestones/<int:pk>/done/", staff.milestone_done_view, name="milestone-done"),
]
