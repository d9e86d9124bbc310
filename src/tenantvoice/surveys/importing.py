"""Responses from a contractor's file (CSV or Excel): one row per response, one column per
question, headed with the question's code (e.g. TP01) or its number (Q1, Q2 ...). Answers may be
the wording ("Fairly satisfied") or the code. An optional "reference" column links a row to the
resident (person reference); an optional "channel" column says how it was collected
(paper, phone, link, portal; default: the contractor's file).

All-or-nothing per file unless the officer chooses to keep the good rows: every problem is
reported by row and column, and nothing is saved while any row is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from tenantvoice.core.audit import audit_record
from tenantvoice.core.models import AuditAction
from tenantvoice.residents.importing import RowError, read_rows
from tenantvoice.residents.models import Resident

from .models import Channel, Question, Survey
from .services import AnswersInvalid, SurveyError, response_record

CHANNELS = {c.value: c.value for c in Channel} | {str(c.label).lower(): c.value for c in Channel}


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
        if key in ("reference", "channel", ""):
            continue
        question = by_code.get(key) or by_number.get(key)
        if question is None:
            problems.append(
                RowError(
                    1,
                    heading,
                    heading,
                    "This column is not a question of the survey (use its code, like TP01, or Q1, Q2 ...).",
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
    rows = list(read_rows(path, name))
    outcome = ImportOutcome()
    if not rows:
        outcome.problems.append(RowError(1, "", "", "The file is empty."))
        return outcome
    headings = rows[0]
    columns, outcome.problems = _columns(survey, headings)
    if outcome.problems:
        return outcome  # a wrong heading is wrong for every row: nothing to keep
    lower = [h.strip().lower() for h in headings]
    bad_rows: set[int] = set()
    try:
        with transaction.atomic():
            for number, row in enumerate(rows[1:], start=2):
                if not any(row):
                    continue
                cells = dict(zip(lower, row, strict=False))
                answers = {q.pk: _value(q, row[i]) for i, q in columns.items() if i < len(row) and row[i]}
                channel = CHANNELS.get(
                    (cells.get("channel") or "").lower(), Channel.IMPORT if not cells.get("channel") else ""
                )
                if not channel:
                    outcome.problems.append(
                        RowError(number, "channel", cells["channel"], "Use paper, phone, link or portal.")
                    )
                    bad_rows.add(number)
                    continue
                resident = None
                if cells.get("reference"):
                    resident = Resident.objects.filter(hms_ref=cells["reference"]).first()
                    if resident is None:
                        outcome.problems.append(
                            RowError(
                                number,
                                "reference",
                                cells["reference"],
                                "No one on the register has this person reference.",
                            )
                        )
                        bad_rows.add(number)
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
                except AnswersInvalid as exc:
                    headed = {q.pk: headings[i] for i, q in columns.items()}
                    for pk, problem in exc.problems.items():
                        column = headed.get(pk, "")
                        index = next((i for i, q in columns.items() if q.pk == pk), None)
                        value = row[index] if index is not None and index < len(row) else ""
                        outcome.problems.append(RowError(number, column or f"question {pk}", value, problem))
                    bad_rows.add(number)
                    continue
                except SurveyError as exc:
                    outcome.problems.append(RowError(number, "", "", str(exc)))
                    bad_rows.add(number)
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
