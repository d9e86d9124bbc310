"""The annual report as an accessible PDF, made the project's one way (``core.pdf``, decision
0052): a tagged PDF with headings, tables with header cells, charts with their alternative
text, and the language and title set."""

from __future__ import annotations

from django.template.loader import render_to_string

from tenantvoice.core.pdf import LANGUAGE, chart_image, html_to_pdf
from tenantvoice.core.selectors import landlord_get

from .models import AnnualReport
from .selectors import report_chapters
from .sends import public_link


def report_html(report: AnnualReport) -> str:
    return render_to_string(
        "annual_reports/pdf.html",
        {
            "report": report,
            "landlord": landlord_get(),
            "language": LANGUAGE,
            "site_url": public_link("annual-report", report.year) if report.is_published else "",
            "chapters": [
                (shown, [(chart, chart_image(chart)) for chart in shown.charts])
                for shown in report_chapters(report)
            ],
        },
    )


def report_pdf(report: AnnualReport) -> bytes:
    return html_to_pdf(report_html(report))
