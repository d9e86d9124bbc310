"""Designing a survey, inviting people, and recording responses from every channel."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone

from tenantvoice.audiences.rules import Audience
from tenantvoice.comms.models import SendKind, SendRun
from tenantvoice.comms.sends import send_start
from tenantvoice.core.audit import audit_record, diff_fields
from tenantvoice.core.errors import DomainError
from tenantvoice.core.models import AuditAction
from tenantvoice.core.summaries import bump
from tenantvoice.core.text import counted, possessive
from tenantvoice.core.updates import model_update
from tenantvoice.residents.models import Resident, TenancyMember

from .bank import tsm_questions
from .models import (
    Answer,
    Channel,
    Invitation,
    Question,
    QuestionKind,
    Response,
    Survey,
    SurveyCorrection,
    SurveyStatus,
    survey_topic,
)
from .population import age_band_of, tenure_group_of


class SurveyError(DomainError):
    pass


def _user(by: Any) -> Any:
    return by if getattr(by, "is_authenticated", False) else None


def _editable(survey: Survey) -> None:
    if survey.responses.exists():
        raise SurveyError("People have answered this survey, so its questions cannot change.")


def _audit(survey: Survey, by: Any, summary: str, **extra: Any) -> None:
    audit_record(
        actor=by,
        action=AuditAction.UPDATE,
        object_type="survey",
        object_id=survey.pk,
        summary=summary,
        **extra,
    )


# What a draft's edit page changes: every field of the create form, and who is asked.
DRAFT_FIELDS = ("title", "intro", "closes_on", "anonymous", "public", "after_activities")
ONLY_WORDING = (
    "This survey is open, so only its wording can be corrected: the title, the introduction, "
    "and each question's text, hint and answers' labels. Its dates, who is asked, its questions, "
    "their filters and the answers themselves stay as they were, so answers already given keep "
    "their meaning."
)


def draft_only(survey: Survey) -> None:
    """Refuse a change of structure once the survey has opened (or anyone has answered)."""
    if survey.status != SurveyStatus.DRAFT:
        raise SurveyError(ONLY_WORDING)
    _editable(survey)


@transaction.atomic
def survey_update(
    *, survey: Survey, by: Any = None, audience: Audience | None = None, **fields: Any
) -> Survey:
    """Change a draft: its title, introduction, closing date, kind and who is asked."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    draft_only(survey)
    unknown = set(fields) - set(DRAFT_FIELDS)
    if unknown:
        raise SurveyError(f"These cannot be changed here: {', '.join(sorted(unknown))}.")
    if audience is not None:
        fields["audience"] = audience.to_json()
    new: dict[str, Any] = {
        name: value.strip() if isinstance(value, str) else value for name, value in fields.items()
    }
    if not new.get("title", survey.title):
        raise SurveyError("Give the survey a title.", field="title")
    closes_on = new.get("closes_on", survey.closes_on)
    if closes_on and closes_on <= timezone.localdate():
        raise SurveyError("The closing date must be after today.", field="closes_on")
    changes = model_update(survey, [*DRAFT_FIELDS, "audience"], new)
    if changes:
        _audit(survey, by, f"Edited the draft {survey.title}", changes=changes)
    return survey


def _option_codes(old: Sequence[Sequence[str]], labels: Sequence[str]) -> list[list[str]]:
    """Codes for a draft question's new answers: an answer keeps its code when its label is
    unchanged; a changed label takes a code left free, in order (so correcting a typo keeps the
    code a filter may use); anything more gets a new code."""
    by_label = {str(label).strip().lower(): str(code) for code, label in old}
    kept = {
        label.strip().lower(): by_label[label.strip().lower()]
        for label in labels
        if label.strip().lower() in by_label
    }
    free = [str(code) for code, _ in old if str(code) not in kept.values()]
    used = {str(code) for code, _ in old}
    number = len(used)
    result = []
    for label in labels:
        key = label.strip().lower()
        if key in kept:
            code = kept.pop(key)
        elif free:
            code = free.pop(0)
        else:
            number += 1
            while f"o{number}" in used:
                number += 1
            code = f"o{number}"
            used.add(code)
        result.append([code, label.strip()])
    return result


