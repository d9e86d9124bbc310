"""Complaints in numbers for one reporting year (issue 17 item 7): the Tenant Satisfaction
Measures CH01 and CH02, the Scottish Charter's annual return figures, themes by category, area
and month, and the figures of the annual complaints performance and service improvement report.

Plain functions that read; nothing here writes. Each report is built once as
``core.tables.Table``s, so the page, its charts, the CSV and the XLSX hold the same figures.

The rules these figures follow, and where each comes from (the page says each):

- **The year** runs from 1 April to 31 March (:class:`ReportingYear`): the year the Regulator's
  TSMs and the Scottish Housing Regulator's annual return are reported for ("2024/25",
  REGULATION.md). The platform uses it for every complaints figure.
- **CH01** is stage 1 and stage 2 complaints per 1,000 homes, low-cost rental (LCRA) and
  low-cost home ownership (LCHO) apart (REGULATION.md: "TSM technical requirements"). A stage 1
  complaint is one whose stage 1 opened (was received) in the year; a stage 2 complaint one whose
  stage 2 opened (was asked for) in the year. Complaints not accepted under the procedure
  (refused) are not counted: the measure counts complaints handled under the procedure
  (the platform's reading, UNCONFIRMED). Withdrawn complaints were received and are counted.
  Whether a complaint is LCRA or LCHO is the tenure of its home when it was recorded
  (``Complaint.ownership``).
- **The homes** CH01 divides by (REGULATION.md: "The exact homes denominator wording for CH01
  is UNCONFIRMED") are, by the platform's choice, the register's homes with a current tenancy
  or lease on the last day of the year (31 March); a home is LCHO when one of its current
  tenancies is of an owner's tenure (``residents.models.OWNER_TENURES``: leasehold, shared
  ownership, factored owner, freehold), otherwise LCRA. Homes with no current tenancy (empty
  homes) are not counted.
- **CH02** is the share of stage 1 and of stage 2 complaints answered within the Code's
  timescales: of the stages answered in the year, those answered on or before their response
  date after any extension (``Stage.respond_by``); an extension can only be given within the
  procedure's cap (``services.stage_extend``), so one within the cap counts as on time.
- **Scottish annual return** (ARC indicators 3 and 4, REGULATION.md): by stage, complaints
  received, responded to, responded to within the timescale, and the average working days from
  receipt (the stage's opening) to the full response, in the landlord's nation's working days
  (``core.working_days``). "A stage 1 complaint that goes to stage 2 counts in both"
  (REGULATION.md): each stage is counted at its own stage.
- **Themes** count the complaints received in the year (refused ones left out, as CH01) by
  category (a complaint may have several, so categories need not add up to the total), by area
  (the top of the landlord's hierarchy that the home's area, kept when the complaint was recorded,
  is or sits in) and by month. A complaint is *upheld* when the decision on
  any of its points, at any stage, was upheld or partly upheld; the upheld share is of the
  complaints with a decision. Counts split by area or category go through
  ``core.suppression`` with the landlord's threshold, secondary suppression included.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Q, Sum
from django.utils import timezone

from tenantvoice.actions.models import Action
from tenantvoice.core.reporting_year import ReportingYear
from tenantvoice.core.selectors import landlord_get
from tenantvoice.core.suppression import Hidden, Suppression, hidden_note, suppress
from tenantvoice.core.tables import Table
from tenantvoice.core.working_days import is_working_day, landlord_nation
from tenantvoice.residents.models import OWNER_TENURES, Area, Tenancy

from .models import (
    ADVERSE_DETERMINATIONS,
    UPHELD_OUTCOMES,
    CaseKind,
    CaseStatus,
    Category,
    Complaint,
    Determination,
    Finding,
    Learning,
    OmbudsmanCase,
    Order,
    Point,
    Remedy,
    RemedyKind,
    Stage,
)
from .procedures import Procedure, landlord_procedure
from .services import REFUSAL_REASONS

LCRA, LCHO = False, True
TENURE_LABELS = {LCRA: "Low-cost rental accommodation", LCHO: "Low-cost home ownership"}

YEAR_NOTE = (
    "The year runs from 1 April to 31 March, the year the Tenant Satisfaction Measures and the "
    "Scottish Charter's annual return are reported for."
)
CH01_NOTE = (
    "Stage 1 complaints are those received in the year; stage 2 complaints those whose stage 2 "
    "was asked for in the year. Complaints we did not accept under the procedure are not "
    "counted; withdrawn ones are. Homes are those on our register with a current tenancy or lease "
    "on 31 March; a home is low-cost home ownership when held on a lease, shared ownership, as a "
    "factored owner or freehold. The Regulator's exact wording of the homes to count was not "
    "confirmed: this is our choice."
)
CH02_NOTE = (
    "Of the stage 1 and stage 2 responses sent in the year, those sent on or before the date "
    "the Code's timescale set. A response within an extension the Code allows counts as on time."
)
ARC_NOTE = (
    "A complaint that went to the investigation stage counts at both stages. Working days run "
    "from the day the stage began to the day of the full response."
)
UPHELD_NOTE = (
    "Received in the year, not counting complaints we did not accept. A complaint is upheld "
    "when any point of it was upheld or partly upheld at any stage; the share is of those with "
    "a decision."
)


def year_choices(today: dt.date | None = None) -> list[ReportingYear]:
    """The years a reader can choose, newest first: from the year of the first complaint (or
    last year, the one an annual report is written for) to this one."""
    current = ReportingYear.of(today or timezone.localdate())
    first = Complaint.objects.order_by("received_on").values_list("received_on", flat=True).first()
    earliest = ReportingYear.of(first).first if first is not None else current.first - 1
    return [ReportingYear(y) for y in range(current.first, min(earliest, current.first) - 1, -1)]


def per_thousand(count: int, homes: int) -> float | None:
    """Complaints per 1,000 homes to one decimal place (None with no homes)."""
    return round(1000 * count / homes, 1) if homes else None


def share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _complaints() -> Any:
    """Complaints handled under the procedure: not service requests, not refused."""
    return Complaint.objects.filter(kind=CaseKind.COMPLAINT).exclude(status=CaseStatus.REFUSED)


# --- CH01 ------------------------------------------------------------------------------------


def homes_on(day: dt.date) -> dict[bool, int]:
    """The register's homes with a current tenancy on ``day``, LCRA and LCHO (one query)."""
    counts = Tenancy.objects.current(day).aggregate(
        homes=Count("property_id", distinct=True),
        owned=Count("property_id", distinct=True, filter=Q(tenure__in=OWNER_TENURES)),
    )
    return {LCRA: counts["homes"] - counts["owned"], LCHO: counts["owned"]}


