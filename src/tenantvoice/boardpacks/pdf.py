"""A Board pack as an accessible PDF (decision 0052), made the project's one way
(``core.pdf``)."""

from __future__ import annotations

from django.template.loader import render_to_string

from tenantvoice.core.pdf import LANGUAGE, chart_image, html_to_pdf
from tenantvoice.core.selectors import landlord_get

from .models import BoardPack
from .selectors import pack_sections


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
    return html_to_pdf(pack_html(pack))
