"""Accessible PDF documents made from the project's own HTML (decision 0052): WeasyPrint writes
PDF/UA-1, a tagged PDF whose structure follows the HTML (headings, paragraphs, tables with
header cells, figures with their alternative text), with the document's language and title set
from the HTML. The Board pack and the annual report to residents are made this way."""

from __future__ import annotations

import base64

from django.template.loader import render_to_string

from .charts import BarChart

LANGUAGE = "en-GB"


def chart_image(chart: BarChart) -> str:
    """The chart as an SVG ``data:`` address for an ``<img>``, whose ``alt`` is the chart's
    description (every figure in words): a PDF figure's alternative text is the image's."""
    svg = render_to_string("includes/chart.svg", {"chart": chart})
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def html_to_pdf(html: str) -> bytes:
    """``html`` as a tagged PDF. Its only resources may be ``data:`` addresses (the charts):
    nothing is fetched from the network or the disk whatever the text of a table holds.
    WeasyPrint is imported here, when a PDF is made, so the rest runs without Pango."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols=["data"])
    pdf: bytes = HTML(string=html, url_fetcher=fetcher).write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)
    return pdf
