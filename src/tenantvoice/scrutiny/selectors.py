"""Reads for scrutiny reviews: who sits on a review's panel, the fetch-and-check functions
(decision 0038), the evidence standard, the report deadline from the governance timetable."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from tenantvoice.actions.models import Action
from tenantvoice.complaints.selectors import CategoryEvidence, complaints_evidence
from tenantvoice.core.access import first_or_404
from tenantvoice.core.roles import Capability, has_capability
from tenantvoice.involvement.selectors import seat_holdings_on
from tenantvoice.residents.models import Resident

from .models import Evidence, EvidenceRequest, Milestone, Recommendation, Review

# The governance rule whose date is a committee's report deadline (Winchester appendix 3).
REPORT_DEADLINE_RULE = "report-deadline"


def panel_members(review: Review, on: dt.date | None = None) -> QuerySet[Resident]:
    """Residents holding a seat on the review's panel on ``on`` (today): the panel."""
    on = on or timezone.localdate()
    seats = seat_holdings_on(on).filter(seat_category__group_id=review.panel_id, resident__isnull=False)
    return Resident.objects.filter(pk__in=seats.values("resident_id"))


def reviews_for_resident(resident: Resident, on: dt.date | None = None) -> QuerySet[Review]:
    """Reviews whose panel the resident sits on now."""
    on = on or timezone.localdate()
    groups = seat_holdings_on(on).filter(resident=resident).values("seat_category__group_id")
    return Review.objects.filter(panel_id__in=groups)


def review_with_everything(queryset: QuerySet[Review] | None = None) -> QuerySet[Review]:
    """A review with its plan, requests, evidence, findings, recommendations and their actions,
    in a fixed number of queries."""
    queryset = queryset if queryset is not None else Review.objects.all()
    return queryset.select_related(
        "panel", "officer", "survey", "service_area", "complaint_category", "outcome"
    ).prefetch_related(
        "milestones",
        Prefetch("requests", queryset=EvidenceRequest.objects.select_related("officer")),
        "evidence",
        "findings",
        Prefetch(
            "recommendations",
            queryset=Recommendation.objects.select_related("responded_at").prefetch_related(
                "findings",
                Prefetch("actions", queryset=Action.objects.top_level().select_related("owner_user")),
            ),
        ),
    )


def access_review_for_staff(pk: object) -> Review:
    return first_or_404(review_with_everything(), "There is no such review.", pk=pk)


def access_review_for_resident(resident: Resident, pk: object) -> Review:
    """A review whose panel the resident sits on now: its whole working record."""
    return first_or_404(
        review_with_everything(reviews_for_resident(resident)), "There is no such review.", pk=pk
    )


def access_published_review_for_anyone(pk: object) -> Review:
    """What is published of a review: its report, responses and actions."""
    return first_or_404(
        review_with_everything(Review.objects.filter(published_on__isnull=False)),
        "There is no such review.",
        pk=pk,
    )


def access_evidence_file_for_user(user: Any, pk: object) -> Evidence:
    """An evidence file: officers and readers of reports, and the review's panel members."""
    evidence = first_or_404(
        Evidence.objects.select_related("review").exclude(file=""), "There is no such file.", pk=pk
    )
    if has_capability(user, Capability.VIEW_REPORTS):
        return evidence
    resident = getattr(user, "resident", None) if user.is_authenticated else None
    if (
        resident is not None
        and has_capability(user, Capability.USE_PORTAL)
        and reviews_for_resident(resident).filter(pk=evidence.review_id).exists()
    ):
        return evidence
    raise Http404("There is no such file.")


def access_report_file_for_user(user: Any, pk: object) -> Review:
    """A review's closing report file: public once published; before then officers, readers of
    reports and the panel."""
    review = first_or_404(Review.objects.exclude(report_file=""), "There is no such file.", pk=pk)
    if review.published_on is not None or has_capability(user, Capability.VIEW_REPORTS):
        return review
    resident = getattr(user, "resident", None) if user.is_authenticated else None
    if (
        resident is not None
        and has_capability(user, Capability.USE_PORTAL)
        and reviews_for_resident(resident).filter(pk=review.pk).exists()
    ):
        return review
    raise Http404("There is no such file.")


@dataclass(frozen=True)
class EvidenceStandard:
    working_days: int
    from_strategy: bool

    @property
    def words(self) -> str:
        if self.from_strategy:
            return (
                f"{self.working_days} working days: the strategy's standard for answering "
                "requests for information."
            )
        return (
            f"{self.working_days} working days: the strategy sets no standard for answering requests "
            "for information, so this is TenantVoice's default (TENANTVOICE_SCRUTINY_EVIDENCE_DAYS)."
        )


def evidence_standard() -> EvidenceStandard:
    from tenantvoice.strategies.standards import standards_get

    days = standards_get().info_request_working_days
    if days:
        return EvidenceStandard(days, True)
    return EvidenceStandard(int(settings.TENANTVOICE_SCRUTINY_EVIDENCE_DAYS), False)


@dataclass(frozen=True)
class Deadline:
    committee_on: dt.date
    deadline: dt.date
    rule_name: str  # the timetable rule it came from, or "" when the strategy has none


def report_deadline(committee_on: dt.date) -> Deadline:
    """The report deadline for the committee meeting on ``committee_on``: the governance
    timetable's report-deadline rule (Winchester: the Monday nine days before, papers sent the
    next day); without one, the committee date itself."""
    from tenantvoice.activities.governance import rules_from_data, timetable
    from tenantvoice.core.selectors import landlord_get

    landlord = landlord_get()
    rules = rules_from_data(landlord.governance)
    rule = next((r for r in rules if r.slug == REPORT_DEADLINE_RULE), None)
    if rule is None:
        return Deadline(committee_on, committee_on, "")
    cycle = timetable([committee_on], rules, landlord.nation)[0]
    return Deadline(committee_on, cycle.dates[REPORT_DEADLINE_RULE], rule.name)


def plan_problems(review: Review, milestones: list[Milestone] | None = None) -> list[str]:
    """What is wrong with the plan: a report milestone after the committee's report deadline."""
    milestones = list(review.milestones.all()) if milestones is None else milestones
    report = next((m for m in milestones if m.is_report), None)
    problems = []
    if review.report_deadline and report is not None and report.due_on > review.report_deadline:
        problems.append(
            f"The final report is planned for {report.due_on:%d/%m/%Y}, after the report deadline "
            f"of {review.report_deadline:%d/%m/%Y} for the committee on {review.committee_on:%d/%m/%Y}."
        )
    if review.report_deadline and report is None:
        problems.append("The plan has no final report milestone for the committee.")
    return problems


def review_list() -> QuerySet[Review]:
    return Review.objects.select_related("panel", "officer").order_by("-created_at", "-pk")


def published_reviews() -> QuerySet[Review]:
    return (
        Review.objects.filter(published_on__isnull=False)
        .select_related("panel")
        .order_by("-published_on", "-pk")
    )


def review_complaints_evidence(review: Review, on: dt.date) -> CategoryEvidence | None:
    """For a review chosen from complaints: what complaints in its category say (learning
    from complaints "goes to the scrutiny panel", issue 17 item 5)."""
    if review.complaint_category_id is None:
        return None
    return complaints_evidence(review.complaint_category_id, on)