@transaction.atomic
def question_update(
    *,
    question: Question,
    kind: str,
    text: str,
    by: Any = None,
    help_text: str = "",
    section: str = "",
    required: bool = False,
    options: Sequence[Sequence[str]] = (),
    filter_question: Question | None = None,
    filter_values: Sequence[str] = (),
) -> Question:
    """Change a draft's question: its wording, kind, answers and filter. Refused once open."""
    question = Question.objects.select_for_update().select_related("survey").get(pk=question.pk)
    draft_only(question.survey)
    if kind not in QuestionKind.values:
        raise SurveyError("Choose the kind of question.")
    if not text.strip():
        raise SurveyError("Write the question.")
    choice = kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE)
    labels = [str(label) for _, label in options if str(label).strip()] if choice else []
    if choice and len(labels) < 2:
        raise SurveyError("A choice question needs at least two answers to choose from, one a line.")
    if filter_question is not None:
        if filter_question.survey_id != question.survey_id or filter_question.pk == question.pk:
            raise SurveyError("Choose another question of this survey to ask it after.")
        step: Question | None = filter_question
        while step is not None:
            if step.pk == question.pk:
                raise SurveyError(
                    "Those questions would each be asked only after an answer to the other. "
                    "Choose another question to ask it after."
                )
            step = step.filter_question
        if not filter_values:
            raise SurveyError("Say which answer to that question shows this one, e.g. Yes.")
    before = {
        "kind": question.kind,
        "text": question.text,
        "help_text": question.help_text,
        "section": question.section,
        "required": question.required,
        "options": question.options,
        "filter_question": question.filter_question_id,
        "filter_values": question.filter_values,
    }
    question.kind, question.text = kind, text.strip()
    question.help_text, question.section, question.required = help_text.strip(), section.strip(), required
    question.options = _option_codes(question.options, labels) if choice else []
    question.filter_question = filter_question
    question.filter_values = list(filter_values) if filter_question is not None else []
    codes = {code for code, _ in question.choices()}
    for later in question.filtered.all():
        if not set(later.filter_values) <= codes:
            raise SurveyError(
                f"Question {later.order} is asked only after certain answers to this one. "
                "Change or remove its filter first."
            )
    after = {**before, **{name: getattr(question, name) for name in before if name != "filter_question"}}
    after["filter_question"] = question.filter_question_id
    changes = diff_fields(before, after)
    if changes:
        question.save()
        _audit(
            question.survey,
            by,
            f"Edited question {question.order} of {question.survey.title}",
            changes=changes,
        )
    return question


