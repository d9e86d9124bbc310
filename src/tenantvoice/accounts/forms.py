import datetime as dt
from typing import Any

from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import password_validators_help_texts, validate_password
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone

from tenantvoice.core.plain_errors import PlainForm, ResidentForm, plain_password_errors
from tenantvoice.core.roles import STAFF_ROLES, Role
from tenantvoice.core.widgets import Radios
from tenantvoice.residents.models import Resident
from tenantvoice.residents.normalise import is_valid_postcode

from . import selectors
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


class AccountActiveForm(PlainForm):
    """The deactivate or reactivate button: its hidden value says which."""

    active = forms.TypedChoiceField(
        label="Can sign in",
        choices=[("1", "Reactivate"), ("0", "Deactivate")],
        coerce=lambda value: value == "1",
        widget=forms.HiddenInput,
        error_messages={"required": "Choose to deactivate or reactivate the account."},
    )


# --- A resident's own account: the sign-up checks and the sign-in address -----------------


_NUMERIC = {"inputmode": "numeric", "autocomplete": "off"}


def _int_or_none(value: str) -> int | None:
    value = (value or "").strip()
    return int(value) if value.isdigit() else None


class SignUpCheckForm(ResidentForm):
    """Step 1: the tenancy reference with your own date of birth, or with the home's postcode
    (which only lets us send a code to your contact details on our records)."""

    tenancy_reference = forms.CharField(
        label="Tenancy reference",
        max_length=64,
        help_text="It is on your rent statement or tenancy agreement.",
        error_messages={"required": "Enter your tenancy reference."},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "class": "input--width-20"}
        ),
    )
    dob_day = forms.CharField(
        label="Day",
        required=False,
        max_length=2,
        widget=forms.TextInput(attrs={**_NUMERIC, "autocomplete": "bday-day"}),
    )
    dob_month = forms.CharField(
        label="Month",
        required=False,
        max_length=2,
        widget=forms.TextInput(attrs={**_NUMERIC, "autocomplete": "bday-month"}),
    )
    dob_year = forms.CharField(
        label="Year",
        required=False,
        max_length=4,
        widget=forms.TextInput(attrs={**_NUMERIC, "autocomplete": "bday-year"}),
    )
    postcode = forms.CharField(
        label="Postcode of your home",
        required=False,
        max_length=10,
        help_text="For example, M15 4AB",
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "class": "input--width-10"}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        parts = [cleaned.get("dob_day", ""), cleaned.get("dob_month", ""), cleaned.get("dob_year", "")]
        date_of_birth: dt.date | None = None
        if any(p.strip() for p in parts):
            day, month, year = (_int_or_none(p) for p in parts)
            try:
                if day is None or month is None or year is None or year < 1900:
                    raise ValueError
                date_of_birth = dt.date(year, month, day)
            except ValueError:
                self.add_error("dob_day", "Enter your date of birth as numbers, for example 27 3 1958.")
            else:
                if date_of_birth > timezone.localdate():
                    self.add_error("dob_day", "Your date of birth must be in the past.")
        postcode = cleaned.get("postcode", "").strip()
        if postcode and not is_valid_postcode(postcode):
            self.add_error("postcode", "Enter a real postcode, for example M15 4AB.")
        if not self.errors and date_of_birth is None and not postcode:
            self.add_error(
                "dob_day", "Enter your date of birth or the postcode of your home. You only need one of them."
            )
        cleaned["date_of_birth"] = date_of_birth
        return cleaned


class ChooseMemberForm(ResidentForm):
    """Step 2, only for a household: which member are you (first names only)."""

    member = forms.ChoiceField(
        label="Which person are you?",
        widget=Radios,
        error_messages={"required": "Choose your name.", "invalid_choice": "Choose your name."},
    )

    def __init__(self, *args: Any, members: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["member"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = members


class CodeChannelForm(ResidentForm):
    """Where to send the sign-up code: only details already on the person's record, partly hidden."""

    channel = forms.ChoiceField(
        label="Where should we send your code?",
        widget=Radios,
        error_messages={
            "required": "Choose where to send the code.",
            "invalid_choice": "Choose where to send the code.",
        },
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["channel"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices


class CodeEntryForm(ResidentForm):
    code = forms.CharField(
        label="Code",
        max_length=12,
        help_text="6 numbers, for example 123456",
        error_messages={"required": "Enter the code we sent you."},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "class": "input--width-10"}
        ),
    )


class EmailChangeForm(ResidentForm):
    """A new sign-in address, confirmed by the link sent to it; the password proves it is you."""

    email = forms.EmailField(
        label="New email address",
        max_length=254,
        help_text="We will send a link to it. Your sign-in address changes when you open the link.",
        error_messages={
            "required": "Enter your new email address.",
            "invalid": "Enter an email address like name@example.com.",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label="Your password",
        strip=False,
        error_messages={"required": "Enter your password."},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_email(self) -> str:
        email = str(self.cleaned_data["email"]).strip().lower()
        if email == self.user.email:
            raise ValidationError("That is already your sign-in email address.")
        if selectors.email_in_use(email):
            raise ValidationError(
                "An account already uses this email address. Use a different email address."
            )
        return email

    def clean_password(self) -> str:
        password = str(self.cleaned_data["password"])
        if not self.user.check_password(password):
            raise ValidationError("Your password is not right. Check it and try again.")
        return password


class AccountForm(ResidentForm):
    """Choose the email address and password to sign in with."""

    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="You will use this to sign in. We send a link to it: the account works once you open it.",
        error_messages={
            "required": "Enter your email address.",
            "invalid": "Enter an email address like name@example.com.",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label="Create a password",
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

    def __init__(self, *args: Any, resident: Resident, **kwargs: Any) -> None:
        self.resident = resident
        super().__init__(*args, **kwargs)
        self.fields["password"].help_text = " ".join(str(t) for t in password_validators_help_texts())

    def clean_email(self) -> str:
        email = str(self.cleaned_data["email"]).strip().lower()
        if selectors.email_in_use(email):
            raise ValidationError(
                "An account already uses this email address. Sign in, or use a different email address."
            )
        return email

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        password, again = cleaned.get("password"), cleaned.get("password_again")
        if password:
            probe = User(email=cleaned.get("email") or "", full_name=self.resident.full_name)
            try:
                validate_password(password, user=probe)
            except ValidationError as exc:
                self.add_error("password", plain_password_errors(exc))
            if again is not None and again != password:
                self.add_error("password_again", "The passwords are not the same. Type them again.")
        return cleaned
