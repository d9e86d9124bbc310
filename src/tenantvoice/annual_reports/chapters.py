"""The chapters of the annual report to residents (issue 19 item 5: "who took part and how, what
residents said and what changed, satisfaction measures against last year and peers, service
standards, complaints and what was learnt, scrutiny outcomes, the Value for Money statement"):
each a small :class:`ChapterKind` named here by the key ``Chapter.kind`` holds, in the order
the report shows them (the shape of ``boardpacks.sections``, decision 0052).

As with a Board pack's sections, no chapter counts anything itself: each draws its tables from
the report its own app already shows (several through the Board pack's own section kinds), so
the annual report, the Board pack and the report pages cannot disagree, and every count of
people has been through the same suppression (``core.suppression``). What a chapter adds is
its headlines: a few short sentences in plain words, made only from figures that are shown (a
hidden figure is never put in words), which residents read first and which make the easy-read
version and the letter.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeGuard

from django.utils.module_loading import import_string
from django.utils.text import Truncator

from tenantvoice.boardpacks.sections import Drawn, column_chart
from tenantvoice.core.charts import bar_chart
from tenantvoice.core.reporting_year import ReportingYear
from tenantvoice.core.suppression import Hidden
from tenantvoice.core.tables import Table

# Chapter.kind -> the class that draws it, in the report's order (dotted paths: each kind
# imports its own app's report only when used).
CHAPTERS: dict[str, str] = {
    "took_part": "tenantvoice.annual_reports.chapters.TookPart",
    "you_said": "tenantvoice.annual_reports.chapters.YouSaidWeDid",
    "satisfaction": "tenantvoice.annual_reports.chapters.Satisfaction",
    "charter": "tenantvoice.annual_reports.chapters.CharterPerformance",
    "standards": "tenantvoice.annual_reports.chapters.Standards",
    "complaints": "tenantvoice.annual_reports.chapters.ComplaintsAndLearning",
    "scrutiny": "tenantvoice.annual_reports.chapters.Scrutiny",
    "value_for_money": "tenantvoice.annual_reports.chapters.ValueForMoney",
}

# Platform's choice: the "you said, we did" examples a chapter puts in its headlines, and how
# many words of each (the rest is in the table and on the "you said, we did" page).
EXAMPLES = 3
EXAMPLE_WORDS = 25


@dataclass
class DrawnChapter(Drawn):
    headlines: list[str] = field(default_factory=list)


def number(value: int | Decimal | float) -> str:
    """A count in words a resident reads easily: 1,234; a whole number of hours without .0."""
    if isinstance(value, float | Decimal) and value != int(value):
        return f"{value:,.1f}"
    return f"{int(value):,}"


def money(value: Decimal | int | float) -> str:
    return f"£{value:,.0f}" if value >= 100 else f"£{value:,.2f}"


def shown(value: object) -> TypeGuard[int | Decimal | float]:
    """Whether a figure may be put in words: there, and not hidden."""
    return value is not None and not isinstance(value, Hidden)


def plural(count: int | Decimal | float, one: str, many: str) -> str:
    return f"{number(count)} {one if count == 1 else many}"


class ChapterKind:
    """What the annual report needs from one kind of chapter."""

    key = ""
    # The chapter's heading as residents read it.
    heading = ""

    def offered(self, year: ReportingYear) -> bool:
        """Whether there is anything to show for the year (complaints only when there are)."""
        return True

    def draw(self, year: ReportingYear, today: dt.date) -> DrawnChapter:
        raise NotImplementedError


def _on(year: ReportingYear, today: dt.date) -> dt.date:
    """A figure "on a day" is drawn on the year's last day, or today if that is still ahead."""
    return min(year.end, today)


def _years_words(year: ReportingYear) -> str:
    return f"Reporting year {year.label} ({year.words})"


