"""The accessible PDFs (decision 0052) checked by pdfua, the machine-checkable part of PDF/UA-1
that needs no JVM, and by what pdfua leaves out that can be read from the file: a Board pack
with every kind of section and an annual report with every chapter, made through their
download pages.

pdfua 0.1.3 checks 16 of the 106 machine-checkable rules of PDF/UA-1 (tagged, marked, all
content tagged or an artifact, language, title shown, figures' alternative text, tables'
headers, link and annotation descriptions, empty headings, the PDF/UA identification). Its
empty-heading rule (UA-14-001) cannot run on a heading whose kids are an array, which is every
heading WeasyPrint writes (it asks pikepdf for ``is_integer`` on the array and pikepdf raises
ValueError), so that rule's skip is allowed and ``_headings`` checks the headings instead:
none empty, the first an H1, no level skipped. ``_fonts`` checks every font is embedded and
``_table_cells`` that every data cell's headers are header cells found by their identifier."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pdfua
import pikepdf
import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from tenantvoice.accounts.models import User
from tenantvoice.annual_reports.chapters import CHAPTERS
from tenantvoice.annual_reports.services import report_create, report_update
from tenantvoice.boardpacks.sections import pack_kinds
from tenantvoice.boardpacks.services import section_add, section_narrative_save
from tenantvoice.core.models import Landlord, Nation
from tenantvoice.core.selectors import landlord_get
from tests.complaints.helpers import complaint_answered
from tests.conftest import sign_in
from tests.factories import (
    BoardPackFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    InvolvementCostFactory,
    SurveyFactory,
    make_resident,
)

pytestmark = pytest.mark.django_db

PDFUA_HEADING_BUG = "is_integer"


def _pdfua(path: Path) -> list[str]:
    """Every pdfua finding (of any severity or confidence) and every rule it could not run,
    but for the empty-heading rule's known failure on array kids."""
    report = pdfua.validate(str(path))
    assert len(report.outcomes) == len(pdfua.default_registry())
    return [
        f"{f.rule_id} {f.severity.name} {f.location.describe()}: {f.message}" for f in report.findings
    ] + [
        f"{o.rule_id} skipped: {o.skipped_reason}"
        for o in report.skipped
        if not (o.rule_id == "UA-14-001" and PDFUA_HEADING_BUG in (o.skipped_reason or ""))
    ]


def _elements(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Dictionary]:
    """The structure tree's elements in reading order."""

    def walk(node: pikepdf.Object) -> Iterator[pikepdf.Dictionary]:
        if isinstance(node, pikepdf.Array):
            for kid in node:
                yield from walk(kid)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            yield node
            if "/K" in node:
                yield from walk(node.K)

    yield from walk(pdf.Root.StructTreeRoot.K)


def _marks_content(node: pikepdf.Object) -> bool:
    if isinstance(node, int):
        return True  # a marked-content id
    if isinstance(node, pikepdf.Array):
        return any(_marks_content(kid) for kid in node)
    return isinstance(node, pikepdf.Dictionary) and "/K" in node and _marks_content(node.K)


def _headings(pdf: pikepdf.Pdf) -> list[str]:
    problems = []
    levels = []
    for element in _elements(pdf):
        tag = str(element.S)
        if len(tag) == 3 and tag.startswith("/H") and tag[2].isdigit():
            levels.append(int(tag[2]))
            if not _marks_content(element):
                problems.append(f"{tag} is empty")
    if not levels or levels[0] != 1:
        problems.append(f"the first heading is not an H1: {levels[:1]}")
    problems += [
        f"H{after} follows H{before}"
        for before, after in zip(levels, levels[1:], strict=False)
        if after > before + 1
    ]
    return problems


def _fonts(pdf: pikepdf.Pdf) -> list[str]:
    """Every font on every page and in the forms they draw (the charts) with its font file."""
    problems = []
    fonts = 0

    def resources(holder: pikepdf.Object, seen: set[tuple[int, int]]) -> None:
        nonlocal fonts
        found = holder.get("/Resources")
        if not isinstance(found, pikepdf.Dictionary):
            return
        for name, font in found.get("/Font", pikepdf.Dictionary()).items():
            for actual in font.get("/DescendantFonts", [font]):
                fonts += 1
                descriptor = actual.get("/FontDescriptor")
                if descriptor is None or not any(
                    key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
                ):
                    problems.append(f"{name} ({actual.get('/BaseFont')}) is not embedded")
        for form in found.get("/XObject", pikepdf.Dictionary()).values():
            if form.get("/Subtype") == "/Form" and form.objgen not in seen:
                seen.add(form.objgen)
                resources(form, seen)

    for page in pdf.pages:
        resources(page.obj, set())
    assert fonts, "no font was checked"
    return problems


