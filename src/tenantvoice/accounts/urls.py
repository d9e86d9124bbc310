from django.urls import path

from .views import public as views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.sign_in, name="sign-in"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("mfa/", views.mfa, name="mfa"),
    path("confirm-email/<str:uidb64>/<str:token>/", views.confirm_email, name="confirm-email"),
    path("password-reset/", views.password_reset, name="password-reset"),
    path(
        "password-reset/<str:uidb64>/<str:token>/",
        views.password_reset_confirm,
        name="password-reset-confirm",
    ),
]