class TookPart(ChapterKind):
    key = "took_part"
    heading = "Who took part and how"

    def draw(self, year: ReportingYear, today: dt.date) -> DrawnChapter:
        from tenantvoice.activities.returns import quarterly_return, return_table
        from tenantvoice.boardpacks.sections import RepresentationSection
        from tenantvoice.involvement.reports import involvement_numbers, involvement_tables
        from tenantvoice.value_for_money.statement import value_for_money_statement

        on = _on(year, today)
        achieved = {line.label: line.value for line in value_for_money_statement(year).achieved}
        returned = return_table(quarterly_return(year.start, year.end))
        returned.title = f"Residents taking part and hours given at each level, {year.label}"
        levels = involvement_tables(involvement_numbers(on))[0]
        who = RepresentationSection().draw(year.start, year.end, today, {}).tables[0]
        headlines = []
        people, hours = achieved.get("Residents involved"), achieved.get("Hours of involvement")
        meetings, policies = (
            achieved.get("Meetings and other activities held"),
            achieved.get("Policies consulted on"),
        )
        if shown(people):
            headlines.append(f"{plural(people, 'resident', 'residents')} took part in our work.")
        if shown(hours) and hours:
            headlines.append(f"Together they gave {number(hours)} hours of their time.")
        if shown(meetings):
            headlines.append(f"We held {plural(meetings, 'meeting or event', 'meetings and events')}.")
        if shown(policies) and policies:
            headlines.append(f"We asked you about {plural(policies, 'policy', 'policies')}.")
        return DrawnChapter(
            [returned, levels, who],
            [column_chart(returned, 1, title=f"Residents taking part at each level, {year.label}")],
            "Involvement in numbers and Who takes part (Reports), and the Value for Money "
            "statement's count of residents involved: levels, hours, activities and policies",
            f"{_years_words(year)}; residents at each level and who takes part on {on:%d/%m/%Y}",
            ["Every level and activity", "Compared with all residents living in our homes"],
            headlines=headlines,
        )


class YouSaidWeDid(ChapterKind):
    key = "you_said"
    heading = "What you told us and what changed"

    def draw(self, year: ReportingYear, today: dt.date) -> DrawnChapter:
        from tenantvoice.outcomes.models import SOURCE_FIELDS, Outcome

        outcomes = list(
            Outcome.objects.filter(published_on__gte=year.start, published_on__lte=year.end)
            .select_related(*SOURCE_FIELDS)
            .order_by("published_on", "pk")
        )
        table = Table(
            f"You said, we did, {year.label}",
            ["What we asked about", "What it was", "You said", "We did", "Published"],
            [[o.title, o.kind, o.you_said, o.we_did, f"{o.published_on:%d/%m/%Y}"] for o in outcomes],
            note="Every “you said, we did” first published in the year, as on the “You said, we did” page.",
        )
        if outcomes:
            headlines = [
                f"We told you what changed after {plural(len(outcomes), 'thing', 'things')} "
                "you told us about."
            ]
            headlines += [
                f"You said: {Truncator(o.you_said).words(EXAMPLE_WORDS)} "
                f"We did: {Truncator(o.we_did).words(EXAMPLE_WORDS)}"
                for o in outcomes[-EXAMPLES:]
            ]
        else:
            headlines = ["We did not publish any “you said, we did” this year."]
        comments = _report_comments(year)
        if comments:
            headlines.append(
                f"You sent us {plural(comments, 'comment', 'comments')} on our reports. We read every "
                "one and used them to write this report."
            )
        return DrawnChapter(
            [table],
            [],
            "You said, we did (the public page): outcomes of surveys, consultations, scrutiny "
            "reviews and complaints",
            f"First published in {year.label} ({year.words})",
            ["Every published outcome"],
            headlines=headlines,
        )


