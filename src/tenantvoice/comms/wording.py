"""Which wording a message uses: the officer's latest version in the resident's language,
else their latest in English, else the built-in text of comms.catalogue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .catalogue import kind_get
from .models import MessageChannel, TemplateVersion

ENGLISH = "en"

# Added to a message in English sent to someone whose language is another, so they know they
# can ask (Tower Hamlets Homes: "Accessible Information").
OFFER_TRANSLATION = "If you would like this in your language, or in another format, please call us."


@dataclass(frozen=True)
class Wording:
    subject: str
    body: str
    sms: str
    language: str
    version: int  # 0: the built-in text
    resident_approved_on: dt.date | None = None

    def footer(self, wanted_language: str, channel: str) -> str:
        lines = []
        if wanted_language != self.language and channel != MessageChannel.SMS:
            lines.append(OFFER_TRANSLATION)
        if self.resident_approved_on and channel != MessageChannel.SMS:
            lines.append(f"Resident Approved, {self.resident_approved_on:%B %Y}")
        return "".join(f"\n\n{line}" for line in lines)


def wording_for(slug: str, language: str = ENGLISH) -> Wording:
    for wanted in dict.fromkeys([language or ENGLISH, ENGLISH]):
        version = (
            TemplateVersion.objects.filter(template__slug=slug, language=wanted).order_by("-number").first()
        )
        if version is not None:
            return Wording(
                version.subject,
                version.body,
                version.sms,
                version.language,
                version.number,
                version.resident_approved_on,
            )
    kind = kind_get(slug)
    return Wording(kind.subject, kind.body, kind.sms, ENGLISH, 0)
