"""Queuing and sending messages by each resident's own channel, format and consent.

Queue inside the transaction of the event that causes the message; the send job is enqueued
when that transaction commits, so a rolled-back event sends nothing.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from tenantvoice.core.errors import DomainError
from tenantvoice.core.text import counted
from tenantvoice.residents.models import Channel, Resident
from tenantvoice.worker.liveness import process_tag

from .catalogue import kind_get
from .models import Campaign, Message, MessageChannel, MessageStatus, Purpose, SendRun
from .rendering import render
from .senders import PermanentFailure, sender_for
from .wording import Wording

MAX_ATTEMPTS = 5


@dataclass(frozen=True)
class Route:
    channel: str | None  # None: there is no way to reach them for this purpose
    format_notes: str
    why: str
    to: str = ""


def format_notes(resident: Resident) -> str:
    """Notes for the post room and the sender: the formats the resident asked for."""
    return ", ".join(
        label
        for flag, label in (
            ("large_print", "Large print"),
            ("easy_read", "Easy read"),
            ("braille", "Braille"),
            ("audio", "Audio"),
            ("translation", f"Translation ({resident.language})"),
        )
        if getattr(resident, flag)
    )


def route_for(resident: Resident, purpose: str) -> Route:
    """How to reach a resident: their preferred channel, else another they accept, else a letter.

    An email address that bounced, or a mobile number a text could not reach, is not used until
    it is changed (``email_problem_at``/``mobile_problem_at``); the letter is the fallback.
    """
    if purpose == Purpose.NEWS and not resident.consents_to_news:
        return Route(None, "", "They have not agreed to news.")
    notes = format_notes(resident)
    email_ok = bool(resident.email) and resident.email_problem_at is None
    sms_ok = bool(resident.mobile_phone) and resident.mobile_problem_at is None
    preferred = resident.preferred_channel
    if preferred in (Channel.EMAIL, Channel.PORTAL) and email_ok:
        return Route(MessageChannel.EMAIL, notes, "Their preferred channel.", resident.email)
    if preferred == Channel.SMS and sms_ok:
        return Route(MessageChannel.SMS, notes, "Their preferred channel.", resident.mobile_phone)
    if preferred == Channel.LETTER:
        return Route(MessageChannel.LETTER, notes, "Their preferred channel.", "post")
    # Their first choice cannot be used (or is a phone call): another channel they accept.
    if resident.accepts_email and email_ok:
        return Route(MessageChannel.EMAIL, notes, "Falls back to email, which they accept.", resident.email)
    if resident.accepts_sms and sms_ok:
        return Route(
            MessageChannel.SMS, notes, "Falls back to a text, which they accept.", resident.mobile_phone
        )
    why = "Falls back to a letter"
    if preferred in (Channel.EMAIL, Channel.PORTAL) and resident.email_problem_at:
        why += ": their email bounced"
    elif preferred == Channel.SMS and resident.mobile_problem_at:
        why += ": texts to their mobile failed"
    return Route(MessageChannel.LETTER, notes, why + ".", "post")


# No text messages at night: one queued in these hours waits until the morning.
QUIET_HOURS = (dt.time(21, 0), dt.time(8, 0))


def quiet_until(now: dt.datetime) -> dt.datetime | None:
    """When a text queued at ``now`` may go: None if now is fine, else 08:00 (local) next."""
    start, end = getattr(settings, "TENANTVOICE_SMS_QUIET_HOURS", QUIET_HOURS)
    local = timezone.localtime(now)
    if end <= local.time() < start:
        return None
    day = local.date() if local.time() < end else local.date() + dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(day, end))


def resident_placeholders(resident: Resident, landlord: str, purpose: str) -> dict[str, str]:
    values = {
        "name": resident.preferred_name or resident.first_name,
        "first_name": resident.first_name,
        "last_name": resident.last_name,
        "full_name": resident.full_name,
        "landlord": landlord,
    }
    if purpose == Purpose.NEWS:
        values["unsubscribe_link"] = unsubscribe_link(resident)
    return values


def unsubscribe_link(resident: Resident) -> str:
    from django.core import signing

    return _unsubscribe_pattern(settings.TENANTVOICE_SITE_URL).replace(
        "TOKEN", signing.dumps(resident.pk, salt=UNSUBSCRIBE_SALT)
    )


@functools.lru_cache(maxsize=4)
def _unsubscribe_pattern(site_url: str) -> str:
    # Reversed once with a stand-in token: a campaign builds this link for every resident.
    from django.urls import reverse

    return site_url.rstrip("/") + reverse("unsubscribe", args=["TOKEN"])


UNSUBSCRIBE_SALT = "tenantvoice.comms.unsubscribe"


def message_queue(
    *,
    recipients: Iterable[Resident],
    template: str,
    context: Mapping[str, object],
    key: str,
    purpose: str | None = None,
    campaign: Campaign | None = None,
    skip_unreachable: bool = False,
    extra: Mapping[int, Mapping[str, object]] | None = None,
    send_run: SendRun | None = None,
) -> list[Message]:
    """Queue one message per recipient of a kind in comms.catalogue; returns the new ones.

    ``context`` gives the kind's placeholders as text. ``key`` names the cause (e.g.
    "invitation:activity:12"): a recipient gets one message per key, however many times this
    is called. Each is worded in the resident's language when a translation exists, and goes
    by their own channel (``route_for``). Someone who cannot be reached gets a "not sent" record
    saying why, unless ``skip_unreachable`` (campaigns: their counts are kept on the campaign).
    ``extra`` gives placeholders of each recipient's own by resident id (a survey's personal
    link), so a mass send queues a whole chunk in one call (``comms.sends``).
    """
    from tenantvoice.core.selectors import landlord_get

    from .wording import wording_for

    kind = kind_get(template)
    purpose = purpose or kind.purpose
    landlord = str(context.get("landlord") or landlord_get().name)
    now = timezone.now()
    recipients = list(recipients)
    keys = {resident.pk: f"{key}:{resident.pk}"[:120] for resident in recipients}
    existing = set(
        Message.objects.filter(dedupe_key__in=list(keys.values())).values_list("dedupe_key", flat=True)
    )
    wordings: dict[str, Wording] = {}
    pending = []
    for resident in recipients:
        if keys[resident.pk] in existing:
            continue  # already queued for this cause
        language = resident.language or "en"
        if language not in wordings:
            wordings[language] = wording_for(template, language)
        wording = wordings[language]
        route = route_for(resident, purpose)
        if route.channel is None and skip_unreachable:
            continue
        values = {**context, **resident_placeholders(resident, landlord, purpose)}
        if extra:
            values |= extra.get(resident.pk, {})
        channel = route.channel or MessageChannel.LETTER
        subject = render(wording.subject, values).text
        body = render(
            wording.sms if channel == MessageChannel.SMS and wording.sms else wording.body, values
        ).text
        body += wording.footer(language, channel)
        message = Message(
            recipient=resident,
            purpose=purpose,
            template=template,
            template_version=wording.version,
            language=wording.language,
            subject=subject[:200],
            body=body,
            dedupe_key=keys[resident.pk],
            channel=channel,
            to=route.to[:254],
            format_notes=route.format_notes,
            campaign=campaign,
            send_run=send_run,
            status=MessageStatus.QUEUED if route.channel else MessageStatus.NOT_SENT,
            last_error="" if route.channel else route.why,
        )
        if message.channel == MessageChannel.LETTER and route.channel and sender_for("letter") is None:
            message.status = MessageStatus.TO_PRINT
        if message.channel == MessageChannel.SMS:
            message.next_attempt_at = quiet_until(now)
        pending.append(message)
    created = _insert(pending)
    if any(m.status == MessageStatus.QUEUED for m in created):
        from .tasks import send_queued

        transaction.on_commit(lambda: send_queued.enqueue())
    return created


def message_queue_to(
    *,
    channel: str,
    to: str,
    template: str,
    context: Mapping[str, object],
    key: str,
    recipient: Resident | None = None,
    name: str = "",
) -> Message | None:
    """Queue one message to one given address, not by the recipient's own channel.

    For account messages that must reach a particular detail: a sign-up code to the email or
    mobile the person chose, a confirmation link to the address being confirmed, a password
    reset to the account's sign-in address. ``recipient`` is None for staff (they have no
    resident record; ``name`` then fills ((name))). Returns None if ``key`` was queued already.
    """
    from tenantvoice.core.selectors import landlord_get

    from .wording import wording_for

    landlord = landlord_get().name
    language = (recipient.language if recipient is not None else "") or "en"
    wording = wording_for(template, language)
    if recipient is not None:
        values = {**context, **resident_placeholders(recipient, landlord, Purpose.SERVICE)}
    else:
        values = {**context, "name": name, "first_name": name, "full_name": name, "landlord": landlord}
    subject = render(wording.subject, values).text
    body = render(wording.sms if channel == MessageChannel.SMS and wording.sms else wording.body, values).text
    body += wording.footer(language, channel)
    message = Message(
        recipient=recipient,
        purpose=Purpose.SERVICE,
        template=template,
        template_version=wording.version,
        language=wording.language,
        subject=subject[:200],
        body=body,
        dedupe_key=key[:120],
        channel=channel,
        to=to[:254],
        format_notes=format_notes(recipient) if recipient is not None else "",
        status=MessageStatus.QUEUED,
    )
    if channel == MessageChannel.LETTER and sender_for("letter") is None:
        message.status = MessageStatus.TO_PRINT
    created = _insert([message])
    if created and created[0].status == MessageStatus.QUEUED:
        from .tasks import send_queued

        transaction.on_commit(lambda: send_queued.enqueue())
    return created[0] if created else None


def _insert(messages: list[Message]) -> list[Message]:
    """All in one go; if another request queued some of them meanwhile, one by one."""
    try:
        with transaction.atomic():
            return Message.objects.bulk_create(messages, batch_size=2000)
    except IntegrityError:
        created = []
        for message in messages:
            message.pk = None
            try:
                with transaction.atomic():
                    message.save()
            except IntegrityError:
                continue
            created.append(message)
        return created


# A worker that claimed a message and then died leaves it "sending"; after this long it is
# queued again. That makes sending at-least-once for a worker killed between the provider
# accepting a message and the row being marked sent (a window of one call).
CLAIM_LEASE = dt.timedelta(minutes=15)


def retry_delay(attempts: int) -> dt.timedelta:
    """1, 2, 4, 8 ... minutes, at most an hour, after each failed attempt."""
    return dt.timedelta(minutes=min(2 ** max(0, attempts - 1), 60))


def send_queued_messages(limit: int = 500, now: dt.datetime | None = None) -> int:
    """Send the messages that are due; each is claimed first, so two workers never send the same one."""
    now = now or timezone.now()
    recover_stale_claims(now)
    channels = [c for c in MessageChannel.values if sender_for(c) is not None]
    due = Message.objects.filter(status=MessageStatus.QUEUED, channel__in=channels).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )
    sent = 0
    for pk in list(due.order_by("pk").values_list("pk", flat=True)[:limit]):
        claimed = Message.objects.filter(pk=pk, status=MessageStatus.QUEUED).update(
            status=MessageStatus.SENDING, claimed_at=now, claimed_by=process_tag()
        )
        if not claimed:
            continue
        message = Message.objects.select_related("recipient").get(pk=pk)
        if message.channel == MessageChannel.SMS and (morning := quiet_until(now)):
            message.status, message.next_attempt_at = MessageStatus.QUEUED, morning
            message.save(update_fields=["status", "next_attempt_at"])
            continue
        sent += _send_one(message, now)
    _schedule_retries(now)
    return sent


def recover_stale_claims(
    now: dt.datetime,
    lease: dt.timedelta = CLAIM_LEASE,
    *,
    gone: Callable[[str, dt.datetime | None], bool] | None = None,
) -> int:
    """Messages a dead worker left "sending": marked sent if the provider has them, else queued.

    A claim is stale when it is older than ``lease`` or when the process that made it is gone
    (``gone``, by default ``tenantvoice.worker.liveness``: a killed worker's claims are
    recovered at once, not 15 minutes later). Asking the provider (``lookup``) is what makes a
    crash between the provider accepting a message and our row being marked harmless: the
    message is not sent a second time. A sender that cannot be asked (SMTP) resends with the
    same Message-ID, fixed when the message was queued (decisions 0011 and 0019)."""
    if gone is None:
        from tenantvoice.worker.liveness import Liveness

        gone = Liveness(now).gone
    sending = Message.objects.filter(status=MessageStatus.SENDING)
    claimers = set(sending.exclude(claimed_by="").values_list("claimed_by", flat=True).distinct())
    # "now" as the claim time: a claimer with no heartbeat elsewhere is left to the lease.
    dead = [tag for tag in claimers if gone(tag, now)]
    stale = sending.filter(Q(claimed_at__lt=now - lease) | Q(claimed_by__in=dead))
    recovered = 0
    for message in stale.select_related("recipient"):
        sender = sender_for(message.channel)
        found = sender.lookup(message) if sender is not None and hasattr(sender, "lookup") else None
        if found:
            updated = Message.objects.filter(pk=message.pk, status=MessageStatus.SENDING).update(
                status=MessageStatus.SENT, sent_at=now, provider_ref=str(found)[:200]
            )
        else:
            updated = Message.objects.filter(pk=message.pk, status=MessageStatus.SENDING).update(
                status=MessageStatus.QUEUED, claimed_by=""
            )
        recovered += updated
    return recovered


def _send_one(message: Message, now: dt.datetime) -> int:
    sender = sender_for(message.channel)
    assert sender is not None
    message.attempts += 1
    try:
        reference = sender.send(message)
    except PermanentFailure as exc:
        message.last_error, message.status = str(exc)[:500], MessageStatus.FAILED
    except Exception as exc:  # any other sender error: try again later, then give up with the reason
        message.last_error = str(exc)[:500]
        if message.attempts < MAX_ATTEMPTS:
            message.status = MessageStatus.QUEUED
            message.next_attempt_at = now + retry_delay(message.attempts)
        else:
            message.status = MessageStatus.FAILED
    else:
        message.status = MessageStatus.SENT
        message.sent_at = timezone.now()
        message.provider_ref = (reference or "")[:200]
    message.save(
        update_fields=["status", "attempts", "last_error", "sent_at", "next_attempt_at", "provider_ref"]
    )
    return int(message.status == MessageStatus.SENT)


def _schedule_retries(now: dt.datetime) -> None:
    later = (
        Message.objects.filter(status=MessageStatus.QUEUED, next_attempt_at__gt=now)
        .order_by("next_attempt_at")
        .values_list("next_attempt_at", flat=True)
        .first()
    )
    if later is not None:
        from .tasks import send_queued

        # The database backend runs it then; a backend that cannot wait (the tests' immediate
        # one) leaves the retry to the next send job.
        if send_queued.get_backend().supports_defer:
            send_queued.using(run_after=later).enqueue()


@transaction.atomic
def letters_mark_printed(messages: Iterable[Message], *, by: Any = None) -> int:
    from tenantvoice.core.audit import audit_record
    from tenantvoice.core.models import AuditAction

    ids = [m.pk for m in messages]
    printed = Message.objects.filter(pk__in=ids, status=MessageStatus.TO_PRINT).update(
        status=MessageStatus.PRINTED, sent_at=timezone.now()
    )
    audit_record(
        actor=by,
        action=AuditAction.UPDATE,
        object_type="message",
        summary=f"Marked {counted(printed, 'letter', 'letters')} printed",
    )
    return printed


class BadLink(DomainError):
    pass


@transaction.atomic
def news_unsubscribe(token: str) -> Resident:
    """Stop news for the resident a link was made for; service messages still go (they must)."""
    from django.core import signing

    from tenantvoice.core.audit import audit_record
    from tenantvoice.core.models import AuditAction
    from tenantvoice.core.updates import model_update

    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature as exc:
        raise BadLink("This link does not work. It may have been copied only in part.") from exc
    resident = Resident.objects.filter(pk=pk).first()
    if resident is None:
        raise BadLink("We no longer hold details for this link, so we send you nothing.")
    if resident.consents_to_news:
        # news_consent_at then records when news was stopped.
        changes = model_update(
            resident,
            ("consents_to_news", "news_consent_at"),
            {"consents_to_news": False, "news_consent_at": timezone.now()},
        )
        audit_record(
            actor=None,
            action=AuditAction.UPDATE,
            object_type="resident",
            object_id=resident.pk,
            resident_id=resident.pk,
            summary="Stopped news by the link in a message",
            changes=changes,
            via="unsubscribe link",
        )
    return resident


def report_comment_reply_queue(*, comment: Any, report_title: str, link: str, cause: str) -> list[Message]:
    """An officer's reply to a resident's comment on a published report (``core.report_comments``),
    by the resident's own channel: one message a comment (``cause`` names it)."""
    return message_queue(
        recipients=[comment.resident],
        template="report_comment_reply",
        context={"report": report_title, "comment": comment.text, "reply": comment.reply, "link": link},
        key=f"{cause}-reply:{comment.pk}",
    )