@transaction.atomic
def survey_correct(
    *,
    survey: Survey,
    by: Any = None,
    title: str | None = None,
    intro: str | None = None,
    questions: Mapping[int, Mapping[str, Any]] | None = None,
) -> list[SurveyCorrection]:
    """Correct the wording of an open (or closed) survey: the title, the introduction, and each
    question's text, hint and answers' labels, given as ``{question pk: {"text": ..,
    "help_text": .., "options": {value: label}}}``. Answers' values never change, so responses
    already given keep their meaning. Each change is kept as a version with who and when."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.status == SurveyStatus.DRAFT:
        raise SurveyError("This survey is still a draft: edit it instead.")
    user = _user(by)
    versions: list[SurveyCorrection] = []

    def corrected(field: str, old: str, new: str, question: Question | None = None) -> bool:
        if new == old:
            return False
        versions.append(
            SurveyCorrection(
                survey=survey,
                question=question,
                field=field,
                old_text=old,
                new_text=new,
                corrected_by=user,
                corrected_by_name=str(user or "system"),
            )
        )
        return True

    if title is not None:
        if not title.strip():
            raise SurveyError("Give the survey a title: a correction cannot leave it empty.")
        if corrected("title", survey.title, title.strip()):
            survey.title = title.strip()
    if intro is not None and corrected("intro", survey.intro, intro.strip()):
        survey.intro = intro.strip()
    own = {q.pk: q for q in survey.questions.select_for_update()}
    changed_questions = []
    for pk, item in (questions or {}).items():
        question = own.get(pk)
        if question is None:
            raise SurveyError("That question is not in this survey.")
        if set(item) - {"text", "help_text", "options"}:
            raise SurveyError(ONLY_WORDING)
        before = len(versions)
        if "text" in item:
            text = str(item["text"]).strip()
            if not text:
                raise SurveyError(f"Write question {question.order}: a correction cannot leave it empty.")
            if corrected("text", question.text, text, question):
                question.text = text
        if "help_text" in item:
            hint = str(item["help_text"]).strip()
            if len(hint) > 300:
                raise SurveyError(f"Keep the hint to question {question.order} under 300 characters.")
            if corrected("help_text", question.help_text, hint, question):
                question.help_text = hint
        labels = {str(code): str(label).strip() for code, label in (item.get("options") or {}).items()}
        own_codes = {str(code) for code, _ in question.options}
        if set(labels) - own_codes:
            raise SurveyError(ONLY_WORDING)
        options = []
        for code, label in question.options:
            new = labels.get(str(code), label)
            if not new:
                raise SurveyError(f"Give each answer to question {question.order} its words.")
            corrected(f"option:{code}", label, new, question)
            options.append([code, new])
        question.options = options
        if len(versions) > before:
            changed_questions.append(question)
    if not versions:
        raise SurveyError("Nothing was changed. Change the wording you want to correct.")
    survey.save(update_fields=["title", "intro"])
    for question in changed_questions:
        question.save(update_fields=["text", "help_text", "options"])
    SurveyCorrection.objects.bulk_create(versions)
    changes = {
        (f"question {v.question.order} {v.field}" if v.question else v.field): [v.old_text, v.new_text]
        for v in versions
    }
    _audit(survey, by, f"Corrected the wording of {survey.title}", changes=changes)
    return versions


@transaction.atomic
def survey_create(*, survey: Survey, audience: Audience, by: Any = None) -> Survey:
    """Save a new draft ``survey`` (unsaved, from the form) for ``audience``."""
    survey.audience = audience.to_json()
    survey.created_by = _user(by)
    survey.save()
    audit_record(
        actor=by, action=AuditAction.CREATE, object_type="survey", object_id=survey.pk, summary=survey.title
    )
    return survey


@transaction.atomic
def question_add(*, survey: Survey, kind: str, text: str, by: Any = None, **fields: Any) -> Question:
    question = _question_create(survey=survey, kind=kind, text=text, **fields)
    _audit(survey, by, f"Added question {question.order} to {survey.title}")
    return question


def _question_create(*, survey: Survey, kind: str, text: str, **fields: Any) -> Question:
    _editable(survey)
    if kind not in QuestionKind.values:
        raise SurveyError("Choose the kind of question.")
    if not text.strip():
        raise SurveyError("Write the question.")
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE) and len(fields.get("options") or []) < 2:
        raise SurveyError("A choice question needs at least two answers to choose from, one a line.")
    last = survey.questions.aggregate(last=Max("order"))["last"] or 0
    return Question.objects.create(survey=survey, order=last + 1, kind=kind, text=text.strip(), **fields)


@transaction.atomic
def tsm_add(*, survey: Survey, landlord: str, by: Any = None) -> int:
    """Add the Tenant Satisfaction Measures' questions with their filters; returns how many."""
    _editable(survey)
    if survey.questions.filter(code="TP01").exists():
        raise SurveyError("This survey already has the Tenant Satisfaction Measures questions.")
    by_code: dict[str, Question] = {}
    for item in tsm_questions():
        question = _question_create(
            survey=survey,
            kind=item["kind"],
            text=item["text"]
            .replace("[your landlord]'s", possessive(landlord))
            .replace("[your landlord]", landlord),
            code=item["code"],
            section=item.get("section", ""),
            options=item.get("options", []),
            required=item["code"].startswith("TP") or item["code"] in ("REPAIR", "COMPLAINT", "COMMUNAL"),
        )
        if "filter" in item:
            question.filter_question = by_code[item["filter"]]
            question.filter_values = item["filter_values"]
            question.save(update_fields=["filter_question", "filter_values"])
        by_code[item["code"]] = question
    _audit(survey, by, f"Added the Tenant Satisfaction Measures' {len(by_code)} questions to {survey.title}")
    return len(by_code)


