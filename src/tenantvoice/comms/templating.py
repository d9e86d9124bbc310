"""Officers' wording: saving versions with checks, previews, and who lacks data for a placeholder."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.text import slugify

from tenantvoice.core.audit import audit_record
from tenantvoice.core.errors import DomainError
from tenantvoice.core.models import AuditAction
from tenantvoice.residents.models import Resident

from .catalogue import KINDS, kind_get
from .models import Template, TemplateVersion
from .rendering import placeholders_in, render
from .services import format_notes, resident_placeholders
from .wording import Wording, wording_for

# The GSM 7-bit alphabet: a text using only these characters fits 160 to a part.
GSM_7 = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡"
    "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà^{}[]~|€\\"
)


class TemplateError(DomainError):
    pass


def sms_parts(text: str) -> int:
    """How many texts a message takes: 160 GSM-7 characters (153 when split), else 70 (67)."""
    if not text:
        return 0
    if set(text) <= GSM_7:
        return 1 if len(text) <= 160 else math.ceil(len(text) / 153)
    return 1 if len(text) <= 70 else math.ceil(len(text) / 67)


def template_for(slug: str) -> Template:
    """The officers' Template row for a kind, made on first use (the catalogue defines it)."""
    template = Template.objects.filter(slug=slug).first()
    if template is not None:
        return template
    if slug not in KINDS:
        raise TemplateError("There is no such template.")
    kind = KINDS[slug]
    return Template.objects.create(slug=slug, name=kind.name, purpose=kind.purpose)


def unknown_placeholders(slug: str, *texts: str) -> list[str]:
    allowed = kind_get(slug).allowed() if slug in KINDS else kind_get("news").allowed()
    return [name for name in placeholders_in(*texts) if name not in allowed]


@transaction.atomic
def version_save(
    *, slug: str, language: str, subject: str, body: str, sms: str = "", note: str = "", by: Any = None
) -> TemplateVersion:
    """Save new wording as the next version in that language; the old versions are kept."""
    if not subject.strip() or not body.strip():
        raise TemplateError("Write a subject and the message.")
    unknown = unknown_placeholders(slug, subject, body, sms)
    if unknown:
        allowed = KINDS[slug].allowed() if slug in KINDS else kind_get("news").allowed()
        raise TemplateError(
            f"We cannot fill in {', '.join(f'(({p}))' for p in unknown)}. "
            f"You can use: {', '.join(f'(({p}))' for p in allowed)}."
        )
    template = template_for(slug)
    last = template.versions.filter(language=language).order_by("-number").first()
    version = TemplateVersion.objects.create(
        template=template,
        language=language,
        number=(last.number if last else 0) + 1,
        subject=subject.strip(),
        body=body.strip(),
        sms=sms.strip(),
        note=note.strip()[:200],
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    audit_record(
        actor=by,
        action=AuditAction.UPDATE,
        object_type="message template",
        object_id=template.pk,
        summary=f"{template.name} ({language}) version {version.number}",
    )
    return version


@transaction.atomic
def template_create(*, name: str, by: Any = None) -> Template:
    """A new message of the officers' own (for campaigns), named by them; its slug comes from
    the name, so the name must be new and not one of the built-in messages'."""
    slug = slugify(name)[:70] or "template"
    if Template.objects.filter(slug=slug).exists() or slug in KINDS:
        raise TemplateError("There is already a template with this name. Choose another.")
    template = Template.objects.create(slug=slug, name=name.strip())
    audit_record(
        actor=by,
        action=AuditAction.CREATE,
        object_type="message template",
        object_id=template.pk,
        summary=template.name,
    )
    return template


def version_restore_builtin(*, slug: str, by: Any = None) -> TemplateVersion:
    if slug not in KINDS:
        raise TemplateError("Only a built-in message has original wording to go back to.")
    kind = KINDS[slug]
    return version_save(
        slug=slug,
        language="en",
        subject=kind.subject,
        body=kind.body,
        sms=kind.sms,
        note="Back to the original",
        by=by,
    )


def sample_values(slug: str) -> dict[str, str]:
    """Example text for each placeholder, for a preview: its description in brackets."""
    return {name: f"[{description}]" for name, description in kind_get(slug).allowed().items()}


@dataclass(frozen=True)
class Preview:
    channel: str
    subject: str
    body: str
    large_print: bool
    notes: str
    missing: list[str]
    sms_parts: int
    wording: Wording


def preview(
    slug: str,
    *,
    channel: str,
    language: str = "en",
    resident: Resident | None = None,
    large_print: bool = False,
    landlord: str = "",
) -> Preview:
    """The message as it would be sent: sample values, with a real resident's details if given."""
    wording = wording_for(slug, language)
    values: dict[str, object] = dict(sample_values(slug))
    notes = "Large print" if large_print else ""
    if resident is not None:
        values |= resident_placeholders(resident, landlord, kind_get(slug).purpose)
        notes = format_notes(resident)
        large_print = large_print or resident.large_print
    if landlord:
        values["landlord"] = landlord
    text = wording.sms if channel == "sms" and wording.sms else wording.body
    subject, body = render(wording.subject, values), render(text, values)
    body_text = body.text + wording.footer(language, channel)
    return Preview(
        channel=channel,
        subject=subject.text,
        body=body_text,
        large_print=large_print,
        notes=notes,
        missing=sorted(subject.missing | body.missing),
        sms_parts=sms_parts(body_text) if channel == "sms" else 0,
        wording=wording,
    )


def resident_data_gaps(residents: Any) -> list[str]:
    """For an audience: how many lack data a resident placeholder uses, in plain words."""
    total = residents.count()
    lines = []
    no_preferred = residents.filter(preferred_name="").count()
    if no_preferred:
        lines.append(f"{no_preferred} of {total} have no preferred name: ((name)) uses their first name.")
    no_title = residents.filter(title="").count()
    if no_title:
        lines.append(f"{no_title} of {total} have no title: ((full_name)) is their first and last name only.")
    return lines
