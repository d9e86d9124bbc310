"""Referrals to the Board. ``tenantvoice/urls.py`` mounts each list once (decision 0031)."""

from django.urls import path

from .views import resident, staff

# Under /staff/, names "staff:...".
staff_urls = [
    path("referrals/", staff.referral_list, name="referrals"),
    path("referrals/new/", staff.referral_new, name="referral-new"),
    path("referrals/<int:pk>/", staff.referral_detail, name="referral-detail"),
    path("referrals/<int:pk>/actions/", staff.referral_action_add, name="referral-action-add"),
]

# Under /my/, names "portal:...".
portal_urls = [
    path("referrals/", resident.my_referrals, name="referrals"),
    path("referrals/<int:pk>/", resident.my_referral, name="referral"),
]
