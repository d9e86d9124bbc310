"""Every write to Board packs: each a keyword-only function in a transaction that writes one
audit row (decision 0021). A refusal is a :class:`BoardPackError` in plain words; a final pack
is read-only (what the Board read does not change under them)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from tenantvoice.activities.models import Activity
from tenantvoice.core.audit import audit_record
from tenantvoice.core.errors import DomainError
from tenantvoice.core.models import AuditAction
from tenantvoice.core.updates import model_update
from tenantvoice.worker.jobs import job_moving, job_start
from tenantvoice.worker.models import JobRun

from .models import BoardPack, PackSection, PackStatus
from .sections import SECTIONS, section_kind

# Platform's choice: a pack covers at most two years (a Board reads a quarter, half a year or
# a year; longer periods are more likely a mistyped date).
MAX_PERIOD_DAYS = 2 * 366


class BoardPackError(DomainError):
    pass


def _check_draft(pack: BoardPack) -> None:
    if pack.is_final:
        raise BoardPackError("This pack is final: it cannot be changed. Make a new pack instead.")


def _check_period(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise BoardPackError("The period must end on or after the day it starts.", field="period_end")
    if (end - start).days > MAX_PERIOD_DAYS:
        raise BoardPackError("A pack covers at most two years.", field="period_end")


def pack_create(
    *,
    title: str,
    meeting: Activity,
    period_start: dt.date,
    period_end: dt.date,
    by: Any = None,
) -> BoardPack:
    title = title.strip()
    if not title:
        raise BoardPackError("Give the pack a title.", field="title")
    if meeting.cancelled:
        raise BoardPackError("That meeting has been cancelled. Choose another.", field="meeting")
    _check_period(period_start, period_end)
    with transaction.atomic():
        pack = BoardPack.objects.create(
            title=title,
            meeting=meeting,
            period_start=period_start,
            period_end=period_end,
            created_by=by if getattr(by, "is_authenticated", False) else None,
        )
        audit_record(
            actor=by,
            action=AuditAction.CREATE,
            object_type="board_pack",
            object_id=pack.pk,
            summary=f"Started the Board pack {pack.title} for {meeting}",
        )
    return pack


def pack_update(*, pack: BoardPack, by: Any = None, **data: Any) -> BoardPack:
    """Change the title or the period (the figures drawn keep theirs until redrawn)."""
    _check_draft(pack)
    if "title" in data:
        data["title"] = data["title"].strip()
        if not data["title"]:
            raise BoardPackError("Give the pack a title.", field="title")
    _check_period(data.get("period_start", pack.period_start), data.get("period_end", pack.period_end))
    with transaction.atomic():
        changes = model_update(pack, ("title", "period_start", "period_end"), data)
        if changes:
            audit_record(
                actor=by,
                action=AuditAction.UPDATE,
                object_type="board_pack",
                object_id=pack.pk,
                summary=f"Changed the Board pack {pack.title}",
                changes=changes,
            )
    return pack


def _draw(section: PackSection, by: Any, today: dt.date | None) -> None:
    pack = section.pack
    if section.kind not in SECTIONS:
        raise BoardPackError("TenantVoice no longer draws this kind of section: remove it.")
    try:
        drawn = section_kind(section.kind).draw(
            pack.period_start, pack.period_end, today or timezone.localdate(), section.parameters
        )
    except ObjectDoesNotExist as exc:  # the survey a section shows was deleted
        raise BoardPackError(
            f"What “{section_kind(section.kind).label}” shows no longer exists: remove the section."
        ) from exc
    section.keep(drawn, by)


def section_add(
    *,
    pack: BoardPack,
    kind: str,
    parameters: dict[str, Any] | None = None,
    by: Any = None,
    today: dt.date | None = None,
) -> PackSection:
    """Add a section at the end of the pack and draw its figures now."""
    _check_draft(pack)
    if kind not in SECTIONS or not section_kind(kind).in_packs:
        raise BoardPackError("Choose a kind of section from the list.", field="kind")
    chosen = section_kind(kind)
    if not chosen.offered(pack.period_start, pack.period_end):
        raise BoardPackError(
            f"There is nothing to show for “{chosen.label}” in this pack's period.", field="kind"
        )
    # Only what the kind needs is kept (a survey chosen on the form is ignored for other kinds).
    parameters = dict(parameters or {}) if chosen.needs else {}
    if chosen.needs:
        allowed = {key for key, _ in chosen.choices(pack.period_start, pack.period_end)}
        if str(parameters.get(chosen.needs, "")) not in allowed:
            raise BoardPackError(f"Choose the {chosen.needs} this section shows.", field=chosen.needs)
        parameters = {chosen.needs: int(parameters[chosen.needs])}
    with transaction.atomic():
        last = pack.sections.aggregate(last=Max("order"))["last"]
        section = PackSection(pack=pack, kind=kind, parameters=parameters, order=(last or 0) + 1)
        _draw(section, by, today)
        section.save()
        audit_record(
            actor=by,
            action=AuditAction.CREATE,
            object_type="board_pack_section",
            object_id=section.pk,
            summary=f"Added “{chosen.label}” to the Board pack {pack.title}",
        )
    return section


def section_redraw(*, section: PackSection, by: Any = None, today: dt.date | None = None) -> PackSection:
    """Draw the section's figures again from today's data (the narrative is kept).

    The report is drawn before the transaction (seconds for a large register), so no lock is
    held meanwhile; the pack is then read again under a row lock, so a pack made final or a
    section removed while it was drawn is refused rather than changed."""
    _check_draft(section.pack)
    before = section.drawn_at
    _draw(section, by, today)
    with transaction.atomic():
        pack = BoardPack.objects.select_for_update().get(pk=section.pack_id)
        _check_draft(pack)
        fields = PackSection.DRAWN_FIELDS
        if not PackSection.objects.filter(pk=section.pk).update(**{f: getattr(section, f) for f in fields}):
            raise BoardPackError("That section was removed from the pack.")
        audit_record(
            actor=by,
            action=AuditAction.UPDATE,
            object_type="board_pack_section",
            object_id=section.pk,
            summary=f"Drew the figures of “{section_kind(section.kind).label}” again in {pack.title}",
            changes={"drawn_at": [before.isoformat() if before else None, section.provenance["drawn_at"]]},
        )
    return section


def pack_redraw_all(*, pack: BoardPack, by: Any = None) -> JobRun:
    """Ask the worker to draw every section of a draft pack again (``boardpacks.redraw``): each
    section draws a whole report, seconds at a million residents, so not in the request. The
    page that asked shows the job's progress. Refused while an earlier one is still moving."""
    from .redraw import REDRAW_KIND

    _check_draft(pack)
    keys = list(pack.sections.order_by("order", "pk").values_list("pk", flat=True))
    if not keys:
        raise BoardPackError("The pack has no sections to draw again.")
    with transaction.atomic():
        BoardPack.objects.select_for_update().get(pk=pack.pk)
        run = job_start(
            kind=REDRAW_KIND,
            object_id=pack.pk,
            title=f"Draw every section of {pack.title} again",
            keys=keys,
            by=by,
            busy=BoardPackError(
                "Every section is already being drawn again: its progress is shown on the pack's page."
            ),
        )
        audit_record(
            actor=by,
            action=AuditAction.UPDATE,
            object_type="board_pack",
            object_id=pack.pk,
            summary=f"Asked for every section of the Board pack {pack.title} to be drawn again ({len(keys)})",
            changes={"job": run.pk},
        )
    return run


