"""Scheduling activities against the landlord's notice standard, and recording who came."""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import uuid
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from tenantvoice.comms.models import SendRun
from tenantvoice.core.audit import audit_record
from tenantvoice.core.errors import DomainError
from tenantvoice.core.models import AuditAction
from tenantvoice.core.text import counted
from tenantvoice.core.updates import model_update
from tenantvoice.core.working_days import add_working_days, landlord_nation
from tenantvoice.involvement.selectors import group_holdings_current
from tenantvoice.residents.models import Resident
from tenantvoice.strategies.standards import standards_get

from .messaging import activity_placeholders
from .models import (
    Activity,
    Attendance,
    ClaimStatus,
    ExpenseClaim,
    HoursLog,
    InformationRequest,
    Minutes,
    Participant,
    Rsvp,
    SupportKind,
    SupportRequest,
    Venue,
)

MAX_REPEATS = 52
REPEATS = {"weekly": 7, "fortnightly": 14, "monthly": 0}


def _audit(
    by: Any,
    action: str,
    object_type: str,
    obj: Any,
    summary: str,
    resident_id: int | None = None,
    **extra: Any,
) -> None:
    audit_record(
        actor=by,
        action=action,
        object_type=object_type,
        object_id=getattr(obj, "pk", obj),
        resident_id=resident_id,
        summary=summary,
        **extra,
    )


class ActivityError(DomainError):
    """A change the rules do not allow; the message is for the officer."""


class LateNotice(ActivityError):
    """Scheduled inside the notice period without a recorded reason."""

    field = "late_notice_reason"


def _shift(start: dt.datetime, how: str, times: int) -> dt.datetime:
    if how != "monthly":
        return start + dt.timedelta(days=REPEATS[how] * times)
    month0 = start.month - 1 + times
    year, month = start.year + month0 // 12, month0 % 12 + 1
    return start.replace(year=year, month=month, day=min(start.day, calendar.monthrange(year, month)[1]))


def notice_problem(starts_at: dt.datetime, today: dt.date) -> str:
    """Why notice given today is too late for an activity starting then; empty when it is in time."""
    days = standards_get().notice_working_days
    if not days:
        return ""
    probe = Activity(starts_at=starts_at)
    due = probe.notice_due_by(days, landlord_nation())
    if today <= due:
        return ""
    return (
        f"The notice standard is {days} working days: for an activity on {probe.date:%A %d %B %Y}, "
        f"notice had to go out by {due:%A %d %B %Y}. Give the reason it cannot wait; it will be recorded "
        "as a breach."
    )


@transaction.atomic
def activity_schedule(
    *,
    title: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    by: Any = None,
    late_notice_reason: str = "",
    repeat: str = "",
    repeat_count: int = 1,
    today: dt.date | None = None,
    **fields: Any,
) -> list[Activity]:
    """Schedule an activity (and its repeats), inviting the group's current members.

    Inside the notice period it needs ``late_notice_reason``, kept as a breach of the standard.
    """
    today = today or timezone.localdate()
    if ends_at <= starts_at:
        raise ActivityError("The end must be after the start.")
    if starts_at.date() < today:
        raise ActivityError("The start is in the past. Record a past activity's attendance instead.")
    if repeat and repeat not in REPEATS:
        raise ActivityError(f"Repeat weekly, fortnightly or monthly, not '{repeat}'.")
    count = repeat_count if repeat else 1
    if not 1 <= count <= MAX_REPEATS:
        raise ActivityError(f"A series has between 1 and {MAX_REPEATS} activities.")
    problem = notice_problem(starts_at, today)
    if problem and not late_notice_reason.strip():
        raise LateNotice(problem)
    series = str(uuid.uuid4()) if count > 1 else ""
    length = ends_at - starts_at
    created = []
    for number in range(count):
        start = _shift(starts_at, repeat, number) if repeat else starts_at
        activity = Activity.objects.create(
            title=title.strip(),
            starts_at=start,
            ends_at=start + length,
            series_key=series,
            notice_sent_on=today,
            late_notice_reason=late_notice_reason.strip() if number == 0 and problem else "",
            created_by=by if getattr(by, "is_authenticated", False) else None,
            **fields,
        )
        _invite_group(activity)
        created.append(activity)
    series_note = f" and {counted(count - 1, 'repeat', 'repeats')}" if count > 1 else ""
    _audit(by, AuditAction.CREATE, "activity", created[0], f"Scheduled '{created[0].title}'{series_note}")
    return created


