"""Top-level URLs: residents' portal at /, officers at /staff/, systems at /api/v1/."""

from django.urls import include, path

from tenantvoice.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("health/", core_views.health, name="health"),
    path("accounts/", include("tenantvoice.accounts.urls")),
    path("my/", include("tenantvoice.portal.urls")),
    path("staff/", include("tenantvoice.staff.urls")),
    path("api/v1/", include("tenantvoice.api.urls")),
]
