"""The action tracker's pages. ``tenantvoice/urls.py`` mounts each list once (decision 0031)."""

from django.urls import path

from .views import staff

# Under /staff/, names "staff:...".
staff_urls = [
    path("actions/", staff.action_list, name="actions"),
    path("actions/<int:pk>/", staff.action_detail, name="action-detail"),
]
