"""Scrutiny reviews' pages. ``tenantvoice/urls.py`` mounts each list once (decision 0031)."""

from django.urls import path

from .views import public, resident, staff

# Under /staff/, names "staff:...".
staff_urls = [
    path("scrutiny/", staff.review_list_page, name="scrutiny-reviews"),
    path("scrutiny/new/", staff.review_new, name="scrutiny-review-new"),
    path("scrutiny/tracker/", staff.tracker_report, name="scrutiny-tracker"),
    path("scrutiny/<int:pk>/", staff.review_detail, name="scrutiny-review"),
    path("scrutiny/<int:pk>/edit/", staff.review_edit, name="scrutiny-review-edit"),
    path("scrutiny/<int:pk>/stage/", staff.review_stage, name="scrutiny-stage"),
    path("scrutiny/<int:pk>/committee/", staff.review_committee, name="scrutiny-committee"),
    path("scrutiny/<int:pk>/milestones/", staff.milestone_new, name="scrutiny-milestone-new"),
    path("scrutiny/milestones/<int:pk>/", staff.milestone_edit, name="scrutiny-milestone"),
    path("scrutiny/<int:pk>/requests/", staff.request_new, name="scrutiny-request-new"),
    path("scrutiny/requests/<int:pk>/answer/", staff.request_answer, name="scrutiny-request-answer"),
    path("scrutiny/<int:pk>/evidence/", staff.evidence_new, name="scrutiny-evidence-new"),
    path("scrutiny/<int:pk>/findings/", staff.finding_new, name="scrutiny-finding-new"),
    path("scrutiny/<int:pk>/recommendations/", staff.recommendation_new, name="scrutiny-recommendation-new"),
    path(
        "scrutiny/recommendations/<int:pk>/response/",
        staff.recommendation_response,
        name="scrutiny-response",
    ),
    path("scrutiny/<int:pk>/report/", staff.report_save, name="scrutiny-report"),
    path("scrutiny/<int:pk>/publish/", staff.publish, name="scrutiny-publish"),
    path("scrutiny/<int:pk>/you-said-we-did/", staff.outcome, name="scrutiny-outcome"),
]

# Under /my/, names "portal:...".
portal_urls = [
    path("scrutiny/", resident.my_reviews, name="scrutiny-reviews"),
    path("scrutiny/<int:pk>/", resident.my_review, name="scrutiny-review"),
]

# At the root, no namespace.
public_urls = [
    path("scrutiny/", public.reviews, name="scrutiny"),
    path("scrutiny/tracker/", public.tracker, name="scrutiny-tracker"),
    path("scrutiny/<int:pk>/", public.review, name="scrutiny-review"),
    path("scrutiny/evidence/<int:pk>/file/", public.evidence_file, name="scrutiny-evidence-file"),
    path("scrutiny/<int:pk>/report-file/", public.report_file, name="scrutiny-report-file"),
]
