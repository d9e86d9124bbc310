"""The strategy action plans' and reviews' pages. ``tenantvoice/urls.py`` mounts them once."""

from django.urls import path

from . import views

# Under /staff/, names "staff:...".
staff_urls = [
    path("reports/action-plans/", views.action_plan_report, name="action-plan-report"),
    path("strategy-reviews/", views.strategy_reviews, name="strategy-reviews"),
    path("strategy-reviews/<int:pk>/", views.strategy_review_record_page, name="strategy-review-record"),
]
