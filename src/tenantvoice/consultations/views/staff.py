"""Officers run consultations under /staff/consultations/: draft, open with notice, record
replies and the decision, publish "you said, we did"."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from tenantvoice.audiences.forms import AudienceForm
from tenantvoice.audiences.rules import Audience, audience_describe
from tenantvoice.comms.models import SendKind, SendRun
from tenantvoice.comms.views.staff_sends import confirm_page
from tenantvoice.core.access import require_capability
from tenantvoice.core.form_action import form_action, redirect_with_message
from tenantvoice.core.forms import ButtonForm
from tenantvoice.core.http import posted, posted_files
from tenantvoice.core.roles import Capability
from tenantvoice.core.working_days import landlord_nation
from tenantvoice.outcomes.selectors import outcome_of
from tenantvoice.outcomes.services import OutcomeError, outcome_publish
from tenantvoice.outcomes.views.publishing import outcome_confirm
from tenantvoice.representation.report import consultation_population, section
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
    organisations_told,
    representation_add,
)


@require_capability(Capability.MANAGE_INVOLVEMENT)
def staff_list(request: HttpRequest) -> HttpResponse:
    consultations = list(
        Consultation.objects.select_related("outcome").annotate(replies=Count("representations"))
    )
    standard = standards_get().feedback_working_days
    nation = landlord_nation()
    rows = [(c, feedback_working_days(c, nation)) for c in consultations]
    return render(request, "consultations/staff_list.html", {"rows": rows, "standard": standard})


@require_capability(Capability.MANAGE_INVOLVEMENT)
def staff_new(request: HttpRequest) -> HttpResponse:
    audience_form = AudienceForm(posted(request), prefix="a")

    def create(data: dict[str, Any]) -> Consultation:
        return consultation_create(by=request.user, audience=audience_form.audience().to_json(), **data)

    return form_action(
        request,
        ConsultationForm(posted(request), prefix="c"),
        create,
        success=lambda consultation: redirect_with_message(
            request,
            "Consultation saved as a draft. Add documents, then open it.",
            "staff-consultations:consultation-detail",
            pk=consultation.pk,
        ),
        page=lambda form: render(
            request,
            "consultations/staff_new.html",
            {"form": form, "audience_form": audience_form, "earliest": earliest_close(timezone.localdate())},
        ),
        also_valid=[audience_form],
        refusals=(ConsultationError,),
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def staff_detail(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = get_object_or_404(Consultation, pk=pk)
    return render(request, "consultations/staff_detail.html", _staff_context(consultation))


def _detail_page(request: HttpRequest, consultation: Consultation, **forms: object) -> HttpResponse:
    """The consultation's page with ``forms`` posted from it (by their names in the page)."""
    return render(request, "consultations/staff_detail.html", _staff_context(consultation, **forms))


def _staff_context(consultation: Consultation, **forms: object) -> dict[str, object]:
    return {
        "action_form": forms.get("action_form"),
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
        or FeedbackForm(prefix="f", initial={"feedback": getattr(outcome_of(consultation), "you_said", "")}),
        "document_form": forms.get("document_form") or DocumentForm(prefix="doc"),
        "corrections": consultation.corrections.all(),
        # Who replied, against all residents (issue 18 item 2): once replies can come in.
        "who_takes_part": None
        if consultation.status == ConsultationStatus.DRAFT
        else section(consultation_population(consultation), timezone.localdate()),
    }


@require_capability(Capability.MANAGE_INVOLVEMENT)
def staff_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """A draft: every field of the create form and its audience. Once open: its wording only,
    each correction kept as a version with who and when (decision 0028)."""
    consultation = get_object_or_404(Consultation, pk=pk)
    # Which of the page's two forms was posted: the draft's, or a correction of its wording.
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

    def edit_page(posted_form: BaseForm) -> HttpResponse:
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
        )

    def save_draft(data: dict[str, Any]) -> None:
        if consultation.status != ConsultationStatus.DRAFT:
            # A page opened while it was a draft, saved after it opened: nothing structural changes.
            raise ConsultationError(ONLY_WORDING)
        consultation_update(
            consultation=consultation,
            by=request.user,
            audience=audience_form.audience().to_json(),
            **data,
        )

    if step == "draft":
        return form_action(
            request,
            form,
            save_draft,
            success=lambda _: redirect_with_message(
                request, "Draft saved.", "staff-consultations:consultation-detail", pk=pk
            ),
            page=edit_page,
            also_valid=[audience_form],
            refusals=(ConsultationError,),
        )
    return form_action(
        request,
        correction_form,
        lambda data: consultation_correct(consultation=consultation, by=request.user, **data),
        success=lambda _: redirect_with_message(
            request,
            "Corrected. The wording before is kept in the history of corrections.",
            "staff-consultations:consultation-detail",
            pk=pk,
        ),
        page=edit_page,
        refusals=(ConsultationError,),
    )


