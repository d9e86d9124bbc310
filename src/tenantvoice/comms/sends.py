"""Mass sends: one chunked, resumable background job for every message that goes to many residents.

Survey invitations and reminders, exit surveys, notice of consultations, invitations to
activities, "you said, we did" and campaigns all go through here (decision 0018). The officer
confirms on a page that shows who will be reached by which channel; the service that starts
the send records a :class:`SendRun` and enqueues :func:`send_run_process` when its transaction
commits, so the request returns at once. The worker then takes the residents in id order, a
chunk at a time (``TENANTVOICE_SEND_CHUNK``), each chunk in its own short transaction that
queues the chunk's messages and moves ``last_key`` on. A run stopped part-way (a crash, a
killed worker, a restarted database) carries on from ``last_key`` when it is run again; each
message also has its unique ``dedupe_key`` (cause and resident), so nobody gets one twice.

What each kind sends, to whom, and what else it records (invitations, notices) is a
:class:`MassSend` subclass beside what it sends (``surveys/sends.py`` and so on), named in
:data:`KINDS`.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.module_loading import import_string

from tenantvoice.core.audit import audit_record
from tenantvoice.core.errors import DomainError
from tenantvoice.core.models import AuditAction
from tenantvoice.core.roles import Capability
from tenantvoice.residents.models import Resident

from .catalogue import kind_get
from .models import Message, MessageChannel, MessageStatus, SendKind, SendRun, SendStatus
from .services import message_queue, route_for

log = logging.getLogger(__name__)

# Which class does each kind of send (dotted paths: comms does not import the other apps).
KINDS: dict[str, str] = {
    SendKind.CAMPAIGN: "tenantvoice.comms.campaigns.CampaignSend",
    SendKind.SURVEY_INVITATION: "tenantvoice.surveys.sends.SurveyInvitations",
    SendKind.SURVEY_REMINDER: "tenantvoice.surveys.sends.SurveyReminders",
    SendKind.EXIT_SURVEY: "tenantvoice.surveys.sends.ExitSurveyInvitations",
    SendKind.CONSULTATION_NOTICE: "tenantvoice.consultations.sends.ConsultationNotice",
    SendKind.OUTCOME: "tenantvoice.outcomes.sends.OutcomeSend",
    SendKind.ACTIVITY_INVITATION: "tenantvoice.activities.sends.ActivityInvitations",
    SendKind.ANNUAL_REPORT: "tenantvoice.annual_reports.sends.AnnualReportLetters",
}

# The resident fields route_for reads: loading only these keeps counting 100,000 residents quick.
ROUTE_FIELDS = (
    "preferred_channel",
    "email",
    "email_problem_at",
    "mobile_phone",
    "mobile_problem_at",
    "accepts_email",
    "accepts_sms",
    "consents_to_news",
    "large_print",
    "easy_read",
    "braille",
    "audio",
    "translation",
    "language",
)

# A worker that has not moved a run on for this long has stopped; the daily job carries it on.
STALE_AFTER = dt.timedelta(minutes=10)
# Messages one sending pass claims before it looks again for what is due.
SEND_BATCH = 500


def chunk_size() -> int:
    """Residents per transaction: small enough that no transaction holds SQLite's write lock
    for long (about half a second), big enough that 100,000 invitations queue within a minute."""
    return max(1, int(getattr(settings, "TENANTVOICE_SEND_CHUNK", 2000)))


@dataclass
class Reach:
    total: int = 0
    by_channel: Counter[str] = field(default_factory=Counter)
    unreachable: Counter[str] = field(default_factory=Counter)  # reason -> count
    formats: Counter[str] = field(default_factory=Counter)  # post-room notes -> count

    @property
    def reachable(self) -> int:
        return sum(self.by_channel.values())

    def add(self, residents: Iterable[Resident], purpose: str) -> Reach:
        for resident in residents:
            self.total += 1
            route = route_for(resident, purpose)
            if route.channel is None:
                self.unreachable[route.why] += 1
                continue
            self.by_channel[str(MessageChannel(route.channel).label)] += 1
            for note in filter(None, route.format_notes.split(", ")):
                self.formats[note] += 1
        return self

    def as_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "reachable": self.reachable,
            "by_channel": dict(self.by_channel),
            "unreachable": dict(self.unreachable),
            "formats": dict(self.formats),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Reach:
        return cls(
            total=int(data.get("total", 0)),
            by_channel=Counter(data.get("by_channel", {})),
            unreachable=Counter(data.get("unreachable", {})),
            formats=Counter(data.get("formats", {})),
        )


def audience_reach(residents: QuerySet[Resident], purpose: str) -> Reach:
    """How many of ``residents`` each channel reaches for ``purpose``, and who cannot be reached."""
    return Reach().add(residents.only(*ROUTE_FIELDS).iterator(chunk_size=5000), purpose)


def ids_reach(ids: list[int], purpose: str) -> Reach:
    """The same for a list of resident ids (a sample), read a chunk at a time."""
    reach = Reach()
    for start in range(0, len(ids), 5000):
        reach.add(Resident.objects.filter(pk__in=ids[start : start + 5000]).only(*ROUTE_FIELDS), purpose)
    return reach


class MassSend:
    """What one kind of mass send does. Subclasses set ``template`` (a kind in comms.catalogue)
    and say who gets it; the job does the chunks, progress and resuming."""

    template: str = ""
    capability: Capability = Capability.MANAGE_INVOLVEMENT
    skip_unreachable = False

    def subject(self, run: SendRun) -> Any:
        """The survey, consultation, activity or campaign the run is about."""
        raise NotImplementedError

    def template_for(self, subject: Any) -> str:
        return self.template

    def purpose(self, subject: Any) -> str:
        return kind_get(self.template_for(subject)).purpose

    def key(self, run: SendRun, subject: Any) -> str:
        """The cause in each message's dedupe key (the resident's id is added)."""
        raise NotImplementedError

    def context(self, run: SendRun, subject: Any) -> dict[str, str]:
        return {}

    def residents(self, subject: Any, rule: Mapping[str, Any]) -> QuerySet[Resident]:
        """Who gets it, as a rule read a chunk at a time (the job orders by id)."""
        raise NotImplementedError

    def snapshot(self, subject: Any, rule: Mapping[str, Any]) -> list[int] | None:
        """Resident ids fixed once when the run starts (a random sample), or None for the rule."""
        return None

    def reach(self, subject: Any, rule: Mapping[str, Any]) -> Reach:
        """Who it will reach, by channel, for the confirmation page (the same rule as the job)."""
        return audience_reach(self.residents(subject, rule), self.purpose(subject))

    def before_chunk(
        self, run: SendRun, subject: Any, residents: list[Resident]
    ) -> dict[int, dict[str, str]]:
        """Records made for the chunk first (survey invitations); each resident's own placeholders."""
        return {}

    def after_chunk(
        self, run: SendRun, subject: Any, residents: list[Resident], created: list[Message]
    ) -> None:
        """Records that follow the messages (notices given, invitations marked sent)."""

    def finish(self, run: SendRun, subject: Any) -> None:
        """Once every chunk is done (a campaign is marked sent)."""

    def back_url(self, run: SendRun) -> str:
        """The page the send was started from."""
        return ""

    def campaign(self, subject: Any) -> Any:
        return None


