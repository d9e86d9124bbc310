"""Value for Money pages. ``tenantvoice/urls.py`` mounts them under /staff/ (decision 0031)."""

from django.urls import path

from . import views

# Under /staff/, names "staff:...".
staff_urls = [
    path("reports/value-for-money/", views.statement, name="value-for-money"),
    path("reports/value-for-money/costs/new/", views.cost_new, name="value-for-money-cost-new"),
    path("reports/value-for-money/costs/<int:pk>/", views.cost_edit, name="value-for-money-cost"),
    path(
        "reports/value-for-money/costs/<int:pk>/delete/",
        views.cost_remove,
        name="value-for-money-cost-delete",
    ),
]
