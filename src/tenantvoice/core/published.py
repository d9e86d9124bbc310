"""The pages a landlord must publish (privacy notice, accessibility statement), written by an
administrator in a small plain-text format, never HTML, and shown escaped:

- a line starting "# " is a heading, "## " a smaller heading
- lines starting "- " or "* " are a bulleted list
- a blank line starts a new paragraph; web and email addresses become links
- ((name)), ((phone)), ((email)), ((address)), ((opening_hours)) and ((site_url)) are the
  landlord's current details, so the page stays right when they change.

Each starts from a complete template in core/data/ (decision 0020).
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.utils.html import escape, urlize
from django.utils.safestring import SafeString, mark_safe

from .models import Landlord
from .phones import phone_for_people

PAGES = {
    "privacy": ("Privacy notice", "privacy_notice", "privacy_notice.txt"),
    "accessibility": ("Accessibility statement", "accessibility_statement", "accessibility_statement.txt"),
}
_DATA = Path(__file__).resolve().parent / "data"
NOT_GIVEN = "[not set: an administrator adds it under Contact details]"


def page_template(page: str) -> str:
    """The complete template a page starts from."""
    return (_DATA / PAGES[page][2]).read_text(encoding="utf-8")


def page_text(landlord: Landlord, page: str) -> str:
    """The page's text as the administrator left it, or its template while it is blank."""
    return getattr(landlord, PAGES[page][1]) or page_template(page)


def _fill(text: str, landlord: Landlord) -> str:
    values = {
        "name": landlord.name,
        "phone": phone_for_people(landlord.phone),
        "email": landlord.email,
        "address": ", ".join(line.strip() for line in landlord.address.splitlines() if line.strip()),
        "opening_hours": " ".join(landlord.opening_hours.split()),
        "site_url": settings.TENANTVOICE_SITE_URL,
    }
    for key, value in values.items():
        text = text.replace(f"(({key}))", value or NOT_GIVEN)
    return text


def _inline(text: str) -> str:
    # urlize escapes everything it does not turn into a link (autoescape=True).
    return urlize(text, nofollow=True, autoescape=True)


def render_plain(text: str, landlord: Landlord) -> SafeString:
    """The text as HTML: only headings, paragraphs, lists and links; everything escaped."""
    html: list[str] = []
    paragraph: list[str] = []
    items: list[str] = []

    def flush() -> None:
        if paragraph:
            html.append("<p>" + "<br>".join(_inline(line) for line in paragraph) + "</p>")
            paragraph.clear()
        if items:
            html.append("<ul>" + "".join(f"<li>{_inline(i)}</li>" for i in items) + "</ul>")
            items.clear()

    for raw in _fill(text, landlord).splitlines():
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith("## "):
            flush()
            html.append(f"<h3>{escape(line[3:].strip())}</h3>")
        elif line.startswith("# "):
            flush()
            html.append(f"<h2>{escape(line[2:].strip())}</h2>")
        elif line.startswith(("- ", "* ")):
            if paragraph:
                flush()
            items.append(line[2:].strip())
        else:
            if items:
                flush()
            paragraph.append(line)
    flush()
    return mark_safe("\n".join(html))  # noqa: S308 - built only from escaped text above