@dataclass(frozen=True)
class Ch01:
    year: ReportingYear
    homes: dict[bool, int]
    # (stage number, ownership) -> complaints
    complaints: dict[tuple[int, bool], int]

    def count(self, stage: int, ownership: bool | None = None) -> int:
        if ownership is None:
            return sum(self.complaints.get((stage, o), 0) for o in (LCRA, LCHO))
        return self.complaints.get((stage, ownership), 0)

    def rate(self, stage: int, ownership: bool | None = None) -> float | None:
        homes = sum(self.homes.values()) if ownership is None else self.homes[ownership]
        return per_thousand(self.count(stage, ownership), homes)


def stages_opened(year: ReportingYear) -> dict[tuple[int, bool], int]:
    rows = (
        Stage.objects.filter(
            opened_on__gte=year.start, opened_on__lte=year.end, complaint__kind=CaseKind.COMPLAINT
        )
        .exclude(complaint__status=CaseStatus.REFUSED)
        .order_by()
        .values_list("number", "complaint__ownership")
        .annotate(n=Count("pk"))
    )
    return {(number, ownership): n for number, ownership, n in rows}


def ch01(year: ReportingYear) -> Ch01:
    return Ch01(year, homes_on(year.end), stages_opened(year))


# --- CH02 ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ch02:
    year: ReportingYear
    # (stage number, ownership) -> (answered in the year, of them on time)
    answered: dict[tuple[int, bool], tuple[int, int]]

    def counts(self, stage: int, ownership: bool | None = None) -> tuple[int, int]:
        keys = [(stage, o) for o in (LCRA, LCHO)] if ownership is None else [(stage, ownership)]
        pairs = [self.answered.get(k, (0, 0)) for k in keys]
        return sum(p[0] for p in pairs), sum(p[1] for p in pairs)

    def share(self, stage: int, ownership: bool | None = None) -> float | None:
        answered, on_time = self.counts(stage, ownership)
        return share(on_time, answered)


