"""Complaints' pages. ``tenantvoice/urls.py`` mounts each list once (decision 0031)."""

from django.urls import path

from .views import learning, possible, reports, resident, staff

# Under /staff/, names "staff:...".
staff_urls = [
    path("complaints/", staff.complaint_list, name="complaints"),
    path("complaints/new/", staff.complaint_new, name="complaint-new"),
    path("complaints/categories/", staff.categories, name="complaint-categories"),
    path("complaints/possible/", possible.possible_list, name="complaints-possible"),
    path("complaints/possible/look/", possible.possible_scan, name="complaints-possible-scan"),
    path("complaints/possible/<int:pk>/record/", possible.possible_record, name="complaints-possible-record"),
    path(
        "complaints/possible/<int:pk>/not-a-complaint/",
        possible.possible_dismiss,
        name="complaints-possible-dismiss",
    ),
    path(
        "complaints/learning/<int:pk>/you-said-we-did/",
        learning.learning_outcome,
        name="complaint-learning-outcome",
    ),
    path("complaints/categories/<int:pk>/", staff.category_edit, name="complaint-category"),
    path("complaints/<int:pk>/", staff.complaint_detail, name="complaint"),
    path("complaints/<int:pk>/handler/", staff.complaint_assign, name="complaint-assign"),
    path("complaints/<int:pk>/acknowledge/", staff.complaint_acknowledge, name="complaint-acknowledge"),
    path("complaints/<int:pk>/extend/", staff.complaint_extend, name="complaint-extend"),
    path("complaints/<int:pk>/respond/", staff.complaint_respond, name="complaint-respond"),
    path("complaints/<int:pk>/next-stage/", staff.complaint_escalate, name="complaint-escalate"),
    path("complaints/<int:pk>/not-accepted/", staff.complaint_refuse_view, name="complaint-refuse"),
    path("complaints/<int:pk>/withdrawn/", staff.complaint_withdraw_view, name="complaint-withdraw"),
    path("complaints/<int:pk>/new-issue/", staff.complaint_new_issue, name="complaint-new-issue"),
    path("complaints/<int:pk>/make-complaint/", staff.request_make_complaint, name="complaint-from-request"),
    path("complaints/<int:pk>/close/", staff.request_close_view, name="complaint-close-request"),
    path("complaints/<int:pk>/learning/", staff.complaint_learning, name="complaint-learning"),
    path("complaints/<int:pk>/ombudsman/", staff.complaint_ombudsman, name="complaint-ombudsman"),
    path("complaints/remedies/<int:pk>/paid/", staff.remedy_paid_view, name="complaint-remedy-paid"),
    path(
        "complaints/ombudsman/<int:pk>/determination/",
        staff.ombudsman_determination,
        name="complaint-determination",
    ),
    path("complaints/ombudsman/orders/<int:pk>/", staff.order_complied_view, name="complaint-order-complied"),
    # Complaints in numbers, the annual report and the self-assessment (issue 17 item 7).
    path("reports/complaints/", reports.complaints_report, name="complaints-report"),
    path("reports/complaints/annual/<int:year>/", reports.annual_report, name="complaints-annual-report"),
    path(
        "reports/complaints/annual/<int:year>/save/",
        reports.annual_report_save_view,
        name="complaints-annual-report-save",
    ),
    path(
        "reports/complaints/annual/<int:year>/present/",
        reports.annual_report_present,
        name="complaints-annual-report-present",
    ),
    path(
        "reports/complaints/annual/<int:year>/publish/",
        reports.annual_report_publish,
        name="complaints-annual-report-publish",
    ),
    path(
        "complaints/self-assessment/<int:year>/", reports.self_assessment, name="complaints-self-assessment"
    ),
    path(
        "complaints/self-assessment/<int:year>/start/",
        reports.self_assessment_start,
        name="complaints-self-assessment-start",
    ),
    path(
        "complaints/self-assessment/<int:year>/provisions/",
        reports.self_assessment_provision,
        name="complaints-self-assessment-provision",
    ),
    path(
        "complaints/self-assessment/<int:year>/present/",
        reports.self_assessment_present,
        name="complaints-self-assessment-present",
    ),
    path(
        "complaints/self-assessment/<int:year>/publish/",
        reports.self_assessment_publish,
        name="complaints-self-assessment-publish",
    ),
    path(
        "complaints/self-assessment/provisions/<int:pk>/",
        reports.self_assessment_item,
        name="complaints-self-assessment-item",
    ),
    path(
        "complaints/self-assessment/provisions/<int:pk>/actions/",
        reports.self_assessment_action,
        name="complaints-self-assessment-action",
    ),
]

# Under /my/, names "portal:...".
portal_urls = [
    path("complaints/", resident.my_complaints, name="complaints"),
    path("complaints/new/", resident.complaint_make, name="complaint-new"),
    path("complaints/<int:pk>/", resident.my_complaint, name="complaint"),
    path("complaints/<int:pk>/made/", resident.complaint_made, name="complaint-made"),
    path("complaints/<int:pk>/next-stage/", resident.my_complaint_escalate, name="complaint-escalate"),
]

# At the site's root: what the landlord published (the annual report, the self-assessment).
public_urls = [
    path("complaints/reports/", reports.public_reports, name="complaints-reports"),
    path(
        "complaints/annual-report/<int:year>/", reports.public_annual_report, name="complaints-annual-report"
    ),
    path(
        "complaints/self-assessment/<int:year>/",
        reports.public_self_assessment,
        name="complaints-self-assessment",
    ),
]
