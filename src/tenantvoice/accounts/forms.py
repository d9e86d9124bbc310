from typing import Any

from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import password_validators_help_texts, validate_password
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from tenantvoice.core.plain_errors import PlainForm, plain_password_errors
from tenantvoice.core.roles import STAFF_ROLES, Role

from .models import User


class SignInForm(PlainForm):
    email = forms.EmailField(
        label="Email address", widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"})
    )
    password = forms.CharField(
        label="Password", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )

    def __init__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        self.request = request
        self.user: User | None = None
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        email, password = cleaned.get("email"), cleaned.get("password")
        if email and password:
            user = authenticate(self.request, username=str(email).lower(), password=password)
            if user is None:
                raise forms.ValidationError(
                    "The email address or password is not right. Check them and try again. "
                    "If you have just created an account, open the link we emailed you first."
                )
            self.user = user
        return cleaned


class CodeForm(PlainForm):
    code = forms.CharField(
        label="Code from your authenticator app",
        max_length=8,
        min_length=6,
        help_text="6 numbers, for example 123456",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "class": "input--width-10"}
        ),
        error_messages={
            "required": "Enter the 6-number code from your authenticator app.",
            "min_length": "The code has 6 numbers.",
        },
    )


class PasswordResetRequestForm(PlainForm):
    email = forms.EmailField(
        label="Email address",
        help_text="The address you sign in with.",
        error_messages={
            "required": "Enter the email address you sign in with.",
            "invalid": "Enter an email address like name@example.com.",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )


class NewPasswordForm(PlainForm):
    password = forms.CharField(
        label="New password",
        strip=False,
        error_messages={"required": "Enter a password."},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_again = forms.CharField(
        label="Type the password again",
        strip=False,
        error_messages={"required": "Type your password again."},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)
        self.fields["password"].help_text = " ".join(str(t) for t in password_validators_help_texts())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        password, again = cleaned.get("password"), cleaned.get("password_again")
        if password:
            try:
                validate_password(password, user=self.user)
            except ValidationError as exc:
                self.add_error("password", plain_password_errors(exc))
            if again is not None and again != password:
                self.add_error("password_again", "The passwords are not the same. Type them again.")
        return cleaned


def _staff_role_choices() -> list[tuple[str, str]]:
    return [(str(value), str(label)) for value, label in Role.choices if value in STAFF_ROLES]


class StaffAccountForm(PlainForm):
    full_name = forms.CharField(
        label="Full name", max_length=200, error_messages={"required": "Enter their full name."}
    )
    email = forms.EmailField(
        label="Work email address",
        help_text="We send them a link to choose their password. You never see or set it.",
        error_messages={
            "required": "Enter their work email address.",
            "invalid": "Enter an email address like name@example.com.",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    role = forms.ChoiceField(
        label="Role", choices=_staff_role_choices, error_messages={"required": "Choose a role."}
    )

    def clean_email(self) -> str:
        email = str(self.cleaned_data["email"]).strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise ValidationError("An account already uses this email address.")
        return email


class RoleForm(PlainForm):
    role = forms.ChoiceField(
        label="Role", choices=_staff_role_choices, error_messages={"required": "Choose a role."}
    )