def _table_cells(pdf: pikepdf.Pdf) -> list[str]:
    """Each data cell's /Headers are header cells found by their /ID in the /IDTree, each
    header cell has its /Scope, and the tree's names are in order."""
    tree = pdf.Root.StructTreeRoot.get("/IDTree")
    names = list(tree.Names) if tree is not None else []
    keys = [str(key) for key in names[::2]]
    by_id = dict(zip(keys, names[1::2], strict=True))
    problems = [] if keys == sorted(keys) else ["the /IDTree is not in order"]
    cells = 0
    for element in _elements(pdf):
        attributes = element.get("/A", pikepdf.Dictionary())
        if element.S == "/TH":
            # includes/pdf_table.html: the head's cells head columns, each row's first its row.
            scope = "/Column" if element.P.P.S == "/THead" else "/Row"
            if attributes.get("/Scope") != scope:
                problems.append(f"header cell {element.get('/ID')} has scope {attributes.get('/Scope')}")
        elif element.S == "/TD":
            cells += 1
            headers = [str(h) for h in attributes.get("/Headers", [])]
            if not headers:
                problems.append("a data cell has no headers")
            problems += [
                f"header {h} is not a header cell"
                for h in headers
                if h not in by_id or by_id[h].get("/S") != "/TH"
            ]
    assert cells, "no data cell was checked"
    return problems


def _problems(pdf: bytes, tmp_path: Path) -> list[str]:
    path = tmp_path / "document.pdf"
    path.write_bytes(pdf)
    with pikepdf.open(path) as opened:
        ours = _headings(opened) + _fonts(opened) + _table_cells(opened)
    return _pdfua(path) + ours


def test_a_board_pack_with_every_kind_of_section_passes_pdfua(
    client: Client, officer: User, board_reader: User, tmp_path: Path
) -> None:
    april, june = dt.date(2026, 4, 1), dt.date(2026, 6, 30)
    with time_machine.travel(dt.datetime(2026, 6, 1, 10, tzinfo=dt.UTC), tick=False):
        complaint_answered(make_resident(), officer)
    survey = SurveyFactory(status="closed", opens_on=april, closes_on=june)
    IndicatorValueFactory(indicator__name="Repairs on time", period_start=april, period_end=june, value=80)
    pack = BoardPackFactory(title="Board, July 2026", period_start=april, period_end=june)
    for kind in (k.key for k in pack_kinds()):
        section = section_add(
            pack=pack, kind=kind, parameters={"survey": survey.pk} if kind == "survey" else {}
        )
        section_narrative_save(section=section, narrative=f"What the Board should know.\n\nAbout {kind}.")
    response = sign_in(client, board_reader).get(reverse("staff:board-pack-pdf", args=[pack.pk]))
    assert response.status_code == 200
    problems = _problems(response.content, tmp_path)
    assert not problems, "\n".join(problems)


def test_an_annual_report_with_every_chapter_passes_pdfua(
    client: Client, officer: User, tmp_path: Path
) -> None:
    with time_machine.travel(dt.datetime(2025, 11, 3, 10, tzinfo=dt.UTC), tick=False):
        complaint_answered(make_resident(), officer)
    measure = IndicatorFactory(name="Satisfied with our service overall", unit="percent", is_survey=True)
    IndicatorValueFactory(
        indicator=measure, period_start=dt.date(2025, 4, 1), period_end=dt.date(2026, 3, 31), value=78
    )
    # A landlord in Scotland, so the Charter's chapter is in it too.
    Landlord.objects.filter(pk=landlord_get().pk).update(nation=Nation.SCOTLAND)
    informed = IndicatorFactory(
        name="Tenants who feel well informed", unit="percent", framework="charter", outcome=2
    )
    IndicatorValueFactory(
        indicator=informed, period_start=dt.date(2025, 4, 1), period_end=dt.date(2026, 3, 31), value=85
    )
    InvolvementCostFactory(spent_on=dt.date(2025, 9, 1), amount=Decimal("1200.00"))
    with time_machine.travel(dt.datetime(2026, 12, 7, 10, tzinfo=dt.UTC), tick=False):
        report = report_create(year=2025, by=officer)
        assert set(report.chapters.values_list("kind", flat=True)) == set(CHAPTERS)
        report_update(
            report=report,
            officer_words="A year of change.",
            panel_words="We checked every figure.",
            panel_name="The Residents Panel",
            how_made="Residents chose what went in.",
            by=officer,
        )
        response = sign_in(client, officer).get(reverse("staff:annual-report-pdf", args=[report.pk]))
    assert response.status_code == 200
    problems = _problems(response.content, tmp_path)
    assert not problems, "\n".join(problems)
