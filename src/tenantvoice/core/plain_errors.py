"""Plain error messages for every form (decision 0030).

Django's own messages ("This field is required.", "Ensure this value has at most 100 characters
(it has 104).", "Select a valid choice. sms is not one of the available choices.") say neither
which box is wrong nor what to do, and some print a raw code. Every form in TenantVoice inherits
:class:`PlainForm` or :class:`PlainModelForm`; before a form is checked, :func:`plain_errors`
gives each of its fields plain messages built from the field's label and chosen by the kind of
box: "Enter the closing date", "Choose the level", "Tick “I agree” to carry on", "The title must be
200 characters or fewer", "Enter the date like 15/1/2027".

A message a form sets itself (``error_messages={...}``, ``Meta.error_messages``, or a validator
with its own ``message``) is kept: only Django's defaults are replaced.
"""

from __future__ import annotations

import functools
import inspect
import re

from django import forms
from django.core import validators as django_validators
from django.core.exceptions import ValidationError
from django.db.models import fields as model_fields
from django.db.models.fields import files as model_file_fields
from django.db.models.fields import json as model_json_fields
from django.db.models.fields import related as model_related_fields
from django.forms import fields as form_fields
from django.forms import models as form_models
from django.forms.utils import pretty_name
from django.utils import translation

EXAMPLE_DATE = "15/1/2027"
EXAMPLE_TIME = "18:30"

# How a label starts decides how a message names it. "Your email address" and "The title" need
# no "the"; "How many seats" reads well after "Enter" but not as the subject of a sentence; "From",
# "Send it to" or "Voting opens" read well nowhere, so messages quote them.
_DETERMINERS = frozenset(
    ["the", "a", "an", "your", "their", "his", "her", "its", "our", "my", "this", "these"]
)
_CLAUSES = frozenset(["who", "what", "when", "where", "which", "how", "why", "whether"])
_PHRASES = frozenset(
    ["if", "or", "and", "from", "to", "by", "send", "ask", "share", "choose", "was", "were", "is", "are"]
    + ["do", "does", "did", "you", "we", "they", "involved", "sitting", "living", "nominations", "voting"]
    + ["tick", "enter", "give", "say", "tell", "write", "i"]
)


def django_default_messages() -> frozenset[str]:
    """Every error message Django's form fields, model fields and validators give by default, in
    the language now active (a default is a lazy translation: it is compared as it would show)."""
    return _default_messages(translation.get_language() or "")


@functools.cache
def _default_messages(language: str) -> frozenset[str]:
    messages: set[str] = set()
    modules = (
        form_fields,
        form_models,
        model_fields,
        model_file_fields,
        model_json_fields,
        model_related_fields,
    )
    for module in modules:
        for obj in vars(module).values():
            if inspect.isclass(obj):
                for klass in obj.__mro__:
                    for message in getattr(klass, "default_error_messages", {}).values():
                        messages.add(str(message))
    for obj in vars(django_validators).values():
        message = getattr(obj, "message", None)
        if message is not None:
            messages.add(str(message))
    return frozenset(messages)


def short_label(label: str) -> str:
    """The words of ``label`` that name its box: "The paper (PDF or Word, up to 20 MB)" and "The
    name, if not a resident" are named by their first words; the rest is for the page, not the
    message. Questions, and labels that would then read badly ("By (email address)"), stay whole."""
    label = " ".join(str(label).split()).removesuffix("(optional)").strip().rstrip(":").strip()
    if label.endswith("?"):
        return label
    short = re.sub(r", if .*$", "", re.sub(r"\s*\([^()]*\)$", "", label))
    if not short or short.split(" ", 1)[0].lower() in _PHRASES | _CLAUSES:
        return label
    return short


def _lower_first(label: str) -> str:
    first = label.split(" ", 1)[0]
    if first == "I" or (len(first) > 1 and first[:2].isupper()):
        return label  # "I agree", "SMS code", "UPRN": keep as written
    return label[:1].lower() + label[1:]


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


