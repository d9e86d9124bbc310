"""Core's pages: the front door, the pages a landlord must publish, and administrators' pages
for the whole site. ``tenantvoice/urls.py`` mounts each list once (decision 0031)."""

from django.urls import path

from .views import public, staff

# At the site's root; names not namespaced.
public_urls = [
    path("", public.home, name="home"),
    path("health/", public.health, name="health"),
    path("contact/", public.contact, name="contact"),
    path("privacy/", public.privacy, name="privacy"),
    path("accessibility/", public.accessibility, name="accessibility"),
    path("favicon.ico", public.favicon, name="favicon"),
]

# Under /staff/, names "staff:...".
staff_urls = [
    path("audit/", staff.audit_log, name="audit-log"),
    path("settings/landlord/", staff.landlord_settings, name="landlord-settings"),
    path("settings/reporting/", staff.landlord_reporting, name="landlord-reporting"),
    path("settings/pages/<slug:page>/", staff.published_page_edit, name="published-page-edit"),
    path("audit/export.csv", staff.audit_export, name="audit-export"),
]
