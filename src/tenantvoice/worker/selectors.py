"""Whether background work is waiting longer than it should: the staff pages' warning."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import Max, Q
from django.utils import timezone

CACHE_KEY = "tenantvoice:background-delay"
CACHE_SECONDS = 60


def waiting_too_long_after() -> dt.timedelta:
    """How long a due message or job may wait before staff are told: the platform's choice
    (``TENANTVOICE_WAITING_WARNING_MINUTES``, 15), since the worker normally sends within seconds."""
    return dt.timedelta(minutes=getattr(settings, "TENANTVOICE_WAITING_WARNING_MINUTES", 15))


def background_delay() -> dict[str, Any]:
    """What staff should be told, or {} when all is well. Computed at most once a minute."""
    return cache.get_or_set(CACHE_KEY, _background_delay, CACHE_SECONDS) or {}


def _background_delay() -> dict[str, Any]:
    from django_tasks_db.models import DBTaskResult, get_date_max

    from tenantvoice.comms.models import Message, MessageStatus

    from .models import WorkerHeartbeat

    now = timezone.now()
    cutoff = now - waiting_too_long_after()
    # Due since it was queued, or since its retry time: on the (status, created_at) index.
    oldest_message = (
        Message.objects.filter(status=MessageStatus.QUEUED, created_at__lt=cutoff)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lt=cutoff))
        .order_by("created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    # Jobs (large imports, campaigns) waiting for a worker: few rows, on the package's index.
    job_waiting = (
        DBTaskResult.objects.ready()
        .filter(Q(run_after=get_date_max(), enqueued_at__lt=cutoff) | Q(run_after__lt=cutoff))
        .exists()
    )
    last_seen = WorkerHeartbeat.objects.aggregate(last=Max("seen_at"))["last"]
    silent = last_seen is not None and last_seen < now - dt.timedelta(
        seconds=getattr(settings, "TENANTVOICE_WORKER_SILENT_SECONDS", 300)
    )
    if oldest_message is None and not job_waiting and not silent:
        return {}
    return {
        "oldest_message": oldest_message,
        "job_waiting": job_waiting,
        "worker_last_seen": last_seen,
        "worker_silent": silent or last_seen is None,
        "minutes": int(waiting_too_long_after().total_seconds() // 60),
    }
