"""Board packs through their services and pages (issue 19 item 4): a pack for a meeting and a
period, sections picked and ordered with their figures drawn from the existing reports and
kept as drawn with where they came from, the officer's narrative, redrawing, a final pack that
no longer changes, the web page and the accessible PDF."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pypdf
import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tenantvoice.accounts.models import User
from tenantvoice.boardpacks.models import BoardPack, PackSection, PackStatus
from tenantvoice.boardpacks.sections import pack_kinds
from tenantvoice.boardpacks.services import (
    BoardPackError,
    pack_create,
    pack_finalise,
    section_add,
    section_move,
    section_narrative_save,
    section_redraw,
    section_remove,
)
from tenantvoice.core.models import AuditEvent
from tenantvoice.indicators.models import IndicatorValue
from tests.conftest import sign_in
from tests.factories import (
    ActivityFactory,
    BoardPackFactory,
    IndicatorValueFactory,
    TenancyMemberFactory,
)

pytestmark = pytest.mark.django_db

APRIL = dt.date(2026, 4, 1)
JUNE = dt.date(2026, 6, 30)


@pytest.fixture
def board_client(client: Client, board_reader: User) -> Client:
    return sign_in(client, board_reader)


def _pdf_structure(pdf: bytes) -> tuple[pypdf.PdfReader, list[tuple[str, str | None]]]:
    """The PDF's reader and its structure tree's tags, each with its alternative text."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    tags: list[tuple[str, str | None]] = []

    def walk(node: Any) -> None:
        node = node.get_object()
        if isinstance(node, pypdf.generic.ArrayObject):
            for kid in node:
                walk(kid)
        elif isinstance(node, pypdf.generic.DictionaryObject):
            if "/S" in node:
                tags.append((str(node["/S"]), str(node["/Alt"]) if "/Alt" in node else None))
            if "/K" in node:
                walk(node["/K"])

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return reader, tags


def test_a_pack_is_made_for_a_meeting_and_period_and_audited(officer: User) -> None:
    meeting = ActivityFactory(title="Board meeting")
    pack = pack_create(title="Board, July", meeting=meeting, period_start=APRIL, period_end=JUNE, by=officer)
    assert pack.status == PackStatus.DRAFT and pack.created_by == officer
    assert AuditEvent.objects.filter(object_type="board_pack", object_id=str(pack.pk), actor=officer).exists()


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"title": "  "}, "Give the pack a title."),
        ({"period_end": dt.date(2026, 3, 1)}, "The period must end on or after the day it starts."),
        ({"period_end": dt.date(2029, 3, 1)}, "A pack covers at most two years."),
    ],
)
def test_a_bad_pack_is_refused_in_plain_words(changes: dict[str, Any], words: str) -> None:
    arguments = {"title": "Board", "meeting": ActivityFactory(), "period_start": APRIL, "period_end": JUNE}
    with pytest.raises(BoardPackError, match=words):
        pack_create(**{**arguments, **changes})
    assert not BoardPack.objects.exists()


def test_a_section_keeps_its_figures_as_drawn_with_where_they_came_from(officer: User) -> None:
    """The Board reads what was drawn: a change to the data after drawing does not change the
    pack until the officer draws the figures again."""
    pack = BoardPackFactory(period_start=APRIL, period_end=JUNE)
    IndicatorValueFactory(indicator__name="Repairs on time", period_start=APRIL, period_end=JUNE, value=80)
    with time_machine.travel(dt.datetime(2026, 7, 2, 9, tzinfo=dt.UTC), tick=False):
        section = section_add(pack=pack, kind="indicators", by=officer)
    assert section.order == 1
    assert section.provenance["period"].startswith("Reporting year 2026/27")
    assert section.provenance["drawn_at"].startswith("2026-07-02")
    assert "Indicators and targets" in section.provenance["what"]
    row = section.tables[0]["rows"][0]
    assert row[0] == "Repairs on time" and row[3] == 80.0
    assert section.charts and "Repairs on time: 80%" in section.charts[0]["description"]

    IndicatorValue.objects.filter(indicator__name="Repairs on time").update(value=95)
    section.refresh_from_db()
    assert section.tables[0]["rows"][0][3] == 80.0
    with time_machine.travel(dt.datetime(2026, 7, 3, 9, tzinfo=dt.UTC), tick=False):
        section_redraw(section=section, by=officer)
    section.refresh_from_db()
    assert section.tables[0]["rows"][0][3] == 95.0
    assert section.provenance["drawn_at"].startswith("2026-07-03")
    assert AuditEvent.objects.filter(object_type="board_pack_section").count() == 2