def _invite_group(activity: Activity) -> None:
    if activity.group_id is None:
        return
    members = group_holdings_current(activity.group_id, activity.date).exclude(resident=None)
    Participant.objects.bulk_create(
        [
            Participant(activity=activity, resident_id=holding.resident_id)
            for holding in members
            if holding.resident_id is not None
        ],
        ignore_conflicts=True,
    )


@transaction.atomic
def participant_add(*, activity: Activity, resident: Resident, by: Any = None) -> Participant:
    participant, _ = Participant.objects.get_or_create(activity=activity, resident=resident)
    _audit(by, AuditAction.CREATE, "participant", participant, f"Invited to '{activity.title}'", resident.pk)
    return participant


def _started(activity: Activity) -> None:
    if timezone.localtime(activity.starts_at).date() > timezone.localdate():
        raise ActivityError("Someone can be recorded as there once the activity has started.")
    if activity.cancelled:
        raise ActivityError("This activity is cancelled.")


@transaction.atomic
def walk_in_add(*, activity: Activity, resident: Resident, by: Any = None) -> Participant:
    """Someone on the register who came without being invited: a participant, present."""
    _started(activity)
    participant, created = Participant.objects.select_for_update().get_or_create(
        activity=activity, resident=resident, defaults={"attendance": Attendance.PRESENT}
    )
    before = "" if created else participant.attendance
    if not created and participant.attendance != Attendance.PRESENT:
        participant.attendance = Attendance.PRESENT
        participant.save(update_fields=["attendance"])
    _audit(
        by,
        AuditAction.CREATE if created else AuditAction.UPDATE,
        "participant",
        participant,
        f"Came to '{activity.title}'" + (" without an invitation" if created else ""),
        resident.pk,
        changes={"attendance": [before, Attendance.PRESENT.value]},
    )
    return participant


WALK_IN_FIELDS = ("email", "mobile_phone", "correspondence_address", "correspondence_postcode")


@transaction.atomic
def walk_in_new(
    *,
    activity: Activity,
    first_name: str,
    last_name: str,
    by: Any = None,
    **contact: str,
) -> Participant:
    """Someone not on the register who came: kept as a resident of kind 'visitor' (decision
    0026), so attendance, hours, messages and subject access work for them as for anyone."""
    from tenantvoice.residents.models import ResidentKind
    from tenantvoice.residents.normalise import format_postcode
    from tenantvoice.residents.services import resident_set_keys

    _started(activity)
    unknown = set(contact) - set(WALK_IN_FIELDS)
    if unknown:
        raise ActivityError(f"Not a detail kept for a visitor: {', '.join(sorted(unknown))}.")
    if not first_name.strip() or not last_name.strip():
        raise ActivityError("Enter their first name and last name.")
    details = {key: value.strip() for key, value in contact.items() if value and value.strip()}
    if details.get("correspondence_postcode"):
        details["correspondence_postcode"] = format_postcode(details["correspondence_postcode"])
    # An email address given at the door is how they want to hear from us.
    channel = "email" if details.get("email") else "letter"
    visitor = Resident(
        kind=ResidentKind.VISITOR,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        preferred_channel=channel,
        accepts_email=bool(details.get("email")),
        **details,
    )
    resident_set_keys(visitor)
    visitor.save()
    participant = Participant.objects.create(
        activity=activity, resident=visitor, attendance=Attendance.PRESENT
    )
    # Field names only, as for any new resident (their details are in the record itself).
    filled = ", ".join(["first_name", "last_name", *sorted(details)])
    _audit(
        by,
        AuditAction.CREATE,
        "participant",
        participant,
        f"A visitor not on the register came to '{activity.title}' (recorded with {filled})",
        visitor.pk,
    )
    return participant


@transaction.atomic
def attendance_record(*, activity: Activity, marks: Mapping[int, str], by: Any = None) -> int:
    """Record present / apologies / absent for participants (by id); returns how many changed."""
    if timezone.localtime(activity.starts_at).date() > timezone.localdate():
        raise ActivityError("Attendance can be recorded once the activity has started.")
    allowed = set(Attendance.values)
    changed = 0
    for participant in Participant.objects.select_for_update().filter(activity=activity, pk__in=list(marks)):
        mark = marks[participant.pk]
        if mark not in allowed:
            raise ActivityError(f"'{mark}' is not present, apologies or absent.")
        if participant.attendance != mark:
            participant.attendance = mark
            participant.save(update_fields=["attendance"])
            changed += 1
    _audit(
        by,
        AuditAction.UPDATE,
        "activity",
        activity,
        f"Attendance at '{activity.title}': {changed} changed",
    )
    return changed


