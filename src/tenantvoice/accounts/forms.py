from typing import Any

from django import forms
from django.contrib.auth import authenticate
from django.http import HttpRequest

from .models import User


class SignInForm(forms.Form):
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
                    "The email address or password is not right. Check them and try again."
                )
            self.user = user
        return cleaned


class CodeForm(forms.Form):
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
