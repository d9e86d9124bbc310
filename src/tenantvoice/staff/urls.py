from django.urls import include, path

from tenantvoice.activities.views import staff as activities
from tenantvoice.activities.views import staff_papers as papers_views
from tenantvoice.activities.views import staff_people as people_views
from tenantvoice.activities.views import staff_standards as standards_views
from tenantvoice.comms.views import public as comms
from tenantvoice.core.views import public as core
from tenantvoice.involvement.views import staff as involvement
from tenantvoice.involvement.views import staff_elections as elections
from tenantvoice.residents.views import staff as views

app_name = "staff"
urlpatterns = [
    path("", views.home, name="home"),
    path("reports/", views.reports, name="reports"),
    path("residents/", views.resident_search_page, name="resident-search"),
    path("residents/pick/", views.resident_pick, name="resident-pick"),
    path("residents/<int:pk>/", views.resident_detail, name="resident-detail"),
    path("residents/<int:pk>/change/", views.resident_change, name="resident-change"),
    path("residents/<int:pk>/preferences/", views.resident_preferences, name="resident-preferences"),
    path("residents/<int:pk>/equality/", views.resident_equality, name="resident-equality"),
    path("residents/<int:pk>/invite/", views.resident_invite, name="resident-invite"),
    path("audit/", views.audit_log, name="audit-log"),
    path("settings/landlord/", core.landlord_settings, name="landlord-settings"),
    path("settings/pages/<slug:page>/", core.published_page_edit, name="published-page-edit"),
    path("audit/export.csv", views.audit_export, name="audit-export"),
    path("imports/", include("tenantvoice.residents.urls")),
    path("accounts/", include("tenantvoice.accounts.staff_urls")),
    path("involvement/", involvement.overview, name="involvement"),
    path("reports/involvement/", involvement.involvement_report, name="involvement-report"),
    path("involvement/levels/<slug:slug>/", involvement.level_detail, name="involvement-level"),
    path("involvement/applications/<int:pk>/decide/", involvement.decide, name="involvement-decide"),
    path("residents/<int:pk>/involvement/", involvement.resident_involvement, name="resident-involvement"),
    path("groups/<slug:slug>/", involvement.group_detail, name="group-detail"),
    path("groups/<slug:slug>/seats/new/", involvement.seat_new, name="seat-new"),
    path("groups/<slug:slug>/nominations/new/", involvement.seat_nomination_new, name="seat-nomination-new"),
    path("groups/<slug:slug>/recognition/", involvement.group_recognition, name="group-recognition"),
    path("seats/<int:pk>/end/", involvement.seat_end_view, name="seat-end"),
    path("level-memberships/<int:pk>/leave/", involvement.level_leaving, name="level-leaving"),
    path("seats/<int:pk>/roles/", involvement.role_new, name="role-new"),
    path("activities/", activities.activity_list, name="activities"),
    path("activities/<int:pk>/change/", papers_views.activity_change_view, name="activity-change"),
    path("activities/<int:pk>/papers/new/", papers_views.paper_upload, name="paper-new"),
    path("activities/<int:pk>/papers/send/", papers_views.papers_send_view, name="papers-send"),
    path("reports/expenses/", papers_views.expenses_report, name="expenses-report"),
    path("activities/new/", activities.activity_new, name="activity-new"),
    path("activities/<int:pk>/", activities.activity_detail, name="activity-detail"),
    path("activities/<int:pk>/register/", activities.activity_register, name="activity-register"),
    path("activities/<int:pk>/invite/", activities.activity_invite_view, name="activity-invite"),
    path("activities/<int:pk>/cancel/", activities.activity_cancel_view, name="activity-cancel"),
    path("activities/<int:pk>/people/", people_views.activity_people, name="activity-people"),
    path("activities/<int:pk>/walk-in/", people_views.activity_walk_in, name="activity-walk-in"),
    path("venues/", standards_views.venues, name="venues"),
    path("letters/", comms.letters, name="letters"),
    path("letters/letters.pdf", comms.letters_batch_pdf, name="letters-pdf"),
    path("letters/printed/", comms.letters_printed, name="letters-printed"),
    path("activities/<int:pk>/minutes/", standards_views.activity_minutes, name="activity-minutes"),
    path(
        "activities/<int:pk>/minutes/preview/",
        standards_views.activity_minutes_preview,
        name="activity-minutes-preview",
    ),
    path("activities/<int:pk>/actions/", standards_views.activity_action_add, name="activity-action-add"),
    path("actions/<int:pk>/done/", standards_views.action_complete, name="action-done"),
    path("information-requests/", standards_views.requests_list, name="information-requests"),
    path(
        "information-requests/<int:pk>/answer/",
        standards_views.request_answer,
        name="information-request-answer",
    ),
    path("expenses/", standards_views.expense_claims, name="expenses"),
    path("expenses/<int:pk>/", standards_views.expense_claim_action, name="expense-action"),
    path("support/<int:pk>/", standards_views.support_update, name="support-update"),
    path("residents/<int:pk>/hours/", standards_views.hours_add, name="resident-hours"),
    path("reports/service-standards/", standards_views.standards_report, name="standards-report"),
    path("reports/quarterly-return/", standards_views.quarterly_return_page, name="quarterly-return"),
    path("reports/governance-timetable/", standards_views.governance_timetable, name="governance-timetable"),
    path("elections/", elections.election_list, name="elections"),
    path("elections/<int:pk>/", elections.election_detail, name="election-detail"),
    path("elections/<int:pk>/action/", elections.election_action, name="election-action"),
]
