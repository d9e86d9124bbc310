"""The forms of complaints' pages: the officers' list and record, each step of a stage, and the
resident's own complaint in the portal.

A response is point by point, with remedies and outstanding actions: a fixed number of blank
rows of each (``ROWS``) works without JavaScript; rows left empty are ignored, and a row
filled in part is passed to the service, which says in words what it lacks.
"""

from __future__ import annotations

from typing import Any

from django import forms

from tenantvoice.accounts.selectors import staff_accounts_to_choose
from tenantvoice.activities.fields import MeetingChoiceField, meetings_field_refresh
from tenantvoice.core.forms import date_field
from tenantvoice.core.pickers import PickerForm
from tenantvoice.core.plain_errors import PlainForm
from tenantvoice.residents.models import Property
from tenantvoice.residents.widgets import AreaField, ResidentField

from .models import CaseKind, CaseStatus, Category, Compliance, Determination, Outcome, ReceivedBy, RemedyKind
from .selectors import STATES
from .services import REFUSAL_REASONS

# Blank rows of points, remedies and actions on the response page; of findings and orders on
# the Ombudsman's determination; of changes on the learning form. The platform's choice: more
# than a response usually has, few enough to read (the service takes any number).
ROWS = 5
LEARNING_ACTION_ROWS = 3

TEXT = 20_000


def _text(
    label: str, *, rows: int = 4, required: bool = True, help_text: str = "", **kw: Any
) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=TEXT,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        **kw,
    )


def _staff(label: str, *, required: bool = False, empty: str = "No one chosen") -> forms.ModelChoiceField:  # type: ignore[type-arg]
    return forms.ModelChoiceField(
        label=label, queryset=staff_accounts_to_choose(), required=required, empty_label=empty
    )