@transaction.atomic
def question_move(*, question: Question, up: bool, by: Any = None) -> None:
    if question.survey.status != SurveyStatus.DRAFT:
        raise SurveyError(ONLY_WORDING)
    siblings = list(question.survey.questions.order_by("order", "pk"))
    index = siblings.index(question)
    other = index - 1 if up else index + 1
    if 0 <= other < len(siblings):
        siblings[index], siblings[other] = siblings[other], siblings[index]
        for number, item in enumerate(siblings, start=1):
            if item.order != number:
                Question.objects.filter(pk=item.pk).update(order=number)
    _audit(question.survey, by, f"Moved question {index + 1} {'up' if up else 'down'}")


@transaction.atomic
def question_delete(*, question: Question, by: Any = None) -> None:
    _editable(question.survey)
    survey, order = question.survey, question.order
    question.delete()
    _audit(survey, by, f"Deleted question {order} from {survey.title}")


def survey_link(invitation: Invitation) -> str:
    return settings.TENANTVOICE_SITE_URL.rstrip("/") + reverse("survey-link", args=[invitation.token])


@transaction.atomic
def survey_open(
    *,
    survey: Survey,
    by: Any = None,
    sample_size: int | None = None,
    stratify_by: str = "",
    seed: int = 1,
    today: dt.date | None = None,
) -> SendRun | None:
    """Open the survey and invite its audience (or a random sample of it, simple or stratified
    in proportion on one variable) by their own channel. The invitations are made and queued
    by the mass-send job (comms.sends), so this returns at once; the run says how far it got.
    An exit survey invites nobody now (exit_surveys_send does, after each activity): None."""
    today = today or timezone.localdate()
    if survey.status != SurveyStatus.DRAFT:
        raise SurveyError("This survey is already open or closed.")
    if not survey.questions.exists():
        raise SurveyError("Add questions first.")
    if survey.closes_on and survey.closes_on <= today:
        raise SurveyError("The closing date has passed: choose a later one.")
    if stratify_by and not sample_size:
        raise SurveyError("Give the sample size to stratify a sample.")
    survey.status, survey.opens_on = SurveyStatus.OPEN, today
    survey.sample_size, survey.sampling = (sample_size or None), ""
    survey.save(update_fields=["status", "opens_on", "sample_size", "sampling"])
    run = None
    if not survey.after_activities:
        run = send_start(
            kind=SendKind.SURVEY_INVITATION,
            object_id=survey.pk,
            title=f"Invitations to {survey.title}",
            by=by,
            rule={
                "sample_size": sample_size,
                "stratify_by": stratify_by,
                "seed": seed,
                "today": today.isoformat(),
            },
        )
    audit_record(
        actor=by,
        action=AuditAction.UPDATE,
        object_type="survey",
        object_id=survey.pk,
        summary=f"Opened {survey.title}"
        + (f"; invitations to a sample of {sample_size}" if sample_size else "")
        + ("" if run is None else f" (send {run.pk})"),
    )
    return run


