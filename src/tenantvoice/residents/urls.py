"""The resident register's pages: officers' search, records and imports, and a resident's own
record. ``tenantvoice/urls.py`` mounts each list once (decision 0031)."""

from django.urls import path

from .views import resident, staff, staff_imports

# Under /my/, names "portal:...". No URL carries a resident id.
portal_urls = [
    path("details/", resident.details, name="details"),
    path("details/change/", resident.details_change, name="details-change"),
    path("preferences/", resident.preferences, name="preferences"),
    path("equality/", resident.equality, name="equality"),
    path("equality/delete/", resident.equality_delete, name="equality-delete"),
    path("data/", resident.data, name="data"),
    path("data.json", resident.data_json, name="data-json"),
]

# Under /staff/, names "staff:...".
staff_urls = [
    path("residents/", staff.resident_search_page, name="resident-search"),
    path("residents/pick/", staff.resident_pick, name="resident-pick"),
    path("areas/pick/", staff.area_pick, name="area-pick"),
    path("residents/<int:pk>/", staff.resident_detail, name="resident-detail"),
    path("residents/<int:pk>/change/", staff.resident_change, name="resident-change"),
    path("residents/<int:pk>/preferences/", staff.resident_preferences, name="resident-preferences"),
    path("residents/<int:pk>/equality/", staff.resident_equality, name="resident-equality"),
    path("residents/<int:pk>/invite/", staff.resident_invite, name="resident-invite"),
    path("imports/", staff_imports.import_list, name="import-list"),
    path("imports/new/", staff_imports.import_new, name="import-new"),
    path("imports/<int:pk>/", staff_imports.import_detail, name="import-detail"),
    path("imports/<int:pk>/confirm/", staff_imports.import_confirm, name="import-confirm"),
    path("imports/<int:pk>/problems.csv", staff_imports.import_errors, name="import-errors"),
]
