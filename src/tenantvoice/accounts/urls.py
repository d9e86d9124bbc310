"""Accounts' pages: signing in, a resident's own account, and administrators' staff accounts.
``tenantvoice/urls.py`` mounts each list once (decision 0031)."""

from django.urls import path

from .views import public, resident, staff

# Under /accounts/, names "accounts:...".
accounts_urls = [
    path("sign-in/", public.sign_in, name="sign-in"),
    path("sign-out/", public.sign_out, name="sign-out"),
    path("mfa/", public.mfa, name="mfa"),
    path("confirm-email/<str:uidb64>/<str:token>/", public.confirm_email, name="confirm-email"),
    path("password-reset/", public.password_reset, name="password-reset"),
    path(
        "password-reset/<str:uidb64>/<str:token>/",
        public.password_reset_confirm,
        name="password-reset-confirm",
    ),
]

# Under /my/, names "portal:...". No URL carries a resident id.
portal_urls = [
    path("sign-up/", resident.sign_up, name="sign-up"),
    path("sign-up/who/", resident.sign_up_who, name="sign-up-who"),
    path("sign-up/code/", resident.sign_up_code, name="sign-up-code"),
    path("sign-up/code/enter/", resident.sign_up_code_enter, name="sign-up-code-enter"),
    path("sign-up/account/", resident.sign_up_account, name="sign-up-account"),
    path("invitation/<str:token>/", resident.invitation, name="invitation"),
    path("account/email/", resident.account_email, name="account-email"),
]

# Under /staff/, names "staff:...".
staff_urls = [
    path("accounts/", staff.account_list, name="accounts"),
    path("accounts/new/", staff.account_new, name="account-new"),
    path("accounts/tokens/", staff.token_list, name="api-tokens"),
    path("accounts/<int:pk>/", staff.account_detail, name="account-detail"),
    path("accounts/<int:pk>/role/", staff.account_role, name="account-role"),
    path("accounts/<int:pk>/active/", staff.account_active, name="account-active"),
    path("accounts/<int:pk>/mfa-reset/", staff.account_mfa_reset, name="account-mfa-reset"),
    path("accounts/<int:pk>/token/revoke/", staff.token_revoke, name="api-token-revoke"),
]
