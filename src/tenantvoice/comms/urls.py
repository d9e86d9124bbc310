from django.urls import path

from .views import staff_campaigns as campaign_views
from .views import staff_templates as template_views

app_name = "campaigns"
urlpatterns = [
    path("", campaign_views.campaign_list, name="list"),
    path("new/", campaign_views.campaign_new, name="new"),
    path("outbox/", campaign_views.outbox, name="outbox"),
    path("templates/", template_views.template_list, name="templates"),
    path("templates/<slug:slug>/", template_views.template_detail, name="template"),
    path("templates/<slug:slug>/restore/", template_views.template_restore, name="template-restore"),
    path("templates/<slug:slug>/preview/", template_views.template_preview, name="template-preview"),
    path("reviews/", template_views.review_list, name="reviews"),
    path("reviews/new/", template_views.review_new, name="review-new"),
    path("reviews/<int:pk>/", template_views.review_detail, name="review"),
    path("outbox/retry/", campaign_views.outbox_retry, name="outbox-retry"),
    path("<int:pk>/", campaign_views.campaign_detail, name="campaign-detail"),
    path("<int:pk>/send/", campaign_views.campaign_send_view, name="campaign-send"),
]
