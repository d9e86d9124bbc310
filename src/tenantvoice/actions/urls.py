"""The action tracker's pages. ``tenantvoice/urls.py`` mounts each list once (decision 0031)."""

from django.urls import path

from .views import public, staff

# Under /staff/, names "staff:...".
staff_urls = [
    path("actions/", staff.action_list, name="actions"),
    path("actions/new/", staff.action_new, name="action-new"),
    path("actions/<int:pk>/", staff.action_detail, name="action-detail"),
    path("actions/<int:pk>/change/", staff.action_change_page, name="action-change"),
    path("actions/<int:pk>/sub-actions/new/", staff.action_child_new, name="action-sub-action-new"),
    path("actions/<int:pk>/re-test/", staff.action_retest_page, name="action-retest"),
]

# At the site's root, beside "you said, we did" (not namespaced, like "you-said-we-did").
public_urls = [
    path("you-said-we-did/actions/", public.public_action_list, name="you-said-we-did-actions"),
]