def ch02(year: ReportingYear) -> Ch02:
    rows = (
        Stage.objects.filter(
            responded_on__gte=year.start, responded_on__lte=year.end, complaint__kind=CaseKind.COMPLAINT
        )
        .order_by()
        .values_list("number", "complaint__ownership")
        .annotate(n=Count("pk"), on_time=Count("pk", filter=Q(responded_on__lte=F("respond_by"))))
    )
    return Ch02(year, {(number, ownership): (n, on_time) for number, ownership, n, on_time in rows})


# --- The Scottish Charter's annual return ---------------------------------------------------


@dataclass(frozen=True)
class ArcStage:
    number: int
    name: str
    received: int
    responded: int
    within: int
    average_working_days: float | None

    @property
    def within_share(self) -> float | None:
        return share(self.within, self.responded)


class WorkingDayIndex:
    """Working days between two dates by subtraction: the same count as
    ``core.working_days.working_days_between`` (working days after the start, up to and including
    the end), made once for a span so a year of responses needs no loop each."""

    def __init__(self, first: dt.date, last: dt.date, nation: str) -> None:
        self.first = first
        self.ordinal: list[int] = []
        count = 0
        day = first
        while day <= last:
            if is_working_day(day, nation) and day != first:
                count += 1
            self.ordinal.append(count)
            day += dt.timedelta(days=1)

    def between(self, start: dt.date, end: dt.date) -> int:
        return self.ordinal[(end - self.first).days] - self.ordinal[(start - self.first).days]


def arc(
    year: ReportingYear, ch02_figures: Ch02 | None = None, opened: dict[tuple[int, bool], int] | None = None
) -> list[ArcStage]:
    procedure = landlord_procedure()
    opened = opened if opened is not None else stages_opened(year)
    ch02_figures = ch02_figures or ch02(year)
    spans: list[tuple[int, dt.date, dt.date]] = [
        (number, opened_on, responded_on)
        for number, opened_on, responded_on in Stage.objects.filter(
            responded_on__gte=year.start, responded_on__lte=year.end, complaint__kind=CaseKind.COMPLAINT
        )
        .order_by()
        .values_list("number", "opened_on", "responded_on")
        if responded_on is not None
    ]
    days: dict[int, list[int]] = defaultdict(list)
    if spans:
        index = WorkingDayIndex(min(s[1] for s in spans), max(s[2] for s in spans), landlord_nation())
        for number, opened_on, responded_on in spans:
            days[number].append(index.between(opened_on, responded_on))
    result = []
    for rule in procedure.stages:
        responded, within = ch02_figures.counts(rule.number)
        taken = days.get(rule.number, [])
        result.append(
            ArcStage(
                number=rule.number,
                name=rule.name,
                received=sum(opened.get((rule.number, o), 0) for o in (LCRA, LCHO)),
                responded=responded,
                within=within,
                average_working_days=round(sum(taken) / len(taken), 1) if taken else None,
            )
        )
    return result


# --- Themes ----------------------------------------------------------------------------------


@dataclass
class ThemeRow:
    label: str
    received: int | Hidden
    decided: int | Hidden
    upheld: int | Hidden
    upheld_share: float | Hidden | None


@dataclass
class Themes:
    year: ReportingYear
    threshold: int
    total: int
    by_category: list[ThemeRow]
    by_area: list[ThemeRow]
    by_month: list[ThemeRow]
    note: str = ""


MEASURES = ("received", "decided", "upheld")


def _theme_counts(rows: Iterable[tuple[bool, bool]]) -> dict[str, int]:
    received = decided = upheld = 0
    for has_decision, is_upheld in rows:
        received += 1
        decided += has_decision
        upheld += is_upheld
    return {"received": received, "decided": decided, "upheld": upheld}


