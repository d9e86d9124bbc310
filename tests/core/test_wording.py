"""Counts, possessives and figures in plain English (core.text and ``{% load wording %}``), and
charts whose labels are shown in full (core.charts)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.template import Context, Template

from tenantvoice.core.charts import LABEL_CHARACTERS, bar_chart
from tenantvoice.core.suppression import HIDDEN
from tenantvoice.core.tables import Table, tables_csv
from tenantvoice.core.text import counted, figure, possessive
from tests.factories import SurveyFactory


def test_counts_agree_with_their_nouns_and_have_thousands_separators() -> None:
    assert counted(1, "resident", "residents") == "1 resident"
    assert counted(0, "resident", "residents") == "0 residents"
    assert counted(12345, "resident", "residents") == "12,345 residents"


def test_possessives_of_names_ending_in_s_take_only_an_apostrophe() -> None:
    assert possessive("Riverside Homes") == "Riverside Homes'"
    assert possessive("Southway Housing Trust") == "Southway Housing Trust's"
    assert possessive("") == ""


def test_figures_on_the_page_but_not_text_dates_or_hidden_counts() -> None:
    assert figure(1234567) == "1,234,567"
    assert figure(12.34) == "12.3"
    assert figure(Decimal("1500.5")) == "1,500.5"
    assert figure(Decimal("21.75")) == "21.75" and figure(Decimal("1234.50")) == "1,234.50"
    assert figure("2026") == "2026"  # text that looks like a number stays as it is
    assert figure(True) is True
    assert figure(dt.date(2026, 1, 1)) == dt.date(2026, 1, 1)
    assert figure(HIDDEN) is HIDDEN


def test_report_tables_show_separators_on_the_page_and_raw_numbers_in_downloads() -> None:
    table = Table("Residents by area", ["Area", "Residents"], [["North", 12345], ["South", HIDDEN]])
    html = Template('{% include "includes/report_table.html" with table=table %}').render(
        Context({"table": table})
    )
    assert "<td>12,345</td>" in html and "<td>hidden</td>" in html
    assert 'role="region" aria-label="Residents by area" tabindex="0"' in html
    assert "North,12345" in tables_csv([table])


def test_the_template_filters() -> None:
    html = Template("{% load wording %}{{ name|possessive }} {{ n|figure }}").render(
        Context({"name": "Riverside Homes", "n": 4000})
    )
    assert html == "Riverside Homes&#x27; 4,000"


def test_chart_labels_are_shown_in_full_over_as_many_lines_as_they_need() -> None:
    label = "How satisfied or dissatisfied are you with Riverside Homes' approach to complaints handling?"
    chart = bar_chart("Satisfied", [(label, 40.0), ("Short", 1234.0)], unit="%")
    long_bar, short_bar = chart.bars
    assert " ".join(line.text for line in long_bar.lines) == label
    assert len(long_bar.lines) > 1
    assert all(len(line.text) <= LABEL_CHARACTERS for line in long_bar.lines)
    assert len(short_bar.lines) == 1 and short_bar.shown == "1,234%"
    # Each bar sits below its own label, and the next label below the bar.
    assert long_bar.bar_y > long_bar.lines[-1].y
    assert short_bar.lines[0].y > long_bar.bar_y + 22
    assert chart.height > short_bar.bar_y
    assert "…" not in chart.description and label in chart.description


@pytest.mark.django_db
def test_the_tsm_questions_use_the_landlords_possessive() -> None:
    from tenantvoice.surveys.services import tsm_add

    survey = SurveyFactory(title="Tenant survey", status="draft")
    tsm_add(survey=survey, landlord="Riverside Homes")
    texts = list(survey.questions.values_list("text", flat=True))
    assert any("with Riverside Homes' approach to complaints handling" in text for text in texts)
    assert not any("Homes's" in text for text in texts)