class _Words:
    """How the messages for one field name it."""

    def __init__(self, label: str, owner: str) -> None:
        label = " ".join(str(label).split()).removesuffix("(optional)").strip().rstrip(":").strip()
        # "The paper (PDF or Word, up to 20 MB)" and "The name, if not a resident" are named by
        # their first words; the rest is for the page, not the message.
        label = short_label(label)
        self.label = label.replace("%", "%%")
        lower = _lower_first(self.label)
        first = lower.split(" ", 1)[0].lower()
        self.question = self.label.endswith("?")
        self.clause = not self.question and first in _CLAUSES
        self.phrase = not self.question and first in _PHRASES
        if self.question:
            self.subject = f"your answer to “{self.label}”"
        elif self.clause or self.phrase:
            self.subject = f"“{self.label}”"
        else:
            self.subject = lower if first in _DETERMINERS else f"{owner} {lower}"
        self.object = lower if self.clause else self.subject

    @property
    def Subject(self) -> str:  # noqa: N802 - the subject at the start of a sentence
        return _capitalise(self.subject)

    def enter(self, example: str = "") -> str:
        if self.question:
            text = f"Answer “{self.label}”"
        elif self.phrase:
            text = f"Fill in “{self.label}”"
        else:
            text = f"Enter {self.object}"
        return f"{text} like {example}" if example else text

    def choose(self) -> str:
        if self.question:
            return f"Choose an answer to “{self.label}”"
        if self.phrase:
            return f"Choose an option for “{self.label}”"
        return f"Choose {self.object}"

    def from_list(self) -> str:
        if self.phrase:
            return f"Choose one of the options shown for “{self.label}”"
        return f"{self.choose()} from the options shown"


def _is_choice(field: forms.Field) -> bool:
    widget = field.widget
    return isinstance(field, forms.ChoiceField | form_models.ModelChoiceField) or isinstance(
        widget, forms.Select | forms.RadioSelect | forms.CheckboxSelectMultiple
    )


def plain_messages(field: forms.Field, words: _Words) -> dict[str, str]:
    """Plain messages for ``field``, keyed by Django's error codes."""
    w = words
    widget = field.widget
    messages: dict[str, str] = {
        "invalid": f"Check {w.object} and enter it again",
        "max_length": f"{w.Subject} must be %(limit_value)d characters or fewer",
        "min_length": f"{w.Subject} must be at least %(limit_value)d characters",
        "max_value": f"{w.Subject} must be %(limit_value)s or less",
        "min_value": f"{w.Subject} must be %(limit_value)s or more",
        "step_size": f"{w.Subject} must be a multiple of %(limit_value)s",
        "null_characters_not_allowed": f"Remove the unusual characters from {w.object}",
        "unique": f"{w.Subject} is already used: enter a different one",
        "incomplete": w.enter(),
    }
    if isinstance(field, forms.FileField):
        choose_file = f"Choose {w.object}" if "file" in w.label.lower() else f"Choose a file for {w.object}"
        messages |= {
            "required": choose_file,
            "invalid": f"{choose_file}: no file arrived",
            "missing": f"{choose_file}: no file arrived",
            "empty": "The file you chose is empty. Choose another file",
            "max_length": "The file's name must be %(max)d characters or fewer",
            "contradiction": f"Either choose a new file for {w.object} or remove it, not both",
            "invalid_image": f"Choose a picture (JPG or PNG) for {w.object}",
            "invalid_extension": f"{choose_file} of a kind this site takes",
        }
    elif isinstance(widget, forms.CheckboxInput) and not _is_choice(field):
        messages["required"] = f"Tick “{w.label}” to carry on"
    elif isinstance(widget, forms.CheckboxSelectMultiple) or isinstance(field, forms.MultipleChoiceField):
        messages["required"] = (
            f"Tick at least one box for {w.object}"
            if isinstance(widget, forms.CheckboxSelectMultiple)
            else f"Choose at least one for {w.object}"
        )
    elif _is_choice(field):
        messages["required"] = w.choose()
    elif isinstance(field, forms.DateTimeField | forms.SplitDateTimeField):
        messages |= {
            "required": w.enter(),
            "invalid": w.enter(f"{EXAMPLE_DATE} {EXAMPLE_TIME}"),
            "invalid_date": w.enter(EXAMPLE_DATE),
            "invalid_time": w.enter(EXAMPLE_TIME),
        }
    elif isinstance(field, forms.DateField):
        messages |= {"required": w.enter(), "invalid": w.enter(EXAMPLE_DATE)}
    elif isinstance(field, forms.TimeField):
        messages |= {"required": w.enter(), "invalid": w.enter(EXAMPLE_TIME)}
    elif isinstance(field, forms.IntegerField):
        messages |= {"required": w.enter(), "invalid": f"{w.enter()} as a whole number, like 3"}
    elif isinstance(field, forms.DecimalField | forms.FloatField):
        messages |= {
            "required": w.enter(),
            "invalid": f"{w.enter()} as a number, like 12.50",
            "max_digits": f"{w.Subject} must have %(max)s digits or fewer",
            "max_decimal_places": f"{w.Subject} must have %(max)s digits or fewer after the point",
            "max_whole_digits": f"{w.Subject} must have %(max)s digits or fewer before the point",
        }
    elif isinstance(field, forms.EmailField):
        messages |= {"required": w.enter(), "invalid": w.enter("name@example.com")}
    elif isinstance(field, forms.URLField):
        messages |= {"required": w.enter(), "invalid": w.enter("https://www.example.com")}
    else:
        messages["required"] = w.enter()
    if _is_choice(field):
        from_list = w.from_list()
        messages |= {"invalid_choice": from_list, "invalid_list": from_list, "invalid_pk_value": from_list}
    messages["blank"] = messages["null"] = messages["required"]
    return {code: f"{message}." for code, message in messages.items()}


