"""The officers' area's own pages; every other officer's page is in its app's ``urls.py``.
``tenantvoice/urls.py`` mounts the list under /staff/ with theirs (decision 0031)."""

from django.urls import path

from .views import staff

# Under /staff/, names "staff:...".
staff_urls = [
    path("", staff.home, name="home"),
    path("reports/", staff.reports, name="reports"),
]
