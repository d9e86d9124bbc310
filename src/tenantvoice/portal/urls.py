"""Residents' pages. No URL here carries a resident id: each page works on the signed-in
resident's own record only."""

from django.urls import path

from tenantvoice.accounts.views import resident as views
from tenantvoice.activities.views import resident as activities
from tenantvoice.comms.views import resident as reviews
from tenantvoice.surveys.views import staff as survey_views

from . import messages_views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("sign-up/", views.sign_up, name="sign-up"),
    path("sign-up/who/", views.sign_up_who, name="sign-up-who"),
    path("sign-up/code/", views.sign_up_code, name="sign-up-code"),
    path("sign-up/code/enter/", views.sign_up_code_enter, name="sign-up-code-enter"),
    path("sign-up/account/", views.sign_up_account, name="sign-up-account"),
    path("invitation/<str:token>/", views.invitation, name="invitation"),
    path("account/email/", views.account_email, name="account-email"),
    path("details/", views.details, name="details"),
    path("details/change/", views.details_change, name="details-change"),
    path("preferences/", views.preferences, name="preferences"),
    path("equality/", views.equality, name="equality"),
    path("equality/delete/", views.equality_delete, name="equality-delete"),
    path("data/", views.data, name="data"),
    path("data.json", views.data_json, name="data-json"),
    path("activities/", activities.my_activities, name="activities"),
    path("activities/<int:pk>/", activities.my_activity, name="activity"),
    path("activities/<int:pk>/reply/", activities.rsvp, name="rsvp"),
    path("expenses/", activities.my_expenses, name="expenses"),
    path("messages/", messages_views.my_messages, name="messages"),
    path("reviews/", reviews.my_reviews, name="reviews"),
    path("surveys/", survey_views.my_surveys, name="surveys"),
    path("surveys/<int:pk>/", survey_views.my_survey, name="survey"),
    path("reviews/<int:pk>/", reviews.my_review, name="review"),
]
