"""Issue 13 item 6, "Words": every form's errors name the box and say what to do, never one of
Django's own messages ("This field is required.", "Ensure this value has at most 100
characters", "Select a valid choice. sms is not one of ...") (decision 0030)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory

from tenantvoice.accounts.forms import NewPasswordForm
from tenantvoice.core.plain_errors import PlainErrorsMixin, django_default_messages, short_label
from tenantvoice.core.reporting_year import ReportingYear
from tenantvoice.residents.models import ImportRun

from ..factories import (
    BoardPackFactory,
    ElectionFactory,
    GroupFactory,
    LevelFactory,
    ParticipantFactory,
    ReportingDutyFactory,
    ResidentFactory,
    SurveyFactory,
    UserFactory,
)
from .formwalk import every_form_class

pytestmark = pytest.mark.django_db

# The start of Django's messages, which is what a page would show whatever the numbers in them.
DJANGO_WORDS = (
    "This field",
    "Enter a valid",
    "Enter a whole number.",
    "Enter a number.",
    "Enter a list of values.",
    "Ensure this value",
    "Ensure that there are no more than",
    "Select a valid choice",
    "No file was submitted",
    "The submitted file is empty",
    "Upload a valid image",
    "Null characters are not allowed",
    "is not a valid value",
    "already exists",
    "This password",
    "The password is too similar",
)

# Imperative first words: a message that does not name its box must at least say what to do.
VERBS = (
    "Enter", "Choose", "Tick", "Write", "Give", "Say", "Answer", "Type", "Tell", "Use", "Check",
    "Remove", "Either", "Put", "Add", "Pick", "Select", "Fill", "Search", "Only", "Export", "Read",
)  # fmt: skip


def _election() -> Any:
    return ElectionFactory()


def _annual_report() -> Any:
    from tenantvoice.annual_reports.models import AnnualReport

    return AnnualReport.objects.get_or_create(year=2025, defaults={"title": "Annual report 2025/26"})[0]


# Forms that cannot be built with data and files alone: how to build each one.
SPECIAL: dict[str, Callable[[], dict[str, Any]]] = {
    "tenantvoice.accounts.forms.SignInForm": lambda: {"request": RequestFactory().post("/")},
    "tenantvoice.accounts.forms.NewPasswordForm": lambda: {"user": UserFactory()},
    "tenantvoice.accounts.forms.EmailChangeForm": lambda: {"user": UserFactory()},
    "tenantvoice.accounts.forms.AccountForm": lambda: {"resident": ResidentFactory()},
    "tenantvoice.residents.forms.DetailsForm": lambda: {"resident": ResidentFactory()},
    "tenantvoice.residents.forms.PreferencesForm": lambda: {"resident": ResidentFactory()},
    "tenantvoice.residents.forms.StaffDetailsForm": lambda: {"resident": ResidentFactory()},
    "tenantvoice.residents.forms.StaffPreferencesForm": lambda: {"resident": ResidentFactory()},
    "tenantvoice.accounts.forms.ChooseMemberForm": lambda: {"members": [("1", "Ann"), ("2", "Bob")]},
    "tenantvoice.accounts.forms.CodeChannelForm": lambda: {
        "choices": [("email", "By email"), ("sms", "By text")]
    },
    "tenantvoice.residents.forms.EqualityForm": lambda: {
        "consent_label": "I agree to you keeping these answers"
    },
    "tenantvoice.involvement.forms.BallotForm": lambda: {"election": _election()},
    "tenantvoice.involvement.forms.PaperBallotForm": lambda: {"election": _election()},
    "tenantvoice.involvement.forms.JoinLevelForm": lambda: {
        "level": LevelFactory(),
        "consent_wording": "I agree",
    },
    "tenantvoice.involvement.forms.StaffJoinLevelForm": lambda: {"consent_wording": "They agree"},
    "tenantvoice.involvement.forms.SeatFillForm": lambda: {"group": GroupFactory()},
    "tenantvoice.reporting.forms.PresentationForm": lambda: {"duty": ReportingDutyFactory()},
    "tenantvoice.involvement.forms.SeatNominationForm": lambda: {"group": GroupFactory()},
    "tenantvoice.surveys.forms.QuestionForm": lambda: {"survey": SurveyFactory()},
    "tenantvoice.surveys.forms.CorrectionForm": lambda: {"survey": SurveyFactory()},
    "tenantvoice.surveys.forms.QuestionChoiceForm": lambda: {"survey": SurveyFactory()},
    "tenantvoice.residents.views.staff_imports.ImportConfirmForm": lambda: {
        "check": ImportRun.objects.create()
    },
    "tenantvoice.activities.forms.RegisterForm": lambda: {"activity": ParticipantFactory().activity},
    "tenantvoice.boardpacks.forms.SectionAddForm": lambda: {"pack": BoardPackFactory()},
    "tenantvoice.annual_reports.forms.ApproveForm": lambda: {"report": _annual_report()},
    "tenantvoice.annual_reports.forms.StartForm": lambda: {"years": [ReportingYear(2025)]},
}


def _name(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


FORMS = every_form_class()


def _build(cls: type[forms.BaseForm], data: dict[str, Any], files: dict[str, Any]) -> forms.BaseForm:
    kwargs = SPECIAL.get(_name(cls), dict)()
    return cls(data=data, files=files, **kwargs)


def _junk(form: forms.BaseForm) -> tuple[dict[str, Any], dict[str, Any]]:
    """Wrong answers for every box: far too long text, words where numbers, dates and choices go."""
    data: dict[str, Any] = {}
    files: dict[str, Any] = {}
    for name, field in form.fields.items():
        key = form.add_prefix(name)
        if isinstance(field, forms.FileField):
            files[key] = SimpleUploadedFile("empty.pdf", b"")
        elif isinstance(field, forms.BooleanField):
            continue
        else:
            data[key] = "not one of them <sms> " * 2000
    return data, files


def _django_words(text: str) -> list[str]:
    defaults = django_default_messages()
    found = [words for words in DJANGO_WORDS if words in text]
    if text in defaults:
        found.append(text)
    return found


def _check(form: forms.BaseForm) -> list[str]:
    form.is_valid()
    problems = []
    for name, errors in form.errors.items():
        for error in errors:
            text = str(error)
            if _django_words(text):
                problems.append(f"{name}: {text!r}")
                continue
            if name == "__all__":
                continue
            field = form.fields[name]
            label = short_label(str(field.label or name)).rstrip("?:").strip().lower()
            sentences = [sentence.strip() for sentence in text.split(". ")]
            if label not in text.lower() and not any(sentence.startswith(VERBS) for sentence in sentences):
                problems.append(f"{name}: {text!r} neither names {label!r} nor says what to do")
    return problems


def test_the_walk_finds_the_forms() -> None:
    names = {_name(cls) for cls in FORMS}
    assert len(FORMS) > 60
    assert "tenantvoice.consultations.forms.ConsultationForm" in names
    assert "tenantvoice.residents.forms.PreferencesForm" in names
    assert set(SPECIAL) <= names, "a specially built form is no longer found"


@pytest.mark.parametrize("cls", FORMS, ids=_name)
def test_every_form_uses_plain_errors(cls: type[forms.BaseForm]) -> None:
    assert issubclass(cls, PlainErrorsMixin), f"{_name(cls)} should inherit PlainForm or PlainModelForm"


@pytest.mark.parametrize("cls", FORMS, ids=_name)
def test_empty_form_errors_are_plain(cls: type[forms.BaseForm]) -> None:
    assert _check(_build(cls, {}, {})) == []


@pytest.mark.parametrize("cls", FORMS, ids=_name)
def test_wrong_answers_get_plain_errors(cls: type[forms.BaseForm]) -> None:
    data, files = _junk(_build(cls, {}, {}))
    assert _check(_build(cls, data, files)) == []


def test_messages_name_the_box_and_say_what_to_do() -> None:
    class Example(PlainErrorsMixin, forms.Form):
        closing = forms.DateField(label="Closing date")
        title = forms.CharField(label="Title", max_length=5)
        channel = forms.ChoiceField(label="How we contact you", choices=[("sms", "Text message")])
        agree = forms.BooleanField(label="I agree to the rules")
        count = forms.IntegerField(label="Number of people", max_value=10)
        email = forms.EmailField(label="Your email address", required=False)
        own = forms.CharField(label="Own", error_messages={"required": "Write your own words."})

    form = Example(data={"title": "far too long", "count": "11", "email": "nope", "channel": "fax"})
    assert not form.is_valid()
    assert form.errors == {
        "closing": ["Enter the closing date."],
        "title": ["The title must be 5 characters or fewer."],
        "channel": ["Choose how we contact you from the options shown."],
        "agree": ["Tick “I agree to the rules” to carry on."],
        "count": ["The number of people must be 10 or less."],
        "email": ["Enter your email address like name@example.com."],
        "own": ["Write your own words."],
    }
    bad_date = Example(data={"closing": "soon"})
    bad_date.is_valid()
    assert bad_date.errors["closing"] == ["Enter the closing date like 15/1/2027."]


@pytest.mark.parametrize(
    ("password", "words"),
    [
        ("short1", "Use a password of at least 10 characters."),
        ("1234567890", "Use letters as well as numbers in your password."),
        ("password123", "That password is used by many people."),
    ],
)
def test_password_problems_say_what_to_do(password: str, words: str) -> None:
    form = _build(NewPasswordForm, {"password": password, "password_again": password}, {})
    assert not form.is_valid()
    assert any(words in str(error) for error in form.errors["password"])
    assert _check(form) == []