def minutes_due_by(activity: Activity) -> dt.date | None:
    days = standards_get().minutes_working_days
    return add_working_days(activity.date, days, landlord_nation()) if days else None


@transaction.atomic
def minutes_draft_save(*, activity: Activity, text: str, by: Any = None) -> Minutes:
    """Keep the minutes as a draft to preview; nothing goes to anyone until they are sent."""
    if not text.strip():
        raise ActivityError("Write the minutes (or paste them) before saving them.")
    if timezone.localdate() < activity.date:
        raise ActivityError("Minutes can only be written once the activity has taken place.")
    minutes, created = Minutes.objects.select_for_update().get_or_create(activity=activity)
    minutes.draft = text.strip()
    minutes.draft_saved_at = timezone.now()
    minutes.written_by = by if getattr(by, "is_authenticated", False) else minutes.written_by
    minutes.save(update_fields=["draft", "draft_saved_at", "written_by"])
    what = "Drafted the minutes" if not minutes.sent_on else "Drafted corrected minutes"
    _audit(
        by,
        AuditAction.CREATE if created else AuditAction.UPDATE,
        "minutes",
        minutes,
        f"{what} of '{activity.title}'",
    )
    return minutes


@transaction.atomic
def minutes_send(
    *,
    activity: Activity,
    by: Any = None,
    text: str | None = None,
    late_reason: str = "",
    today: dt.date | None = None,
) -> Minutes:
    """Send the minutes to every participant today, through the outbox; late ones need a
    reason, kept as a breach of the standard. Without ``text`` the saved draft is sent (the
    officers' pages save, preview, then send)."""
    today = today or timezone.localdate()
    existing = Minutes.objects.select_for_update().filter(activity=activity).first()
    if text is None:
        text = existing.draft if existing else ""
        if not text.strip():
            raise ActivityError("There is no draft to send. Write the minutes and save them first.")
    if not text.strip():
        raise ActivityError("Write the minutes (or paste them) before sending.")
    if today < activity.date:
        raise ActivityError("Minutes can only be sent after the activity.")
    due = minutes_due_by(activity)
    late = due is not None and today > due
    if late and not late_reason.strip():
        raise LateNotice(
            f"The standard is to send minutes within {standards_get().minutes_working_days} working "
            f"days, by {due:%A %d %B %Y}. Give the reason they are late; it is recorded as a breach."
        )
    first = existing is None or existing.sent_on is None
    minutes, _ = Minutes.objects.update_or_create(
        activity=activity,
        defaults={
            "text": text.strip(),
            "draft": "",
            "draft_saved_at": None,
            "sent_on": today,
            "late_reason": late_reason.strip() if late else "",
            "written_by": by if getattr(by, "is_authenticated", False) else None,
        },
    )
    from tenantvoice.comms.services import message_queue

    # Every participant gets them by their own channel; a correction goes out as a new message.
    version = Minutes.objects.filter(pk=minutes.pk).values_list("text", flat=True).get()
    message_queue(
        recipients=[p.resident for p in activity.participants.select_related("resident")],
        template="activity_minutes",
        key=f"minutes:{activity.pk}:{hashlib.sha256(version.encode()).hexdigest()[:16]}",
        context=minutes_context(activity, minutes.text),
    )
    what = "Sent the minutes" if first else "Sent corrected minutes"
    action = AuditAction.CREATE if existing is None else AuditAction.UPDATE
    _audit(by, action, "minutes", minutes, f"{what} of '{activity.title}'")
    return minutes


def minutes_context(activity: Activity, text: str) -> dict[str, str]:
    """The placeholders of the minutes message, for sending and for the preview."""
    return {**activity_placeholders(activity), "minutes": text, "actions": _action_lines(activity)}