@require_POST
@require_capability(Capability.MANAGE_INVOLVEMENT)
def staff_document_remove(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(ConsultationDocument.objects.select_related("consultation"), pk=pk)
    consultation = document.consultation
    return form_action(
        request,
        ButtonForm(request.POST),
        lambda data: document_remove(document=document, by=request.user),
        success=lambda _: _back_to(request, consultation, f"Removed the document '{document.title}'."),
        page=lambda form: _detail_page(request, consultation, action_form=form),
        refusals=(ConsultationError,),
    )


@require_POST
@require_capability(Capability.MANAGE_INVOLVEMENT)
def staff_open(request: HttpRequest, pk: int) -> HttpResponse:
    """First the confirmation page (who gets notice, by which channel), then open it."""
    consultation = get_object_or_404(Consultation, pk=pk)

    def still_a_draft() -> None:
        if consultation.status != ConsultationStatus.DRAFT:
            raise ConsultationError("This consultation is already open.")

    def confirm(data: dict[str, Any]) -> HttpResponse:
        still_a_draft()
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

    def open_it(data: dict[str, Any]) -> SendRun:
        still_a_draft()
        return consultation_open(consultation=consultation, by=request.user)

    return form_action(
        request,
        ButtonForm(request.POST),
        open_it,
        success=lambda run: redirect_with_message(
            request,
            "Open. Notice is going to everyone affected, each by their own channel.",
            "sends:progress",
            pk=run.pk,
        ),
        page=lambda form: _detail_page(request, consultation, action_form=form),
        confirm=confirm,
        refusals=(ConsultationError,),
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def staff_reply(request: HttpRequest, pk: int) -> HttpResponse:
    """A reply received by post, email or at a meeting, recorded by an officer."""
    consultation = get_object_or_404(Consultation, pk=pk)
    return form_action(
        request,
        RecordedReplyForm(posted(request), prefix="r", request=request),
        lambda data: representation_add(
            consultation=consultation,
            text=data["text"],
            resident=data["resident"],
            from_name=data["from_name"],
            channel=data["channel"],
            received_on=data["received_on"],
            by=request.user,
        ),
        success=lambda _: _back_to(request, consultation, "Reply recorded."),
        page=lambda form: _detail_page(request, consultation, reply_form=form),
        refusals=(ConsultationError,),
    )


def _back_to(request: HttpRequest, consultation: Consultation, message: str) -> HttpResponse:
    return redirect_with_message(
        request, message, "staff-consultations:consultation-detail", pk=consultation.pk
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def staff_decide(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = get_object_or_404(Consultation, pk=pk)
    return form_action(
        request,
        DecisionForm(posted(request), prefix="d"),
        lambda data: consultation_decide(consultation=consultation, by=request.user, **data),
        success=lambda _: _back_to(
            request, consultation, "Decision recorded. Now tell residents what you did."
        ),
        page=lambda form: _detail_page(request, consultation, decision_form=form),
        refusals=(ConsultationError,),
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def staff_feedback(request: HttpRequest, pk: int) -> HttpResponse:
    """The feedback form, then the confirmation page (who will be told), then publish."""
    consultation = get_object_or_404(Consultation, pk=pk)

    # What was done is the decision recorded, as residents have always been told it.
    def confirm(data: dict[str, Any]) -> HttpResponse:
        return outcome_confirm(
            request,
            source=consultation,
            you_said=data["feedback"],
            we_did=consultation.decision,
            action=reverse("staff-consultations:feedback", args=[pk]),
            hidden=[("f-feedback", data["feedback"])],
        )

    return form_action(
        request,
        FeedbackForm(posted(request), prefix="f"),
        lambda data: outcome_publish(
            source=consultation, you_said=data["feedback"], we_did=consultation.decision, by=request.user
        ),
        success=lambda run: redirect_with_message(
            request, "Published. Everyone who replied is being told.", "sends:progress", pk=run.pk
        ),
        page=lambda form: _detail_page(request, consultation, feedback_form=form),
        confirm=confirm,
        refusals=(OutcomeError,),
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def staff_document(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = get_object_or_404(Consultation, pk=pk)
    return form_action(
        request,
        DocumentForm(posted(request), posted_files(request), prefix="doc"),
        lambda data: document_add(consultation=consultation, by=request.user, **data),
        success=lambda _: _back_to(request, consultation, "Document added."),
        page=lambda form: _detail_page(request, consultation, document_form=form),
        refusals=(ConsultationError,),
    )
