"""Officers' pages of complaints and service requests under /staff/complaints/.

Those who read residents' records (managers too) read complaints; officers who handle them
(``HANDLE_COMPLAINTS``) record them and each step of each stage. Every form posts to its own
address, calls one service, and comes back to the complaint's page, or shows the page again
with the service's refusal in words (decision 0032). A step the service refuses writes
nothing: each service is one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from tenantvoice.core.access import require_capability
from tenantvoice.core.audit import audit_record
from tenantvoice.core.errors import DomainError
from tenantvoice.core.form_action import form_action, redirect_with_message
from tenantvoice.core.http import posted
from tenantvoice.core.models import AuditAction
from tenantvoice.core.plain_errors import PlainForm
from tenantvoice.core.roles import Capability, has_capability
from tenantvoice.core.tables import Table, download
from tenantvoice.core.working_days import landlord_nation

from ..forms import (
    AcknowledgeForm,
    AssignForm,
    CategoryForm,
    CloseRequestForm,
    ComplaintFilterForm,
    ComplaintForm,
    DeterminationForm,
    EscalateForm,
    ExtendForm,
    LearningForm,
    NewIssueForm,
    OmbudsmanCaseForm,
    OrderCompliedForm,
    RefuseForm,
    RemedyPaidForm,
    RequestToComplaintForm,
    RespondForm,
    WithdrawForm,
)
from ..models import CaseKind, Category, Complaint, OmbudsmanCase, Order, Remedy, RemedyKind, Stage
from ..procedures import procedure_get
from ..selectors import (
    access_complaint_for_staff,
    can_escalate,
    complaints_list,
    escalation_words,
    ombudsman_contact,
)
from ..services import (
    REFUSAL_REASONS,
    category_save,
    complaint_record,
    complaint_refuse,
    complaint_withdraw,
    learning_record,
    new_issue_raise,
    ombudsman_case_record,
    ombudsman_determine,
    ombudsman_order_comply,
    remedy_paid,
    request_close,
    request_to_complaint,
    stage_acknowledge,
    stage_assign,
    stage_escalate,
    stage_extend,
    stage_respond,
)

PAGE_SIZE = 50
REFUSALS = (DomainError,)


# --- The list ------------------------------------------------------------------------------


def _current(complaint: Complaint) -> Stage | None:
    stages = list(complaint.stages.all())
    return stages[-1] if stages else None


def _late_now(complaint: Complaint, stage: Stage | None, today: dt.date) -> bool:
    return (
        complaint.is_open
        and stage is not None
        and (stage.acknowledgement_overdue(today) or stage.response_overdue(today))
    )


def _row(complaint: Complaint, today: dt.date) -> dict[str, Any]:
    stages = list(complaint.stages.all())
    current = stages[-1] if stages else None
    return {
        "complaint": complaint,
        "stage": current,
        "late_now": _late_now(complaint, current, today),
        "was_late": any(s.acknowledged_late or s.responded_late for s in stages),
        "categories": [c.name for c in complaint.categories.all()],
    }


def _who(complaint: Complaint) -> str:
    if complaint.resident is not None:
        return complaint.resident.full_name
    return complaint.made_by_name


def _table(complaints: Any, today: dt.date) -> Table:
    headers = [
        "Reference",
        "Kind",
        "Resident",
        "Made by (if not the resident)",
        "Home",
        "Area",
        "Received",
        "How it was made",
        "Categories",
        "Status",
        "Stage",
        "Handled by",
        "Acknowledge by",
        "Acknowledged on",
        "Respond by",
        "Responded on",
        "Late now",
        "A step was late",
    ]
    rows = []
    for complaint in complaints:
        row = _row(complaint, today)
        stage = row["stage"]
        rows.append(
            [
                complaint.reference,
                complaint.get_kind_display(),
                complaint.resident.full_name if complaint.resident else "",
                complaint.made_by_name,
                complaint.home.one_line_address if complaint.home else "",
                complaint.area.full_name if complaint.area else "",
                complaint.received_on,
                complaint.get_received_by_display(),
                "; ".join(row["categories"]),
                complaint.get_status_display(),
                stage.name if stage else "",
                str(stage.handler) if stage and stage.handler else "",
                stage.acknowledge_due if stage else None,
                stage.acknowledged_on if stage else None,
                stage.respond_by if stage else None,
                stage.responded_on if stage else None,
                "Late" if row["late_now"] else "",
                "Yes" if row["was_late"] else "",
            ]
        )
    return Table("Complaints and service requests", headers, rows)


@require_capability(Capability.VIEW_RESIDENTS)
def complaint_list(request: HttpRequest) -> HttpResponse:
    """Complaints and requests, newest first, filtered; the same list as CSV or XLSX."""
    today = timezone.localdate()
    form = ComplaintFilterForm(request.GET or None, request=request)
    complaints = complaints_list(on=today, **form.filters())
    kind = request.GET.get("format", "")
    if kind in ("csv", "xlsx") and not form.errors:
        table = _table(complaints.iterator(chunk_size=2000), today)
        audit_record(
            actor=request.user,
            action=AuditAction.EXPORT,
            object_type="complaint",
            summary=f"Downloaded the list of complaints ({len(table.rows)} rows) as {kind.upper()}",
            request=request,
        )
        exported = download([table], kind, f"complaints-{today:%Y-%m-%d}")
        if exported is not None:
            return exported
    page_obj = Paginator(complaints, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    return render(
        request,
        "complaints/staff_list.html",
        {
            "form": form,
            "page_obj": page_obj,
            "rows": [_row(c, today) for c in page_obj],
            "today": today,
            "query": query.urlencode(),
            "query_without_page": f"{query.urlencode()}&" if query else "",
            "can_handle": has_capability(request.user, Capability.HANDLE_COMPLAINTS),
        },
        status=400 if form.errors else 200,
    )


# --- Recording -----------------------------------------------------------------------------


@require_capability(Capability.HANDLE_COMPLAINTS)
def complaint_new(request: HttpRequest) -> HttpResponse:
    """A complaint or service request from any channel, for a resident found on the register."""
    initial = {"received_on": timezone.localdate(), "resident": request.GET.get("resident") or None}
    return form_action(
        request,
        ComplaintForm(posted(request), initial=initial, request=request),
        lambda data: complaint_record(by=request.user, **_record_data(data)),
        success=lambda made: redirect_with_message(
            request, f"{made.get_kind_display()} {made.reference} recorded.", "staff:complaint", pk=made.pk
        ),
        page=lambda form: render(request, "complaints/staff_new.html", {"form": form}),
        refusals=REFUSALS,
    )


def _record_data(data: dict[str, Any]) -> dict[str, Any]:
    data = dict(data)
    data["home"] = data.pop("home_reference")
    data["categories"] = list(data["categories"])
    return data


# --- One complaint -------------------------------------------------------------------------

# The forms on the complaint's page, by the name the template knows them by.
FORMS: dict[str, Callable[..., PlainForm]] = {
    "assign_form": AssignForm,
    "acknowledge_form": AcknowledgeForm,
    "extend_form": ExtendForm,
    "escalate_form": EscalateForm,
    "refuse_form": RefuseForm,
    "withdraw_form": WithdrawForm,
    "new_issue_form": NewIssueForm,
    "to_complaint_form": RequestToComplaintForm,
    "close_form": CloseRequestForm,
    "learning_form": LearningForm,
    "ombudsman_form": OmbudsmanCaseForm,
}


def _initial(today: dt.date, stage: Stage | None) -> dict[str, dict[str, Any]]:
    return {
        "assign_form": {"handler": stage.handler_id if stage else None},
        "acknowledge_form": {"acknowledged_on": today},
        "escalate_form": {"requested_on": today},
        "refuse_form": {"refused_on": today},
        "withdraw_form": {"withdrawn_on": today},
        "new_issue_form": {"received_on": today},
        "to_complaint_form": {"received_on": today},
        "close_form": {"closed_on": today},
        "ombudsman_form": {"referred_on": today},
    }


def _complaint_page(request: HttpRequest, complaint: Complaint, **forms: PlainForm) -> HttpResponse:
    """The complaint's whole record; for officers who handle complaints, the form of each step
    open to it now (``forms`` holds a refused one, shown with its problems)."""
    today = timezone.localdate()
    stages = list(complaint.stages.all())
    current = stages[-1] if stages else None
    procedure = procedure_get(complaint.procedure)
    rule = procedure.stage_by_key(current.key) if current else None
    latest = rule.latest_extension(current.respond_due, landlord_nation()) if current and rule else None
    for stage in stages:
        stage.ack_overdue = stage.acknowledgement_overdue(today)  # type: ignore[attr-defined]
        stage.resp_overdue = stage.response_overdue(today)  # type: ignore[attr-defined]
        for remedy in stage.remedies.all():
            if remedy.kind == RemedyKind.COMPENSATION and remedy.paid_on is None:
                remedy.paid_form = forms.get(f"paid_{remedy.pk}") or RemedyPaidForm(  # type: ignore[attr-defined]
                    prefix=f"paid{remedy.pk}", initial={"paid_on": today}
                )
    cases = list(
        OmbudsmanCase.objects.filter(complaint=complaint)
        .prefetch_related("findings", "orders")
        .order_by("-referred_on", "-pk")
    )
    for case in cases:
        for order in case.orders.all():
            if order.complied_on is None:
                order.complied_form = forms.get(f"complied_{order.pk}") or OrderCompliedForm(  # type: ignore[attr-defined]
                    prefix=f"oc{order.pk}", initial={"complied_on": today}
                )
            order.is_overdue = order.overdue(today)  # type: ignore[attr-defined]
    can_handle = has_capability(request.user, Capability.HANDLE_COMPLAINTS)
    is_complaint = complaint.kind == CaseKind.COMPLAINT
    stage_open = complaint.is_open and current is not None and current.responded_on is None
    acknowledged = current is not None and (
        current.acknowledge_due is None or current.acknowledged_on is not None
    )
    steps = {
        "assign": stage_open,
        "acknowledge": stage_open and not acknowledged,
        "extend": stage_open and acknowledged,
        "respond": stage_open and acknowledged,
        "new_issue": stage_open and len(stages) == 1,
        "refuse": is_complaint and complaint.is_open and not any(s.responded_on for s in stages),
        "withdraw": complaint.is_open,
        "escalate": can_escalate(complaint, today),
        "to_complaint": complaint.kind == CaseKind.SERVICE_REQUEST,
        "close": complaint.kind == CaseKind.SERVICE_REQUEST and complaint.is_open,
        "learning": is_complaint,
        "ombudsman": is_complaint and any(s.responded_on for s in stages),
    }
    context: dict[str, Any] = {
        "complaint": complaint,
        "stages": stages,
        "current": current,
        "procedure": procedure,
        "latest_extension": latest,
        "max_extension": rule.max_extension_working_days if rule else None,
        "actions": complaint.actions.top_level()
        .select_related("owner_user", "owner_group")
        .order_by("due_on", "pk"),
        "cases": cases,
        "refusal_reason": REFUSAL_REASONS.get(complaint.refusal_reason, ""),
        "ombudsman": ombudsman_contact(complaint.procedure),
        "next_stage": procedure.stage(current.number + 1) if current else None,
        "today": today,
        "can_handle": can_handle,
        "steps": steps if can_handle else {},
    }
    if can_handle:
        initial = _initial(today, current)
        for name, form_class in FORMS.items():
            context[name] = forms.get(name) or form_class(initial=initial.get(name))
    refused = next((f for f in forms.values() if f.errors), None)
    context["form"] = refused
    return render(request, "complaints/staff_detail.html", context, status=400 if refused else 200)


@require_capability(Capability.VIEW_RESIDENTS)
def complaint_detail(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = access_complaint_for_staff(pk)
    audit_record(
        actor=request.user,
        action=AuditAction.VIEW,
        object_type="complaint",
        object_id=complaint.pk,
        resident_id=complaint.resident_id,
        summary=f"Viewed {complaint.get_kind_display().lower()} {complaint.reference}",
        request=request,
    )
    return _complaint_page(request, complaint)


def _act(
    request: HttpRequest,
    pk: int,
    name: str,
    form: PlainForm,
    service: Callable[[Complaint, Stage | None, dict[str, Any]], Any],
    message: str | Callable[[Any], str],
) -> HttpResponse:
    """One of the complaint page's forms: do it and go back to the page (or to the complaint
    it made), or show the page again with the form's problems."""
    complaint = access_complaint_for_staff(pk)
    current = _current(complaint)

    def success(result: Any) -> HttpResponse:
        words = message(result) if callable(message) else message
        to = result.pk if isinstance(result, Complaint) else pk
        return redirect_with_message(request, words, "staff:complaint", pk=to)

    return form_action(
        request,
        form,
        lambda data: service(complaint, current, data),
        success=success,
        page=lambda bound: _complaint_page(request, complaint, **{name: bound}),
        refusals=REFUSALS,
    )