def _categories() -> forms.ModelMultipleChoiceField:  # type: ignore[type-arg]
    return forms.ModelMultipleChoiceField(
        label="What it is about",
        queryset=Category.objects.filter(active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick all that apply. Administrators keep the list on the complaint categories page.",
    )


# --- The officers' list --------------------------------------------------------------------


class ComplaintFilterForm(PickerForm):
    """The list's filters (all optional), a GET form."""

    kind = forms.ChoiceField(
        label="Kind", required=False, choices=[("", "Complaints and requests"), *CaseKind.choices]
    )
    state = forms.ChoiceField(
        label="Stage or status",
        required=False,
        choices=[("", "Any"), *STATES.items(), *CaseStatus.choices],
    )
    category = forms.ModelChoiceField(
        label="Category", queryset=Category.objects.none(), required=False, empty_label="Any category"
    )
    area = AreaField(
        label="Area",
        required=False,
        help_text="Type the start of the area's name and press Find; leave it empty for all areas.",
    )
    handler = forms.ModelChoiceField(
        label="Handled by", queryset=staff_accounts_to_choose().none(), required=False, empty_label="Anyone"
    )
    received_from = date_field("Received on or after", "1/4/2026", required=False)
    received_to = date_field("Received on or before", "31/3/2027", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.all()  # type: ignore[attr-defined]
        self.fields["handler"].queryset = staff_accounts_to_choose()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("received_from"), data.get("received_to")
        if start and end and end < start:
            self.add_error("received_to", "The second date must be on or after the first.")
        return data

    def filters(self) -> dict[str, Any]:
        """What ``complaints_list`` is asked for (nothing while the form has problems)."""
        if not self.is_bound or not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "state": data["state"],
            "category_id": data["category"].pk if data["category"] else None,
            "area_id": data["area"].pk if data["area"] else None,
            "handler_id": data["handler"].pk if data["handler"] else None,
            "received_from": data["received_from"],
            "received_to": data["received_to"],
        }


# --- Recording -----------------------------------------------------------------------------


class ComplaintForm(PickerForm):
    """A complaint or a service request, from any channel."""

    kind = forms.ChoiceField(
        label="Is it a complaint or a service request?",
        choices=CaseKind.choices,
        initial=CaseKind.COMPLAINT,
        widget=forms.RadioSelect,
        help_text="A complaint is any expression of dissatisfaction, however made. A request for a "
        "service (a repair, a visit) is a service request; if the resident is unhappy with how it "
        "is handled, that is a complaint.",
    )
    resident = ResidentField(
        label="Resident",
        required=False,
        help_text="Search by name, person reference or postcode, then choose them. Leave it empty only "
        "if the person is not on the register, and give their name below.",
    )
    home_reference = forms.CharField(
        label="Home's property reference",
        required=False,
        max_length=64,
        help_text="Only if it is about a home other than the resident's current one.",
    )
    received_by = forms.ChoiceField(label="How it was made", choices=[("", "Choose"), *ReceivedBy.choices])
    made_by_name = forms.CharField(
        label="Made by (if not the resident)",
        required=False,
        max_length=200,
        help_text="A relative, an advocate, a councillor or MP acting for the resident, or the person "
        "making it if they are not on the register.",
    )
    made_by_relationship = forms.CharField(
        label="Their relationship to the resident", required=False, max_length=120
    )
    received_on = date_field("Received on", "17/4/2025")
    matter_on = date_field(
        "When it happened",
        "2/4/2025",
        required=False,
        help_text="Or when the resident became aware of it. For example 2/4/2025.",
    )
    categories = _categories()
    what_went_wrong = _text("What went wrong", rows=6, help_text="In the resident's words if you can.")
    outcome_wanted = _text("What the resident wants to happen", required=False)
    handler = _staff("Handled by", empty="Not chosen yet")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["categories"].queryset = Category.objects.filter(active=True)  # type: ignore[attr-defined]
        self.fields["handler"].queryset = staff_accounts_to_choose()  # type: ignore[attr-defined]

    def clean_home_reference(self) -> Property | None:
        reference = str(self.cleaned_data.get("home_reference") or "").strip()
        if not reference:
            return None
        home = Property.objects.filter(hms_ref__iexact=reference).first()
        if home is None:
            raise forms.ValidationError("There is no home with that property reference. Check it.")
        return home


class ResidentComplaintForm(PlainForm):
    """A resident's own complaint, in their words (the portal)."""

    what_went_wrong = _text(
        "What went wrong?",
        rows=7,
        help_text="Tell us what happened, in your own words. Include dates and names if you have them.",
        error_messages={"required": "Tell us what went wrong."},
    )
    outcome_wanted = _text(
        "What would put it right?",
        required=False,
        help_text="For example, a repair done, an apology, or something changed.",
    )
    matter_on = date_field(
        "When did it happen?",
        "2/4/2025",
        required=False,
        help_text="Or when you found out about it. For example 2/4/2025. Leave it empty if you are not sure.",
    )


# --- The steps of a stage ------------------------------------------------------------------


class AssignForm(PlainForm):
    prefix = "as"

    handler = _staff("Handled by", required=True, empty="Choose who handles it")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = staff_accounts_to_choose()  # type: ignore[attr-defined]
        self.fields["handler"].error_messages["required"] = "Choose who handles this stage."


class AcknowledgeForm(PlainForm):
    prefix = "ack"

    acknowledged_on = date_field("Acknowledged on", "24/4/2025")
    defined_as = _text(
        "The complaint as understood",
        help_text="What you understand the complaint to be, and the outcome the resident wants. The "
        "resident is sent it, so they can say if it is wrong.",
        error_messages={"required": "Say what you understand the complaint to be."},
    )
    late_reason = _text("Why it is late (only if it is)", rows=2, required=False)


class ExtendForm(PlainForm):
    prefix = "ext"

    new_date = date_field("New date for the response", "12/5/2025")
    reason = _text(
        "Why more time is needed",
        rows=3,
        help_text="The resident is told the reason, the new date and the Ombudsman's contact details.",
        error_messages={"required": "Give the reason for the extension."},
    )
    agreed_on = date_field("Decided on", "1/5/2025", required=False, help_text="Leave it empty for today.")


class EscalateForm(PlainForm):
    prefix = "esc"

    requested_on = date_field(
        "The resident asked on",
        "12/5/2025",
        help_text="The resident does not have to say why they want the next stage.",
    )


class RefuseForm(PlainForm):
    prefix = "ref"

    reason = forms.ChoiceField(
        label="Why it is not accepted",
        choices=[("", "Choose"), *REFUSAL_REASONS.items()],
        error_messages={"required": "Choose why it is not accepted."},
    )
    detail = _text(
        "The explanation for the resident",
        help_text="A detailed explanation. The letter adds their right to go to the Ombudsman.",
        error_messages={"required": "Write the explanation for the resident, in detail."},
    )
    refused_on = date_field("Decided on", "24/4/2025")


class WithdrawForm(PlainForm):
    prefix = "wd"

    withdrawn_on = date_field("Withdrawn on", "24/4/2025")
    note = _text(
        "How and why the resident withdrew it",
        rows=3,
        error_messages={"required": "Note how and why the resident withdrew it."},
    )


class NewIssueForm(PlainForm):
    prefix = "ni"

    detail = _text("The new issue", rows=3, error_messages={"required": "Say what the new issue is."})
    related = forms.TypedChoiceField(
        label="Is it related to this complaint?",
        choices=[
            ("yes", "Yes: join it to this complaint and answer it in the same response"),
            ("no", "No: log it as a new complaint of its own"),
        ],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether it is related to this complaint."},
    )
    received_on = date_field("Raised on", "24/4/2025")


class RequestToComplaintForm(PlainForm):
    prefix = "rc"

    what_went_wrong = _text(
        "What the resident is unhappy with",
        help_text="About how the service request has been handled.",
        error_messages={"required": "Say what the resident is unhappy with."},
    )
    received_on = date_field("Received on", "24/4/2025")
    received_by = forms.ChoiceField(label="How it was made", choices=[("", "Choose"), *ReceivedBy.choices])


class CloseRequestForm(PlainForm):
    prefix = "cl"

    closed_on = date_field("Done on", "24/4/2025")


def _learning_fields(form: forms.Form, *, prefix_label: str = "") -> None:
    form.fields["what_learnt"] = _text(
        "What was learnt", rows=3, required=False, help_text="What went wrong in the service, not who."
    )
    form.fields["change_made"] = _text("The change made or planned", rows=3, required=False)
    form.fields["public"] = forms.BooleanField(
        label="Show it in “You said, we did”, without the resident's details", required=False, initial=True
    )


class LearningForm(PlainForm):
    prefix = "ln"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _learning_fields(self)
        self.fields["what_learnt"].required = True
        self.fields["change_made"].required = True
        self.fields["what_learnt"].error_messages["required"] = "Say what was learnt."
        self.fields["change_made"].error_messages["required"] = "Say what will change because of it."
        for n in range(1, LEARNING_ACTION_ROWS + 1):
            self.fields[f"action_{n}_title"] = forms.CharField(
                label=f"Step {n}: what will be done", required=False, max_length=300
            )
            self.fields[f"action_{n}_due_on"] = date_field(f"Step {n}: done by", "30/6/2025", required=False)

    def actions(self) -> list[dict[str, Any]]:
        data = self.cleaned_data
        return [
            {"title": data[f"action_{n}_title"], "due_on": data[f"action_{n}_due_on"]}
            for n in range(1, LEARNING_ACTION_ROWS + 1)
            if data[f"action_{n}_title"] or data[f"action_{n}_due_on"]
        ]

    def service_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "what_learnt": data["what_learnt"],
            "change_made": data["change_made"],
            "public": data["public"],
            "actions": self.actions(),
        }


