"""Officers' pages of equality impact assessments, under /staff/equality-impact/ (decision 0049).

Readers of reports (managers and the board too) read the register and each assessment: they
hold no resident's personal data, only suppressed counts of groups. Officers who manage
involvement (``MANAGE_INVOLVEMENT``) make and record them, as they run the consultations,
groups and activities assessed. Every form posts to its own address, calls one service and comes
back to the assessment's page, or shows the page again with the refusal in words (decision 0032).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from tenantvoice.core.access import require_capability
from tenantvoice.core.form_action import form_action, redirect_with_message
from tenantvoice.core.forms import ButtonForm
from tenantvoice.core.http import posted
from tenantvoice.core.plain_errors import PlainForm
from tenantvoice.core.roles import Capability, has_capability
from tenantvoice.core.tables import download

from .aspects import ASPECT_KEYS
from .forms import (
    AssessmentChangeForm,
    AssessmentForm,
    CompleteForm,
    FindingForm,
    MitigationForm,
    RegisterFilterForm,
    ReviewForm,
)
from .models import Assessment, AssessmentStatus
from .selectors import (
    all_mitigations,
    aspect_rows,
    assessment_get,
    assessment_tables,
    assessments_list,
    other_figures,
)
from .services import (
    AssessmentError,
    assessment_change,
    assessment_complete,
    assessment_create,
    assessment_review,
    finding_save,
    mitigation_add,
    profile_draw,
)

PAGE_SIZE = 50
REFUSALS = (AssessmentError,)


@require_capability(Capability.VIEW_REPORTS)
def register(request: HttpRequest) -> HttpResponse:
    """Every assessment with its status, subject, owner and review date; those due for review
    first and marked; filtered by status."""
    today = timezone.localdate()
    form = RegisterFilterForm(request.GET or None)
    state = form.cleaned_data.get("status", "") if form.is_valid() else ""
    page_obj = Paginator(assessments_list(state, today), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    rows = [{"assessment": a, "state": a.state(today), "state_label": a.state_label(today)} for a in page_obj]
    return render(
        request,
        "equality_impact/register.html",
        {
            "form": form,
            "page_obj": page_obj,
            "rows": rows,
            "query_without_page": f"{query.urlencode()}&" if query else "",
            "can_record": has_capability(request.user, Capability.MANAGE_INVOLVEMENT),
        },
        status=400 if form.errors else 200,
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def assessment_new(request: HttpRequest) -> HttpResponse:
    """A new assessment; ``?consultation=`` or ``?group=`` (from that page's link) fills in the
    subject."""
    initial: dict[str, Any] = {"owner": request.user.pk}
    for kind in ("consultation", "group"):
        chosen = request.GET.get(kind, "")
        if chosen.isdigit():
            initial |= {"subject_kind": kind, kind: int(chosen)}
    return form_action(
        request,
        AssessmentForm(posted(request), initial=initial),
        lambda data: assessment_create(by=request.user, **data),
        success=lambda made: redirect_with_message(
            request,
            "Assessment made, with the figures of who is affected. "
            "Record the likely impact on each characteristic.",
            "staff:equality-assessment",
            pk=made.pk,
        ),
        page=lambda form: render(request, "equality_impact/new.html", {"form": form}),
        refusals=REFUSALS,
    )


def _page(
    request: HttpRequest, assessment: Assessment, bound: dict[str, PlainForm] | None = None
) -> HttpResponse:
    today = timezone.localdate()
    bound = bound or {}
    can_record = has_capability(request.user, Capability.MANAGE_INVOLVEMENT)
    editable = can_record and assessment.status != AssessmentStatus.COMPLETED
    rows = []
    for row in aspect_rows(assessment):
        key = row.aspect.key
        form = None
        if editable:
            form = bound.get(f"finding-{key}") or FindingForm(
                prefix=key, initial={"impact": row.finding.impact, "evidence": row.finding.evidence}
            )
        rows.append({"row": row, "form": form})
    context: dict[str, Any] = {
        "assessment": assessment,
        "state_label": assessment.state_label(today),
        "due_for_review": assessment.state(today) == "due_for_review",
        "rows": rows,
        "other_figures": other_figures(assessment),
        "profile": assessment.profile,
        "mitigations": all_mitigations(assessment),
        "can_record": can_record,
        "editable": editable,
        "reviews": list(assessment.reviews.all()),
        "form": next(iter(bound.values()), None),
    }
    if can_record:
        context["mitigation_form"] = bound.get("mitigation") or MitigationForm()
        if editable:
            context["draw_form"] = bound.get("draw") or ButtonForm()
            context["complete_form"] = bound.get("complete") or CompleteForm(
                initial={"completed_on": today, "review_on": assessment.review_on}
            )
        else:
            context["review_form"] = bound.get("review") or ReviewForm(initial={"reviewed_on": today})
    return render(request, "equality_impact/detail.html", context, status=400 if bound else 200)


@require_capability(Capability.VIEW_REPORTS)
def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = assessment_get(pk)
    exported = download(assessment_tables(assessment), request.GET.get("format", ""), f"equality-impact-{pk}")
    return exported if exported is not None else _page(request, assessment)


def _act(
    request: HttpRequest,
    pk: int,
    key: str,
    make_form: Callable[[Any], PlainForm],
    service: Callable[[Assessment, dict[str, Any]], Any],
    message: str,
    anchor: str = "",
) -> HttpResponse:
    assessment = assessment_get(pk)

    def success(_: Any) -> HttpResponse:
        response = redirect_with_message(request, message, "staff:equality-assessment", pk=assessment.pk)
        response["Location"] += anchor
        return response

    return form_action(
        request,
        make_form(posted(request)),
        lambda data: service(assessment, data),
        success=success,
        page=lambda form: _page(request, assessment_get(pk), {key: form}),
        refusals=REFUSALS,
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def assessment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = assessment_get(pk)
    initial = {
        "title": assessment.title,
        "owner": assessment.owner_id,
        "purpose": assessment.purpose,
        "review_on": assessment.review_on,
    }
    return form_action(
        request,
        AssessmentChangeForm(posted(request), initial=initial),
        lambda data: assessment_change(assessment=assessment, by=request.user, **data),
        success=lambda _: redirect_with_message(
            request, "Assessment changed.", "staff:equality-assessment", pk=assessment.pk
        ),
        page=lambda form: render(
            request, "equality_impact/edit.html", {"form": form, "assessment": assessment}
        ),
        refusals=REFUSALS,
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def assessment_profile(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        "draw",
        ButtonForm,
        lambda a, data: profile_draw(assessment=a, by=request.user),
        "The figures of who is affected were drawn again as of today.",
        "#profile",
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def assessment_finding(request: HttpRequest, pk: int, aspect: str) -> HttpResponse:
    key = aspect if aspect in ASPECT_KEYS else ""
    return _act(
        request,
        pk,
        f"finding-{key}",
        lambda data: FindingForm(data, prefix=key or "finding"),
        lambda a, data: finding_save(assessment=a, aspect=aspect, by=request.user, **data),
        "Impact saved.",
        f"#{key}",
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def assessment_mitigation(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        "mitigation",
        MitigationForm,
        lambda a, data: mitigation_add(assessment=a, by=request.user, **data),
        "Mitigation added to the action tracker.",
        "#mitigations",
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def assessment_complete_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        "complete",
        CompleteForm,
        lambda a, data: assessment_complete(assessment=a, by=request.user, **data),
        "Assessment completed.",
    )


def _review(assessment: Assessment, data: dict[str, Any], by: Any) -> Any:
    next_review_on: dt.date | None = data["next_review_on"]
    return assessment_review(
        assessment=assessment,
        reviewed_on=data["reviewed_on"],
        notes=data["notes"],
        next_review_on=next_review_on,
        reopen=data["reopen"],
        by=by,
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def assessment_review_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        "review",
        ReviewForm,
        lambda a, data: _review(a, data, request.user),
        "Review recorded.",
        "#reviews",
    )
