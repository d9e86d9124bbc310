"""Residents' pages under /my/complaints/: their own complaints and service requests, making a
complaint in their own words, what was decided, and asking for the next stage in one step
(the Code: the resident is never asked why). Anyone else's complaint is not found."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST

from tenantvoice.actions.models import Action
from tenantvoice.core.access import resident_required
from tenantvoice.core.errors import DomainError
from tenantvoice.core.form_action import form_action, redirect_with_message
from tenantvoice.core.forms import ButtonForm
from tenantvoice.core.http import posted
from tenantvoice.residents.models import Resident

from ..forms import ResidentComplaintForm
from ..models import CaseKind, Complaint, ReceivedBy
from ..procedures import procedure_get
from ..selectors import access_complaint_for_resident, can_escalate, ombudsman_contact, resident_complaints
from ..services import REFUSAL_REASONS, complaint_record, stage_escalate


@resident_required
def my_complaints(request: HttpRequest, resident: Resident) -> HttpResponse:
    today = timezone.localdate()
    rows = []
    for complaint in resident_complaints(resident)[:200]:
        stages = list(complaint.stages.all())
        rows.append({"complaint": complaint, "stage": stages[-1] if stages else None})
    return render(request, "complaints/portal_list.html", {"rows": rows, "today": today})


@resident_required
def complaint_make(request: HttpRequest, resident: Resident) -> HttpResponse:
    """A complaint in the resident's own words; received today, through their account."""
    return form_action(
        request,
        ResidentComplaintForm(posted(request)),
        lambda data: complaint_record(
            resident=resident,
            received_by=ReceivedBy.PORTAL,
            received_on=timezone.localdate(),
            by=request.user,
            **data,
        ),
        success=lambda made: redirect_with_message(
            request, "We have your complaint.", "portal:complaint-made", pk=made.pk
        ),
        page=lambda form: render(request, "complaints/portal_new.html", {"form": form}),
        refusals=(DomainError,),
    )


@resident_required
def complaint_made(request: HttpRequest, resident: Resident, pk: int) -> HttpResponse:
    """The confirmation: the reference, and by when we will write."""
    complaint = access_complaint_for_resident(resident, pk)
    stages = list(complaint.stages.all())
    return render(
        request,
        "complaints/portal_made.html",
        {"complaint": complaint, "stage": stages[0] if stages else None},
    )


def _page(request: HttpRequest, resident: Resident, complaint: Complaint, form: Any = None) -> HttpResponse:
    today = timezone.localdate()
    stages = list(complaint.stages.all())
    for stage in stages:
        stage.ack_overdue = stage.acknowledgement_overdue(today)  # type: ignore[attr-defined]
        stage.resp_overdue = stage.response_overdue(today)  # type: ignore[attr-defined]
    current = stages[-1] if stages else None
    procedure = procedure_get(complaint.procedure)
    actions = Action.objects.filter(complaint=complaint, parent__isnull=True).order_by("due_on", "pk")
    return render(
        request,
        "complaints/portal_detail.html",
        {
            "complaint": complaint,
            "stages": stages,
            "current": current,
            "next_stage": procedure.stage(current.number + 1) if current else None,
            "can_escalate": complaint.kind == CaseKind.COMPLAINT and can_escalate(complaint, today),
            "actions": actions,
            "refusal_reason": REFUSAL_REASONS.get(complaint.refusal_reason, ""),
            "ombudsman": ombudsman_contact(complaint.procedure),
            "form": form,
            "today": today,
        },
        status=400 if form is not None and form.errors else 200,
    )


@resident_required
def my_complaint(request: HttpRequest, resident: Resident, pk: int) -> HttpResponse:
    return _page(request, resident, access_complaint_for_resident(resident, pk))


@require_POST
@resident_required
def my_complaint_escalate(request: HttpRequest, resident: Resident, pk: int) -> HttpResponse:
    """Ask for the next stage: one button, no reason asked."""
    complaint = access_complaint_for_resident(resident, pk)
    return form_action(
        request,
        ButtonForm(request.POST),
        lambda _: stage_escalate(complaint=complaint, requested_on=timezone.localdate(), by=request.user),
        success=lambda stage: redirect_with_message(
            request,
            f"You have asked for {stage.name} of your complaint. We will write to you by "
            f"{stage.acknowledge_due or stage.respond_by:%-d %B %Y}.",
            "portal:complaint",
            pk=pk,
        ),
        page=lambda form: _page(request, resident, complaint, form),
        refusals=(DomainError,),
    )