def _suppressed_rows(
    groups: list[tuple[Any, str, dict[str, int]]],
    threshold: int,
    *,
    total: dict[str, int] | None,
) -> list[ThemeRow]:
    """Rows of counts split by area or category through suppression: in each row received =
    decided + without a decision, decided = upheld + not upheld (unpublished); with ``total``,
    each measure's rows add up to it."""
    counts: dict[tuple[Any, str], int] = {}
    lines: list[tuple[tuple[Any, str], list[tuple[Any, str]]]] = []
    unpublished: list[tuple[Any, str]] = []
    keys = [key for key, _, _ in groups] + (["total"] if total is not None else [])
    values = {key: c for key, _, c in groups}
    if total is not None:
        values["total"] = total
    for key in keys:
        c = values[key]
        counts.update({(key, m): c[m] for m in MEASURES})
        counts[(key, "undecided")] = c["received"] - c["decided"]
        counts[(key, "not_upheld")] = c["decided"] - c["upheld"]
        unpublished += [(key, "undecided"), (key, "not_upheld")]
        lines.append(((key, "received"), [(key, "decided"), (key, "undecided")]))
        lines.append(((key, "decided"), [(key, "upheld"), (key, "not_upheld")]))
    if total is not None:
        for m in (*MEASURES, "undecided", "not_upheld"):
            lines.append((("total", m), [(key, m) for key, _, _ in groups]))
    shown: Suppression[tuple[Any, str]] = suppress(counts, threshold, totals=lines, unpublished=unpublished)
    labels = {key: label for key, label, _ in groups}
    labels["total"] = "All complaints"
    return [
        ThemeRow(
            labels[key],
            shown.count((key, "received")),
            shown.count((key, "decided")),
            shown.count((key, "upheld")),
            shown.percent((key, "upheld"), (key, "decided")),
        )
        for key in keys
    ]


def top_area(path: str | None) -> int | None:
    """The top-level area of an area's path ("/3/17/42/" is under area 3)."""
    first = (path or "").strip("/").split("/")[0]
    return int(first) if first.isdigit() else None


def themes(year: ReportingYear, threshold: int | None = None) -> Themes:

    threshold = threshold if threshold is not None else landlord_get().suppression_threshold
    received = _complaints().filter(received_on__gte=year.start, received_on__lte=year.end)
    rows = list(received.order_by().values_list("pk", "area__path", "received_on"))
    # Each decided complaint and how many of its points were upheld: one pass over the year's
    # points (an EXISTS per complaint made PostgreSQL hash every point of every year).
    decided = dict(
        Point.objects.filter(stage__complaint__in=received.values("pk"))
        .order_by()
        .values_list("stage__complaint_id")
        .annotate(upheld=Count("pk", filter=Q(decision__in=UPHELD_OUTCOMES)))
    )
    outcome = {pk: (pk in decided, bool(decided.get(pk))) for pk, _, _ in rows}
    total = _theme_counts(outcome.values())

    # By month: not split by area or group, so shown as counted.
    by_month_rows: dict[tuple[int, int], list[tuple[bool, bool]]] = defaultdict(list)
    for pk, _, received_on in rows:
        by_month_rows[(received_on.year, received_on.month)].append(outcome[pk])
    by_month = []
    for y, m in year.months:
        c = _theme_counts(by_month_rows.get((y, m), []))
        by_month.append(
            ThemeRow(
                f"{dt.date(y, m, 1):%B %Y}",
                c["received"],
                c["decided"],
                c["upheld"],
                share(c["upheld"], c["decided"]),
            )
        )
    by_month.append(
        ThemeRow(
            "All complaints",
            total["received"],
            total["decided"],
            total["upheld"],
            share(total["upheld"], total["decided"]),
        )
    )

    # By area (every complaint in one row: the rows add up to the total).
    # By area: the top of the landlord's hierarchy (a housing management patch), which the
    # home's area is or sits in; blocks and estates would be too small to show.
    by_area_rows: dict[int | None, list[tuple[bool, bool]]] = defaultdict(list)
    for pk, path, _ in rows:
        by_area_rows[top_area(path)].append(outcome[pk])
    area_names = dict(
        Area.objects.filter(pk__in=[a for a in by_area_rows if a is not None]).values_list("pk", "name")
    )
    area_groups = sorted(
        (
            (a, area_names.get(a, "") if a is not None else "No area recorded", _theme_counts(r))
            for a, r in by_area_rows.items()
        ),
        key=lambda g: (g[0] is None, g[1].lower()),
    )
    by_area = _suppressed_rows(area_groups, threshold, total=total)

    # By category: a complaint may have several, so the rows add up to the total only when none
    # has more than one; the sum is then given to suppression, as a reader could use it.
    through = Complaint.categories.through
    in_category: dict[int | None, list[int]] = defaultdict(list)
    seen: set[int] = set()
    pairs = (
        through.objects.filter(complaint__in=received.values("pk")).values_list("complaint_id", "category_id")
        if outcome
        else []
    )
    for complaint_id, category_id in pairs:
        in_category[category_id].append(complaint_id)
        seen.add(complaint_id)
    uncategorised = [pk for pk in outcome if pk not in seen]
    if uncategorised:
        in_category[None] = uncategorised
    category_names = dict(
        Category.objects.filter(pk__in=[c for c in in_category if c is not None]).values_list("pk", "name")
    )
    category_groups = sorted(
        (
            (
                c,
                category_names.get(c, "") if c is not None else "No category",
                _theme_counts(outcome[pk] for pk in pks),
            )
            for c, pks in in_category.items()
        ),
        key=lambda g: (g[0] is None, g[1].lower()),
    )
    one_each = sum(len(pks) for pks in in_category.values()) == len(outcome)
    by_category = _suppressed_rows(category_groups, threshold, total=total if one_each else None)
    return Themes(year, threshold, total["received"], by_category, by_area, by_month)