def test_every_kind_of_section_draws_from_its_report(officer: User) -> None:
    """Each kind offered draws tables (and the drawing does not fail on an empty landlord)."""
    from tests.complaints.helpers import complaint_answered
    from tests.factories import SurveyFactory, make_resident

    complaint_answered(make_resident(), officer)
    survey = SurveyFactory(status="closed", opens_on=APRIL, closes_on=JUNE)
    pack = BoardPackFactory(period_start=APRIL, period_end=JUNE)
    offered = [kind.key for kind in pack_kinds()]
    for kind in offered:
        parameters = {"survey": survey.pk} if kind == "survey" else {}
        section = section_add(pack=pack, kind=kind, parameters=parameters)
        assert section.tables, kind
        assert section.provenance["what"] and section.provenance["period"], kind
    assert list(pack.sections.values_list("order", flat=True)) == list(range(1, len(offered) + 1))


def test_the_annual_report_to_residents_is_not_a_pack_section() -> None:
    """It is a reporting duty's section only: its chapters repeat the pack's own sections."""
    pack = BoardPackFactory()
    assert "annual_report" not in [kind.key for kind in pack_kinds()]
    with pytest.raises(BoardPackError, match="Choose a kind of section"):
        section_add(pack=pack, kind="annual_report")


def test_the_pack_keeps_what_the_timetable_reports(officer: User) -> None:
    """One registry (decision 0058): the involvement section has the period's quarterly return,
    service standards list each miss with its reason, complaints have their theme tables."""
    from tests.complaints.helpers import complaint_answered
    from tests.factories import make_resident

    complaint_answered(make_resident(), officer)
    pack = BoardPackFactory(period_start=APRIL, period_end=JUNE)
    titles = {
        kind: [t["title"] for t in section_add(pack=pack, kind=kind).tables]
        for kind in ("involvement", "standards", "complaints")
    }
    assert titles["involvement"][0] == "Quarterly return 01/04/2026 to 30/06/2026"
    assert titles["involvement"][1].startswith("Residents at each level on")
    assert titles["standards"] == [
        "Service standards, 01/04/2026 to 30/06/2026",
        "Standards missed, 01/04/2026 to 30/06/2026",
    ]
    assert any(title.startswith("Complaints by category") for title in titles["complaints"])


def test_complaints_are_offered_only_when_there_are_complaints() -> None:
    pack = BoardPackFactory()
    with pytest.raises(BoardPackError, match="nothing to show"):
        section_add(pack=pack, kind="complaints")


def test_a_survey_section_needs_a_survey_open_in_the_period() -> None:
    from tests.factories import SurveyFactory

    elsewhere = SurveyFactory(status="closed", opens_on=dt.date(2025, 1, 1), closes_on=dt.date(2025, 2, 1))
    SurveyFactory(status="closed", opens_on=APRIL, closes_on=JUNE)
    pack = BoardPackFactory(period_start=APRIL, period_end=JUNE)
    with pytest.raises(BoardPackError, match="Choose the survey"):
        section_add(pack=pack, kind="survey", parameters={"survey": elsewhere.pk})


def test_counts_below_the_threshold_are_hidden_in_the_pack() -> None:
    """Involvement in numbers: a level with fewer residents than the threshold is hidden, in
    the kept figures, the chart and the page."""
    from tests.factories import LevelFactory, LevelMembershipFactory

    level = LevelFactory(name="Tenant panel")
    LevelMembershipFactory(
        level=level, resident=TenancyMemberFactory().resident, started_on=dt.date(2026, 1, 1)
    )
    today = timezone.localdate()
    pack = BoardPackFactory(period_start=today - dt.timedelta(days=90), period_end=today)
    section = section_add(pack=pack, kind="involvement")
    levels = next(t for t in section.tables if t["title"].startswith("Residents at each level"))
    row = next(r for r in levels["rows"] if r[0] == level.name)
    assert row[1] == {"hidden": True}, levels
    assert f"{level.name}: not shown" in section.charts[0]["description"]


def test_sections_are_ordered_with_up_and_down_and_removed() -> None:
    pack = BoardPackFactory()
    first = section_add(pack=pack, kind="standards")
    second = section_add(pack=pack, kind="involvement")
    section_move(section=second, direction="up")
    assert list(pack.sections.order_by("order").values_list("kind", flat=True)) == [
        "involvement",
        "standards",
    ]
    with pytest.raises(BoardPackError, match="already the first"):
        section_move(section=PackSection.objects.get(pk=second.pk), direction="up")
    section_remove(section=first)
    assert list(pack.sections.values_list("kind", flat=True)) == ["involvement"]