def _report_comments(year: ReportingYear) -> int:
    """Residents' comments made in the year on our published reports (the annual report and the
    Charter report), counted only when at least the landlord's threshold (a smaller count is not
    said, as any small count of people)."""
    from tenantvoice.indicators.models import CharterComment
    from tenantvoice.surveys.results import landlord_threshold

    from .models import AnnualReportComment

    count = sum(
        model.objects.filter(made_at__date__gte=year.start, made_at__date__lte=year.end).count()
        for model in (AnnualReportComment, CharterComment)
    )
    return count if count >= landlord_threshold() else 0


PEER_WORDS = {
    "Top quartile": "among the best quarter of similar landlords",
    "Second quartile": "better than half of similar landlords",
    "Third quartile": "behind half of similar landlords",
    "Bottom quartile": "among the lowest quarter of similar landlords",
}
TREND_WORDS = {
    "Better": "better than last year",
    "Worse": "worse than last year",
    "No change": "the same as last year",
    "No clear change (within the margin of error)": "about the same as last year",
}


class Satisfaction(ChapterKind):
    key = "satisfaction"
    heading = "How satisfied you are"

    def _indicators(self) -> Any:
        from tenantvoice.indicators.charter import charter_applies
        from tenantvoice.indicators.models import Framework, Indicator

        measures = Indicator.objects.filter(is_survey=True).order_by("order", "name")
        # A Scottish landlord's Charter indicators are in their own chapter, with the average.
        return measures.exclude(framework=Framework.CHARTER) if charter_applies() else measures

    def offered(self, year: ReportingYear) -> bool:
        return bool(self._indicators().exists())

    def draw(self, year: ReportingYear, today: dt.date) -> DrawnChapter:
        from tenantvoice.indicators.selectors import indicator_lines, shown_value

        lines = [line for line in indicator_lines(year, self._indicators()) if line.value is not None]
        rows: list[list[object]] = []
        headlines: list[str] = []
        for line in lines:
            unit = line.indicator.unit
            ours = shown_value(line.value.value, unit) if line.value else ""
            before = shown_value(line.previous.value, unit) if line.previous else ""
            trend = TREND_WORDS.get(str(line.trend), "") if line.trend else ""
            peers = PEER_WORDS.get(line.peers.label, "") if line.peers else ""
            rows.append(
                [line.indicator.name, ours, line.margin_words, before or "–", trend or "–", peers or "–"]
            )
            words = f"{line.indicator.name}: {ours} this year"
            if before:
                words += f", {before} last year"
            if trend:
                words += f" ({trend})"
            headlines.append(words + (f"; {peers}." if peers else "."))
        table = Table(
            f"Satisfaction and other survey measures, {year.label}",
            [
                "Measure",
                "This year",
                "Margin of error",
                "Last year",
                "Change",
                "Compared with similar landlords",
            ],
            rows,
            note="From our tenant surveys (including the tenant satisfaction measures). A change a "
            "survey's margin of error could explain is “about the same”. Similar landlords: the "
            "peer figures imported for the year, in quarters counted from the best.",
        )
        chart = bar_chart(
            f"Survey measures in per cent, {year.label}",
            [
                (line.indicator.name, float(line.value.value))
                for line in lines
                if line.value is not None and line.indicator.unit == "percent"
            ],
            unit="%",
            scale_max=100,
        )
        if not headlines:
            headlines = ["We have no survey results for this year yet."]
        return DrawnChapter(
            [table],
            [chart] if chart.bars else [],
            "Indicators and targets (Reports): each survey measure's value in the year, the year "
            "before and the place among peers",
            _years_words(year),
            ["Survey measures only (the tenant satisfaction measures and the strategy's survey measures)"],
            headlines=headlines,
        )


