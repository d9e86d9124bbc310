"""Officers design surveys, open them, enter paper answers and read results under /staff/surveys/."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from tenantvoice.audiences.forms import AudienceForm
from tenantvoice.audiences.rules import Audience, audience_describe
from tenantvoice.audiences.selectors import audience_profile
from tenantvoice.comms.views.staff_sends import confirm_page
from tenantvoice.core.access import require_capability
from tenantvoice.core.charts import bar_chart
from tenantvoice.core.form_action import form_action, redirect_with_message
from tenantvoice.core.forms import ButtonForm
from tenantvoice.core.http import posted, posted_files
from tenantvoice.core.languages import LANGUAGES, language_name
from tenantvoice.core.roles import Capability
from tenantvoice.core.selectors import landlord_get
from tenantvoice.core.tables import download
from tenantvoice.core.text import counted
from tenantvoice.core.uploads import upload_on_disk
from tenantvoice.core.working_days import feedback_delay, landlord_nation
from tenantvoice.outcomes.forms import OutcomeTextForm
from tenantvoice.outcomes.selectors import published_on
from tenantvoice.outcomes.services import OutcomeError, outcome_publish
from tenantvoice.outcomes.views.publishing import outcome_confirm
from tenantvoice.representation.report import section, survey_population
from tenantvoice.strategies.standards import standards_get

from ..answering import answers_from, template_context
from ..forms import (
    ApproachForm,
    CorrectionForm,
    EntryForm,
    OpenForm,
    PeerGroupForm,
    QuestionChoiceForm,
    QuestionForm,
    ResponsesUploadForm,
    SurveyForm,
)
from ..models import PeerGroup, Question, Survey, SurveyStatus
from ..peers import peers_import
from ..population import WEIGHT_VARIABLES
from ..report import earlier_waves, short_label, survey_approach, survey_report
from ..results import BREAKDOWNS, SCALES
from ..selectors import survey_counts
from ..services import (
    ONLY_WORDING,
    AnswersInvalid,
    SurveyError,
    draft_only,
    question_add,
    question_delete,
    question_move,
    question_update,
    response_record,
    survey_approach_update,
    survey_close,
    survey_correct,
    survey_create,
    survey_open,
    survey_remind,
    survey_update,
    translations_save,
    tsm_add,
)
from ..statistics import sample_size_for_margin


@require_capability(Capability.MANAGE_INVOLVEMENT)
def survey_list(request: HttpRequest) -> HttpResponse:
    nation = landlord_nation()
    rows = [
        (s, feedback_delay(s.closed_on or s.closes_on, published_on(s), nation))
        for s in Survey.objects.select_related("outcome")
    ]
    standard = standards_get().feedback_working_days
    return render(request, "surveys/staff_list.html", {"rows": rows, "standard": standard})


@require_capability(Capability.MANAGE_INVOLVEMENT)
def survey_new(request: HttpRequest) -> HttpResponse:
    form = SurveyForm(posted(request), prefix="s")
    audience_form = AudienceForm(posted(request), prefix="a")
    return form_action(
        request,
        form,
        lambda data: survey_create(
            survey=form.save(commit=False), audience=audience_form.audience(), by=request.user
        ),
        success=lambda survey: redirect_with_message(
            request, "Survey saved as a draft. Add its questions.", "surveys:survey-detail", pk=survey.pk
        ),
        page=lambda form: render(
            request, "surveys/staff_new.html", {"form": form, "audience_form": audience_form}
        ),
        also_valid=[audience_form],
        refusals=(SurveyError, OutcomeError),
    )


def _detail_context(survey: Survey, **forms: Any) -> dict[str, Any]:
    population = audience_profile(Audience.from_json(survey.audience)).residents
    counts = survey_counts(survey)
    return {
        "survey": survey,
        "questions": survey.questions.select_related("filter_question"),
        "audience_lines": audience_describe(Audience.from_json(survey.audience)),
        "population": population,
        "suggested": {m: sample_size_for_margin(population, m / 100) for m in (3, 5, 10)}
        if population
        else {},
        "question_form": forms.get("question_form") or QuestionForm(survey=survey, prefix="q"),
        "open_form": forms.get("open_form") or OpenForm(prefix="o"),
        "approach_form": forms.get("approach_form") or ApproachForm(instance=survey, prefix="a"),
        "action_form": forms.get("action_form"),
        "invited": counts.invited,
        "answered": counts.answered,
        "corrections": survey.corrections.select_related("question"),
    }


@require_capability(Capability.MANAGE_INVOLVEMENT)
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    survey = get_object_or_404(Survey, pk=pk)
    return _detail_page(request, survey)


def _detail_page(request: HttpRequest, survey: Survey, **forms: BaseForm) -> HttpResponse:
    """The survey's page with ``forms`` posted from it (by their names in the page)."""
    return render(request, "surveys/staff_detail.html", _detail_context(survey, **forms))


