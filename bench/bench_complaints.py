"""Complaints in numbers for a landlord of 50,000 homes with ten years of complaints (about
100,000, with their stages, decisions, categories, learning and Ombudsman cases): CH01, CH02 and
the annual report's figures for one year through ``complaints.report``, against hand-written SQL
of the same counts in the same run.

Targets (issue 17 item 9): under 1 s on PostgreSQL, within 2x of the hand-written SQL.

    .venv/bin/python bench/bench_complaints.py [--households 50000] [--per-year 10000] [--database-url URL]
"""

from __future__ import annotations

import argparse
import random
import sys
import time

from common import best, setup, verdict

TARGET_SECONDS = 1.0
TARGET_RATIO = 2.0
YEARS = 10


def build(per_year: int, rng: random.Random) -> int:
    """Ten years of complaints, bulk-inserted (not measured); returns how many."""
    import datetime as dt

    from django.db import transaction

    from tenantvoice.complaints.models import (
        Category,
        Complaint,
        Finding,
        Learning,
        OmbudsmanCase,
        Order,
        Point,
        Remedy,
        Stage,
    )
    from tenantvoice.residents.models import OWNER_TENURES, Tenancy

    today = dt.date.today()
    homes = list(Tenancy.objects.current(today).values_list("property_id", "property__area_id", "tenure"))
    categories = Category.objects.bulk_create(
        Category(name=name)
        for name in (
            "Repairs",
            "Damp and mould",
            "Anti-social behaviour",
            "Staff conduct",
            "Communication",
            "Rent and charges",
            "Estate services",
            "Lettings",
            "Adaptations",
            "Contractors",
        )
    )
    Through = Complaint.categories.through
    total = per_year * YEARS
    first_day = today - dt.timedelta(days=365 * YEARS)
    batch = 5_000
    made = 0
    with transaction.atomic():
        while made < total:
            size = min(batch, total - made)
            chosen = [rng.choice(homes) for _ in range(size)]
            complaints = []
            for n in range(size):
                home, area, tenure = chosen[n]
                received = first_day + dt.timedelta(days=rng.randrange(365 * YEARS - 30))
                refused = rng.random() < 0.03
                complaints.append(
                    Complaint(
                        reference=f"CMP-{made + n:07d}",
                        kind="complaint",
                        home_id=home,
                        area_id=area,
                        ownership=tenure in OWNER_TENURES,
                        received_by="phone",
                        received_on=received,
                        what_went_wrong="Nobody came.",
                        status="refused" if refused else "closed",
                        refused_on=received + dt.timedelta(days=3) if refused else None,
                        refusal_reason=rng.choice(["time_limit", "legal_proceedings", "already_answered"])
                        if refused
                        else "",
                        procedure="ombudsman_2024",
                        procedure_version="2024",
                    )
                )
            complaints = Complaint.objects.bulk_create(complaints)
            stages, through = [], []
            for c in complaints:
                through.append(Through(complaint_id=c.pk, category_id=rng.choice(categories).pk))
                if rng.random() < 0.15:
                    through.append(Through(complaint_id=c.pk, category_id=rng.choice(categories).pk))
                opened = c.received_on
                numbers = [1] if c.status == "refused" or rng.random() > 0.1 else [1, 2]
                for number in numbers:
                    due = opened + dt.timedelta(days=14 if number == 1 else 28)
                    extended = rng.random() < 0.05
                    by = due + dt.timedelta(days=14) if extended else due
                    answered = (
                        None if c.status == "refused" else opened + dt.timedelta(days=rng.randint(3, 32))
                    )
                    stages.append(
                        Stage(
                            complaint_id=c.pk,
                            key=f"stage_{number}",
                            number=number,
                            name=f"stage {number}",
                            procedure="ombudsman_2024",
                            procedure_version="2024",
                            opened_on=opened,
                            acknowledge_due=opened + dt.timedelta(days=7),
                            acknowledged_on=opened + dt.timedelta(days=2),
                            respond_due=due,
                            respond_by=by,
                            responded_on=answered,
                            responded_late=answered is not None and answered > by,
                        )
                    )
                    if answered is None:
                        break
                    opened = answered + dt.timedelta(days=5)
            Through.objects.bulk_create(through, ignore_conflicts=True)
            stages = Stage.objects.bulk_create(stages)
            points, remedies, learning = [], [], []
            for s in stages:
                if s.responded_on is None:
                    continue
                decision = rng.choices(["upheld", "partly_upheld", "not_upheld"], [3, 2, 5])[0]
                points.append(Point(stage_id=s.pk, summary="Missed", decision=decision, reasons="Records."))
                if decision != "not_upheld":
                    if rng.random() < 0.3:
                        remedies.append(
                            Remedy(stage_id=s.pk, kind="compensation", description="For the delay", amount=50)
                        )
                    if s.number == 1 and rng.random() < 0.3:
                        learning.append(
                            Learning(
                                complaint_id=s.complaint_id,
                                what_learnt="Bookings lost",
                                change_made="Daily check",
                                recorded_on=s.responded_on,
                            )
                        )
                    if s.number == 2 and rng.random() < 0.05:
                        case = OmbudsmanCase.objects.create(
                            complaint_id=s.complaint_id,
                            reference=f"HO{s.pk}",
                            referred_on=s.responded_on + dt.timedelta(days=30),
                            determined_on=s.responded_on + dt.timedelta(days=200),
                        )
                        Finding.objects.create(
                            case=case,
                            issue="Repairs",
                            determination=rng.choice(
                                ["maladministration", "service_failure", "no_maladministration"]
                            ),
                        )
                        Order.objects.create(
                            case=case, order="Pay", comply_by=s.responded_on + dt.timedelta(days=230)
                        )
            Point.objects.bulk_create(points)
            Remedy.objects.bulk_create(remedies)
            Learning.objects.bulk_create(learning)
            made += size
            print(f"  {made:,} complaints", flush=True)
    return made