class RespondForm(PlainForm):
    """A stage's response: the letter, each point with its decision and reasons, the remedies,
    the outstanding actions, and what was learnt (needed when a point is upheld)."""

    responded_on = date_field("Date of the response", "8/5/2025")
    response = _text(
        "The response to the resident",
        rows=8,
        help_text="The letter's words. The decisions, remedies, actions and how to escalate are added "
        "to it, point by point.",
        error_messages={"required": "Write the response to the resident."},
    )
    late_reason = _text("Why it is late (only if it is)", rows=2, required=False)
    how_to_escalate = _text(
        "How to escalate",
        rows=3,
        required=False,
        help_text="Leave it empty for the usual words: the next stage, or the Ombudsman after the last.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        point_choices = [("", "The whole complaint"), *((str(n), f"Point {n}") for n in range(1, ROWS + 1))]
        for n in range(1, ROWS + 1):
            self.fields[f"point_{n}_summary"] = _text(
                f"Point {n}: what the resident complained of", rows=2, required=False
            )
            self.fields[f"point_{n}_decision"] = forms.ChoiceField(
                label=f"Point {n}: decision", required=False, choices=[("", "Choose"), *Outcome.choices]
            )
            self.fields[f"point_{n}_reasons"] = _text(f"Point {n}: reasons", rows=2, required=False)
        for n in range(1, ROWS + 1):
            self.fields[f"remedy_{n}_kind"] = forms.ChoiceField(
                label=f"Remedy {n}: kind", required=False, choices=[("", "None"), *RemedyKind.choices]
            )
            self.fields[f"remedy_{n}_point"] = forms.ChoiceField(
                label=f"Remedy {n}: for", required=False, choices=point_choices
            )
            self.fields[f"remedy_{n}_description"] = forms.CharField(
                label=f"Remedy {n}: what we will do", required=False, max_length=2000
            )
            self.fields[f"remedy_{n}_amount"] = forms.CharField(
                label=f"Remedy {n}: compensation (£)",
                required=False,
                max_length=20,
                help_text="Only for compensation. For example 150.00.",
            )
            self.fields[f"remedy_{n}_amount_reason"] = forms.CharField(
                label=f"Remedy {n}: why this amount", required=False, max_length=2000
            )
        for n in range(1, ROWS + 1):
            self.fields[f"action_{n}_title"] = forms.CharField(
                label=f"Action {n}: what will be done", required=False, max_length=300
            )
            self.fields[f"action_{n}_due_on"] = date_field(
                f"Action {n}: done by", "30/6/2025", required=False
            )
            self.fields[f"action_{n}_owner"] = _staff(f"Action {n}: owner", empty="The stage's handler")
            self.fields[f"action_{n}_owner"].queryset = staff_accounts_to_choose()  # type: ignore[attr-defined]
        _learning_fields(self)

    def _row(self, kind: str, n: int, names: tuple[str, ...]) -> dict[str, Any]:
        return {name: self.cleaned_data.get(f"{kind}_{n}_{name}") for name in names}

    def points(self) -> tuple[list[dict[str, Any]], dict[int, int]]:
        """The points filled in (in part or whole), and each row number's index among them."""
        points: list[dict[str, Any]] = []
        index: dict[int, int] = {}
        for n in range(1, ROWS + 1):
            row = self._row("point", n, ("summary", "decision", "reasons"))
            if any(row.values()):
                index[n] = len(points)
                points.append(row)
        return points, index

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _, index = self.points()
        for n in range(1, ROWS + 1):
            point = data.get(f"remedy_{n}_point")
            filled = data.get(f"remedy_{n}_kind") or data.get(f"remedy_{n}_description")
            if filled and point and int(point) not in index:
                self.add_error(f"remedy_{n}_point", f"Remedy {n} is for point {point}, which is empty.")
        return data

    def service_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        points, index = self.points()
        remedies = []
        for n in range(1, ROWS + 1):
            row = self._row("remedy", n, ("kind", "description", "amount", "amount_reason"))
            if any(row.values()):
                point = data.get(f"remedy_{n}_point")
                remedies.append({**row, "point": index[int(point)] if point else None})
        actions = []
        for n in range(1, ROWS + 1):
            title, due_on, owner = (data.get(f"action_{n}_{k}") for k in ("title", "due_on", "owner"))
            if title or due_on or owner:
                actions.append({"title": title or "", "due_on": due_on, "owner_user": owner})
        learning = None
        if data.get("what_learnt") or data.get("change_made"):
            learning = {
                "what_learnt": data.get("what_learnt", ""),
                "change_made": data.get("change_made", ""),
                "public": data.get("public", False),
            }
        return {
            "responded_on": data["responded_on"],
            "response": data["response"],
            "late_reason": data.get("late_reason", ""),
            "how_to_escalate": data.get("how_to_escalate", ""),
            "points": points,
            "remedies": remedies,
            "actions": actions,
            "learning": learning,
        }


class RemedyPaidForm(PlainForm):
    prefix = "paid"

    paid_on = date_field("Paid on", "20/5/2025")


# --- The Ombudsman -------------------------------------------------------------------------


class OmbudsmanCaseForm(PlainForm):
    prefix = "omb"

    reference = forms.CharField(
        label="The Ombudsman's case reference",
        max_length=40,
        error_messages={"required": "Give the Ombudsman's case reference."},
    )
    referred_on = date_field("Referred on", "1/7/2025")
    summary = _text("What the resident asked the Ombudsman to look at", rows=3, required=False)


class DeterminationForm(PlainForm):
    determined_on = date_field("Date of the determination", "1/12/2025")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for n in range(1, ROWS + 1):
            self.fields[f"finding_{n}_issue"] = forms.CharField(
                label=f"Issue {n}", required=False, max_length=2000
            )
            self.fields[f"finding_{n}_determination"] = forms.ChoiceField(
                label=f"Issue {n}: the Ombudsman's finding",
                required=False,
                choices=[("", "Choose"), *Determination.choices],
            )
        for n in range(1, ROWS + 1):
            self.fields[f"order_{n}_order"] = forms.CharField(
                label=f"Order {n}: what was ordered", required=False, max_length=2000
            )
            self.fields[f"order_{n}_comply_by"] = date_field(
                f"Order {n}: comply by", "15/1/2026", required=False
            )
            self.fields[f"order_{n}_compensation_ordered"] = forms.CharField(
                label=f"Order {n}: compensation ordered (£)", required=False, max_length=20
            )

    def service_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        findings = [
            {"issue": data[f"finding_{n}_issue"], "determination": data[f"finding_{n}_determination"]}
            for n in range(1, ROWS + 1)
            if data[f"finding_{n}_issue"] or data[f"finding_{n}_determination"]
        ]
        orders = [
            {
                "order": data[f"order_{n}_order"],
                "comply_by": data[f"order_{n}_comply_by"],
                "compensation_ordered": data[f"order_{n}_compensation_ordered"],
            }
            for n in range(1, ROWS + 1)
            if data[f"order_{n}_order"]
            or data[f"order_{n}_comply_by"]
            or data[f"order_{n}_compensation_ordered"]
        ]
        return {"determined_on": data["determined_on"], "findings": findings, "orders": orders}


class OrderCompliedForm(PlainForm):
    prefix = "oc"

    complied_on = date_field("Complied with on", "10/1/2026")
    compensation_paid = forms.CharField(
        label="Compensation paid (£)",
        required=False,
        max_length=20,
        help_text="Only if it ordered compensation.",
    )


# --- Categories ----------------------------------------------------------------------------


class CategoryForm(PlainForm):
    name = forms.CharField(
        label="Name", max_length=120, error_messages={"required": "Give the category a name."}
    )
    description = forms.CharField(label="Description", max_length=300, required=False)
    order = forms.IntegerField(
        label="Order in lists",
        min_value=0,
        max_value=32767,
        initial=0,
        required=False,
        help_text="Lower numbers come first; categories with the same number are in alphabetical order.",
    )
    active = forms.BooleanField(
        label="In use",
        required=False,
        initial=True,
        help_text="Untick to retire it: it stays on the complaints that have it, "
        "but is not offered for new ones.",
    )

    def clean_order(self) -> int:
        return int(self.cleaned_data.get("order") or 0)


# --- The annual report and the self-assessment (issue 17 item 7) ----------------------------

TEXTAREA = forms.Textarea(attrs={"rows": 3})


class AnnualReportForm(PlainForm):
    prefix = "ar"

    member_responsible = forms.CharField(
        label="Member Responsible for Complaints",
        max_length=200,
        required=False,
        help_text="The member of the governing body the Code asks for, by name.",
    )
    member_responsible_user = forms.ModelChoiceField(
        label="Their account, if they read the reports here",
        queryset=staff_accounts_to_choose().none(),
        required=False,
        empty_label="No account",
    )
    commentary = forms.CharField(
        label="Commentary",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What the figures show, and what will change because of them.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member_responsible_user"].queryset = staff_accounts_to_choose()  # type: ignore[attr-defined]


class PresentedForm(PlainForm):
    prefix = "pr"

    meeting = MeetingChoiceField(
        label="Meeting of the governing body it was presented at",
        held_only=True,
        empty_label="Choose the meeting",
        error_messages={"required": "Choose the meeting it was presented at."},
    )
    response = forms.CharField(
        label="The governing body's response",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Published alongside it.",
        error_messages={"required": "Give the governing body's response."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        meetings_field_refresh(self.fields["meeting"])


class PublishedForm(PlainForm):
    prefix = "pub"

    published_on = date_field("Date of publication", required=False, help_text="Leave empty for today.")


class AssessmentItemForm(PlainForm):
    compliance = forms.ChoiceField(
        label="Do we comply?",
        choices=Compliance.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether you comply, partly comply or do not comply."},
    )
    evidence = forms.CharField(
        label="Evidence",
        widget=TEXTAREA,
        error_messages={"required": "Give the evidence."},
    )
    commentary = forms.CharField(label="Commentary", required=False, widget=TEXTAREA)


class AssessmentActionForm(PlainForm):
    title = forms.CharField(
        label="Action to meet it", max_length=300, error_messages={"required": "Say what will be done."}
    )
    due_on = date_field("Done by")
    owner_name = forms.CharField(label="Who will do it", max_length=200, required=False)


class AssessmentProvisionForm(PlainForm):
    prefix = "prov"

    number = forms.CharField(
        label="Provision number",
        max_length=12,
        help_text="As the Code numbers it, for example 8.1.",
        error_messages={"required": "Give the provision's number."},
    )
    section = forms.CharField(
        label="Section", max_length=120, required=False, help_text="Leave empty to use the number's section."
    )
    text = forms.CharField(
        label="The provision's words, copied from the Code",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the provision's words, copied from the Code."},
    )
    source = forms.URLField(
        assume_scheme="https",
        label="Where the words were copied from (web address)",
        required=False,
        max_length=400,
    )
