"""Accessible PDF documents made from the project's own HTML (decision 0052): WeasyPrint writes
PDF/UA-1, a tagged PDF whose structure follows the HTML (headings, paragraphs, tables with
header cells, figures with their alternative text), with the document's language and title set
from the HTML. The Board pack and the annual report to residents are made this way."""

from __future__ import annotations

import base64
from typing import Any

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
    pdf: bytes = HTML(string=html, url_fetcher=fetcher).write_pdf(
        pdf_variant="pdf/ua-1", pdf_tags=True, finisher=_table_headers
    )
    return pdf


def _table_headers(document: Any, pdf: Any) -> None:
    """Make the table header cells' scope explicit and their identifiers findable, in
    WeasyPrint's own PDF objects (pydyf) before they are written.

    WeasyPrint ties each data cell to its header cells by identifier (``/TD`` with
    ``/Headers``, ``/TH`` with ``/ID``), from the HTML's ``<th scope>``, but writes no
    ``/IDTree``, without which a reader cannot look an identifier up (ISO 32000-1, 14.7.2),
    and no ``/Scope`` (PDF/UA-1 7.5 falls back on it, and checkers ask for it). So: a header
    cell named by a data cell of its own row is a row header, any other a column header
    (WeasyPrint's own reading of ``scope``), and every identifier goes in the ``/IDTree``."""
    import pydyf

    def get(reference: bytes) -> Any:
        return pdf.objects[int(reference.split()[0])]

    elements = [
        obj for obj in pdf.objects if isinstance(obj, pydyf.Dictionary) and obj.get("Type") == "/StructElem"
    ]
    named: dict[str, Any] = {}
    for row in (element for element in elements if element.get("S") == "/TR"):
        cells = [get(kid) for kid in row.get("K", ()) if isinstance(kid, bytes)]
        own_row = {
            header.string
            for cell in cells
            if cell.get("S") == "/TD"
            for header in cell.get("A", {}).get("Headers", ())
        }
        for cell in cells:
            if cell.get("S") == "/TH" and "ID" in cell:
                identifier = cell["ID"].string
                scope = "/Row" if identifier in own_row else "/Column"
                cell.setdefault("A", pydyf.Dictionary({"O": "/Table"}))["Scope"] = scope
                named[identifier] = cell
    if named:
        names = pydyf.Array()
        for identifier in sorted(named):  # WeasyPrint's "table-row-column", in ASCII: the tree's order
            names.extend([pydyf.String(identifier), named[identifier].reference])
        get(pdf.catalog["StructTreeRoot"])["IDTree"] = pydyf.Dictionary({"Names": names})
