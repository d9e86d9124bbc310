"""Results of a survey with 100,000 responses: every question's answers, % satisfied with its
interval, the Tenant Satisfaction Measures by tenure group, and breakdowns by tenure group,
type of home, age band and channel - against one hand-written SQL aggregate of the same counts
in the same run.

Targets (issue 5): under 2 s, within 2x of the raw SQL. Not yet measured here: weighting (not
built yet; see the issue note).

    .venv/bin/python bench/bench_survey_results.py [--responses 100000] [--database-url URL]
"""

from __future__ import annotations

import argparse
import random
import sys
import time

from common import setup, verdict

TARGET_SECONDS = 2.0
TARGET_RATIO = 2.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--database-url", default=None, help="an empty, throwaway database")
    args = parser.parse_args()

    setup(args.database_url)
    from django.db import connection, transaction

    from tenantvoice.surveys.models import POSITIVE, Answer, Response, Survey
    from tenantvoice.surveys.results import breakdown, survey_results
    from tenantvoice.surveys.services import tsm_add

    print(f"Making a TSM survey with {args.responses:,} responses (not measured) ...", flush=True)
    survey = Survey.objects.create(title="Tenant survey", status="closed")
    tsm_add(survey=survey, landlord="Bench Homes")
    questions = list(survey.questions.all())
    rng = random.Random(1)
    groups = ["lcra"] * 9 + ["lcho"]
    with transaction.atomic():
        responses = Response.objects.bulk_create(
            [
                Response(
                    survey=survey,
                    channel=rng.choice(["portal", "link", "paper", "phone"]),
                    tenure_group=rng.choice(groups),
                    property_type=rng.choice(["general_needs", "sheltered", "supported"]),
                    age_band=rng.choice(["25-34", "35-44", "45-54", "55-64", "65-74", "75+"]),
                )
                for _ in range(args.responses)
            ],
            batch_size=5000,
        )
        rows = []
        for response in responses:
            for question in questions:
                choices = [code for code, _ in question.choices()]
                rows.append(Answer(response=response, question=question, choice=rng.choice(choices)))
            if len(rows) >= 50_000:
                Answer.objects.bulk_create(rows, batch_size=5000)
                rows = []
        Answer.objects.bulk_create(rows, batch_size=5000)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"{Answer.objects.count():,} answers", flush=True)

    def tenantvoice() -> None:
        survey_results(survey)
        tp01 = next(q for q in questions if q.code == "TP01")
        for by in ("tenure_group", "property_type", "age_band", "channel"):
            breakdown(tp01, by)

    answer = connection.ops.quote_name(Answer._meta.db_table)
    response = connection.ops.quote_name(Response._meta.db_table)
    positive = ", ".join(f"'{code}'" for code in sorted(POSITIVE))
    tsm_ids = ", ".join(str(q.pk) for q in questions if q.code.startswith("TP"))

    def raw_sql() -> None:
        with connection.cursor() as cursor:
            # Every question's answers, the TSMs by tenure group, and the same four breakdowns.
            cursor.execute(
                f"SELECT a.question_id, a.choice, COUNT(*) FROM {answer} a "  # noqa: S608
                f"JOIN {response} r ON r.id = a.response_id WHERE r.survey_id = %s "
                "GROUP BY a.question_id, a.choice",
                [survey.pk],
            )
            cursor.fetchall()
            cursor.execute(
                f"SELECT a.question_id, r.tenure_group, COUNT(*), "  # noqa: S608
                f"SUM(CASE WHEN a.choice IN ({positive}) THEN 1 ELSE 0 END) "
                f"FROM {answer} a JOIN {response} r ON r.id = a.response_id "
                f"WHERE a.question_id IN ({tsm_ids}) AND r.tenure_group IN ('lcra', 'lcho') "
                "GROUP BY a.question_id, r.tenure_group",
            )
            cursor.fetchall()
            for column in ("tenure_group", "property_type", "age_band", "channel"):
                cursor.execute(
                    f"SELECT r.{column}, COUNT(*), SUM(CASE WHEN a.choice IN ({positive}) THEN 1 ELSE 0 END) "  # noqa: S608
                    f"FROM {answer} a JOIN {response} r ON r.id = a.response_id WHERE a.question_id = %s "
                    f"GROUP BY r.{column}",
                    [questions[0].pk],
                )
                cursor.fetchall()

    def best(function: object, times: int) -> float:
        samples = []
        for _ in range(times):
            started = time.perf_counter()
            function()  # type: ignore[operator]
            samples.append(time.perf_counter() - started)
        return min(samples)

    ours = best(tenantvoice, args.repeat)
    baseline = best(raw_sql, args.repeat)
    ratio = ours / baseline
    print()
    print(
        f"Results with TSM and four breakdowns, {args.responses:,} responses: {ours:.2f} s "
        f"(target under {TARGET_SECONDS:.0f} s): {verdict(ours < TARGET_SECONDS)}"
    )
    print(
        f"Hand-written SQL for the same counts: {baseline:.2f} s; ratio {ratio:.1f}x "
        f"(target within {TARGET_RATIO:.0f}x): {verdict(ratio <= TARGET_RATIO)}"
    )
    return 0 if ours < TARGET_SECONDS and ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