def _stage(stage: Stage | None) -> Stage:
    if stage is None:
        raise DomainError("A service request has no stages: make it a complaint first.")
    return stage


@require_POST
@require_capability(Capability.HANDLE_COMPLAINTS)
def complaint_assign(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        "assign_form",
        AssignForm(request.POST),
        lambda c, s, data: stage_assign(stage=_stage(s), handler=data["handler"], by=request.user),
        "Handler chosen.",
    )


@require_POST
@require_capability(Capability.HANDLE_COMPLAINTS)
def complaint_acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        "acknowledge_form",
        AcknowledgeForm(request.POST),
        lambda c, s, data: stage_acknowledge(stage=_stage(s), by=request.user, **data),
        lambda stage: (
            f"Acknowledged. The response is due by {stage.respond_by:%-d %B %Y}; the resident is told."
        ),
    )


@require_POST
@require_capability(Capability.HANDLE_COMPLAINTS)
def complaint_extend(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        "extend_form",
        ExtendForm(request.POST),
        lambda c, s, data: stage_extend(stage=_stage(s), by=request.user, **data),
        lambda extension: (
            f"Extended to {extension.new_date:%-d %B %Y}. The resident is told the reason, "
            "the new date and the Ombudsman's contact details."
        ),
    )


@require_POST
@require_capability(Capability.HANDLE_COMPLAINTS)
def complaint_escalate(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        "escalate_form",
        EscalateForm(request.POST),
        lambda c, s, data: stage_escalate(complaint=c, by=request.user, **data),
        lambda stage: (
            f"{stage.name} opened. Acknowledge it by {stage.acknowledge_due:%-d %B %Y}."
            if stage.acknowledge_due
            else f"{stage.name} opened."
        ),
    )