@transaction.atomic
def information_request_log(
    *,
    question: str,
    received_on: dt.date,
    resident: Resident | None = None,
    group: Any = None,
    by: Any = None,
) -> InformationRequest:
    if resident is None and group is None:
        raise ActivityError("Say who asked: a resident or a group.")
    if not question.strip():
        raise ActivityError("Write down what they asked for.")
    days = standards_get().info_request_working_days
    due = add_working_days(received_on, days, landlord_nation()) if days else None
    logged = InformationRequest.objects.create(
        question=question.strip(),
        received_on=received_on,
        resident=resident,
        group=group,
        due_on=due,
        logged_by=by if getattr(by, "is_authenticated", False) else None,
    )
    _audit(
        by,
        AuditAction.CREATE,
        "information_request",
        logged,
        "Logged a request for information",
        resident.pk if resident else None,
    )
    return logged


@transaction.atomic
def information_request_answer(
    *,
    request: InformationRequest,
    answer: str,
    late_reason: str = "",
    on: dt.date | None = None,
    by: Any = None,
) -> InformationRequest:
    on = on or timezone.localdate()
    if not answer.strip():
        raise ActivityError("Write down the answer given.")
    late = request.due_on is not None and on > request.due_on
    if late and not late_reason.strip():
        raise LateNotice(
            f"This was due by {request.due_on:%A %d %B %Y}. Give the reason for the delay; it is "
            "recorded as a breach of the standard."
        )
    request.answer = answer.strip()
    request.answered_on = on
    request.late_reason = late_reason.strip() if late else ""
    request.save(update_fields=["answer", "answered_on", "late_reason"])
    _audit(
        by,
        AuditAction.UPDATE,
        "information_request",
        request,
        "Answered a request for information" + (" late" if late else ""),
        request.resident_id,
    )
    return request


@transaction.atomic
def rsvp_set(*, participant: Participant, answer: str, by: Any = None) -> Participant:
    if answer not in Rsvp.values or answer == Rsvp.INVITED:
        raise ActivityError("Say whether you are coming: yes, no or maybe.")
    if participant.activity.starts_at < timezone.now():
        raise ActivityError("This has already started.")
    before = participant.rsvp
    participant.rsvp = answer
    participant.save(update_fields=["rsvp"])
    _audit(
        by,
        AuditAction.UPDATE,
        "participant",
        participant,
        f"Replied to '{participant.activity.title}'",
        participant.resident_id,
        changes={"rsvp": [before, answer]},
    )
    return participant


@transaction.atomic
def support_request(
    *, participant: Participant, kind: str, details: str = "", by: Any = None
) -> SupportRequest:
    if kind not in SupportKind.values:
        raise ActivityError("Choose the kind of help you need.")
    if kind in (SupportKind.INTERPRETER, SupportKind.OTHER, SupportKind.CHILDCARE) and not details.strip():
        raise ActivityError(
            {
                SupportKind.INTERPRETER: "Tell us which language.",
                SupportKind.CHILDCARE: "Tell us how many children and their ages.",
                SupportKind.OTHER: "Tell us what would help.",
            }[SupportKind(kind)]
        )
    asked = SupportRequest.objects.create(participant=participant, kind=kind, details=details.strip())
    # The kind only: the details can be health or family matters.
    _audit(
        by,
        AuditAction.CREATE,
        "support_request",
        asked,
        f"Asked for help to take part: {asked.get_kind_display()}",
        participant.resident_id,
    )
    return asked


@transaction.atomic
def support_request_update(
    *, item: SupportRequest, status: str, note: str = "", by: Any = None
) -> SupportRequest:
    """An officer's answer to a request for help: arranged or not, with a note."""
    before = item.status
    item.status = status
    item.officer_note = note.strip()[:500]
    item.save(update_fields=["status", "officer_note"])
    _audit(
        by,
        AuditAction.UPDATE,
        "support_request",
        item,
        f"{item.get_kind_display()}: {item.get_status_display().lower()}",
        item.participant.resident_id,
        changes={"status": [before, status]},
    )
    return item


MAX_CLAIM = Decimal("500.00")


@transaction.atomic
def expense_claim_submit(
    *,
    resident: Resident,
    description: str,
    amount: Decimal,
    activity: Activity | None = None,
    receipt: Any = None,
    by: Any = None,
) -> ExpenseClaim:
    if amount <= 0:
        raise ActivityError("Enter the amount you spent, more than £0.")
    if amount > MAX_CLAIM:
        raise ActivityError(f"Claims over £{MAX_CLAIM} need a conversation first: please contact the team.")
    if not description.strip():
        raise ActivityError("Say what the money was spent on.")
    claim = ExpenseClaim(resident=resident, activity=activity, description=description.strip(), amount=amount)
    if receipt is not None:
        claim.receipt.save(receipt.name, receipt, save=False)
    claim.save()
    _audit(by, AuditAction.CREATE, "expense_claim", claim, f"Claimed £{amount} expenses", resident.pk)
    return claim


