"""Responses from a contractor's file (CSV or Excel): one row per response, one column per
question, headed with the question's code (e.g. TP01) or its number (Q1, Q2 ...). Answers may be
the wording ("Fairly satisfied") or the code. An optional ``person_ref`` column, named as in the
resident import (``reference`` is still read), links a row to the resident; an optional
``channel`` column says how it was collected (paper, phone, link, portal; default: the
contractor's file). A paper or telephone row may leave a question empty, as the resident did.

All-or-nothing per file unless the officer chooses to keep the good rows: every problem is
reported by row and by the file's own column heading, with the question's code, and every
problem of a row is reported, not only the first; nothing is saved while any row is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from tenantvoice.core.audit import audit_record
from tenantvoice.core.models import AuditAction
from tenantvoice.core.spreadsheets import RowError, read_rows
from tenantvoice.residents.models import Resident

from .models import Channel, Question, QuestionKind, Survey
from .services import AnswersInvalid, SurveyError, answers_check, response_record

CHANNELS = {c.value: c.value for c in Channel} | {str(c.label).lower(): c.value for c in Channel}
# The resident import's name for the person reference first (residents/hms_columns.py), then
# the name this importer used before, so that contractors' existing files still work.
REFERENCE_HEADINGS = ("person_ref", "reference")
OTHER_HEADINGS = {*REFERENCE_HEADINGS, "channel", ""}


@dataclass
class ImportOutcome:
    imported: int = 0
    problems: list[RowError] = field(default_factory=list)
    saved: bool = False


def _columns(survey: Survey, headings: list[str]) -> tuple[dict[int, Question], list[RowError]]:
    questions = list(survey.questions.all())
    by_code = {q.code.lower(): q for q in questions if q.code}
    by_number = {f"q{n}": q for n, q in enumerate(questions, start=1)}
    columns: dict[int, Question] = {}
    problems = []
    for index, heading in enumerate(headings):
        key = heading.strip().lower()
        if key in OTHER_HEADINGS:
            continue
        question = by_code.get(key) or by_number.get(key)
        if question is None:
            problems.append(
                RowError(
                    1,
                    heading,
                    heading,
                    "This column is not a question of the survey (use its code, like TP01, or Q1, Q2 "
                    "...), person_ref or channel.",
                )
            )
        else:
            columns[index] = question
    return columns, problems


def _value(question: Question, text: str) -> list[str]:
    if question.kind in ("text", "number"):
        return [text]
    labels = {label.lower(): code for code, label in question.choices()}
    codes = {code.lower(): code for code, _ in question.choices()}
    parts = [p.strip() for p in (text.split(";") if question.kind == "multiple" else [text]) if p.strip()]
    return [labels.get(p.lower()) or codes.get(p.lower()) or p for p in parts]


def responses_import(
    survey: Survey, path: str | Path, *, name: str | None = None, good_rows_only: bool = False, by: Any = None
) -> ImportOutcome:
    rows = read_rows(path, name)
    outcome = ImportOutcome()
    headings = next(rows, None)
    if headings is None:
        outcome.problems.append(RowError(1, "", "", "The file is empty."))
        return outcome
    columns, outcome.problems = _columns(survey, headings)
    if outcome.problems:
        return outcome  # a wrong heading is wrong for every row: nothing to keep
    lower = [h.strip().lower() for h in headings]
    reference_at = next((lower.index(h) for h in REFERENCE_HEADINGS if h in lower), None)
    channel_at = lower.index("channel") if "channel" in lower else None
    numbers = {q.pk: n for n, q in enumerate(survey.questions.all(), start=1)}
    try:
        with transaction.atomic():
            for number, row in enumerate(rows, start=2):
                if not any(row):
                    continue
                problems, channel, resident = _row_facts(number, row, headings, reference_at, channel_at)
                answers = {q.pk: _value(q, row[i]) for i, q in columns.items() if i < len(row) and row[i]}
                as_given = channel in (Channel.PAPER, Channel.PHONE)
                _, invalid = answers_check(survey, answers, as_given=as_given)
                for index, question in columns.items():
                    if question.pk in invalid:
                        value = row[index] if index < len(row) else ""
                        problems.append(
                            RowError(
                                number,
                                _column_name(headings[index], question, numbers),
                                value,
                                _answer_problem(question, value, invalid[question.pk]),
                            )
                        )
                if problems:
                    outcome.problems.extend(problems)
                    continue
                try:
                    with transaction.atomic():
                        response_record(
                            survey=survey,
                            answers=answers,
                            channel=channel,
                            resident=resident,
                            by=by,
                            audited=False,
                        )
                except AnswersInvalid as exc:  # checked above; kept for safety's sake
                    outcome.problems.extend(RowError(number, "", "", p) for p in exc.problems.values())
                    continue
                except SurveyError as exc:
                    outcome.problems.append(RowError(number, "", "", str(exc)))
                    continue
                outcome.imported += 1
            if outcome.problems and not good_rows_only:
                raise _RollBack
            audit_record(
                actor=by,
                action=AuditAction.IMPORT,
                object_type="survey",
                object_id=survey.pk,
                summary=f"Imported {outcome.imported} responses to {survey.title} from "
                f"{name or Path(path).name}",
            )
    except _RollBack:
        outcome.imported = 0
        return outcome
    outcome.saved = True
    return outcome


class _RollBack(Exception):
    pass


def _row_facts(
    number: int, row: list[str], headings: list[str], reference_at: int | None, channel_at: int | None
) -> tuple[list[RowError], str, Resident | None]:
    """The row's problems with its channel and person reference, its channel and resident."""
    problems = []
    given_channel = row[channel_at].strip() if channel_at is not None and channel_at < len(row) else ""
    channel = CHANNELS.get(given_channel.lower(), "") if given_channel else Channel.IMPORT
    if not channel:
        problems.append(
            RowError(
                number,
                headings[channel_at or 0],
                given_channel,
                f'"{given_channel}" is not a way of answering. Use paper, phone, link or portal.',
            )
        )
    reference = row[reference_at].strip() if reference_at is not None and reference_at < len(row) else ""
    resident = None
    if reference:
        resident = Resident.objects.filter(hms_ref=reference).first()
        if resident is None:
            problems.append(
                RowError(
                    number,
                    headings[reference_at or 0],
                    reference,
                    f'No one on the register has the person reference "{reference}".',
                )
            )
    return problems, channel, resident


def _column_name(heading: str, question: Question, numbers: dict[int, int]) -> str:
    """The file's own heading, and the question's code when the heading is not the code."""
    code = question.code or f"question {numbers.get(question.pk, question.order)}"
    return heading if heading.strip().lower() == code.lower() else f"{heading} (question {code})"


def _answer_problem(question: Question, given: str, problem: str) -> str:
    """The problem in the words of the file: which part of the cell is not an answer, and what
    the answers are."""
    if not given.strip() or question.kind == QuestionKind.TEXT:
        return problem
    if question.kind == QuestionKind.NUMBER:
        return f'"{given}" is not a number. Enter a number, like 3.'
    choices = question.choices()
    known = {label.lower() for _, label in choices} | {code.lower() for code, _ in choices}
    parts = given.split(";") if question.kind == QuestionKind.MULTIPLE else [given]
    wrong = [p.strip() for p in parts if p.strip() and p.strip().lower() not in known]
    if not wrong:
        return problem
    named = " and ".join(f'"{w}"' for w in wrong)
    listed = "; ".join(label for _, label in choices)
    verb = "is not an answer" if len(wrong) == 1 else "are not answers"
    return f"{named} {verb} to this question. Use one of: {listed}."