@transaction.atomic
def survey_remind(*, survey: Survey, by: Any = None, today: dt.date | None = None) -> SendRun:
    """Remind everyone invited who has not answered (once a day at most), through the
    mass-send job."""
    if survey.status != SurveyStatus.OPEN:
        raise SurveyError("Only an open survey can send reminders.")
    today = today or timezone.localdate()
    run = send_start(
        kind=SendKind.SURVEY_REMINDER,
        object_id=survey.pk,
        title=f"Reminders for {survey.title}, {today:%d %B %Y}",
        by=by,
        rule={"day": today.isoformat()},
    )
    audit_record(
        actor=by,
        action=AuditAction.UPDATE,
        object_type="survey",
        object_id=survey.pk,
        summary=f"Reminders for {survey.title} (send {run.pk})",
    )
    return run


@transaction.atomic
def survey_close(*, survey: Survey, today: dt.date | None = None, by: Any = None) -> None:
    before = survey.status
    survey.status = SurveyStatus.CLOSED
    survey.closed_on = survey.closed_on or today or timezone.localdate()
    survey.save(update_fields=["status", "closed_on"])
    _audit(survey, by, f"Closed {survey.title}", changes={"status": [before, survey.status]})


@transaction.atomic
def survey_approach_update(
    *, survey: Survey, contractor: str, incentives: str, method_notes: str, by: Any = None
) -> None:
    """How the survey was run, as the printable report's survey approach says it."""
    given = {"contractor": contractor, "incentives": incentives, "method_notes": method_notes}
    changes = model_update(survey, given, given)
    _audit(survey, by, f"Recorded how {survey.title} was run", changes=changes)


@transaction.atomic
def exit_surveys_send(today: dt.date | None = None, *, by: Any = None) -> int:
    """Start a send of each open exit survey to those present at each of the last two days'
    activities (run daily; running it twice the same day starts nothing new, and nobody is
    invited twice for one activity). Returns how many sends were started."""
    from tenantvoice.activities.models import Activity, Attendance

    today = today or timezone.localdate()
    surveys = list(Survey.objects.filter(after_activities=True, status=SurveyStatus.OPEN))
    if not surveys:
        return 0
    since = today - dt.timedelta(days=2)
    activities = Activity.objects.filter(
        starts_at__date__gte=since,
        starts_at__date__lt=today,
        cancelled=False,
        participants__attendance=Attendance.PRESENT,
    ).distinct()
    started = 0
    for survey in surveys:
        for activity in activities:
            rule = {"activity": activity.pk, "day": today.isoformat()}
            if SendRun.objects.filter(
                kind=SendKind.EXIT_SURVEY,
                object_id=survey.pk,
                rule__activity=activity.pk,
                rule__day=rule["day"],
            ).exists():
                continue
            send_start(
                kind=SendKind.EXIT_SURVEY,
                object_id=survey.pk,
                title=f"{survey.title}: to those at {activity.title}",
                rule=rule,
                by=by,
            )
            started += 1
    if started:
        audit_record(
            actor=by,
            action=AuditAction.UPDATE,
            object_type="survey",
            summary=f"Exit surveys started for those at recent activities: {started} send(s)",
            via="web" if by is not None else "command",
        )
    return started


def respondent_facts(resident: Resident | None, on: dt.date) -> dict[str, Any]:
    """Who answered, for breakdowns: area, tenure and its TSM group, type of home, age band."""
    if resident is None:
        return {}
    facts: dict[str, Any] = {}
    member = (
        TenancyMember.objects.current(on)
        .filter(resident=resident)
        .select_related("tenancy__property")
        .first()
    )
    if member is not None:
        tenure = member.tenancy.tenure
        facts |= {
            "area_id": member.tenancy.property.area_id,
            "tenure": tenure,
            "tenure_group": tenure_group_of(tenure),
            "property_type": member.tenancy.property.property_type,
        }
    band = age_band_of(resident.age_on(on))
    if band:
        facts["age_band"] = band
    return facts


def _asked(question: Question, given: Mapping[int, Sequence[str]]) -> bool:
    """Whether the respondent passed the question's filter (an unfiltered question always is)."""
    if question.filter_question_id is None:
        return True
    return bool(set(given.get(question.filter_question_id, [])) & set(question.filter_values))