@transaction.atomic
def expense_claim_decide(
    *, claim: ExpenseClaim, approve: bool, by: Any, budget_code: str = "", note: str = ""
) -> ExpenseClaim:
    if claim.status != ClaimStatus.SUBMITTED:
        raise ActivityError("This claim has already been decided.")
    if approve and not budget_code.strip():
        raise ActivityError("Give the budget code the claim is paid from.")
    if not approve and not note.strip():
        raise ActivityError("Say why the claim is not approved: the resident will see it.")
    claim.status = ClaimStatus.APPROVED if approve else ClaimStatus.REJECTED
    claim.budget_code = budget_code.strip()
    claim.decision_note = note.strip()
    claim.decided_by = by if getattr(by, "is_authenticated", False) else None
    claim.save(update_fields=["status", "budget_code", "decision_note", "decided_by"])
    _audit(
        by,
        AuditAction.UPDATE,
        "expense_claim",
        claim,
        f"{'Approved' if approve else 'Did not approve'} a claim of £{claim.amount}",
        claim.resident_id,
        changes={"status": [ClaimStatus.SUBMITTED.value, claim.status]},
    )
    return claim


@transaction.atomic
def expense_claim_paid(*, claim: ExpenseClaim, on: dt.date | None = None, by: Any = None) -> ExpenseClaim:
    if claim.status != ClaimStatus.APPROVED:
        raise ActivityError("Only an approved claim can be paid.")
    claim.status = ClaimStatus.PAID
    claim.paid_on = on or timezone.localdate()
    claim.save(update_fields=["status", "paid_on"])
    _audit(
        by,
        AuditAction.UPDATE,
        "expense_claim",
        claim,
        f"Paid a claim of £{claim.amount} on {claim.paid_on:%d/%m/%Y}",
        claim.resident_id,
        changes={"status": [ClaimStatus.APPROVED.value, ClaimStatus.PAID.value]},
    )
    return claim


@transaction.atomic
def venue_add(*, venue: Venue, by: Any = None) -> Venue:
    """Save a new venue from the officers' form."""
    venue.save()
    _audit(by, AuditAction.CREATE, "venue", venue, f"Added the venue {venue.name}")
    return venue


@transaction.atomic
def hours_log(
    *,
    resident: Resident,
    on: dt.date,
    hours: Decimal,
    description: str,
    by: Any = None,
    today: dt.date | None = None,
) -> HoursLog:
    if on > (today or timezone.localdate()):
        raise ActivityError("The date cannot be in the future.")
    logged = HoursLog.objects.create(
        resident=resident,
        on=on,
        hours=hours,
        description=description.strip(),
        recorded_by=by if getattr(by, "is_authenticated", False) else None,
    )
    _audit(by, AuditAction.CREATE, "hours", logged, f"Logged {hours} hours on {on:%d/%m/%Y}", resident.pk)
    return logged


def invitation_rule(*, group: Any = None, segment: Any = None) -> dict[str, int]:
    """The send's rule: who beyond the participants is invited (a group's members or a saved
    audience); empty for the participants already added."""
    if group is not None and segment is not None:
        raise ActivityError("Invite a group or an audience, one at a time.")
    if group is not None:
        return {"group": group.pk}
    if segment is not None:
        return {"segment": segment.pk}
    return {}


@transaction.atomic
def activity_invite(
    *,
    activity: Activity,
    by: Any = None,
    today: dt.date | None = None,
    group: Any = None,
    segment: Any = None,
) -> SendRun:
    """Send the invitation by each person's own channel, through the mass-send job
    (comms.sends); returns its run. To the participants, or to the current members of
    ``group`` or everyone in the saved audience ``segment``, who become participants as
    the job reaches them. Sending twice sends nothing new to those already invited. The date
    notice went out is recorded the first time."""
    from tenantvoice.comms.models import SendKind
    from tenantvoice.comms.sends import send_start

    if activity.cancelled:
        raise ActivityError("This activity is cancelled.")
    if activity.starts_at <= timezone.now():
        raise ActivityError("This activity has already started, so it is too late to invite people.")
    rule = invitation_rule(group=group, segment=segment)
    if not rule and not activity.participants.exists():
        raise ActivityError("Nobody is invited yet: add participants first.")
    if activity.notice_sent_on is None:
        activity.notice_sent_on = today or timezone.localdate()
        activity.save(update_fields=["notice_sent_on"])
    whom = f" (members of {group.name})" if group is not None else ""
    whom = f" (the audience '{segment.name}')" if segment is not None else whom
    run = send_start(
        kind=SendKind.ACTIVITY_INVITATION,
        object_id=activity.pk,
        title=f"Invitations to {activity.title}{whom}",
        rule=rule,
        by=by,
    )
    audit_record(
        actor=by,
        action=AuditAction.UPDATE,
        object_type="activity",
        object_id=activity.pk,
        summary=f"Invitations to {activity.title}{whom} (send {run.pk})",
    )
    return run


