"""Letters as one print-ready PDF for the post room: a cover sheet, then one letter per page set.

The address sits where a DL window envelope shows it (20 mm in, 45 mm down, on A4 folded in
three). Residents who asked for large print get 16 pt text throughout; braille, audio, easy
read and translations cannot be printed here, so the cover sheet lists them for the post room
instead of marking the letter itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from django.utils import timezone
from fpdf import FPDF

from tenantvoice.core.text import counted

from .addresses import postal_address
from .models import Message

FONT_FOLDERS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu")
STANDARD_PT, LARGE_PT = 11, 16


def _unicode_font(pdf: FPDF) -> str:
    """DejaVu Sans when installed (every script residents write their names in); else Helvetica,
    which can only print Latin-1, so other characters become '?'."""
    for folder in FONT_FOLDERS:
        regular, bold = Path(folder) / "DejaVuSans.ttf", Path(folder) / "DejaVuSans-Bold.ttf"
        if regular.exists() and bold.exists():
            pdf.add_font("DejaVu", "", str(regular))
            pdf.add_font("DejaVu", "B", str(bold))
            return "DejaVu"
    return "Helvetica"


def _text(font: str, value: str) -> str:
    return value if font == "DejaVu" else value.encode("latin-1", "replace").decode("latin-1")


def letters_pdf(messages: Iterable[Message], *, landlord: str, today: dt.date | None = None) -> bytes:
    today = today or timezone.localdate()
    letters = list(messages)
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.set_margins(20, 20, 20)
    font = _unicode_font(pdf)
    _cover(pdf, font, letters, today)
    for message in letters:
        _letter(pdf, font, message, landlord, today)
    return bytes(pdf.output())


def _cover(pdf: FPDF, font: str, letters: list[Message], today: dt.date) -> None:
    pdf.add_page()
    pdf.set_font(font, "B", 16)
    pdf.multi_cell(
        0,
        9,
        f"Post room: {counted(len(letters), 'letter', 'letters')}, {today:%d %B %Y}",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_font(font, "", STANDARD_PT)
    large = sum(1 for m in letters if "Large print" in m.format_notes)
    pdf.multi_cell(
        0,
        6,
        f"Printed in large print already: {large}. Not printed here, to arrange:",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    special = [m for m in letters if m.format_notes.replace("Large print", "").strip(", ")]
    if not special:
        pdf.multi_cell(0, 6, "Nothing else: every letter is ready to post.", new_x="LMARGIN", new_y="NEXT")
    for message in special:
        name = message.recipient.full_name if message.recipient else message.to
        pdf.multi_cell(
            0,
            6,
            _text(font, f"- {name}: {message.format_notes} ({message.subject})"),
            new_x="LMARGIN",
            new_y="NEXT",
        )


def _letter(pdf: FPDF, font: str, message: Message, landlord: str, today: dt.date) -> None:
    size = LARGE_PT if "Large print" in message.format_notes else STANDARD_PT
    line = size * 0.5
    pdf.add_page()
    pdf.set_font(font, "", size)
    pdf.set_xy(20, 20)
    pdf.cell(0, line, _text(font, landlord), align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.set_xy(20, 45)  # the window of a DL envelope
    assert message.recipient is not None  # letters go to residents only
    address = postal_address(message.recipient) or [
        message.recipient.full_name,
        "(no address on the register)",
    ]
    for row in address:
        pdf.cell(0, line, _text(font, row), new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(max(pdf.get_y() + line, 95))
    pdf.cell(0, line, f"{today.day} {today:%B %Y}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(line)
    pdf.set_font(font, "B", size + 1)
    pdf.multi_cell(0, line + 1, _text(font, message.subject), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(line / 2)
    pdf.set_font(font, "", size)
    pdf.multi_cell(0, line + 1, _text(font, message.body), new_x="LMARGIN", new_y="NEXT")
