"""Import pages, included under /staff/imports/ in the staff namespace."""

from django.urls import path

from .views import staff_imports as imports

urlpatterns = [
    path("", imports.import_list, name="import-list"),
    path("new/", imports.import_new, name="import-new"),
    path("<int:pk>/", imports.import_detail, name="import-detail"),
    path("<int:pk>/confirm/", imports.import_confirm, name="import-confirm"),
    path("<int:pk>/problems.csv", imports.import_errors, name="import-errors"),
]