@require_POST
@require_capability(Capability.HANDLE_COMPLAINTS)
def complaint_refuse_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        "refuse_form",
        RefuseForm(request.POST),
        lambda c, s, data: complaint_refuse(complaint=c, by=request.user, **data),
        "Recorded as not accepted. The resident is sent the reasons and their right to go to the Ombudsman.",
    )


@require_POST
@require_capability(Capability.HANDLE_COMPLAINTS)
def complaint_withdraw_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        "withdraw_form",
        WithdrawForm(request.POST),
        lambda c, s, data: complaint_withdraw(complaint=c, by=request.user, **data),
        "Recorded as withdrawn.",
    )


@require_POST
@require_capability(Capability.HANDLE_COMPLAINTS)
def complaint_new_issue(request: HttpRequest, pk: int) -> HttpResponse:
    def raise_issue(complaint: Complaint, stage: Stage | None, data: dict[str, Any]) -> Complaint:
        return new_issue_raise(complaint=complaint, by=request.user, **data)

    return _act(
        request,
        pk,
        "new_issue_form",
        NewIssueForm(request.POST),
        raise_issue,
        lambda made: (
            "The new issue is joined to this complaint."
            if made.pk == pk
            else f"The new issue is logged as complaint {made.reference}."
        ),
    )


