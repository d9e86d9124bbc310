"""The tracker's forms: what an officer filters by, an action's what, who and when, a
sub-action, progress and the re-test."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from tenantvoice.accounts.models import User
from tenantvoice.accounts.selectors import staff_accounts_to_choose
from tenantvoice.core.forms import date_field
from tenantvoice.core.plain_errors import PlainForm
from tenantvoice.involvement.models import Group

from .models import ActionStatus
from .sources import source_choices

OVERDUE = "overdue"
OPEN = "open"

STATUS_FILTERS = [
    ("", "Any status"),
    (OPEN, "Open (not started or in progress)"),
    (OVERDUE, "Overdue"),
    *ActionStatus.choices,
]


def groups() -> QuerySet[Group]:
    return Group.objects.order_by("name")


def _owner_fields() -> dict[str, forms.Field]:
    return {
        "owner_user": forms.ModelChoiceField(
            label="Owner: a member of staff",
            queryset=staff_accounts_to_choose(),
            required=False,
            empty_label="No one chosen",
        ),
        "owner_group": forms.ModelChoiceField(
            label="Owner: a group",
            queryset=groups(),
            required=False,
            empty_label="No group chosen",
        ),
        "owner_name": forms.CharField(
            label="Owner: a post or a name",
            required=False,
            max_length=160,
            help_text="For example Head of Repairs, when the post is named rather than a person.",
        ),
    }


class ActionFilterForm(PlainForm):
    """The tracker's filters (all optional): who owns it, where it came from, its status, and
    when it is due."""

    owner_user = forms.ModelChoiceField(
        label="Owner: a member of staff", queryset=User.objects.none(), required=False, empty_label="Anyone"
    )
    owner_group = forms.ModelChoiceField(
        label="Owner: a group", queryset=Group.objects.none(), required=False, empty_label="Any group"
    )
    owner = forms.CharField(
        label="Owner: part of a post or name",
        required=False,
        max_length=160,
        help_text="For example repairs, to find Head of Repairs.",
    )
    source = forms.ChoiceField(label="Where it came from", required=False)
    status = forms.ChoiceField(label="Status", required=False, choices=STATUS_FILTERS)
    due_from = date_field("Due on or after", "1/4/2027", required=False)
    due_to = date_field("Due on or before", "31/3/2028", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner_user"].queryset = staff_accounts_to_choose()  # type: ignore[attr-defined]
        self.fields["owner_group"].queryset = groups()  # type: ignore[attr-defined]
        self.fields["source"].choices = [("", "Anywhere"), *source_choices()]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("due_from"), data.get("due_to")
        if start and end and end < start:
            self.add_error("due_to", "The second date must be on or after the first.")
        return data


def _needs_an_owner(form: forms.Form, data: dict[str, Any]) -> None:
    if not (data.get("owner_user") or data.get("owner_group") or (data.get("owner_name") or "").strip()):
        form.add_error(
            "owner_user", "Choose who owns it: a member of staff, a group, or type a post or a name."
        )


class ActionForm(PlainForm):
    """An officer's own action (no source): what, who and when. Also the "Change" form, with
    the sub-action's weight when it has a parent."""

    title = forms.CharField(label="What will be done", max_length=300)
    detail = forms.CharField(
        label="More detail", required=False, max_length=10_000, widget=forms.Textarea(attrs={"rows": 4})
    )
    due_on = date_field("Due by", "31/3/2027", required=False)
    due_note = forms.CharField(
        label="Or, when there is no date",
        required=False,
        max_length=80,
        help_text="For example Ongoing, or Each quarter.",
    )
    retest_on = date_field(
        "Re-test by",
        "31/3/2028",
        required=False,
        help_text="When to check again that the change lasted, if it should be. For example 31/3/2028.",
    )
    public = forms.BooleanField(
        label="Show it to residents on the 'You said, we did' page",
        required=False,
        help_text=(
            "Residents see what it is, where it came from, its status, progress and date; never who owns it."
        ),
    )

    def __init__(
        self, *args: Any, with_weight: bool = False, owner_required: bool = True, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for name, field in _owner_fields().items():
            self.fields[name] = field
        self.owner_required = owner_required
        if with_weight:
            self.fields["weight"] = _weight()
        self.order_fields(
            ["title", "detail", "owner_user", "owner_group", "owner_name", "due_on", "due_note", "retest_on"]
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.owner_required:
            _needs_an_owner(self, data)
        return data


def _weight() -> forms.IntegerField:
    return forms.IntegerField(
        label="Weight",
        min_value=1,
        max_value=100,
        initial=1,
        help_text=(
            "Its share of the parent's progress: 1 for all of them gives the plain average; 2 counts twice."
        ),
        error_messages={
            "min_value": "A weight is a whole number of 1 or more.",
            "max_value": "A weight is a whole number up to 100.",
            "invalid": "Enter the weight as a whole number, such as 1.",
        },
    )


class SubActionForm(PlainForm):
    """A step towards an action, with its share of the parent's progress."""

    title = forms.CharField(label="What will be done", max_length=300)
    due_on = date_field("Due by", "31/3/2027", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in _owner_fields().items():
            self.fields[name] = field
        self.fields["weight"] = _weight()
        self.order_fields(["title", "owner_user", "owner_group", "owner_name", "due_on", "weight"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _needs_an_owner(self, data)
        return data


class ActionProgressForm(PlainForm):
    status = forms.ChoiceField(label="Status", choices=ActionStatus.choices)
    progress = forms.IntegerField(
        label="Progress (%)",
        required=False,
        min_value=0,
        max_value=100,
        help_text="From 0 to 100. A parent's progress comes from its sub-actions.",
        error_messages={
            "min_value": "Progress is a percentage from 0 to 100.",
            "max_value": "Progress is a percentage from 0 to 100.",
            "invalid": "Enter progress as a whole number from 0 to 100.",
        },
    )
    evidence = forms.CharField(
        label="Evidence it is done",
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What shows it is done, so the panel can check: needed to mark it done.",
    )
    note = forms.CharField(
        label="Note",
        required=False,
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What has happened. When the status changes, this is sent to those told.",
    )


class RetestForm(PlainForm):
    result = forms.CharField(
        label="What the re-test found",
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Whether the change made still works, and how it was checked.",
    )
    on = date_field(
        "Re-tested on", "15/1/2027", required=False, help_text="Leave empty for today. For example 15/1/2027."
    )