@transaction.atomic
def activity_cancel(
    *, activity: Activity, reason: str, whole_series: bool = False, by: Any = None
) -> list[Activity]:
    """Cancel an activity (or the rest of its series) and tell everyone who was invited."""
    from tenantvoice.comms.services import message_queue

    if not reason.strip():
        raise ActivityError("Say why it is cancelled: the people invited are told.")
    targets = [activity]
    if whole_series and activity.series_key:
        targets = list(
            Activity.objects.filter(
                series_key=activity.series_key, starts_at__gte=activity.starts_at, cancelled=False
            )
        )
    for item in targets:
        if item.cancelled:
            continue
        model_update(item, ("cancelled",), {"cancelled": True}, derive=_next_sequence(item))
        residents = [p.resident for p in item.participants.select_related("resident")]
        message_queue(
            recipients=residents,
            template="activity_cancelled",
            key=f"cancelled:{item.pk}",
            context={**activity_placeholders(item), "reason": reason.strip()},
        )
    many = f" and {len(targets) - 1} later in its series" if len(targets) > 1 else ""
    _audit(by, AuditAction.UPDATE, "activity", activity, f"Cancelled '{activity.title}'{many}")
    return targets


def _next_sequence(activity: Activity) -> Callable[[list[str]], list[str]]:
    """For model_update: a change of time or status raises the calendar feeds' SEQUENCE."""

    def bump(changed: list[str]) -> list[str]:
        activity.sequence += 1
        return ["sequence"]

    return bump


@transaction.atomic
def activity_move(
    *,
    activity: Activity,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    by: Any = None,
    late_notice_reason: str = "",
    today: dt.date | None = None,
) -> Activity:
    """Move an activity to a new time and tell everyone invited; calendar feeds then show the
    same event at its new time (a higher SEQUENCE), not a second one.

    A new time inside the notice period needs ``late_notice_reason``, kept as a breach of the
    standard, as when scheduling (the residents invited get less notice than the standard)."""
    from tenantvoice.comms.services import message_queue

    today = today or timezone.localdate()
    if activity.cancelled:
        raise ActivityError("This activity is cancelled.")
    if activity.starts_at <= timezone.now():
        raise ActivityError("This activity has already started, so it cannot be moved.")
    if ends_at <= starts_at:
        raise ActivityError("The end must be after the start.", field="ends_at")
    if starts_at.date() < today:
        raise ActivityError("The new start is in the past.", field="starts_at")
    new: dict[str, Any] = {"starts_at": starts_at, "ends_at": ends_at}
    if starts_at != activity.starts_at and (problem := notice_problem(starts_at, today)):
        if not late_notice_reason.strip():
            raise LateNotice(problem)
        new["late_notice_reason"] = late_notice_reason.strip()
    was = activity_placeholders(activity)
    changes = model_update(
        activity,
        ("starts_at", "ends_at", "late_notice_reason"),
        new,
        derive=_next_sequence(activity),
    )
    if not changes:
        return activity
    residents = [p.resident for p in activity.participants.select_related("resident")]
    message_queue(
        recipients=residents,
        template="activity_moved",
        # One message per move: a second move is news too.
        key=f"moved:{activity.pk}:{activity.sequence}",
        context={**activity_placeholders(activity), "was": f"{was['date']}, {was['time']}"},
    )
    _audit(by, AuditAction.UPDATE, "activity", activity, f"Moved '{activity.title}'", changes=changes)
    return activity


def _action_lines(activity: Activity) -> str:
    actions = list(activity.actions.top_level().select_related("owner_user", "owner_group"))
    if not actions:
        return ""
    lines = [f"- {a.title} ({a.owner_display}, by {a.due_display})" for a in actions]
    return "Action points:\n" + "\n".join(lines)