def test_a_final_pack_is_read_only() -> None:
    pack = BoardPackFactory()
    with pytest.raises(BoardPackError, match="at least one section"):
        pack_finalise(pack=pack)
    section = section_add(pack=pack, kind="standards")
    section_narrative_save(section=section, narrative="All meetings had notice.")
    pack_finalise(pack=pack)
    for change in (
        lambda: section_narrative_save(section=section, narrative="Changed"),
        lambda: section_redraw(section=section),
        lambda: section_add(pack=pack, kind="involvement"),
        lambda: section_remove(section=section),
    ):
        with pytest.raises(BoardPackError, match="final"):
            change()
    section.refresh_from_db()
    assert section.narrative == "All meetings had notice."


def test_an_officer_makes_a_pack_through_the_pages(officer_client: Client) -> None:
    meeting = ActivityFactory(title="Board meeting")
    response = officer_client.post(
        reverse("staff:board-pack-new"),
        {
            "title": "Board, July",
            "meeting": meeting.pk,
            "period_start": "1/4/2026",
            "period_end": "30/6/2026",
        },
    )
    pack = BoardPack.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "staff:board-pack-compose", args=[pack.pk]
    )
    compose = reverse("staff:board-pack-compose", args=[pack.pk])
    assert officer_client.post(compose, {"kind": "standards"}).status_code == 302
    assert officer_client.post(compose, {"kind": "involvement"}).status_code == 302
    refused = officer_client.post(compose, {"kind": "complaints"})
    assert (
        refused.status_code == 400
        and "Choose the section from the options shown." in refused.content.decode()
    )
    standards, involvement = pack.sections.order_by("order")
    officer_client.post(reverse("staff:board-pack-move", args=[involvement.pk]), {"direction": "up"})
    officer_client.post(
        reverse("staff:board-pack-narrative", args=[standards.pk]),
        {"narrative": "Minutes went out late once."},
    )
    page = officer_client.get(reverse("staff:board-pack", args=[pack.pk])).content.decode()
    assert '<a href="#section-1">Involvement in numbers</a>' in page
    assert '<a href="#section-2">Service standards</a>' in page
    assert "Minutes went out late once." in page
    assert "Where these figures came from" in page
    assert officer_client.post(reverse("staff:board-pack-final", args=[pack.pk])).status_code == 302
    pack.refresh_from_db()
    assert pack.is_final
    refused = officer_client.post(compose, {"kind": "standards"})
    assert refused.status_code == 400 and "This pack is final" in refused.content.decode()


def test_a_board_reader_reads_the_pack_but_cannot_change_it(board_client: Client) -> None:
    pack = BoardPackFactory(title="Board, July")
    section = section_add(pack=pack, kind="standards")
    section_narrative_save(section=section, narrative="Words for the Board.")
    page = board_client.get(reverse("staff:board-pack", args=[pack.pk]))
    assert page.status_code == 200 and "Words for the Board." in page.content.decode()
    assert "Change the pack" not in page.content.decode()
    assert board_client.get(reverse("staff:board-pack-compose", args=[pack.pk])).status_code == 403
    listed = board_client.get(reverse("staff:board-packs")).content.decode()
    assert "Board, July" in listed and "Make a Board pack" not in listed


def test_the_pdf_is_tagged_with_its_language_title_headings_table_headers_and_chart_text(
    board_client: Client,
) -> None:
    pack = BoardPackFactory(title="Board, July 2026")
    IndicatorValueFactory(indicator__name="Repairs on time", period_start=APRIL, period_end=JUNE, value=80)
    section = section_add(pack=pack, kind="indicators")
    section_narrative_save(section=section, narrative="Repairs are ahead of target.")
    response = board_client.get(reverse("staff:board-pack-pdf", args=[pack.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = response.content
    assert pdf.startswith(b"%PDF-")
    reader, tags = _pdf_structure(pdf)
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert reader.metadata is not None and reader.metadata.title == "Board, July 2026"
    names = [name for name, _ in tags]
    for tag in ("/H1", "/H2", "/Table", "/TH", "/TD", "/Figure"):
        assert tag in names, tag
    figures = [alt for name, alt in tags if name == "/Figure"]
    assert figures and all(alt and "Repairs on time: 80%" in alt for alt in figures)
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Repairs are ahead of target." in text and "Where these figures came from" in text
