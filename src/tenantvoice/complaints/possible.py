"""Possible complaints in what residents wrote in surveys and consultation replies (issue 17
item 1: "offered to an officer as possible complaints (a simple, explainable rule for now)").

The rule: a free-text answer from a resident on the register is offered when it contains one of
the phrases in ``data/dissatisfaction.toml`` as whole words, ignoring case. The officer sees the
phrases that matched, then records it as a complaint (received on the day the resident wrote
it, so a late acknowledgement shows as late) or sets it aside with a reason.

A scan reads only what arrived since the last one (``PossibleScan`` keeps where it stopped), a
chunk at a time, so it runs as a background job at any size.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from functools import lru_cache, reduce
from operator import or_
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from tenantvoice.consultations.models import Representation
from tenantvoice.core.audit import audit_record
from tenantvoice.core.models import AuditAction
from tenantvoice.core.updates import model_update
from tenantvoice.surveys.models import Answer

from .models import Complaint, PossibleComplaint, PossibleScan, PossibleStatus, ReceivedBy
from .services import ComplaintError, complaint_record

PHRASES_FILE = Path(__file__).parent / "data" / "dissatisfaction.toml"
CHUNK = 2000


@lru_cache(maxsize=1)
def phrases() -> tuple[str, ...]:
    with PHRASES_FILE.open("rb") as f:
        return tuple(p.strip().lower() for p in tomllib.load(f)["phrases"] if p.strip())


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    # Longest first, so "still not fixed" is named rather than a shorter phrase inside it.
    words = sorted(phrases(), key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)


def dissatisfaction_in(text: str) -> list[str]:
    """The phrases of the rule found in ``text``, each once, in the order they appear."""
    found: list[str] = []
    for match in _pattern().finditer(text or ""):
        phrase = match.group(1).lower()
        if phrase not in found:
            found.append(phrase)
    return found


def _may_contain() -> Q:
    """A database filter that keeps every text the rule could match (and a few it will not:
    the whole-word check is made in Python)."""
    return reduce(or_, (Q(text__icontains=p) for p in phrases()))


def _chunks(rows: Any, after: int) -> Iterator[list[Any]]:
    while True:
        chunk = list(rows.filter(pk__gt=after).order_by("pk")[:CHUNK])
        if not chunk:
            return
        yield chunk
        after = chunk[-1].pk


def possible_complaints_scan(*, by: Any = None) -> PossibleScan:
    """Read the answers and replies that arrived since the last scan and offer those the rule
    matches. Each chunk is its own transaction, and the scan's mark moves with it, so a scan
    stopped half way carries on where it stopped."""
    last = PossibleScan.objects.exclude(finished_at=None).order_by("-pk").first()
    scan = PossibleScan.objects.create(
        last_answer_id=last.last_answer_id if last else 0,
        last_representation_id=last.last_representation_id if last else 0,
    )
    answers = (
        Answer.objects.filter(response__resident__isnull=False, response__survey__anonymous=False)
        .filter(_may_contain())
        .select_related("response")
    )
    for chunk in _chunks(answers, scan.last_answer_id):
        offered = [
            PossibleComplaint(
                answer=a,
                resident_id=a.response.resident_id,
                matched="; ".join(found)[:300],
                said_on=timezone.localdate(a.response.created_at),
            )
            for a in chunk
            if (found := dissatisfaction_in(a.text))
        ]
        _save_chunk(scan, offered, read=len(chunk), last_answer_id=chunk[-1].pk)
    replies = Representation.objects.filter(resident__isnull=False).filter(_may_contain())
    for chunk in _chunks(replies, scan.last_representation_id):
        offered = [
            PossibleComplaint(
                representation=r,
                resident_id=r.resident_id,
                matched="; ".join(found)[:300],
                said_on=r.received_on,
            )
            for r in chunk
            if (found := dissatisfaction_in(r.text))
        ]
        _save_chunk(scan, offered, read=len(chunk), last_representation_id=chunk[-1].pk)
    PossibleScan.objects.filter(pk=scan.pk).update(finished_at=timezone.now())
    scan.refresh_from_db()
    audit_record(
        actor=by,
        action=AuditAction.CREATE,
        object_type="possible_complaint_scan",
        object_id=scan.pk,
        summary=f"Looked for possible complaints in {scan.read} answers and replies: {scan.found} found",
    )
    return scan


@transaction.atomic
def _save_chunk(scan: PossibleScan, offered: list[PossibleComplaint], *, read: int, **mark: int) -> None:
    PossibleComplaint.objects.bulk_create(offered, ignore_conflicts=True)
    for name, value in mark.items():
        setattr(scan, name, value)
    scan.read += read
    scan.found += len(offered)
    scan.save(update_fields=[*mark, "read", "found"])


def _undecided(possible: PossibleComplaint) -> PossibleComplaint:
    possible = PossibleComplaint.objects.select_for_update().get(pk=possible.pk)
    if possible.status != PossibleStatus.OFFERED:
        raise ComplaintError(f"This has already been decided: {possible.get_status_display().lower()}.")
    return possible


@transaction.atomic
def possible_complaint_record(*, possible: PossibleComplaint, by: Any = None) -> Complaint:
    """Record it as a complaint, received on the day the resident wrote it."""
    possible = _undecided(possible)
    source = "a survey answer" if possible.answer_id else "a consultation reply"
    complaint = complaint_record(
        what_went_wrong=f"From {source} on {possible.said_on:%d/%m/%Y}: {possible.text}",
        received_on=possible.said_on,
        received_by=ReceivedBy.SURVEY,
        resident=possible.resident,
        by=by,
    )
    model_update(
        possible,
        ("status", "complaint", "decided_by", "decided_on"),
        {
            "status": PossibleStatus.RECORDED,
            "complaint": complaint,
            "decided_by": by if getattr(by, "is_authenticated", False) else None,
            "decided_on": timezone.localdate(),
        },
    )
    return complaint


@transaction.atomic
def possible_complaint_dismiss(
    *, possible: PossibleComplaint, reason: str, by: Any = None
) -> PossibleComplaint:
    """Set it aside: it is not a complaint (praise, a suggestion, about someone else's
    service). The reason is kept."""
    possible = _undecided(possible)
    reason = reason.strip()
    if not reason:
        raise ComplaintError("Say why it is not a complaint.", field="reason")
    changes = model_update(
        possible,
        ("status", "dismissed_reason", "decided_by", "decided_on"),
        {
            "status": PossibleStatus.DISMISSED,
            "dismissed_reason": reason[:300],
            "decided_by": by if getattr(by, "is_authenticated", False) else None,
            "decided_on": timezone.localdate(),
        },
    )
    audit_record(
        actor=by,
        action=AuditAction.UPDATE,
        object_type="possible_complaint",
        object_id=possible.pk,
        resident_id=possible.resident_id,
        summary=f"Set aside as not a complaint: {reason[:200]}",
        changes=changes,
    )
    return possible