# --- The annual report's other figures ------------------------------------------------------


@dataclass
class AnnualFigures:
    year: ReportingYear
    procedure: Procedure
    ch01: Ch01
    ch02: Ch02
    arc: list[ArcStage] | None
    themes: Themes
    refusals: dict[str, int]
    cases_referred: int
    cases_determined: int
    findings: dict[str, int]
    adverse: list[Finding]
    orders: list[Order]
    compensation_offered: Decimal
    compensation_paid: Decimal
    remedies: int
    learning: list[Learning]
    learning_actions: dict[int, list[Any]] = field(default_factory=dict)

    @property
    def scottish(self) -> bool:
        return self.arc is not None


def is_scottish(procedure: Procedure | None = None) -> bool:
    return (procedure or landlord_procedure()).key == "spso_model"


def figures(year: ReportingYear, *, public: bool = False, threshold: int | None = None) -> AnnualFigures:
    """Everything the complaints report and the annual report show for ``year``. ``public``:
    residents' version (only learning the landlord marked public)."""

    procedure = landlord_procedure()
    opened = stages_opened(year)
    ch01_figures = Ch01(year, homes_on(year.end), opened)
    ch02_figures = ch02(year)
    refusals = dict(
        Complaint.objects.filter(refused_on__gte=year.start, refused_on__lte=year.end)
        .order_by()
        .values_list("refusal_reason")
        .annotate(n=Count("pk"))
    )
    refusals = {reason: refusals.get(reason, 0) for reason in REFUSAL_REASONS}
    cases = OmbudsmanCase.objects.all()
    referred = cases.filter(referred_on__gte=year.start, referred_on__lte=year.end).count()
    determined = cases.filter(determined_on__gte=year.start, determined_on__lte=year.end)
    findings = list(
        Finding.objects.filter(case__in=determined)
        .select_related("case")
        .order_by("case__determined_on", "pk")
    )
    orders = list(
        Order.objects.filter(
            Q(case__determined_on__gte=year.start, case__determined_on__lte=year.end)
            | Q(complied_on__gte=year.start, complied_on__lte=year.end)
            | Q(complied_on__isnull=True, case__determined_on__lte=year.end)
        )
        .select_related("case")
        .order_by("comply_by", "pk")
    )
    money = Remedy.objects.filter(
        kind=RemedyKind.COMPENSATION, stage__responded_on__gte=year.start, stage__responded_on__lte=year.end
    ).aggregate(n=Count("pk"), offered=Sum("amount"), paid=Sum("amount", filter=Q(paid_on__isnull=False)))
    learning_rows = Learning.objects.filter(recorded_on__gte=year.start, recorded_on__lte=year.end)
    if public:
        learning_rows = learning_rows.filter(public=True)
    learning = list(learning_rows.order_by("recorded_on", "pk"))
    actions: dict[int, list[Any]] = defaultdict(list)
    action_rows = Action.objects.filter(
        complaint_id__in={item.complaint_id for item in learning}, parent__isnull=True
    )
    if public:
        action_rows = action_rows.filter(public=True)
    if learning:
        for action in action_rows.order_by("due_on", "pk"):
            if action.complaint_id is not None:
                actions[action.complaint_id].append(action)
    return AnnualFigures(
        year=year,
        procedure=procedure,
        ch01=ch01_figures,
        ch02=ch02_figures,
        arc=arc(year, ch02_figures, opened) if is_scottish(procedure) else None,
        themes=themes(year, threshold),
        refusals=refusals,
        cases_referred=referred,
        cases_determined=determined.count(),
        findings=dict(Counter(f.determination for f in findings)),
        adverse=[f for f in findings if f.determination in ADVERSE_DETERMINATIONS],
        orders=orders,
        compensation_offered=money["offered"] or Decimal("0"),
        compensation_paid=money["paid"] or Decimal("0"),
        remedies=money["n"],
        learning=learning,
        learning_actions=dict(actions),
    )


