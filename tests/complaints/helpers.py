"""Complaints made for tests of other parts (the role matrix, query counts, subject access)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone


def complaint_answered(resident: Any, handler: Any) -> dict[str, Any]:
    """A complaint of ``resident``'s answered by ``handler``, with one of each thing its pages
    name, by URL name."""
    from tenantvoice.complaints.services import (
        category_save,
        complaint_record,
        ombudsman_case_record,
        ombudsman_determine,
        stage_acknowledge,
        stage_assign,
        stage_respond,
    )

    received = timezone.localdate() - dt.timedelta(days=30)
    from tenantvoice.complaints.models import Category

    name = f"Repairs {resident.pk}"
    category = Category.objects.filter(name=name).first() or category_save(name=name)
    complaint = complaint_record(
        resident=resident,
        received_on=received,
        received_by="phone",
        what_went_wrong="Damp in the bedroom",
        categories=[category],
    )
    stage = complaint.stages.get()
    stage_assign(stage=stage, handler=handler)
    stage_acknowledge(stage=stage, acknowledged_on=received, defined_as="Damp not treated")
    stage_respond(
        stage=stage,
        responded_on=received + dt.timedelta(days=3),
        response="We are sorry.",
        points=[{"summary": "Damp", "decision": "upheld", "reasons": "Not treated"}],
        remedies=[
            {"kind": "compensation", "description": "For the delay", "amount": "50", "amount_reason": "£50"}
        ],
        actions=[{"title": "Treat the damp", "due_on": received + dt.timedelta(days=40)}],
        learning={"what_learnt": "Damp reports were lost", "change_made": "A damp log"},
    )
    case = ombudsman_case_record(
        complaint=complaint, reference="2025001", referred_on=received + dt.timedelta(days=5)
    )
    ombudsman_determine(
        case=case,
        determined_on=received + dt.timedelta(days=20),
        findings=[{"issue": "Damp", "determination": "service_failure"}],
        orders=[{"order": "Pay £100", "comply_by": received + dt.timedelta(days=48)}],
    )
    from tenantvoice.complaints.models import PossibleComplaint
    from tenantvoice.consultations.models import Representation
    from tests.factories import ConsultationFactory

    reply = Representation.objects.create(
        consultation=ConsultationFactory(status="decided"),
        resident=resident,
        text="Nobody came",
        received_on=received,
    )
    possible = PossibleComplaint.objects.create(
        representation=reply, resident=resident, matched="nobody came", said_on=received
    )
    return {
        "complaint": complaint,
        "complaint-learning-outcome": complaint.learning.get(),
        "complaints-possible-record": possible,
        "complaints-possible-dismiss": possible,
        "complaint-category": category,
        "complaint-category-detail": category,  # the API's
        "complaint-determination": case,
        "complaint-remedy-paid": stage.remedies.get(),
        "complaint-order-complied": case.orders.get(),
    }
