"""The residents' area's own page, its home; every other resident's page is in its app's
``urls.py``. ``tenantvoice/urls.py`` mounts the list under /my/ with theirs (decision 0031)."""

from django.urls import path

from .views import resident

# Under /my/, names "portal:...".
portal_urls = [
    path("", resident.home, name="home"),
]