def plain_field_errors(field: forms.Field, label: str, owner: str = "the") -> None:
    """Give ``field`` plain messages in place of Django's defaults, keeping any it sets itself."""
    defaults = django_default_messages()
    own_codes = {
        code
        for validator in field.validators
        if (code := getattr(validator, "code", None))
        and (message := getattr(validator, "message", None)) is not None
        and str(message) not in defaults
    }
    for code, message in plain_messages(field, _Words(label, owner)).items():
        if code in own_codes:
            continue
        current = field.error_messages.get(code)
        if current is None or str(current) in defaults:
            field.error_messages[code] = message


def plain_errors(form: forms.BaseForm) -> None:
    """Plain messages for every field of ``form`` (see the module's text)."""
    owner = getattr(form, "error_owner", "the")
    for name, field in form.fields.items():
        plain_field_errors(field, str(field.label or pretty_name(name)), owner)


# Django's password checks say what is wrong ("This password is too common.") but not what to do.
PASSWORD_MESSAGES = {
    "password_too_short": "Use a password of at least %(min_length)d characters.",
    "password_too_common": "That password is used by many people. Choose another, for example three words "
    "that go together only for you.",
    "password_entirely_numeric": "Use letters as well as numbers in your password.",
    "password_too_similar": "Your password is too like your %(verbose_name)s. Choose another.",
}


def plain_password_errors(error: ValidationError) -> ValidationError:
    """``validate_password``'s problems in plain words, keeping any message we do not know."""
    problems = [
        ValidationError(PASSWORD_MESSAGES[e.code], code=e.code, params=e.params)
        if e.code in PASSWORD_MESSAGES
        else e
        for e in error.error_list
    ]
    return ValidationError(problems)


class PlainErrorsMixin:
    """Gives the form's fields plain messages just before it is checked, so fields added in
    ``__init__`` are covered too. ``error_owner`` is the word put before a label that has none:
    "the" ("Enter the closing date") or "your" on residents' own pages."""

    error_owner = "the"

    def full_clean(self) -> None:
        assert isinstance(self, forms.BaseForm)
        plain_errors(self)
        super().full_clean()  # type: ignore[misc]


class PlainForm(PlainErrorsMixin, forms.Form):
    """A form whose errors are in plain words."""


class PlainModelForm(PlainErrorsMixin, forms.ModelForm):
    """A model form whose errors are in plain words."""


class ResidentForm(PlainForm):
    """A resident's own form: its errors speak to them ("Enter your first name")."""

    error_owner = "your"


__all__ = ["PlainErrorsMixin", "PlainForm", "PlainModelForm", "django_default_messages", "plain_errors"]
