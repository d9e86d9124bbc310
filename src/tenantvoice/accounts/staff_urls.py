"""Administrators' pages for staff accounts and API tokens, under /staff/accounts/ (staff namespace)."""

from django.urls import path

from .views import staff as staff_views

urlpatterns = [
    path("", staff_views.account_list, name="accounts"),
    path("new/", staff_views.account_new, name="account-new"),
    path("tokens/", staff_views.token_list, name="api-tokens"),
    path("<int:pk>/", staff_views.account_detail, name="account-detail"),
    path("<int:pk>/role/", staff_views.account_role, name="account-role"),
    path("<int:pk>/active/", staff_views.account_active, name="account-active"),
    path("<int:pk>/mfa-reset/", staff_views.account_mfa_reset, name="account-mfa-reset"),
    path("<int:pk>/token/revoke/", staff_views.token_revoke, name="api-token-revoke"),
]