def hand_written_sql(year: object, only: tuple[str, ...] = ()) -> dict[str, object]:
    """The same counts as CH01, CH02 and the annual report's figures, in plain SQL."""
    from django.db import connection

    from tenantvoice.residents.models import OWNER_TENURES

    start, end = year.start, year.end  # type: ignore[attr-defined]
    owner = ", ".join(f"'{t}'" for t in sorted(OWNER_TENURES))
    month = (
        "EXTRACT(MONTH FROM c.received_on)"
        if connection.vendor == "postgresql"
        else "strftime('%%m', c.received_on)"
    )
    queries = {
        "homes": f"""SELECT COUNT(DISTINCT property_id), COUNT(DISTINCT CASE WHEN tenure IN ({owner})
            THEN property_id END) FROM residents_tenancy
            WHERE (start_date IS NULL OR start_date <= %(end)s)
              AND (end_date IS NULL OR end_date >= %(end)s)""",  # noqa: S608 - the tenures are constants
        "ch01": """SELECT s.number, c.ownership, COUNT(*) FROM complaints_stage s
            JOIN complaints_complaint c ON c.id = s.complaint_id
            WHERE s.opened_on BETWEEN %(start)s AND %(end)s AND c.kind = 'complaint' AND c.status <> 'refused'
            GROUP BY s.number, c.ownership""",
        "ch02": """SELECT s.number, c.ownership, COUNT(*),
            SUM(CASE WHEN s.responded_on <= s.respond_by THEN 1 ELSE 0 END) FROM complaints_stage s
            JOIN complaints_complaint c ON c.id = s.complaint_id
            WHERE s.responded_on BETWEEN %(start)s AND %(end)s AND c.kind = 'complaint'
            GROUP BY s.number, c.ownership""",
        "themes": f"""WITH y AS (
              SELECT c.id, c.area_id, {month} AS month,
                EXISTS (SELECT 1 FROM complaints_point p JOIN complaints_stage s ON s.id = p.stage_id
                        WHERE s.complaint_id = c.id) AS decided,
                EXISTS (SELECT 1 FROM complaints_point p JOIN complaints_stage s ON s.id = p.stage_id
                        WHERE s.complaint_id = c.id AND p.decision IN ('upheld', 'partly_upheld')) AS upheld
              FROM complaints_complaint c
              WHERE c.received_on BETWEEN %(start)s AND %(end)s
                AND c.kind = 'complaint' AND c.status <> 'refused')
            SELECT 'area', area_id, COUNT(*), SUM(CASE WHEN decided THEN 1 ELSE 0 END),
                   SUM(CASE WHEN upheld THEN 1 ELSE 0 END) FROM y GROUP BY area_id
            UNION ALL
            SELECT 'month', month, COUNT(*), SUM(CASE WHEN decided THEN 1 ELSE 0 END),
                   SUM(CASE WHEN upheld THEN 1 ELSE 0 END) FROM y GROUP BY month
            UNION ALL
            SELECT 'category', cc.category_id, COUNT(*), SUM(CASE WHEN decided THEN 1 ELSE 0 END),
                   SUM(CASE WHEN upheld THEN 1 ELSE 0 END)
            FROM y JOIN complaints_complaint_categories cc ON cc.complaint_id = y.id
            GROUP BY cc.category_id""",  # noqa: S608 - the month expression is a constant
        "refusals": """SELECT refusal_reason, COUNT(*) FROM complaints_complaint
            WHERE refused_on BETWEEN %(start)s AND %(end)s GROUP BY refusal_reason""",
        "ombudsman": """SELECT
            (SELECT COUNT(*) FROM complaints_ombudsmancase
             WHERE referred_on BETWEEN %(start)s AND %(end)s),
            (SELECT COUNT(*) FROM complaints_ombudsmancase
             WHERE determined_on BETWEEN %(start)s AND %(end)s)""",
        "findings": """SELECT f.determination, f.issue, o.reference FROM complaints_finding f
            JOIN complaints_ombudsmancase o ON o.id = f.case_id
            WHERE o.determined_on BETWEEN %(start)s AND %(end)s""",
        "orders": """SELECT o.* FROM complaints_order o JOIN complaints_ombudsmancase c ON c.id = o.case_id
            WHERE c.determined_on BETWEEN %(start)s AND %(end)s OR o.complied_on BETWEEN %(start)s AND %(end)s
               OR (o.complied_on IS NULL AND c.determined_on <= %(end)s)""",
        "compensation": """SELECT COUNT(*), SUM(r.amount),
            SUM(CASE WHEN r.paid_on IS NOT NULL THEN r.amount END)
            FROM complaints_remedy r JOIN complaints_stage s ON s.id = r.stage_id
            WHERE r.kind = 'compensation' AND s.responded_on BETWEEN %(start)s AND %(end)s""",
        "learning": """SELECT l.*, a.title, a.status FROM complaints_learning l
            LEFT JOIN actions_action a ON a.complaint_id = l.complaint_id
            WHERE l.recorded_on BETWEEN %(start)s AND %(end)s""",
    }
    results: dict[str, object] = {}
    with connection.cursor() as cursor:
        for name, sql in queries.items():
            if only and name not in only:
                continue
            cursor.execute(sql, {"start": start, "end": end})
            results[name] = cursor.fetchall()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--households", type=int, default=50_000)
    parser.add_argument("--per-year", type=int, default=10_000, help="complaints a year (ten years)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--database-url", default=None, help="an empty, throwaway database")
    args = parser.parse_args()

    setup(args.database_url)
    import datetime as dt

    from django.db import connection

    from tenantvoice.complaints.report import annual_tables, ch01, ch02, figures
    from tenantvoice.core.reporting_year import ReportingYear
    from tenantvoice.demo.synthetic import load_into_database

    print(f"Loading a synthetic landlord of {args.households:,} households (not measured) ...", flush=True)
    load_into_database(args.households, 1)
    print(
        f"Bulk-inserting {YEARS} years of complaints, {args.per_year:,} a year (not measured) ...", flush=True
    )
    started = time.perf_counter()
    made = build(args.per_year, random.Random(1))
    print(f"  {made:,} complaints in {time.perf_counter() - started:.1f} s", flush=True)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    year = ReportingYear(ReportingYear.of(dt.date.today()).first - 1)
    one = ch01(year)
    two = ch02(year)
    sql = hand_written_sql(year)
    # The two ways agree.
    stage_rows = {(n, o): c for n, o, c in sql["ch01"]}  # type: ignore[attr-defined]
    assert stage_rows == one.complaints, (stage_rows, one.complaints)
    homes, owned = sql["homes"][0]  # type: ignore[index]
    assert one.homes == {False: homes - owned, True: owned}
    assert {(n, o): (c, t) for n, o, c, t in sql["ch02"]} == two.answered  # type: ignore[attr-defined]

    print(f"\nReporting year {year.label} on {connection.vendor}, best of {args.repeat}:")
    rows = [
        ("CH01", lambda: ch01(year), lambda: hand_written_sql(year, ("homes", "ch01"))),
        ("CH02", lambda: ch02(year), lambda: hand_written_sql(year, ("ch02",))),
        # Everything the annual report shows (CH01 and CH02 included), suppression and tables too.
        ("annual report figures", lambda: annual_tables(figures(year)), lambda: hand_written_sql(year)),
    ]
    results = []
    for label, ours, theirs in rows:
        mine, sql_time = best(ours, args.repeat), best(theirs, args.repeat)
        results.append((label, mine, sql_time))
        print(
            f"  {label}: TenantVoice {mine * 1000:.0f} ms, "
            f"hand-written SQL {sql_time * 1000:.0f} ms, {mine / sql_time:.2f}x"
        )
    _, annual, annual_sql = results[-1]
    ratio = annual / annual_sql if annual_sql else float("inf")
    print(
        f"CH01 stage 1 {one.rate(1, False)} / {one.rate(1, True)} per 1,000 homes (LCRA / LCHO), "
        f"stage 2 {one.rate(2, False)} / {one.rate(2, True)}; "
        f"CH02 stage 1 {two.share(1)}%, stage 2 {two.share(2)}%"
    )
    passed = all(mine < TARGET_SECONDS for _, mine, _ in results) and ratio <= TARGET_RATIO
    print(f"Target: under {TARGET_SECONDS:.0f} s, within {TARGET_RATIO:.0f}x: {verdict(passed)}")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
