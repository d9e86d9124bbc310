"""Showing questions to residents and reading their answers back, for every channel.

All questions are on one page and work without JavaScript. A filtered question says when to
answer it ("Only answer this if you said Yes to question 2"); answers to it are dropped when
the filter was not passed (decision 0012), so they never count.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import QueryDict

from .models import Question, Survey


@dataclass(frozen=True)
class ShownQuestion:
    question: Question
    number: int
    text: str
    choices: list[tuple[str, str]]
    only_if: str
    given: list[str]
    problem: str
    name: str

    @property
    def kind(self) -> str:
        return self.question.kind


def shown_questions(
    survey: Survey,
    language: str = "en",
    given: dict[int, list[str]] | None = None,
    problems: dict[int, str] | None = None,
) -> list[ShownQuestion]:
    given, problems = given or {}, problems or {}
    questions = list(survey.questions.select_related("filter_question"))
    numbers = {q.pk: n for n, q in enumerate(questions, start=1)}
    shown = []
    for question in questions:
        text, choices = question.in_language(language)
        only_if = ""
        if question.filter_question is not None and question.filter_question_id in numbers:
            labels = dict(question.filter_question.choices())
            wanted = " or ".join(f'"{labels.get(v, v)}"' for v in question.filter_values)
            only_if = (
                f"Only answer this if you said {wanted} to question {numbers[question.filter_question.pk]}."
            )
        shown.append(
            ShownQuestion(
                question,
                numbers[question.pk],
                text,
                choices,
                only_if,
                given.get(question.pk, []),
                problems.get(question.pk, ""),
                f"q-{question.pk}",
            )
        )
    return shown


def answers_from(post: QueryDict) -> dict[int, list[str]]:
    answers: dict[int, list[str]] = {}
    for key in post:
        if key.startswith("q-") and key[2:].isdigit():
            answers[int(key[2:])] = post.getlist(key)
    return answers


def template_context(survey: Survey, language: str, **extra: Any) -> dict[str, Any]:
    given, problems = extra.pop("given", None), extra.pop("problems", None)
    return {
        "survey": survey,
        "questions": shown_questions(survey, language, given, problems),
        "has_problems": bool(problems),
        **extra,
    }
