from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, QuerySet
from django.http import Http404

from tenantvoice.core.access import first_or_404
from tenantvoice.core.roles import Capability, has_capability
from tenantvoice.core.working_days import feedback_delay
from tenantvoice.outcomes.selectors import published_on

from .models import Consultation, ConsultationDocument, ConsultationStatus


def consultations_public() -> QuerySet[Consultation]:
    """Open consultations and those with a published outcome, for the residents' page."""
    return (
        Consultation.objects.exclude(status=ConsultationStatus.DRAFT)
        .select_related("outcome")
        .annotate(replies=Count("representations"))
    )


def policies_consulted(start: dt.date, end: dt.date) -> int:
    """Consultations on a policy that closed in the period (the quarterly return's count)."""
    return Consultation.objects.filter(
        is_policy=True,
        status__in=[ConsultationStatus.CLOSED, ConsultationStatus.DECIDED],
        closes_on__gte=start,
        closes_on__lte=end,
    ).count()


def feedback_working_days(consultation: Consultation, nation: str | None = None) -> int | None:
    """Working days from closing to "you said, we did" (None until published); a list passes
    the landlord's ``nation`` once for all its rows."""
    return feedback_delay(consultation.closes_on, published_on(consultation), nation)


# Fetch and check (decision 0038): the object or Http404, never 403.


def access_consultation_for_anyone(pk: object) -> Consultation:
    """A consultation residents may read: open, or with a published outcome; never a draft."""
    return first_or_404(consultations_public(), "There is no such consultation.", pk=pk)


def access_consultation_document_for_user(user: Any, pk: object) -> ConsultationDocument:
    """A consultation's document: anyone's, except a draft consultation's (officers only)."""
    document = first_or_404(
        ConsultationDocument.objects.select_related("consultation"), "There is no such document.", pk=pk
    )
    draft = document.consultation.status == ConsultationStatus.DRAFT
    if draft and not has_capability(user, Capability.MANAGE_INVOLVEMENT):
        raise Http404("There is no such document.")
    return document
