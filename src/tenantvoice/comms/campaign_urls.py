from django.urls import path

from . import campaign_views

app_name = "campaigns"
urlpatterns = [
    path("", campaign_views.campaign_list, name="list"),
    path("new/", campaign_views.campaign_new, name="new"),
    path("outbox/", campaign_views.outbox, name="outbox"),
    path("outbox/retry/", campaign_views.outbox_retry, name="outbox-retry"),
    path("<int:pk>/", campaign_views.campaign_detail, name="campaign-detail"),
    path("<int:pk>/send/", campaign_views.campaign_send_view, name="campaign-send"),
]