class CharterPerformance(ChapterKind):
    """For a Scottish landlord: the Charter's indicators against last year and the Scottish
    average (Thenue, seed 001, section 4, "What are our key principles of customer engagement?":
    "Publish our annual Charter Performance report ... providing a comparison with other similar
    landlords"; REGULATION.md, "Scotland"), so the annual report is also the Charter report to
    tenants, with its PDF, easy-read version and letter."""

    key = "charter"
    heading = "How we did against the Scottish Social Housing Charter"

    def offered(self, year: ReportingYear) -> bool:
        from tenantvoice.indicators.charter import charter_applies, charter_indicators

        return charter_applies() and charter_indicators().exists()

    def draw(self, year: ReportingYear, today: dt.date) -> DrawnChapter:
        from tenantvoice.indicators.charter import AVERAGE_NAME, charter_lines

        lines = [c for c in charter_lines(year) if c.ours]
        table = Table(
            f"The Charter's indicators, {year.label}",
            ["Indicator", "Charter outcome", "Our figure", "Last year", "The Scottish average", "Compared"],
            [
                [
                    c.indicator.name,
                    c.outcome,
                    c.ours,
                    c.last_year or "–",
                    c.average_shown or "–",
                    c.comparison_words or "–",
                ]
                for c in lines
            ],
            note="A difference a survey's margin of error could explain is called “about the same”.",
        )
        headlines = []
        for c in lines:
            words = f"{c.indicator.name}: {c.ours} this year"
            if c.last_year:
                words += f", {c.last_year} last year"
            if c.average_shown:
                words += f"; {AVERAGE_NAME} is {c.average_shown}"
            headlines.append(words + ".")
        return DrawnChapter(
            [table],
            [],
            "The Scottish Charter (Reports): the Charter's indicators for the year, the year before "
            "and the Scottish average in the newest peer figures imported",
            _years_words(year),
            ["The Charter's indicators"],
            headlines=headlines or ["We have no Charter figures for this year yet."],
        )


class Standards(ChapterKind):
    key = "standards"
    heading = "Our promises to you (service standards)"

    def draw(self, year: ReportingYear, today: dt.date) -> DrawnChapter:
        from tenantvoice.activities.selectors import service_standards
        from tenantvoice.boardpacks.sections import StandardsSection

        drawn = StandardsSection().draw(year.start, year.end, today, {})
        results = service_standards(year.start, year.end)
        due = sum(r.total for r in results)
        met = sum(r.on_time for r in results)
        headlines = (
            [
                f"We kept {number(met)} of the {plural(due, 'promise', 'promises')} that fell due "
                f"({round(100 * met / due)}%)."
            ]
            if due
            else ["None of our service promises fell due this year."]
        )
        # Residents read how many promises were kept; the list of each one missed, with the
        # officer's reason, is the Board's and the timetable's (decision 0058).
        return DrawnChapter(
            drawn.tables[:1], drawn.charts, drawn.what, drawn.period, drawn.filters, headlines=headlines
        )


class ComplaintsAndLearning(ChapterKind):
    key = "complaints"
    heading = "Complaints and what we learnt"

    def offered(self, year: ReportingYear) -> bool:
        from tenantvoice.complaints.models import Complaint

        return Complaint.objects.exists()

    def draw(self, year: ReportingYear, today: dt.date) -> DrawnChapter:
        from tenantvoice.complaints.report import figures, measure_tables

        found = figures(year, public=True)
        tables = measure_tables(found)[:2]
        learnt = Table(
            f"What we learnt from complaints, {year.label}",
            ["What we learnt", "What we changed"],
            [[item.what_learnt, item.change_made] for item in found.learning],
            note="Only what we agreed to share; nobody who complained is named.",
        )
        stage1 = found.ch01.count(1)
        answered, on_time = found.ch02.counts(1)
        headlines = [f"We received {plural(stage1, 'complaint', 'complaints')} at stage 1."]
        if answered:
            headlines.append(
                f"We answered {number(on_time)} of {number(answered)} in the time the Complaint "
                f"Handling Code sets ({round(100 * on_time / answered)}%)."
            )
        if found.learning:
            headlines.append(
                f"We learnt {plural(len(found.learning), 'lesson', 'lessons')} from complaints and "
                "changed how we work."
            )
        return DrawnChapter(
            [*tables, learnt],
            [column_chart(tables[0], 3, title="Stage 1 complaints per 1,000 homes")],
            "Complaints in numbers (Reports): the Complaint Handling Code's measures CH01 and CH02, "
            "and the learning from complaints shown to residents",
            _years_words(year),
            ["Every complaint", "Learning marked to share only"],
            headlines=headlines,
        )


