"""Officers' pages for scrutiny reviews under /staff/scrutiny/. Officers who manage involvement
run reviews; board readers and managers read them (without residents' personal details) and
the scrutiny tracker."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from tenantvoice.core.access import require_capability
from tenantvoice.core.charts import bar_chart
from tenantvoice.core.form_action import form_action, redirect_with_message
from tenantvoice.core.http import posted, posted_files
from tenantvoice.core.plain_errors import PlainForm
from tenantvoice.core.roles import Capability, has_capability
from tenantvoice.core.tables import download
from tenantvoice.outcomes.services import outcome_publish
from tenantvoice.outcomes.sources import OutcomeError
from tenantvoice.outcomes.views.publishing import outcome_confirm

from ..forms import (
    AnswerForm,
    CommitteeForm,
    EvidenceForm,
    EvidenceRequestForm,
    MilestoneChangeForm,
    MilestoneForm,
    OutcomeForm,
    PublishForm,
    RecommendationForm,
    ReportForm,
    ResponseForm,
    ReviewForm,
    StageForm,
    TextForm,
)
from ..models import EvidenceRequest, Milestone, Recommendation, Review
from ..report import tracker
from ..selectors import (
    access_review_for_staff,
    evidence_standard,
    panel_members,
    plan_problems,
    review_complaints_evidence,
    review_list,
)
from ..services import (
    ScrutinyError,
    evidence_add,
    evidence_request_add,
    evidence_request_answer,
    finding_add,
    milestone_add,
    milestone_change,
    recommendation_add,
    recommendation_respond,
    review_change,
    review_committee_set,
    review_create,
    review_publish,
    review_report_save,
    review_stage_set,
)

PAGE_SIZE = 50


@require_capability(Capability.VIEW_REPORTS)
def review_list_page(request: HttpRequest) -> HttpResponse:
    page_obj = Paginator(review_list(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "scrutiny/staff_list.html",
        {"page_obj": page_obj, "can_manage": has_capability(request.user, Capability.MANAGE_INVOLVEMENT)},
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def review_new(request: HttpRequest) -> HttpResponse:
    return form_action(
        request,
        ReviewForm(posted(request)),
        lambda data: review_create(by=request.user, **data),
        success=lambda review: redirect_with_message(
            request, "Review proposed.", "staff:scrutiny-review", pk=review.pk
        ),
        page=lambda form: render(
            request, "scrutiny/staff_form.html", {"form": form, "heading": "Propose a review"}
        ),
        refusals=(ScrutinyError,),
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def review_edit(request: HttpRequest, pk: int) -> HttpResponse:
    review = get_object_or_404(Review, pk=pk)
    initial = {
        "title": review.title,
        "reason": review.reason,
        "survey": review.survey_id,
        "service_area": review.service_area_id,
        "service_standard": review.service_standard,
        "terms_of_reference": review.terms_of_reference,
        "panel": review.panel_id,
        "officer": review.officer_id,
    }
    return form_action(
        request,
        ReviewForm(posted(request), initial=initial),
        lambda data: review_change(review=review, by=request.user, **data),
        success=lambda _: redirect_with_message(request, "Review changed.", "staff:scrutiny-review", pk=pk),
        page=lambda form: render(
            request,
            "scrutiny/staff_form.html",
            {"form": form, "heading": f"Change {review.title}", "review": review},
        ),
        refusals=(ScrutinyError,),
    )


FORMS: dict[str, Callable[..., PlainForm]] = {
    "stage_form": StageForm,
    "committee_form": CommitteeForm,
    "milestone_form": MilestoneForm,
    "request_form": EvidenceRequestForm,
    "evidence_form": EvidenceForm,
    "finding_form": TextForm,
    "report_form": ReportForm,
    "publish_form": PublishForm,
    "outcome_form": OutcomeForm,
}


def _review_page(request: HttpRequest, review: Review, **forms: Any) -> HttpResponse:
    """The review's whole record; for officers, each form (``forms`` holds a refused one)."""
    today = timezone.localdate()
    can_manage = has_capability(request.user, Capability.MANAGE_INVOLVEMENT)
    context: dict[str, Any] = {
        "review": review,
        "today": today,
        "can_manage": can_manage,
        "problems": plan_problems(review, list(review.milestones.all())),
        "standard": evidence_standard(),
        "complaints_evidence": review_complaints_evidence(review, today),
        # The panel by name only for those who may read residents' details.
        "panel": list(panel_members(review).order_by("last_name_key"))
        if has_capability(request.user, Capability.VIEW_RESIDENTS)
        else None,
    }
    if can_manage:
        for name, form_class in FORMS.items():
            context[name] = forms.get(name) or form_class()
        context["recommendation_form"] = forms.get("recommendation_form") or RecommendationForm(review=review)
        if "outcome_form" not in forms and getattr(review, "outcome", None) is not None:
            context["outcome_form"] = OutcomeForm(
                initial={"you_said": review.outcome.you_said, "we_did": review.outcome.we_did}
            )
    # The refused form, if any, for the error summary at the top of the page.
    context["form"] = next((f for f in forms.values() if f.errors), None)
    status = 400 if context["form"] is not None else 200
    return render(request, "scrutiny/staff_detail.html", context, status=status)