def section_narrative_save(*, section: PackSection, narrative: str, by: Any = None) -> PackSection:
    _check_draft(section.pack)
    with transaction.atomic():
        changes = model_update(section, ("narrative",), {"narrative": narrative.strip()})
        if changes:
            audit_record(
                actor=by,
                action=AuditAction.UPDATE,
                object_type="board_pack_section",
                object_id=section.pk,
                summary=f"Wrote about “{section_kind(section.kind).label}” in {section.pack.title}",
                changes=changes,
            )
    return section


def section_move(*, section: PackSection, direction: str, by: Any = None) -> PackSection:
    """Swap the section with the one before (``up``) or after (``down``) it."""
    _check_draft(section.pack)
    if direction not in ("up", "down"):
        raise BoardPackError("Move a section up or down.")
    with transaction.atomic():
        siblings = list(section.pack.sections.select_for_update().order_by("order", "pk"))
        index = next(n for n, s in enumerate(siblings) if s.pk == section.pk)
        other = index - 1 if direction == "up" else index + 1
        if not 0 <= other < len(siblings):
            raise BoardPackError(f"That section is already the {'first' if direction == 'up' else 'last'}.")
        siblings[index], siblings[other] = siblings[other], siblings[index]
        for order, each in enumerate(siblings, start=1):
            if each.order != order:
                each.order = order
                each.save(update_fields=["order"])
        moved = next(s for s in siblings if s.pk == section.pk)
        audit_record(
            actor=by,
            action=AuditAction.UPDATE,
            object_type="board_pack_section",
            object_id=section.pk,
            summary=f"Moved “{section_kind(section.kind).label}” {direction} in {section.pack.title}",
            changes={"order": [index + 1, other + 1]},
        )
    section.order = moved.order
    return section


def section_remove(*, section: PackSection, by: Any = None) -> BoardPack:
    pack = section.pack
    _check_draft(pack)
    with transaction.atomic():
        label = section_kind(section.kind).label
        pk = section.pk
        section.delete()
        audit_record(
            actor=by,
            action=AuditAction.DELETE,
            object_type="board_pack_section",
            object_id=pk,
            summary=f"Removed “{label}” from the Board pack {pack.title}",
        )
    return pack


def pack_finalise(*, pack: BoardPack, by: Any = None) -> BoardPack:
    """Mark the pack final: from then on it is read-only, as the Board read it."""
    from .redraw import redraw_current

    _check_draft(pack)
    if not pack.sections.exists():
        raise BoardPackError("Add at least one section before marking the pack final.")
    with transaction.atomic():
        BoardPack.objects.select_for_update().get(pk=pack.pk)
        drawing = redraw_current(pack)
        if job_moving(drawing):
            raise BoardPackError(
                "Every section is being drawn again: mark the pack final when that has finished."
            )
        pack.status = PackStatus.FINAL
        pack.finalised_at = timezone.now()
        pack.finalised_by = by if getattr(by, "is_authenticated", False) else None
        pack.save(update_fields=["status", "finalised_at", "finalised_by"])
        audit_record(
            actor=by,
            action=AuditAction.UPDATE,
            object_type="board_pack",
            object_id=pack.pk,
            summary=f"Marked the Board pack {pack.title} final",
            changes={"status": [PackStatus.DRAFT.value, PackStatus.FINAL.value]},
        )
    return pack