def kind_for(run_or_kind: SendRun | str) -> MassSend:
    kind = run_or_kind.kind if isinstance(run_or_kind, SendRun) else run_or_kind
    cls: type[MassSend] = import_string(KINDS[kind])
    return cls()


def send_start(
    *, kind: str, object_id: int, title: str, by: Any = None, rule: Mapping[str, Any] | None = None
) -> SendRun:
    """Record a mass send and enqueue its job when the caller's transaction commits.

    Called by the service that causes the send (survey_open and the rest), inside its
    transaction, which writes the one audit row for the change; so a rolled-back open sends
    nothing, and nothing is queued inside the request."""
    run = SendRun.objects.create(
        kind=kind,
        object_id=object_id,
        title=title[:250],
        rule=dict(rule or {}),
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    _enqueue(run.pk)
    return run


def _enqueue(pk: int) -> None:
    from .tasks import send_run

    transaction.on_commit(lambda: send_run.enqueue(pk))


def send_run_process(pk: int, *, chunks: int | None = None) -> int:
    """The job: queue the run's messages a chunk at a time from where it stopped; returns how
    many messages it queued. ``chunks`` stops after that many (tests, and a worker told to yield)."""
    run = SendRun.objects.get(pk=pk)
    if run.status == SendStatus.DONE:
        return 0
    kind = kind_for(run)
    now = timezone.now()
    SendRun.objects.filter(pk=pk).update(
        status=SendStatus.RUNNING, started_at=run.started_at or now, updated_at=now, error=""
    )
    queued = 0
    try:
        if run.total is None:
            _prepare(run, kind)
        done = 0
        while chunks is None or done < chunks:
            step = _chunk(pk, kind)
            if step is None:
                break
            queued += step
            done += 1
        else:
            return queued
        with transaction.atomic():
            run = SendRun.objects.select_for_update().get(pk=pk)
            kind.finish(run, kind.subject(run))
            run.status, run.finished_at = SendStatus.DONE, timezone.now()
            run.updated_at = run.finished_at
            run.save(update_fields=["status", "finished_at", "updated_at"])
    except Exception as exc:
        log.exception("Mass send %s stopped", pk)
        SendRun.objects.filter(pk=pk).update(
            status=SendStatus.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000], updated_at=timezone.now()
        )
        raise
    return queued