@require_capability(Capability.VIEW_REPORTS)
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _review_page(request, access_review_for_staff(pk))


def _act(
    request: HttpRequest,
    pk: int,
    name: str,
    form: PlainForm,
    service: Callable[[Review, dict[str, Any]], Any],
    message: str,
) -> HttpResponse:
    """One of the review page's forms: do it and go back to the page, or show the page again
    with the form's problems."""
    review = access_review_for_staff(pk)
    return form_action(
        request,
        form,
        lambda data: service(review, data),
        success=lambda _: redirect_with_message(request, message, "staff:scrutiny-review", pk=pk),
        page=lambda bound: _review_page(request, review, **{name: bound}),
        refusals=(ScrutinyError,),
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def review_stage(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        "stage_form",
        StageForm(posted(request)),
        lambda review, data: review_stage_set(review=review, stage=data["stage"], by=request.user),
        "Stage changed.",
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def review_committee(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        "committee_form",
        CommitteeForm(posted(request)),
        lambda review, data: review_committee_set(
            review=review, committee_on=data["committee_on"], by=request.user
        ),
        "The report is fixed to that committee.",
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def milestone_new(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        "milestone_form",
        MilestoneForm(posted(request)),
        lambda review, data: milestone_add(review=review, by=request.user, **data),
        "Milestone added.",
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def milestone_edit(request: HttpRequest, pk: int) -> HttpResponse:
    milestone = get_object_or_404(Milestone.objects.select_related("review"), pk=pk)
    return form_action(
        request,
        MilestoneChangeForm(
            posted(request), initial={"due_on": milestone.due_on, "done_on": milestone.done_on}
        ),
        lambda data: milestone_change(milestone=milestone, by=request.user, **data),
        success=lambda _: redirect_with_message(
            request, "Milestone changed.", "staff:scrutiny-review", pk=milestone.review_id
        ),
        page=lambda form: render(
            request,
            "scrutiny/staff_form.html",
            {"form": form, "heading": f"Change the milestone: {milestone.title}", "review": milestone.review},
        ),
        refusals=(ScrutinyError,),
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def request_new(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        "request_form",
        EvidenceRequestForm(posted(request)),
        lambda review, data: evidence_request_add(review=review, by=request.user, **data),
        "Request for evidence recorded.",
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def request_answer(request: HttpRequest, pk: int) -> HttpResponse:
    asked = get_object_or_404(EvidenceRequest.objects.select_related("review", "officer"), pk=pk)
    return form_action(
        request,
        AnswerForm(posted(request)),
        lambda data: evidence_request_answer(request=asked, by=request.user, **data),
        success=lambda _: redirect_with_message(
            request, "Answer recorded.", "staff:scrutiny-review", pk=asked.review_id
        ),
        page=lambda form: render(
            request, "scrutiny/staff_answer.html", {"form": form, "asked": asked, "review": asked.review}
        ),
        refusals=(ScrutinyError,),
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def evidence_new(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        "evidence_form",
        EvidenceForm(posted(request), posted_files(request)),
        lambda review, data: evidence_add(review=review, by=request.user, **data),
        "Evidence logged.",
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def finding_new(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        "finding_form",
        TextForm(posted(request)),
        lambda review, data: finding_add(review=review, text=data["text"], by=request.user),
        "Finding added.",
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def recommendation_new(request: HttpRequest, pk: int) -> HttpResponse:
    review = access_review_for_staff(pk)
    return _act(
        request,
        pk,
        "recommendation_form",
        RecommendationForm(posted(request), review=review),
        lambda review, data: recommendation_add(
            review=review, text=data["text"], findings=list(data["findings"]), by=request.user
        ),
        "Recommendation added.",
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def recommendation_response(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the landlord's response to one recommendation, and the action if accepted."""
    recommendation = get_object_or_404(Recommendation.objects.select_related("review"), pk=pk)
    return form_action(
        request,
        ResponseForm(posted(request)),
        lambda data: recommendation_respond(recommendation=recommendation, by=request.user, **data),
        success=lambda _: redirect_with_message(
            request, "Response recorded.", "staff:scrutiny-review", pk=recommendation.review_id
        ),
        page=lambda form: render(
            request,
            "scrutiny/staff_respond.html",
            {"form": form, "recommendation": recommendation, "review": recommendation.review},
        ),
        refusals=(ScrutinyError,),
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def report_save(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        "report_form",
        ReportForm(posted(request), posted_files(request)),
        lambda review, data: review_report_save(review=review, by=request.user, **data),
        "Closing report saved.",
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        "publish_form",
        PublishForm(posted(request)),
        lambda review, data: review_publish(review=review, also_told=data["also_told"], by=request.user),
        "Published: residents can read the report, the responses and the progress.",
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def outcome(request: HttpRequest, pk: int) -> HttpResponse:
    """ "You said, we did": the form, then the confirmation page (who will be told), then publish."""
    review = access_review_for_staff(pk)

    def confirm(data: dict[str, Any]) -> HttpResponse:
        return outcome_confirm(
            request,
            source=review,
            you_said=data["you_said"],
            we_did=data["we_did"],
            action=reverse("staff:scrutiny-outcome", args=[pk]),
            hidden=[("o-you_said", data["you_said"]), ("o-we_did", data["we_did"])],
        )

    return form_action(
        request,
        OutcomeForm(posted(request)),
        lambda data: outcome_publish(
            source=review, you_said=data["you_said"], we_did=data["we_did"], by=request.user
        ),
        success=lambda run: redirect_with_message(
            request, "Published. The panel's members are being told.", "sends:progress", pk=run.pk
        ),
        page=lambda form: _review_page(request, review, outcome_form=form),
        confirm=confirm,
        refusals=(OutcomeError, ScrutinyError),
    )


def tracker_page(request: HttpRequest, *, public: bool, template: str) -> HttpResponse:
    """The scrutiny tracker: tables with a chart beside each, CSV, XLSX and a printable page."""
    on = timezone.localdate()
    figures = tracker(on, public=public)
    exported = download(figures.tables, request.GET.get("format", ""), f"scrutiny-tracker-{on:%Y-%m-%d}")
    if exported is not None:
        return exported
    charts = [
        bar_chart(figures.tables[0].title, [(str(r[0]), float(r[1])) for r in figures.tables[0].rows]),
        bar_chart(figures.tables[1].title, [(str(r[0]), float(r[1])) for r in figures.tables[1].rows]),
        bar_chart(
            "Shares (%)",
            [
                ("Accepted or partly accepted", figures.accepted_share),
                ("Awaiting a response", figures.awaiting_share),
                ("Done by their due date", figures.on_time_share),
            ],
            unit="%",
            scale_max=100,
        ),
        bar_chart(figures.tables[3].title, [(str(r[0]), float(r[1])) for r in figures.tables[3].rows]),
    ]
    return render(
        request,
        template,
        {
            "figures": figures,
            "sections": list(zip(figures.tables[:4], charts, strict=True)),
            "rest": figures.tables[4:],
        },
    )


@require_capability(Capability.VIEW_REPORTS)
def tracker_report(request: HttpRequest) -> HttpResponse:
    return tracker_page(request, public=False, template="scrutiny/tracker.html")