@require_POST
@require_capability(Capability.HANDLE_COMPLAINTS)
def request_make_complaint(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        "to_complaint_form",
        RequestToComplaintForm(request.POST),
        lambda c, s, data: request_to_complaint(request=c, by=request.user, **data),
        lambda made: f"Complaint {made.reference} recorded from the service request.",
    )


@require_POST
@require_capability(Capability.HANDLE_COMPLAINTS)
def request_close_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        "close_form",
        CloseRequestForm(request.POST),
        lambda c, s, data: request_close(request=c, by=request.user, **data),
        "Service request closed.",
    )


@require_POST
@require_capability(Capability.HANDLE_COMPLAINTS)
def complaint_learning(request: HttpRequest, pk: int) -> HttpResponse:
    form = LearningForm(request.POST)
    return _act(
        request,
        pk,
        "learning_form",
        form,
        lambda c, s, data: learning_record(complaint=c, by=request.user, **form.service_data()),
        "Learning recorded; its steps are in the action tracker.",
    )


@require_POST
@require_capability(Capability.HANDLE_COMPLAINTS)
def complaint_ombudsman(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        "ombudsman_form",
        OmbudsmanCaseForm(request.POST),
        lambda c, s, data: ombudsman_case_record(complaint=c, by=request.user, **data),
        "Ombudsman's case recorded.",
    )


@require_POST
@require_capability(Capability.HANDLE_COMPLAINTS)
def remedy_paid_view(request: HttpRequest, pk: int) -> HttpResponse:
    remedy = get_object_or_404(Remedy.objects.select_related("stage"), pk=pk)
    form = RemedyPaidForm(request.POST, prefix=f"paid{remedy.pk}")
    return _act(
        request,
        remedy.stage.complaint_id,
        f"paid_{remedy.pk}",
        form,
        lambda c, s, data: remedy_paid(remedy=remedy, by=request.user, **data),
        f"Compensation of £{remedy.amount} recorded as paid.",
    )


