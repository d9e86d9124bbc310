"""Getting involved: residents' menu, requests and ballots, and officers' levels, groups, seats
and elections. ``tenantvoice/urls.py`` mounts each list once (decision 0031)."""

from django.urls import path

from .views import resident, resident_elections, staff, staff_elections

# Under /get-involved/, names "involvement:...": the public menu and levels, and the
# resident's own requests.
involvement_urls = [
    path("", resident.menu, name="menu"),
    path("levels/", resident.levels, name="levels"),
    path("how-we-involve-residents/", resident.how_we_involve, name="how"),
    path("mine/", resident.mine, name="mine"),
    path("levels/<slug:slug>/join/", resident.join, name="join"),
    path("mine/<int:pk>/leave/", resident.leave, name="leave"),
    path("mine/<int:pk>/offer/", resident.answer_offer, name="offer"),
    path("elections/", resident_elections.elections, name="elections"),
    path("elections/<int:pk>/vote/", resident_elections.ballot, name="ballot"),
    path("elections/<int:pk>/results/", resident_elections.results, name="results"),
]

# Under /staff/, names "staff:...".
staff_urls = [
    path("involvement/", staff.overview, name="involvement"),
    path("reports/involvement/", staff.involvement_report, name="involvement-report"),
    path("involvement/levels/<slug:slug>/", staff.level_detail, name="involvement-level"),
    path("involvement/applications/<int:pk>/decide/", staff.decide, name="involvement-decide"),
    path("residents/<int:pk>/involvement/", staff.resident_involvement, name="resident-involvement"),
    path("groups/<slug:slug>/", staff.group_detail, name="group-detail"),
    path("groups/<slug:slug>/seats/new/", staff.seat_new, name="seat-new"),
    path("groups/<slug:slug>/nominations/new/", staff.seat_nomination_new, name="seat-nomination-new"),
    path("groups/<slug:slug>/recognition/", staff.group_recognition, name="group-recognition"),
    path("seats/<int:pk>/end/", staff.seat_end_view, name="seat-end"),
    path("level-memberships/<int:pk>/leave/", staff.level_leaving, name="level-leaving"),
    path("seats/<int:pk>/roles/", staff.role_new, name="role-new"),
    path("elections/", staff_elections.election_list, name="elections"),
    path("elections/<int:pk>/", staff_elections.election_detail, name="election-detail"),
    path("elections/<int:pk>/action/", staff_elections.election_action, name="election-action"),
]