class Scrutiny(ChapterKind):
    key = "scrutiny"
    heading = "What the scrutiny panel found"

    def draw(self, year: ReportingYear, today: dt.date) -> DrawnChapter:
        from django.db.models import Count, Q

        from tenantvoice.scrutiny.models import ACCEPTED_RESPONSES, Review
        from tenantvoice.scrutiny.report import tracker

        on = _on(year, today)
        figures = tracker(on, public=True)
        reviews = list(
            Review.objects.filter(published_on__gte=year.start, published_on__lte=year.end)
            .annotate(
                made=Count("recommendations"),
                accepted=Count("recommendations", filter=Q(recommendations__response__in=ACCEPTED_RESPONSES)),
            )
            .order_by("published_on", "pk")
        )
        finished = Table(
            f"Reviews the panel published, {year.label}",
            ["Review", "Published", "Recommendations", "Accepted in full or in part"],
            [[r.title, f"{r.published_on:%d/%m/%Y}", r.made, r.accepted] for r in reviews],
        )
        made = sum(r.made for r in reviews)
        accepted = sum(r.accepted for r in reviews)
        headlines = [f"The scrutiny panel published {plural(len(reviews), 'review', 'reviews')} this year."]
        if made:
            headlines.append(
                f"It made {plural(made, 'recommendation', 'recommendations')}; "
                f"we accepted {number(accepted)}."
            )
        if figures.due:
            headlines.append(
                f"Of the {plural(figures.due, 'action', 'actions')} due so far, "
                f"{number(figures.on_time)} were done on time."
            )
        return DrawnChapter(
            [finished, *figures.tables[1:4]],
            [column_chart(figures.tables[1], 1)],
            "Scrutiny tracker (Reports), residents' version: published reviews, their "
            "recommendations and the actions from them",
            f"Reviews published in {year.label} ({year.words}); the tracker as at {on:%d/%m/%Y}",
            ["Published reviews only"],
            headlines=headlines,
        )


class ValueForMoney(ChapterKind):
    key = "value_for_money"
    heading = "What involvement cost and what it achieved"

    def draw(self, year: ReportingYear, today: dt.date) -> DrawnChapter:
        from tenantvoice.value_for_money.statement import statement_tables, value_for_money_statement

        statement = value_for_money_statement(year)
        headlines = []
        if shown(statement.total) and statement.total:
            headlines.append(f"Involving residents cost {money(statement.total)} this year.")
        if shown(statement.per_person):
            headlines.append(f"That is {money(statement.per_person)} for each resident who took part.")
        if shown(statement.per_hour):
            headlines.append(f"And {money(statement.per_hour)} for each hour residents gave.")
        return DrawnChapter(
            statement_tables(statement),
            [],
            "Value for money of involvement (Reports): costs recorded by officers and expenses "
            "paid, against residents involved, hours, activities and what changed",
            _years_words(year),
            ["Every cost recorded for the year"],
            headlines=headlines or ["We have not recorded what involvement cost this year."],
        )


def chapter_kind(key: str) -> ChapterKind:
    kind: type[ChapterKind] = import_string(CHAPTERS[key])
    return kind()


def chapter_kinds() -> list[ChapterKind]:
    return [chapter_kind(key) for key in CHAPTERS]


def heading_of(key: str) -> str:
    return chapter_kind(key).heading if key in CHAPTERS else key