@require_capability(Capability.MANAGE_INVOLVEMENT)
def survey_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """A draft: its title, introduction, closing date and who is asked (its questions are
    edited one by one). Once open: its wording only, each correction kept as a version with
    who and when (decision 0028)."""
    survey = get_object_or_404(Survey, pk=pk)
    # Which of the page's two forms was posted: the draft's, or a correction of its wording.
    step = request.POST.get("step", "") if request.method == "POST" else ""
    if request.method == "POST" and not step:
        step = "draft" if survey.status == SurveyStatus.DRAFT else "correct"
    form = SurveyForm(
        request.POST if step == "draft" else None, prefix="s", instance=Survey.objects.get(pk=pk)
    )
    audience_form = (
        AudienceForm(request.POST, prefix="a")
        if step == "draft"
        else AudienceForm.for_audience(Audience.from_json(survey.audience), prefix="a")
    )
    correction_form = CorrectionForm(request.POST if step == "correct" else None, survey=survey, prefix="w")

    def edit_page(posted_form: BaseForm) -> HttpResponse:
        survey.refresh_from_db()
        return render(
            request,
            "surveys/staff_edit.html",
            {
                "survey": survey,
                "draft": survey.status == SurveyStatus.DRAFT,
                "form": form,
                "audience_form": audience_form,
                "correction_form": correction_form,
                "posted_form": posted_form,
                "questions": survey.questions.all(),
                "corrections": survey.corrections.select_related("question"),
            },
        )

    def save_draft(data: dict[str, Any]) -> None:
        if survey.status != SurveyStatus.DRAFT:
            # A page opened while it was a draft, saved after it opened: nothing structural changes.
            raise SurveyError(ONLY_WORDING)
        fields = {name: data[name] for name in SurveyForm.Meta.fields}
        survey_update(survey=survey, by=request.user, audience=audience_form.audience(), **fields)

    if step == "draft":
        return form_action(
            request,
            form,
            save_draft,
            success=lambda _: redirect_with_message(request, "Draft saved.", "surveys:survey-detail", pk=pk),
            page=edit_page,
            also_valid=[audience_form],
            refusals=(SurveyError, OutcomeError),
        )
    return form_action(
        request,
        correction_form,
        lambda data: survey_correct(survey=survey, by=request.user, **correction_form.corrections()),
        success=lambda _: redirect_with_message(
            request,
            "Corrected. The wording before is kept in the history of corrections.",
            "surveys:survey-detail",
            pk=pk,
        ),
        page=edit_page,
        refusals=(SurveyError, OutcomeError),
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def question_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """A draft's question: its wording, kind, answers and filter. Once the survey is open the
    officer is sent to correct its wording instead."""
    question = get_object_or_404(Question.objects.select_related("survey"), pk=pk)
    survey = question.survey
    if request.method != "POST" and survey.status != SurveyStatus.DRAFT:
        messages.info(request, ONLY_WORDING)
        return redirect("surveys:survey-edit", pk=survey.pk)
    form = (
        QuestionForm(request.POST, survey=survey, question=question, prefix="q")
        if request.method == "POST"
        else QuestionForm.for_question(question, prefix="q")
    )

    def save(data: dict[str, Any]) -> None:
        draft_only(survey)
        question_update(question=question, by=request.user, **form.cleaned())

    return form_action(
        request,
        form,
        save,
        success=lambda _: redirect_with_message(
            request, f"Question {question.order} saved.", "surveys:survey-detail", pk=survey.pk
        ),
        page=lambda form: render(
            request,
            "surveys/question_edit.html",
            {
                "survey": survey,
                "question": question,
                "form": form,
                "draft": survey.status == SurveyStatus.DRAFT,
            },
        ),
        # cleaned() refuses a filter it cannot match with a ValidationError
        refusals=(SurveyError, ValidationError),
    )


@require_POST
@require_capability(Capability.MANAGE_INVOLVEMENT)
def question_new(request: HttpRequest, pk: int) -> HttpResponse:
    survey = get_object_or_404(Survey, pk=pk)
    form = QuestionForm(request.POST, survey=survey, prefix="q")

    def add(data: dict[str, Any]) -> None:
        draft_only(survey)
        question_add(survey=survey, by=request.user, **form.cleaned())

    return form_action(
        request,
        form,
        add,
        success=lambda _: redirect_with_message(request, "Question added.", "surveys:survey-detail", pk=pk),
        page=lambda form: _detail_page(request, survey, question_form=form),
        # cleaned() refuses a filter it cannot match with a ValidationError
        refusals=(SurveyError, ValidationError),
    )


@require_POST
@require_capability(Capability.MANAGE_INVOLVEMENT)
def survey_action(request: HttpRequest, pk: int) -> HttpResponse:
    """The buttons on a survey's page, each posting its form with ``action`` naming it: add the
    TSM questions, move or delete a question, open (with an optional sample), remind, publish
    "you said, we did", save how it was run, close."""
    survey = get_object_or_404(Survey, pk=pk)
    back = reverse("surveys:survey-detail", args=[pk])
    form: BaseForm = ButtonForm(request.POST)
    confirm: Callable[[dict[str, Any]], HttpResponse] | None = None
    act: Callable[[dict[str, Any]], HttpResponse]  # does it, and answers where to go next

    def done(message: str, to: str = back) -> HttpResponse:
        return redirect_with_message(request, message, to) if message else redirect(to)

    match request.POST.get("action", ""):
        case "tsm":

            def act(data: dict[str, Any]) -> HttpResponse:
                draft_only(survey)
                added = tsm_add(survey=survey, landlord=landlord_get().name, by=request.user)
                return done(f"Added the {added} Tenant Satisfaction Measures questions, with their filters.")
        case "up" | "down" | "delete" as move:
            form = QuestionChoiceForm(request.POST, survey=survey)

            def act(data: dict[str, Any]) -> HttpResponse:
                draft_only(survey)
                if move == "delete":
                    question_delete(question=data["question"], by=request.user)
                else:
                    question_move(question=data["question"], up=move == "up", by=request.user)
                return done("")
        case "open":
            form = OpenForm(request.POST, prefix="o")

            def confirm(data: dict[str, Any]) -> HttpResponse:
                return _confirm(request, survey, "open", data)

            def act(data: dict[str, Any]) -> HttpResponse:
                run = survey_open(
                    survey=survey,
                    by=request.user,
                    sample_size=data["sample_size"],
                    stratify_by=data["stratify_by"],
                )
                if run is None:
                    return done("Open. Everyone present at each activity is invited the day after.")
                return done(
                    "Open. The invitations are being sent, each by their own channel.",
                    reverse("sends:progress", args=[run.pk]),
                )
        case "remind":

            def confirm(data: dict[str, Any]) -> HttpResponse:
                _open_only(survey)
                return _confirm(request, survey, "remind", {})

            def act(data: dict[str, Any]) -> HttpResponse:
                _open_only(survey)
                run = survey_remind(survey=survey, by=request.user)
                return done(
                    "Reminders are being sent to those who have not answered.",
                    reverse("sends:progress", args=[run.pk]),
                )
        case "feedback":
            form = OutcomeTextForm(request.POST)

            def confirm(data: dict[str, Any]) -> HttpResponse:
                return outcome_confirm(
                    request,
                    source=survey,
                    you_said=data["you_said"],
                    we_did=data["we_did"],
                    action=reverse("surveys:survey-action", args=[survey.pk]),
                    hidden=[
                        ("action", "feedback"),
                        ("you_said", data["you_said"]),
                        ("we_did", data["we_did"]),
                    ],
                )

            def act(data: dict[str, Any]) -> HttpResponse:
                run = outcome_publish(
                    source=survey, you_said=data["you_said"], we_did=data["we_did"], by=request.user
                )
                return done(
                    "Published. Everyone who answered is being told.",
                    reverse("sends:progress", args=[run.pk]),
                )
        case "approach":
            # Its own copy of the survey: validating a model form changes the instance it is given.
            form = ApproachForm(request.POST, instance=Survey.objects.get(pk=pk), prefix="a")

            def act(data: dict[str, Any]) -> HttpResponse:
                survey_approach_update(survey=survey, by=request.user, **data)
                return done("Saved. The survey approach in the printable report now says so.")
        case "close":

            def act(data: dict[str, Any]) -> HttpResponse:
                survey_close(survey=survey, by=request.user)
                return done("Closed. Paper forms that arrive later can still be entered.")
        case _:

            def act(data: dict[str, Any]) -> HttpResponse:
                raise SurveyError("Choose what to do.")

    def page(form: BaseForm) -> HttpResponse:
        name = {OpenForm: "open_form", ApproachForm: "approach_form"}.get(type(form), "action_form")
        return _detail_page(request, survey, **{name: form})

    return form_action(
        request,
        form,
        act,
        success=lambda answer: answer,
        page=page,
        confirm=confirm,
        refusals=(SurveyError, OutcomeError),
    )


def _open_only(survey: Survey) -> None:
    if survey.status != SurveyStatus.OPEN:
        raise SurveyError("Only an open survey can send reminders.")


def _confirm(request: HttpRequest, survey: Survey, what: str, data: dict[str, Any]) -> HttpResponse:
    """The confirmation page before a survey's invitations or reminders."""
    from tenantvoice.comms.models import SendKind

    back = reverse("surveys:survey-detail", args=[survey.pk])
    common: dict[str, Any] = {"subject": survey, "action": reverse("surveys:survey-action", args=[survey.pk])}
    common |= {"back": back, "back_label": survey.title}
    if what == "open":
        if survey.status != SurveyStatus.DRAFT:
            raise SurveyError("This survey is already open or closed.")
        if survey.after_activities:
            return confirm_page(
                request,
                kind=SendKind.EXIT_SURVEY,
                heading=f"Open {survey.title}",
                button="Open the exit survey",
                rule={"activity": 0},
                hidden=[("action", "open")],
                lines=[
                    "Nobody is invited now: everyone marked present at a meeting or event is invited "
                    "the day after."
                ],
                **common,
            )
        size, stratify = data.get("sample_size"), data.get("stratify_by") or ""
        lines = []
        if size:
            shared = f", shared out by {WEIGHT_VARIABLES[stratify].lower()}" if stratify else ""
            lines.append(f"A random sample of {size:,} of the audience{shared}.")
        return confirm_page(
            request,
            kind=SendKind.SURVEY_INVITATION,
            heading=f"Open {survey.title} and send the invitations",
            button="Open the survey and send the invitations",
            rule={"sample_size": size, "stratify_by": stratify, "seed": 1},
            hidden=[("action", "open"), ("o-sample_size", str(size or "")), ("o-stratify_by", stratify)],
            lines=lines,
            **common,
        )
    return confirm_page(
        request,
        kind=SendKind.SURVEY_REMINDER,
        heading=f"Remind those who have not answered {survey.title}",
        button="Send the reminders",
        rule={"day": timezone.localdate().isoformat()},
        hidden=[("action", "remind")],
        lines=["Anyone already reminded today is not reminded again."],
        **common,
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def paper_entry(request: HttpRequest, pk: int) -> HttpResponse:
    """An officer types in a paper form or a telephone interview."""
    survey = get_object_or_404(Survey, pk=pk)
    given: dict[int, list[str]] = answers_from(request.POST) if request.method == "POST" else {}
    problems: dict[int, str] = {}  # each answer to look at again, by question

    def record(data: dict[str, Any]) -> None:
        nonlocal problems
        resident = data["resident"]
        invitation = survey.invitations.filter(resident=resident).first() if resident else None
        try:
            response_record(
                survey=survey,
                answers=given,
                channel=data["channel"],
                resident=resident,
                invitation=invitation if invitation and not invitation.responded_at else None,
                by=request.user,
            )
        except AnswersInvalid as exc:
            problems = exc.problems
            raise SurveyError(f"{counted(len(problems), 'answer', 'answers')} need another look.") from exc

    return form_action(
        request,
        EntryForm(posted(request), prefix="e", request=request),
        record,
        success=lambda _: redirect_with_message(
            request, "Response entered. Enter the next one below.", "surveys:paper-entry", pk=pk
        ),
        page=lambda form: render(
            request,
            "surveys/paper_entry.html",
            template_context(survey, "en", given=given, problems=problems, form=form),
        ),
        refusals=(SurveyError, OutcomeError),
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def survey_translate(request: HttpRequest, pk: int) -> HttpResponse:
    """Officers type in each question and answer in another language; residents whose language
    it is then see it (the preview shows it), and English wherever a box is left empty."""
    survey = get_object_or_404(Survey, pk=pk)
    language = (request.POST.get("language") or request.GET.get("language") or "")[:16]
    choices = [(code, name) for code, name in LANGUAGES if code not in ("en", "other", "bfi")]
    questions = list(survey.questions.all())
    problems: dict[int, str] = {}
    if request.method == "POST" and language:
        entered = {
            q.pk: {
                "text": request.POST.get(f"t-{q.pk}", ""),
                "options": {code: request.POST.get(f"o-{q.pk}-{code}", "") for code, _ in q.choices()},
            }
            for q in questions
        }
        try:
            translated = translations_save(survey=survey, language=language, entered=entered, by=request.user)
        except AnswersInvalid as exc:
            problems = exc.problems
        except SurveyError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                f"Saved: {counted(translated, 'question', 'questions')} in {language_name(language)}.",
            )
            return redirect(f"{reverse('surveys:survey-translate', args=[pk])}?language={language}")
    rows = []
    for q in questions:
        mine = q.translations.get(language) or {}
        rows.append(
            {
                "question": q,
                "text": request.POST.get(f"t-{q.pk}", mine.get("text", ""))
                if problems
                else mine.get("text", ""),
                "options": [
                    (code, label, (mine.get("options") or {}).get(code, ""))
                    for code, label in (q.choices() if q.kind not in ("text", "number") else [])
                ],
                "problem": problems.get(q.pk, ""),
            }
        )
    spoken = [
        (language_name(code), n)
        for code, n in audience_profile(Audience.from_json(survey.audience)).other_languages()
    ]
    done = sorted({code for q in questions for code in q.translations})
    return render(
        request,
        "surveys/translate.html",
        {
            "survey": survey,
            "language": language,
            "language_label": language_name(language) if language else "",
            "choices": choices,
            "rows": rows,
            "spoken": spoken,
            "done": [(code, language_name(code)) for code in done],
            "problems": problems,
        },
        status=400 if problems else 200,
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def survey_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The survey as a resident sees it (try it at phone width), in any translated language."""
    survey = get_object_or_404(Survey, pk=pk)
    language = (request.GET.get("lang") or "en")[:16]
    return render(request, "surveys/answer.html", template_context(survey, language, preview=True))


@require_capability(Capability.MANAGE_INVOLVEMENT)
def responses_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Responses from a contractor's CSV or Excel file; all-or-nothing unless chosen otherwise."""
    from tenantvoice.residents.importing import ImportFileError

    from ..importing import responses_import

    survey = get_object_or_404(Survey, pk=pk)
    form = ResponsesUploadForm(posted(request), posted_files(request))

    def upload_page(form: ResponsesUploadForm, outcome: Any = None) -> HttpResponse:
        problem = " ".join(str(error) for errors in form.errors.values() for error in errors)
        context = {"survey": survey, "outcome": outcome, "problem": problem}
        # A file whose rows have problems saves nothing (unless the good rows are kept): 400.
        return render(
            request, "surveys/upload.html", context, status=400 if outcome and not outcome.saved else 200
        )

    def upload(data: dict[str, Any]) -> Any:
        with upload_on_disk(data["file"]) as path:
            return responses_import(
                survey, path, name=data["file"].name, good_rows_only=data["good_rows_only"], by=request.user
            )

    return form_action(
        request,
        form,
        upload,
        success=lambda outcome: upload_page(form, outcome),
        page=upload_page,
        refusals=(ImportFileError,),
    )


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() else None


def _results_context(request: HttpRequest, survey: Survey) -> dict[str, Any]:
    """Results with the weighting, wave and peer group chosen on the page (all in the address, so
    a link, a download or the printable report shows the same figures)."""
    report = survey_report(
        survey,
        weight_by=request.GET.getlist("weight"),
        compare=_number(request.GET.get("compare", "")),
        peers=_number(request.GET.get("peers", "")),
    )
    query = request.GET.copy()
    for key in ("format", "by", "question", "search"):
        query.pop(key, None)
    satisfied = [
        (short_label(r.question), round(r.positive.percent, 1))
        for r in report.results.questions
        if r.positive is not None and r.positive.percent is not None and not r.positive_hidden
    ]
    return {
        "survey": survey,
        "chart": bar_chart("% satisfied or agreeing, each question", satisfied, unit="%", scale_max=100)
        if satisfied
        else None,
        "results": report.results,
        "weighted": report.results.weighted,
        "comparison": report.comparison,
        "tables": report.tables,
        "peer_groups": PeerGroup.objects.all(),
        "peer_group": report.peer_group,
        "weight_variables": WEIGHT_VARIABLES,
        "chosen_variables": list(report.results.weighted.weighting.variables)
        if report.results.weighted
        else [],
        "waves": earlier_waves(survey),
        "previous": report.comparison.previous if report.comparison else None,
        "query": query.urlencode(),
    }


@require_capability(Capability.VIEW_REPORTS)
def results(request: HttpRequest, pk: int) -> HttpResponse:
    survey = get_object_or_404(Survey, pk=pk)
    context = _results_context(request, survey)
    exported = download(context["tables"], request.GET.get("format", ""), f"survey-{survey.pk}-results")
    if exported is not None:
        return exported
    question_pk = request.GET.get("question", "")
    chosen = survey.questions.filter(pk=int(question_pk)).first() if question_pk.isdigit() else None
    # The breakdowns were suppressed with every other table of the results (decision 0017).
    split = (
        context["results"].breakdowns.get(chosen.pk) if chosen is not None and chosen.kind in SCALES else None
    )
    search = request.GET.get("search", "").strip()
    comments: list[tuple[str, str]] = []
    if search:
        from ..models import Answer

        comments = list(
            Answer.objects.filter(question__survey=survey, text__icontains=search)
            .select_related("question")
            .values_list("question__text", "text")[:200]
        )
    titled = {table.title: table for table in context["tables"]}
    context |= {
        "page_tables": [
            titled[title]
            for title in (
                "Satisfaction at a glance",
                "Tenant Satisfaction Measures",
                "Respondents and the population",
            )
            if title in titled
        ],
        "chosen": chosen,
        "split": [(BREAKDOWNS[by], rows) for by, rows in split.items()] if split else None,
        "search": search,
        "comments": comments,
        # Who answered, against all residents (issue 18 item 2), beside the weighting.
        "who_takes_part": None
        if survey.anonymous
        else section(survey_population(survey), timezone.localdate()),
    }
    return render(request, "surveys/results.html", context)


@require_capability(Capability.VIEW_REPORTS)
def results_report(request: HttpRequest, pk: int) -> HttpResponse:
    """The printable report: every table, and the survey approach the Regulator asks for."""
    survey = get_object_or_404(Survey, pk=pk)
    context = _results_context(request, survey)
    context["approach"] = survey_approach(survey, context["results"], context["weighted"])
    return render(request, "surveys/report.html", context)


@require_capability(Capability.MANAGE_INVOLVEMENT)
def peer_groups(request: HttpRequest) -> HttpResponse:
    """Import a peer group's TSM figures; all-or-nothing unless the good rows are kept."""
    from tenantvoice.residents.importing import ImportFileError

    form = PeerGroupForm(posted(request), posted_files(request))

    def peers_page(form: PeerGroupForm, outcome: Any = None) -> HttpResponse:
        context = {
            "form": form,
            "outcome": outcome,
            "groups": PeerGroup.objects.annotate(figure_count=Count("figures")),
        }
        # Rows with problems and nothing imported (unless the good rows are kept): 400.
        return render(request, "surveys/peers.html", context, status=400 if outcome else 200)

    def upload(data: dict[str, Any]) -> Any:
        with upload_on_disk(data["file"]) as path:
            return peers_import(
                path,
                name=data["name"],
                source=data["source"],
                file_name=data["file"].name,
                good_rows_only=data["good_rows_only"],
                by=request.user,
            )

    def imported(outcome: Any) -> HttpResponse:
        if outcome.group is None:
            return peers_page(form, outcome)
        text = f"Imported {outcome.figures} figures into '{outcome.group.name}'" + (
            f"; {len(outcome.problems)} problems left out." if outcome.problems else "."
        )
        return redirect_with_message(request, text, "surveys:peers")

    return form_action(request, form, upload, success=imported, page=peers_page, refusals=(ImportFileError,))
