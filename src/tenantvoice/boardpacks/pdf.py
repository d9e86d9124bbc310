"""A Board pack as an accessible PDF (decision 0052): WeasyPrint writes PDF/UA-1, a tagged PDF
whose structure follows the HTML (headings, paragraphs, tables with header cells, figures with
their alternative text), with the document's language and title set from the HTML."""

from __future__ import annotations

import base64

from django.template.loader import render_to_string

from tenantvoice.core.charts import BarChart
from tenantvoice.core.selectors import landlord_get

from .models import BoardPack
from .selectors import pack_sections

LANGUAGE = "en-GB"


def chart_image(chart: BarChart) -> str:
    """The chart as an SVG ``data:`` address for an ``<img>``, whose ``alt`` is the chart's
    description (every figure in words): a PDF figure's alternative text is the image's."""
    svg = render_to_string("boardpacks/chart.svg", {"chart": chart})
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def pack_html(pack: BoardPack) -> str:
    sections = pack_sections(pack)
    return render_to_string(
        "boardpacks/pdf.html",
        {
            "pack": pack,
            "landlord": landlord_get(),
            "language": LANGUAGE,
            "sections": [
                (shown, [(chart, chart_image(chart)) for chart in shown.charts]) for shown in sections
            ],
        },
    )


def pack_pdf(pack: BoardPack) -> bytes:
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    # The pack's only resources are its charts, inlined as data: addresses; nothing is fetched
    # from the network or the disk whatever the text of a table holds.
    fetcher = URLFetcher(allowed_protocols=["data"])
    pdf: bytes = HTML(string=pack_html(pack), url_fetcher=fetcher).write_pdf(
        pdf_variant="pdf/ua-1", pdf_tags=True
    )
    return pdf
