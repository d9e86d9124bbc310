"""Comms' pages: stopping news and delivery receipts, residents' messages and reviews, and
officers' campaigns, wording, readers panel, mass sends and letters. ``tenantvoice/urls.py``
mounts each list once (decision 0031)."""

from django.urls import path

from .views import public, resident, staff_campaigns, staff_letters, staff_sends, staff_templates

# At the site's root; names not namespaced.
public_urls = [
    path("news/stop/<str:token>/", public.unsubscribe, name="unsubscribe"),
    path("reviews/documents/<int:pk>/", public.review_document, name="review-document"),
    path("comms/notify/callback/", public.notify_callback, name="notify-callback"),
]

# Under /my/, names "portal:...". A number here is a review sent to the resident's panel.
portal_urls = [
    path("messages/", resident.my_messages, name="messages"),
    path("reviews/", resident.my_reviews, name="reviews"),
    path("reviews/<int:pk>/", resident.my_review, name="review"),
]

# Under /staff/campaigns/, names "campaigns:...".
campaigns_urls = [
    path("", staff_campaigns.campaign_list, name="list"),
    path("new/", staff_campaigns.campaign_new, name="new"),
    path("outbox/", staff_campaigns.outbox, name="outbox"),
    path("templates/", staff_templates.template_list, name="templates"),
    path("templates/<slug:slug>/", staff_templates.template_detail, name="template"),
    path("templates/<slug:slug>/restore/", staff_templates.template_restore, name="template-restore"),
    path("templates/<slug:slug>/preview/", staff_templates.template_preview, name="template-preview"),
    path("reviews/", staff_templates.review_list, name="reviews"),
    path("reviews/new/", staff_templates.review_new, name="review-new"),
    path("reviews/<int:pk>/", staff_templates.review_detail, name="review"),
    path("outbox/retry/", staff_campaigns.outbox_retry, name="outbox-retry"),
    path("<int:pk>/", staff_campaigns.campaign_detail, name="campaign-detail"),
    path("<int:pk>/send/", staff_campaigns.campaign_send_view, name="campaign-send"),
]

# Under /staff/sends/, names "sends:...".
sends_urls = [
    path("", staff_sends.send_list, name="list"),
    path("<int:pk>/", staff_sends.send_progress, name="progress"),
    path("<int:pk>/carry-on/", staff_sends.send_carry_on, name="carry-on"),
]

# Under /staff/, names "staff:...".
staff_urls = [
    path("letters/", staff_letters.letters, name="letters"),
    path("letters/letters.pdf", staff_letters.letters_batch_pdf, name="letters-pdf"),
    path("letters/printed/", staff_letters.letters_printed, name="letters-printed"),
]