def answers_check(
    survey: Survey, raw: Mapping[int, list[str]], *, as_given: bool = False
) -> tuple[dict[int, list[str]], dict[int, str]]:
    """The answers to keep, and problems by question in plain words. Answers to a filtered
    question whose filter was not passed are dropped, so they never count.

    ``as_given`` is for a paper form or telephone interview typed in by an officer: a question
    the resident skipped stays unanswered, even one the online form insists on, because the
    officer cannot go back and ask (each result counts only the valid answers it has)."""
    kept: dict[int, list[str]] = {}
    problems: dict[int, str] = {}
    for question in survey.questions.all():
        values = [v.strip() for v in raw.get(question.pk, []) if v and v.strip()]
        if not _asked(question, raw):
            continue
        if not values:
            if question.required and not as_given:
                problems[question.pk] = "Answer this question."
            continue
        if question.kind in (QuestionKind.TEXT,):
            kept[question.pk] = values[:1]
        elif question.kind == QuestionKind.NUMBER:
            try:
                Decimal(values[0])
            except InvalidOperation:
                problems[question.pk] = "Enter a number, like 3."
                continue
            kept[question.pk] = values[:1]
        else:
            allowed = {code for code, _ in question.choices()}
            if any(v not in allowed for v in values):
                problems[question.pk] = "Choose from the answers given."
                continue
            kept[question.pk] = values if question.kind == QuestionKind.MULTIPLE else values[:1]
    return kept, problems


@transaction.atomic
def response_record(
    *,
    survey: Survey,
    answers: Mapping[int, list[str]],
    channel: str,
    invitation: Invitation | None = None,
    resident: Resident | None = None,
    by: Any = None,
    today: dt.date | None = None,
    audited: bool = True,
) -> Response:
    """Record one response from any channel; all-or-nothing, one per invitation and one per
    resident (per activity for an exit survey), whichever route it comes by (decision 0020).

    ``audited=False`` is for a bulk import, which writes one audit row for the whole file.
    """
    today = today or timezone.localdate()
    if survey.status != SurveyStatus.OPEN and channel not in (Channel.PAPER, Channel.PHONE, Channel.IMPORT):
        raise SurveyError("This survey is closed. Thank you for your interest.")
    if invitation is None and resident is not None:
        invitation = _invitation_of(survey, resident)
    if invitation is not None:
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        resident = resident or invitation.resident
        if invitation.responded_at is not None:
            raise AlreadyAnswered(channel)
    activity_id = invitation.activity_id if invitation is not None else None
    same_activity = Q(activity__isnull=True) if activity_id is None else Q(activity_id=activity_id)
    answered = Response.objects.filter(same_activity, survey=survey, resident=resident)
    if resident is not None and answered.exists():
        raise AlreadyAnswered(channel)
    kept, problems = answers_check(survey, answers, as_given=channel in (Channel.PAPER, Channel.PHONE))
    if problems:
        raise AnswersInvalid(problems)
    facts = respondent_facts(resident, today)
    try:
        # A savepoint, so that a response saved at the same moment by another route (the
        # database's constraint) leaves the caller's transaction usable.
        with transaction.atomic():
            response = Response.objects.create(
                survey=survey,
                invitation=invitation,
                resident=None if survey.anonymous else resident,
                activity_id=activity_id,
                channel=channel,
                # Who typed in a paper or telephone response; a resident's own answers have none.
                entered_by=_user(by) if getattr(by, "is_staff_role", False) else None,
                **facts,
            )
    except IntegrityError as exc:
        raise AlreadyAnswered(channel) from exc
    questions = {q.pk: q for q in survey.questions.all()}
    rows = []
    for pk, values in kept.items():
        question = questions[pk]
        for value in values:
            if question.kind == QuestionKind.TEXT:
                rows.append(Answer(response=response, question=question, text=value))
            elif question.kind == QuestionKind.NUMBER:
                rows.append(Answer(response=response, question=question, number=Decimal(value)))
            else:
                number = Decimal(value) if question.kind == QuestionKind.RATING else None
                rows.append(Answer(response=response, question=question, choice=value, number=number))
    Answer.objects.bulk_create(rows)
    bump(survey_topic(survey.pk))  # bulk_create sends no signal (decision 0040)
    if invitation is not None:
        invitation.responded_at = timezone.now()
        invitation.save(update_fields=["responded_at"])
    if audited and survey.anonymous:
        # Neither the response nor the resident: the log must not undo the anonymity.
        _audit(survey, by if getattr(by, "is_staff_role", False) else None, f"A response ({channel})")
    elif audited:
        audit_record(
            actor=by,
            action=AuditAction.CREATE,
            object_type="survey_response",
            object_id=response.pk,
            resident_id=response.resident_id,
            summary=f"Answered {survey.title} ({channel})",
        )
    return response


