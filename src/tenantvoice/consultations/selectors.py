from __future__ import annotations

import datetime as dt

from django.db.models import Count, QuerySet

from tenantvoice.core.working_days import feedback_delay
from tenantvoice.outcomes.selectors import published_on

from .models import Consultation, ConsultationStatus


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


def feedback_working_days(consultation: Consultation) -> int | None:
    """Working days from closing to "you said, we did" (None until published)."""
    return feedback_delay(consultation.closes_on, published_on(consultation))
