"""Activities' pages: the public calendar, residents' invitations and expenses, and officers'
meetings, minutes, requests and reports. ``tenantvoice/urls.py`` mounts each list once
(decision 0031)."""

from django.urls import path

from .views import public, resident, staff, staff_papers, staff_people, staff_standards

# At the site's root; names not namespaced.
public_urls = [
    path("calendar/", public.public_calendar, name="calendar"),
    path("calendar.ics", public.public_calendar_ics, name="calendar-ics"),
    path("calendar/groups/<slug:slug>.ics", public.group_calendar_ics, name="group-calendar-ics"),
    path("papers/<int:pk>/", public.paper_download, name="paper-download"),
]

# Under /my/, names "portal:...". A number here is one of the resident's own invitations.
portal_urls = [
    path("activities/", resident.my_activities, name="activities"),
    path("activities/<int:pk>/", resident.my_activity, name="activity"),
    path("activities/<int:pk>/reply/", resident.rsvp, name="rsvp"),
    path("expenses/", resident.my_expenses, name="expenses"),
]

# Under /staff/, names "staff:...".
staff_urls = [
    path("activities/", staff.activity_list, name="activities"),
    path("activities/<int:pk>/change/", staff_papers.activity_change_view, name="activity-change"),
    path("activities/<int:pk>/papers/new/", staff_papers.paper_upload, name="paper-new"),
    path("activities/<int:pk>/papers/send/", staff_papers.papers_send_view, name="papers-send"),
    path("reports/expenses/", staff_papers.expenses_report, name="expenses-report"),
    path("activities/new/", staff.activity_new, name="activity-new"),
    path("activities/<int:pk>/", staff.activity_detail, name="activity-detail"),
    path("activities/<int:pk>/register/", staff.activity_register, name="activity-register"),
    path("activities/<int:pk>/invite/", staff.activity_invite_view, name="activity-invite"),
    path("activities/<int:pk>/move/", staff.activity_move_view, name="activity-move"),
    path("activities/<int:pk>/cancel/", staff.activity_cancel_view, name="activity-cancel"),
    path("activities/<int:pk>/people/", staff_people.activity_people, name="activity-people"),
    path("activities/<int:pk>/walk-in/", staff_people.activity_walk_in, name="activity-walk-in"),
    path("venues/", staff_standards.venues, name="venues"),
    path("activities/<int:pk>/minutes/", staff_standards.activity_minutes, name="activity-minutes"),
    path(
        "activities/<int:pk>/minutes/preview/",
        staff_standards.activity_minutes_preview,
        name="activity-minutes-preview",
    ),
    path("activities/<int:pk>/actions/", staff_standards.activity_action_add, name="activity-action-add"),
    path("information-requests/", staff_standards.requests_list, name="information-requests"),
    path(
        "information-requests/<int:pk>/answer/",
        staff_standards.request_answer,
        name="information-request-answer",
    ),
    path("expenses/", staff_standards.expense_claims, name="expenses"),
    path("expenses/<int:pk>/", staff_standards.expense_claim_action, name="expense-action"),
    path("support/<int:pk>/", staff_standards.support_update, name="support-update"),
    path("residents/<int:pk>/hours/", staff_standards.hours_add, name="resident-hours"),
    path("reports/service-standards/", staff_standards.standards_report, name="standards-report"),
    path("reports/quarterly-return/", staff_standards.quarterly_return_page, name="quarterly-return"),
    path("reports/governance-timetable/", staff_standards.governance_timetable, name="governance-timetable"),
]