# --- Tables ---------------------------------------------------------------------------------


def _rate(value: float | None) -> object:
    return "no homes" if value is None else value


def _pct(value: float | Hidden | None) -> object:
    return None if value is None else value


def measure_tables(f: AnnualFigures) -> list[Table]:
    """CH01, CH02 and (for the SPSO's procedure) the annual return's figures."""
    y = f.year
    ch01_rows: list[list[object]] = []
    for ownership in (LCRA, LCHO):
        ch01_rows.append(
            [
                TENURE_LABELS[ownership],
                f.ch01.homes[ownership],
                f.ch01.count(1, ownership),
                _rate(f.ch01.rate(1, ownership)),
                f.ch01.count(2, ownership),
                _rate(f.ch01.rate(2, ownership)),
            ]
        )
    ch02_rows: list[list[object]] = []
    for each in (LCRA, LCHO, None):
        label = "All homes" if each is None else TENURE_LABELS[each]
        row: list[object] = [label]
        for stage in (1, 2):
            answered, on_time = f.ch02.counts(stage, each)
            row += [answered, on_time, _pct(f.ch02.share(stage, each))]
        ch02_rows.append(row)
    tables = [
        Table(
            f"CH01: complaints per 1,000 homes, {y.label}",
            [
                "Tenure",
                "Homes on 31 March",
                "Stage 1 complaints",
                "Stage 1 per 1,000 homes",
                "Stage 2 complaints",
                "Stage 2 per 1,000 homes",
            ],
            ch01_rows,
            note=CH01_NOTE,
        ),
        Table(
            f"CH02: complaints answered within the Code's timescales, {y.label}",
            [
                "Tenure",
                "Stage 1 answered",
                "Stage 1 on time",
                "Stage 1 on time (%)",
                "Stage 2 answered",
                "Stage 2 on time",
                "Stage 2 on time (%)",
            ],
            ch02_rows,
            note=CH02_NOTE,
        ),
    ]
    if f.arc is not None:
        tables.append(
            Table(
                f"Scottish Charter annual return: complaints, {y.label}",
                [
                    "Stage",
                    "Received",
                    "Responded to",
                    "Within the timescale",
                    "Within the timescale (%)",
                    "Average working days to respond",
                ],
                [
                    [
                        s.name.capitalize(),
                        s.received,
                        s.responded,
                        s.within,
                        _pct(s.within_share),
                        s.average_working_days,
                    ]
                    for s in f.arc
                ],
                note=ARC_NOTE,
            )
        )
    return tables


THEME_HEADERS = ["Complaints", "With a decision", "Upheld or partly upheld", "Upheld (%)"]