def _prepare(run: SendRun, kind: MassSend) -> None:
    """Fix the sample (if any) and count who will be sent to, once, at the start."""
    with transaction.atomic():
        run = SendRun.objects.select_for_update().get(pk=run.pk)
        if run.total is not None:
            return
        subject = kind.subject(run)
        snapshot = kind.snapshot(subject, run.rule)
        run.snapshot = sorted(snapshot) if snapshot is not None else None
        run.total = len(snapshot) if snapshot is not None else kind.residents(subject, run.rule).count()
        run.save(update_fields=["snapshot", "total"])


def run_residents(run: SendRun, kind: MassSend, subject: Any, after: int, limit: int) -> list[Resident]:
    if run.snapshot is not None:
        ids = [pk for pk in run.snapshot if pk > after][:limit]
        return list(Resident.objects.filter(pk__in=ids).order_by("pk"))
    return list(kind.residents(subject, run.rule).filter(pk__gt=after).order_by("pk")[:limit])


def _chunk(pk: int, kind: MassSend) -> int | None:
    """One chunk in one transaction: its records, its messages and the run's progress, all or
    nothing. None when nobody is left."""
    with transaction.atomic():
        # The row lock makes a second worker on the same run wait, then take the next chunk.
        run = SendRun.objects.select_for_update().get(pk=pk)
        subject = kind.subject(run)
        residents = run_residents(run, kind, subject, run.last_key, chunk_size())
        if not residents:
            return None
        extra = kind.before_chunk(run, subject, residents)
        purpose = kind.purpose(subject)
        created = message_queue(
            recipients=residents,
            template=kind.template_for(subject),
            context=kind.context(run, subject),
            key=kind.key(run, subject),
            purpose=purpose,
            campaign=kind.campaign(subject),
            skip_unreachable=kind.skip_unreachable,
            extra=extra,
            send_run=run,
        )
        kind.after_chunk(run, subject, residents, created)
        run.reach = Reach.from_dict(run.reach).add(residents, purpose).as_dict()
        run.processed += len(residents)
        run.queued += len(created)
        run.last_key = residents[-1].pk
        run.updated_at = timezone.now()
        run.save(update_fields=["reach", "processed", "queued", "last_key", "updated_at"])
        return len(created)


def send_runs_resume(now: dt.datetime | None = None) -> int:
    """Enqueue again every run a stopped worker left waiting or part-way (run daily)."""
    now = now or timezone.now()
    stale = SendRun.objects.filter(status__in=[SendStatus.WAITING, SendStatus.RUNNING]).filter(
        Q(updated_at__lt=now - STALE_AFTER) | Q(updated_at__isnull=True, created_at__lt=now - STALE_AFTER)
    )
    pks = list(stale.values_list("pk", flat=True))
    from .tasks import send_run

    for pk in pks:
        send_run.enqueue(pk)
    return len(pks)


def send_run_stalled(run: SendRun, now: dt.datetime | None = None) -> bool:
    if run.status == SendStatus.FAILED:
        return True
    if run.status == SendStatus.DONE:
        return False
    moved = run.updated_at or run.created_at
    return moved < (now or timezone.now()) - STALE_AFTER


@transaction.atomic
def send_run_carry_on(*, run: SendRun, by: Any) -> SendRun:
    """An officer starts a stopped run again: it carries on from the last resident done."""
    run = SendRun.objects.select_for_update().get(pk=run.pk)
    if not send_run_stalled(run):
        raise SendError("This send is not stopped, so there is nothing to carry on.")
    run.status, run.error, run.updated_at = SendStatus.WAITING, "", timezone.now()
    run.save(update_fields=["status", "error", "updated_at"])
    audit_record(
        actor=by,
        action=AuditAction.UPDATE,
        object_type="send",
        object_id=run.pk,
        summary=f"Carried on {run.title} from resident {run.last_key}",
    )
    _enqueue(run.pk)
    return run


class SendError(DomainError):
    pass


def messages_due(now: dt.datetime | None = None) -> QuerySet[Message]:
    """Queued messages that a configured sender could send now (what send_queued_messages takes)."""
    from .senders import sender_for

    now = now or timezone.now()
    channels = [c for c in MessageChannel.values if sender_for(c) is not None]
    return Message.objects.filter(status=MessageStatus.QUEUED, channel__in=channels).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )


def send_until_nothing_due(batch: int | None = None) -> int:
    """Send batch after batch until no message is due. One pass used to send 500 and stop, so a
    chunk of 5,000 campaign messages left 4,500 for the daily job."""
    from .services import send_queued_messages

    total, stuck = 0, None
    while True:
        sent = send_queued_messages(limit=batch or SEND_BATCH)
        total += sent
        if not messages_due().exists():
            return total
        if not sent:  # nothing went this pass: stop unless it at least took some off the queue
            left = messages_due().count()
            if stuck is not None and left >= stuck:
                return total
            stuck = left
