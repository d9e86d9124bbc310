"""Officers run consultations under /staff/consultations/: draft, open with notice, record
replies and the decision, publish "you said, we did"."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from tenantvoice.audiences.forms import AudienceForm
from tenantvoice.audiences.rules import Audience, audience_describe
from tenantvoice.comms.models import SendKind
from tenantvoice.comms.views.staff_sends import confirm_page
from tenantvoice.core.access import require_capability
from tenantvoice.core.form_action import confirmed
from tenantvoice.core.forms import refusal_form
from tenantvoice.core.http import posted, posted_files
from tenantvoice.core.roles import Capability
from tenantvoice.strategies.standards import standards_get

from ..forms import (
    ConsultationForm,
    CorrectionForm,
    DecisionForm,
    DocumentForm,
    FeedbackForm,
    RecordedReplyForm,
)
from ..models import Consultation, ConsultationDocument, ConsultationStatus
from ..selectors import feedback_working_days
from ..services import (
    ONLY_WORDING,
    ConsultationError,
    check_period,
    consultation_correct,
    consultation_create,
    consultation_decide,
    consultation_open,
    consultation_update,
    document_add,
    document_remove,
    earliest_close,
    feedback_publish,
    organisations_told,
    representation_add,
)


@require_capability(Capability.MANAGE_INVOLVEMENT)
def staff_list(request: HttpRequest) -> HttpResponse:
    consultations = list(Consultation.objects.annotate(replies=Count("representations")))
    standard = standards_get().feedback_working_days
    rows = [(c, feedback_working_days(c)) for c in consultations]
    return render(request, "consultations/staff_list.html", {"rows": rows, "standard": standard})


@require_capability(Capability.MANAGE_INVOLVEMENT)
def staff_new(request: HttpRequest) -> HttpResponse:
    form = ConsultationForm(posted(request), prefix="c")
    audience_form = AudienceForm(posted(request), prefix="a")
    if request.method == "POST" and form.is_valid() and audience_form.is_valid():
        try:
            consultation = consultation_create(
                by=request.user, audience=audience_form.audience().to_json(), **form.cleaned_data
            )
        except ConsultationError as exc:
            form.add_error("closes_on" if "close" in str(exc).lower() else None, str(exc))
        else:
            messages.success(request, "Consultation saved as a draft. Add documents, then open it.")
            return redirect("staff-consultations:consultation-detail", pk=consultation.pk)
    earliest = earliest_close(timezone.localdate())
    return render(
        request,
        "consultations/staff_new.html",
        {"form": form, "audience_form": audience_form, "earliest": earliest},
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def staff_detail(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = get_object_or_404(Consultation, pk=pk)
    return render(request, "consultations/staff_detail.html", _staff_context(consultation))


def _staff_context(consultation: Consultation, **forms: object) -> dict[str, object]:
    return {
        "consultation": consultation,
        "audience_lines": audience_describe(Audience.from_json(consultation.audience)),
        "representations": consultation.representations.select_related("resident", "group"),
        "notices": consultation.notices.count(),
        "group_notices": consultation.notices.filter(group__isnull=False).select_related("group"),
        "organisations": organisations_told(consultation) if consultation.status == "draft" else [],
        "feedback_days": feedback_working_days(consultation),
        "reply_form": forms.get("reply_form") or RecordedReplyForm(prefix="r"),
        "decision_form": forms.get("decision_form") or DecisionForm(prefix="d"),
        "feedback_form": forms.get("feedback_form")
        or FeedbackForm(prefix="f", initial={"feedback": consultation.feedback}),
        "document_form": forms.get("document_form") or DocumentForm(prefix="doc"),
        "corrections": consultation.corrections.all(),
    }


@require_capability(Capability.MANAGE_INVOLVEMENT)
def staff_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """A draft: every field of the create form and its audience. Once open: its wording only,
    each correction kept as a version with who and when (decision 0028)."""
    consultation = get_object_or_404(Consultation, pk=pk)
    step = request.POST.get("step", "") if request.method == "POST" else ""
    if request.method == "POST" and not step:
        step = "draft" if consultation.status == ConsultationStatus.DRAFT else "correct"
    form = ConsultationForm(
        request.POST if step == "draft" else None, prefix="c", instance=Consultation.objects.get(pk=pk)
    )
    audience_form = (
        AudienceForm(request.POST, prefix="a")
        if step == "draft"
        else AudienceForm.for_audience(Audience.from_json(consultation.audience), prefix="a")
    )
    correction_form = (
        CorrectionForm(request.POST, prefix="w")
        if step == "correct"
        else CorrectionForm.of(consultation, prefix="w")
    )
    posted_form: forms.BaseForm = form if step == "draft" else correction_form
    if step == "draft" and consultation.status != ConsultationStatus.DRAFT:
        # A page opened while it was a draft, saved after it opened: nothing structural changes.
        posted_form = refusal_form(ONLY_WORDING)
    elif step == "draft" and form.is_valid() and audience_form.is_valid():
        try:
            consultation_update(
                consultation=consultation,
                by=request.user,
                audience=audience_form.audience().to_json(),
                **form.cleaned_data,
            )
        except ConsultationError as exc:
            form.add_error("closes_on" if "close it on" in str(exc).lower() else None, str(exc))
        else:
            messages.success(request, "Draft saved.")
            return redirect("staff-consultations:consultation-detail", pk=pk)
    elif step == "correct" and correction_form.is_valid():
        try:
            consultation_correct(consultation=consultation, by=request.user, **correction_form.cleaned_data)
        except ConsultationError as exc:
            correction_form.add_error(None, str(exc))
        else:
            messages.success(request, "Corrected. The wording before is kept in the history of corrections.")
            return redirect("staff-consultations:consultation-detail", pk=pk)
    consultation.refresh_from_db()
    return render(
        request,
        "consultations/staff_edit.html",
        {
            "consultation": consultation,
            "draft": consultation.status == ConsultationStatus.DRAFT,
            "form": form,
            "audience_form": audience_form,
            "correction_form": correction_form,
            "posted_form": posted_form,
            "corrections": consultation.corrections.all(),
            "earliest": earliest_close(timezone.localdate()),
        },
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@require_capability(Capability.MANAGE_INVOLVEMENT)
def staff_document_remove(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(ConsultationDocument.objects.select_related("consultation"), pk=pk)
    consultation = document.consultation
    try:
        document_remove(document=document, by=request.user)
    except ConsultationError as exc:
        return render(
            request,
            "consultations/staff_detail.html",
            _staff_context(consultation, document_form=refusal_form(str(exc))),
            status=400,
        )
    messages.success(request, f"Removed the document '{document.title}'.")
    return redirect("staff-consultations:consultation-detail", pk=consultation.pk)


@require_POST
@require_capability(Capability.MANAGE_INVOLVEMENT)
def staff_open(request: HttpRequest, pk: int) -> HttpResponse:
    """First the confirmation page (who gets notice, by which channel), then open it."""
    consultation = get_object_or_404(Consultation, pk=pk)
    try:
        if consultation.status != ConsultationStatus.DRAFT:
            raise ConsultationError("This consultation is already open.")
        if not confirmed(request):
            check_period(timezone.localdate(), consultation.closes_on)
            lines = []
            if consultation.statutory_s54:
                lines.append(
                    "It is a statutory consultation (s54): each registered tenant organisation's office "
                    "holders are also given notice."
                )
            return confirm_page(
                request,
                kind=SendKind.CONSULTATION_NOTICE,
                subject=consultation,
                heading=f"Open {consultation.title} and send notice",
                button="Open it and send notice",
                action=reverse("staff-consultations:open", args=[pk]),
                back=reverse("staff-consultations:consultation-detail", args=[pk]),
                back_label=consultation.title,
                rule={"today": timezone.localdate().isoformat()},
                lines=lines,
            )
        run = consultation_open(consultation=consultation, by=request.user)
    except ConsultationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Open. Notice is going to everyone affected, each by their own channel.")
        return redirect("sends:progress", pk=run.pk)
    return redirect("staff-consultations:consultation-detail", pk=pk)


def _staff_action(
    request: HttpRequest,
    pk: int,
    form_name: str,
    form: forms.Form,
    act: Callable[[Consultation, dict[str, Any]], str],
) -> HttpResponse:
    """One form on the consultation's page: do it and go back, or show the page with the problems.

    ``act`` does the work and returns the message for the officer; a ConsultationError becomes
    the form's problem, in the same words."""
    consultation = get_object_or_404(Consultation, pk=pk)
    if request.method == "POST" and form.is_valid():
        try:
            done = act(consultation, form.cleaned_data)
        except ConsultationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, done)
            return redirect("staff-consultations:consultation-detail", pk=pk)
    return render(
        request,
        "consultations/staff_detail.html",
        _staff_context(consultation, **{form_name: form}),
        # 200 while a resident picker is searching: the form is not valid but nothing is wrong.
        status=400 if request.method == "POST" and form.errors else 200,
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def staff_reply(request: HttpRequest, pk: int) -> HttpResponse:
    def record(consultation: Consultation, data: dict[str, Any]) -> str:
        representation_add(
            consultation=consultation,
            text=data["text"],
            resident=data["resident"],
            from_name=data["from_name"],
            channel=data["channel"],
            received_on=data["received_on"],
            by=request.user,
        )
        return "Reply recorded."

    form = RecordedReplyForm(posted(request), prefix="r", request=request)
    return _staff_action(request, pk, "reply_form", form, record)


@require_capability(Capability.MANAGE_INVOLVEMENT)
def staff_decide(request: HttpRequest, pk: int) -> HttpResponse:
    def decide(consultation: Consultation, data: dict[str, Any]) -> str:
        consultation_decide(consultation=consultation, by=request.user, **data)
        return "Decision recorded. Now tell residents what you did."

    return _staff_action(request, pk, "decision_form", DecisionForm(posted(request), prefix="d"), decide)


@require_capability(Capability.MANAGE_INVOLVEMENT)
def staff_feedback(request: HttpRequest, pk: int) -> HttpResponse:
    """The feedback form, then the confirmation page (who will be told), then publish."""
    consultation = get_object_or_404(Consultation, pk=pk)
    form = FeedbackForm(posted(request), prefix="f")
    if request.method == "POST" and form.is_valid():
        feedback = form.cleaned_data["feedback"]
        try:
            if consultation.status != ConsultationStatus.DECIDED:
                raise ConsultationError(
                    "Record the decision first: the feedback tells residents what was decided."
                )
            if not confirmed(request):
                preview = Consultation(
                    pk=consultation.pk,
                    title=consultation.title,
                    feedback=feedback.strip(),
                    decision=consultation.decision,
                )
                return confirm_page(
                    request,
                    kind=SendKind.CONSULTATION_FEEDBACK,
                    subject=preview,
                    heading=f"Publish you said, we did for {consultation.title}",
                    button="Publish and tell everyone who replied",
                    action=reverse("staff-consultations:feedback", args=[pk]),
                    back=reverse("staff-consultations:consultation-detail", args=[pk]),
                    back_label=consultation.title,
                    hidden=[("f-feedback", feedback)],
                )
            run = feedback_publish(consultation=consultation, feedback=feedback, by=request.user)
        except ConsultationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Published. Everyone who replied is being told.")
            return redirect("sends:progress", pk=run.pk)
    return render(
        request,
        "consultations/staff_detail.html",
        _staff_context(consultation, feedback_form=form),
        status=400 if request.method == "POST" else 200,
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def staff_document(request: HttpRequest, pk: int) -> HttpResponse:
    def add(consultation: Consultation, data: dict[str, Any]) -> str:
        document_add(consultation=consultation, by=request.user, **data)
        return "Document added."

    form = DocumentForm(posted(request), posted_files(request), prefix="doc")
    return _staff_action(request, pk, "document_form", form, add)