def _invitation_of(survey: Survey, resident: Resident) -> Invitation | None:
    """The resident's own invitation to a survey that is not about one activity. An anonymous
    survey keeps no resident on its responses, so its invitation is what records that the
    resident has answered: one is made when they answer without having been invited."""
    invitation = survey.invitations.filter(resident=resident, activity__isnull=True).first()
    if invitation is None and survey.anonymous:
        invitation, _ = Invitation.objects.get_or_create(survey=survey, resident=resident, activity=None)
    return invitation


class AlreadyAnswered(SurveyError):
    """A second response from the same resident: the first is kept."""

    def __init__(self, channel: str) -> None:
        if channel in (Channel.PORTAL, Channel.LINK, Channel.OPEN):
            message = "You have already answered this survey, so these answers were not saved. Thank you."
        else:
            message = (
                "This resident has already answered this survey, so this response was not saved. "
                "Only the first response from each resident counts."
            )
        super().__init__(message)


class AnswersInvalid(SurveyError):
    def __init__(self, problems: dict[int, str]) -> None:
        super().__init__("Some answers need another look.")
        self.problems = problems


TRANSLATION_MAX = {"text": 2000, "option": 200}


def translations_save(
    *, survey: Survey, language: str, entered: Mapping[int, Mapping[str, Any]], by: Any = None
) -> int:
    """Save officers' translations into ``language`` for the survey's questions: each question's
    text and its choices' labels. An empty box removes that translation, so residents see the
    English. Returns how many questions have a translation afterwards."""
    if not language or language == "en":
        raise SurveyError("Choose the language you are translating into.")
    problems = {}
    for pk, item in entered.items():
        if len(item.get("text", "")) > TRANSLATION_MAX["text"]:
            problems[pk] = f"Keep the question under {TRANSLATION_MAX['text']} characters."
        elif any(len(label) > TRANSLATION_MAX["option"] for label in item.get("options", {}).values()):
            problems[pk] = f"Keep each answer under {TRANSLATION_MAX['option']} characters."
    if problems:
        raise AnswersInvalid(problems)
    translated = 0
    with transaction.atomic():
        for question in survey.questions.select_for_update():
            given = entered.get(question.pk)
            if given is None:
                continue
            codes = {code for code, _ in question.choices()}
            options = {
                c: label.strip()
                for c, label in given.get("options", {}).items()
                if c in codes and label.strip()
            }
            entry = {"text": given.get("text", "").strip(), "options": options}
            translations = dict(question.translations)
            if entry["text"] or options:
                translations[language] = entry
            else:
                translations.pop(language, None)
            question.translations = translations
            question.save(update_fields=["translations"])
            translated += language in translations
    audit_record(
        actor=by,
        action=AuditAction.UPDATE,
        object_type="survey",
        object_id=survey.pk,
        summary=f"Translations into {language}: {counted(translated, 'question', 'questions')}",
    )
    return translated
