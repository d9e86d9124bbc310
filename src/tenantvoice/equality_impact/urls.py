"""Equality impact assessments' pages. ``tenantvoice/urls.py`` mounts the list once (decision 0031)."""

from django.urls import path

from . import views

# Under /staff/, names "staff:...".
staff_urls = [
    path("equality-impact/", views.register, name="equality-assessments"),
    path("equality-impact/new/", views.assessment_new, name="equality-assessment-new"),
    path("equality-impact/<int:pk>/", views.assessment_detail, name="equality-assessment"),
    path("equality-impact/<int:pk>/change/", views.assessment_edit, name="equality-assessment-change"),
    path("equality-impact/<int:pk>/figures/", views.assessment_profile, name="equality-assessment-profile"),
    path(
        "equality-impact/<int:pk>/impact/<slug:aspect>/",
        views.assessment_finding,
        name="equality-assessment-finding",
    ),
    path(
        "equality-impact/<int:pk>/mitigations/",
        views.assessment_mitigation,
        name="equality-assessment-mitigation",
    ),
    path(
        "equality-impact/<int:pk>/complete/",
        views.assessment_complete_view,
        name="equality-assessment-complete",
    ),
    path("equality-impact/<int:pk>/review/", views.assessment_review_view, name="equality-assessment-review"),
]