def theme_tables(t: Themes) -> list[Table]:
    def rows(items: Sequence[ThemeRow]) -> list[list[object]]:
        return [[r.label, r.received, r.decided, r.upheld, _pct(r.upheld_share)] for r in items]

    hidden = any(
        isinstance(cell, Hidden)
        for r in (*t.by_area, *t.by_category)
        for cell in (r.received, r.decided, r.upheld)
    )

    suppressed_note = UPHELD_NOTE + (" " + hidden_note(t.threshold) if hidden else "")
    return [
        Table(
            f"Complaints by category, {t.year.label}",
            ["Category", *THEME_HEADERS],
            rows(t.by_category),
            note=suppressed_note + " A complaint may be about more than one category.",
        ),
        Table(
            f"Complaints by area, {t.year.label}",
            ["Area", *THEME_HEADERS],
            rows(t.by_area),
            note=suppressed_note,
        ),
        Table(
            f"Complaints by month received, {t.year.label}",
            ["Month", *THEME_HEADERS],
            rows(t.by_month),
            note=UPHELD_NOTE,
        ),
    ]


def annual_tables(f: AnnualFigures, *, public: bool = False) -> list[Table]:
    """Everything in the annual complaints performance and service improvement report."""

    y = f.year
    tables = [*measure_tables(f), *theme_tables(f.themes)]
    tables.append(
        Table(
            f"Complaints not accepted, by reason, {y.label}",
            ["Reason", "Complaints"],
            [[REFUSAL_REASONS[k], n] for k, n in f.refusals.items()]
            + [["All reasons", sum(f.refusals.values())]],
        )
    )
    tables.append(
        Table(
            f"Compensation offered in responses, {y.label}",
            ["Measure", "Value"],
            [
                ["Offers of compensation in responses sent in the year", f.remedies],
                ["Compensation offered (£)", f.compensation_offered],
                ["Of which paid (£)", f.compensation_paid],
            ],
        )
    )
    tables.append(
        Table(
            f"The Ombudsman's cases, {y.label}",
            ["Measure", "Cases or findings"],
            [
                ["Cases referred to the Ombudsman in the year", f.cases_referred],
                ["Cases the Ombudsman determined in the year", f.cases_determined],
                *[[label, f.findings.get(value, 0)] for value, label in Determination.choices],
            ],
            note="Findings are counted on each issue of the cases determined in the year.",
        )
    )
    tables.append(
        Table(
            f"Findings of maladministration or service failure, {y.label}",
            ["Ombudsman's case", "Determined on", "Finding", "Issue"],
            [
                [x.case.reference, x.case.determined_on, x.get_determination_display(), x.issue]
                for x in f.adverse
            ],
        )
    )
    on = min(timezone.localdate(), y.end)

    def compliance(order: Order) -> str:
        if order.complied_on is None:
            return "Overdue" if order.overdue(on) else "Not yet due"
        return "Complied on time" if order.complied_on <= order.comply_by else "Complied late"

    tables.append(
        Table(
            f"The Ombudsman's orders and our compliance, {y.label}",
            [
                "Ombudsman's case",
                "Order",
                "Comply by",
                "Complied on",
                "Compliance",
                "Compensation ordered (£)",
                "Compensation paid (£)",
            ],
            [
                [
                    o.case.reference,
                    o.order,
                    o.comply_by,
                    o.complied_on,
                    compliance(o),
                    o.compensation_ordered,
                    o.compensation_paid,
                ]
                for o in f.orders
            ],
            note=(
                "Orders from cases determined in the year, those complied with in the year, "
                "and any still outstanding."
            ),
        )
    )
    learning_rows: list[list[object]] = []
    for item in f.learning:
        actions = f.learning_actions.get(item.complaint_id, [])
        done = sum(1 for a in actions if a.status == "done")
        learning_rows.append(
            [
                item.recorded_on,
                item.what_learnt,
                item.change_made,
                "; ".join(
                    f"{a.title} ({a.get_status_display().lower()}, due {a.due_display})" for a in actions
                )
                or "None recorded",
                f"{done} of {len(actions)}",
            ]
        )
    tables.append(
        Table(
            f"Improvements made from learning, {y.label}",
            ["Recorded on", "What we learnt", "The change made", "Actions", "Actions done"],
            learning_rows,
            note="Learning recorded in the year from upheld and partly upheld complaints."
            + (" Only learning we chose to publish, without anyone's details." if public else ""),
        )
    )
    return tables


# --- Keeping what was presented ------------------------------------------------------------


# Tables kept as presented: core.tables.tables_to_json and tables_from_json.