@require_POST
@require_capability(Capability.HANDLE_COMPLAINTS)
def order_complied_view(request: HttpRequest, pk: int) -> HttpResponse:
    order = get_object_or_404(Order.objects.select_related("case__complaint"), pk=pk)
    form = OrderCompliedForm(request.POST, prefix=f"oc{order.pk}")
    return _act(
        request,
        order.case.complaint_id,
        f"complied_{order.pk}",
        form,
        lambda c, s, data: ombudsman_order_comply(order=order, by=request.user, **data),
        "The order is recorded as complied with.",
    )


@require_capability(Capability.HANDLE_COMPLAINTS)
def complaint_respond(request: HttpRequest, pk: int) -> HttpResponse:
    """The response to the current stage, point by point, on a page of its own."""
    complaint = access_complaint_for_staff(pk)
    stage = _current(complaint)
    form = RespondForm(posted(request), initial={"responded_on": timezone.localdate()})
    return form_action(
        request,
        form,
        lambda data: stage_respond(stage=_stage(stage), by=request.user, **form.service_data()),
        success=lambda answered: redirect_with_message(
            request,
            f"{answered.name} answered; the response is sent to the resident.",
            "staff:complaint",
            pk=pk,
        ),
        page=lambda bound: render(
            request,
            "complaints/staff_respond.html",
            {
                "form": bound,
                "complaint": complaint,
                "stage": stage,
                "escalation": escalation_words(stage) if stage else "",
                "point_rows": _rows(bound, "point", ("summary", "decision", "reasons")),
                "remedy_rows": _rows(
                    bound, "remedy", ("kind", "point", "description", "amount", "amount_reason")
                ),
                "action_rows": _rows(bound, "action", ("title", "due_on", "owner")),
                "today": timezone.localdate(),
            },
        ),
        refusals=REFUSALS,
    )


def _rows(form: PlainForm, kind: str, names: tuple[str, ...]) -> list[tuple[int, list[Any]]]:
    """The form's numbered rows of one kind, each a list of its bound fields, for a fieldset each."""
    from ..forms import ROWS

    return [(n, [form[f"{kind}_{n}_{name}"] for name in names]) for n in range(1, ROWS + 1)]


@require_capability(Capability.HANDLE_COMPLAINTS)
def ombudsman_determination(request: HttpRequest, pk: int) -> HttpResponse:
    """The Ombudsman's determination of a case: a finding on each issue, and its orders."""
    case = get_object_or_404(OmbudsmanCase.objects.select_related("complaint"), pk=pk)
    form = DeterminationForm(posted(request), initial={"determined_on": timezone.localdate()})
    return form_action(
        request,
        form,
        lambda data: ombudsman_determine(case=case, by=request.user, **form.service_data()),
        success=lambda _: redirect_with_message(
            request, "The Ombudsman's determination is recorded.", "staff:complaint", pk=case.complaint_id
        ),
        page=lambda bound: render(
            request,
            "complaints/staff_determination.html",
            {
                "form": bound,
                "case": case,
                "complaint": case.complaint,
                "finding_rows": _rows(bound, "finding", ("issue", "determination")),
                "order_rows": _rows(bound, "order", ("order", "comply_by", "compensation_ordered")),
            },
        ),
        refusals=REFUSALS,
    )


# --- Categories ----------------------------------------------------------------------------


@require_capability(Capability.HANDLE_COMPLAINTS)
def categories(request: HttpRequest) -> HttpResponse:
    """The landlord's list of complaint categories, and a form to add one."""
    return form_action(
        request,
        CategoryForm(posted(request), initial={"active": True, "order": 0}),
        lambda data: category_save(by=request.user, **data),
        success=lambda made: redirect_with_message(
            request, f"Category “{made.name}” added.", "staff:complaint-categories"
        ),
        page=lambda form: render(
            request,
            "complaints/staff_categories.html",
            {"form": form, "categories": Category.objects.order_by("-active", "order", "name")},
        ),
        refusals=REFUSALS,
    )


@require_capability(Capability.HANDLE_COMPLAINTS)
def category_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Rename a category, change its order, or retire it (it stays on old complaints)."""
    category = get_object_or_404(Category, pk=pk)
    initial = {
        "name": category.name,
        "description": category.description,
        "order": category.order,
        "active": category.active,
    }
    return form_action(
        request,
        CategoryForm(posted(request), initial=initial),
        lambda data: category_save(category=category, by=request.user, **data),
        success=lambda made: redirect_with_message(
            request, f"Category “{made.name}” saved.", "staff:complaint-categories"
        ),
        page=lambda form: render(
            request, "complaints/staff_category.html", {"form": form, "category": category}
        ),
        refusals=REFUSALS,
    )
