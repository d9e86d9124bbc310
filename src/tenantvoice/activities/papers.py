"""Meeting papers and changes to a meeting or a series, told to participants through the outbox."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from tenantvoice.core.audit import audit_record, diff_fields
from tenantvoice.core.models import AuditAction
from tenantvoice.core.uploads import document_problem

from .messaging import activity_placeholders
from .models import Activity, Paper
from .services import ActivityError, LateNotice, notice_problem


def paper_check(upload: UploadedFile) -> None:
    if problem := document_problem(upload):
        raise ActivityError(problem)


@transaction.atomic
def paper_add(
    *,
    activity: Activity,
    title: str,
    file: UploadedFile,
    large_print: UploadedFile | None = None,
    by: Any = None,
) -> Paper:
    if not title.strip():
        raise ActivityError("Give the paper a title, e.g. 'Agenda'.")
    for upload in filter(None, (file, large_print)):
        paper_check(upload)
    paper = Paper.objects.create(
        activity=activity,
        title=title.strip(),
        file=file,
        large_print=large_print or "",
        uploaded_by=by if getattr(by, "is_authenticated", False) else None,
    )
    audit_record(
        actor=by,
        action=AuditAction.CREATE,
        object_type="paper",
        object_id=paper.pk,
        summary=f"Added '{paper.title}' to '{activity.title}'",
    )
    return paper


@transaction.atomic
def papers_send(*, activity: Activity, today: dt.date | None = None, by: Any = None) -> int:
    """Send every participant the list of papers and where to get them; returns messages queued.

    Adding a paper and sending again sends again (the key names the papers); pressing twice
    does not."""
    from tenantvoice.comms.services import message_queue

    today = today or timezone.localdate()
    papers = list(activity.papers.all())
    if not papers:
        raise ActivityError("Add the papers first.")
    residents = [p.resident for p in activity.participants.select_related("resident")]
    if not residents:
        raise ActivityError("Nobody is invited yet: add participants first.")
    fingerprint = hashlib.sha256(",".join(str(p.pk) for p in papers).encode()).hexdigest()[:16]
    link = settings.TENANTVOICE_SITE_URL.rstrip("/") + reverse("portal:activities")
    created = message_queue(
        recipients=residents,
        template="activity_papers",
        key=f"papers:{activity.pk}:{fingerprint}",
        context={
            **activity_placeholders(activity),
            "papers": "\n".join(f"- {p.title}" for p in papers),
            "link": link,
        },
    )
    activity.papers_sent_on = today
    activity.save(update_fields=["papers_sent_on"])
    audit_record(
        actor=by,
        action=AuditAction.UPDATE,
        object_type="activity",
        object_id=activity.pk,
        summary=f"Sent the papers for '{activity.title}' to {len(created)}",
    )
    return len(created)


CHANGEABLE = ("title", "description", "venue", "format", "online_details", "public")


@transaction.atomic
def activity_change(
    *,
    activity: Activity,
    changes: dict[str, Any],
    start_time: dt.time,
    end_time: dt.time,
    new_date: dt.date | None = None,
    whole_series: bool = False,
    late_notice_reason: str = "",
    today: dt.date | None = None,
    by: Any = None,
) -> list[Activity]:
    """Change one meeting, or it and every later one in its series (never past ones).

    Times apply to each meeting on its own date; ``new_date`` moves a single meeting. A meeting
    moved inside the notice period needs a reason (a breach, like late notice). Participants
    of a meeting whose time or place changed are told, once per change."""
    today = today or timezone.localdate()
    if activity.cancelled:
        raise ActivityError("This activity is cancelled.")
    if activity.date < today:
        raise ActivityError("This activity has already happened: past meetings cannot be changed.")
    if whole_series and new_date:
        raise ActivityError("Move one meeting at a time; for the whole series change the times only.")
    if end_time <= start_time:
        raise ActivityError("The end must be after the start.")
    targets = [activity]
    if whole_series and activity.series_key:
        targets = list(
            Activity.objects.filter(
                series_key=activity.series_key, starts_at__gte=activity.starts_at, cancelled=False
            ).order_by("starts_at")
        )
    zone = timezone.get_current_timezone()
    watched = (*CHANGEABLE, "starts_at", "ends_at")
    before = {name: getattr(activity, name) for name in watched}
    changed = []
    for item in targets:
        day = new_date or item.date
        starts = dt.datetime.combine(day, start_time, tzinfo=zone)
        ends = dt.datetime.combine(day, end_time, tzinfo=zone)
        moved = starts != item.starts_at or ends != item.ends_at or changes.get("venue") != item.venue
        if starts.date() < today:
            raise ActivityError("The new date is in the past.")
        if moved and starts != item.starts_at and (problem := notice_problem(starts, today)):
            if not late_notice_reason.strip():
                raise LateNotice(problem)
            item.late_notice_reason = late_notice_reason.strip()
        for name in CHANGEABLE:
            if name in changes:
                setattr(item, name, changes[name])
        if "title" in changes:
            item.title = str(changes["title"]).strip()
        item.starts_at, item.ends_at = starts, ends
        item.save()
        if moved:
            _tell_of_change(item)
        changed.append(item)
    many = f" and {len(changed) - 1} later in its series" if len(changed) > 1 else ""
    audit_record(
        actor=by,
        action=AuditAction.UPDATE,
        object_type="activity",
        object_id=activity.pk,
        summary=f"Changed '{activity.title}'{many}",
        changes=diff_fields(before, {name: getattr(changed[0], name) for name in watched}) if changed else {},
    )
    return changed


def _tell_of_change(activity: Activity) -> None:
    """Tell those who were sent the invitation; the others get the new details when invited."""
    from tenantvoice.comms.models import Message
    from tenantvoice.comms.services import message_queue
    from tenantvoice.residents.models import Resident

    invited = Message.objects.filter(dedupe_key__startswith=f"invitation:{activity.pk}:").values(
        "recipient_id"
    )
    residents = Resident.objects.filter(pk__in=invited, activity_places__activity=activity)
    details = activity_placeholders(activity)
    fingerprint = hashlib.sha256(repr(sorted(details.items())).encode()).hexdigest()[:16]
    message_queue(
        recipients=residents,
        template="activity_changed",
        key=f"changed:{activity.pk}:{fingerprint}",
        context=details,
    )
