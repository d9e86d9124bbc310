"""Which task workers are alive (each writes a heartbeat row while it runs), and the progress of
background jobs that are neither sends nor imports."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone


class WorkerHeartbeat(models.Model):
    """One running ``tenantvoice db_worker``. Deleted when it stops cleanly; a killed worker's
    row goes stale, which is how recovery (and the staff pages' warning) knows it is gone."""

    # The worker's id, "host:pid:nonce" (tenantvoice.worker.liveness.process_tag).
    worker_id = models.CharField(max_length=64, primary_key=True)
    hostname = models.CharField(max_length=64)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    seen_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-seen_at"]

    def __str__(self) -> str:
        return f"Worker {self.worker_id}, last seen {self.seen_at:%Y-%m-%d %H:%M:%S}"


class JobStatus(models.TextChoices):
    WAITING = "waiting", "Waiting for the worker"
    RUNNING = "running", "Under way"
    DONE = "done", "Done"
    FAILED = "failed", "Stopped by a problem"


class JobRun(models.Model):
    """One background job on one object, worked through step by step, with its progress for the
    page that started it: the shape of a mass send's ``SendRun`` (decision 0018) for work that
    is neither a send nor an import. The first is drawing every section of a Board pack again
    (``boardpacks.redraw``); ``kind`` names the job and ``object_id`` what it works on, and the
    app that owns the kind does the work."""

    # A job minutes old that has not moved is taken to be stopped (a worker that died): the
    # platform's choice, as for mass sends (``comms.sends.STALE_AFTER``).
    STALE_AFTER = dt.timedelta(minutes=10)

    kind = models.CharField(max_length=40)
    object_id = models.PositiveIntegerField()
    title = models.CharField(max_length=250)
    status = models.CharField(max_length=8, choices=JobStatus.choices, default=JobStatus.WAITING)
    # The steps' keys (section ids), fixed when the job is asked for, done in this order.
    keys = models.JSONField(default=list, blank=True)
    processed = models.PositiveIntegerField(default=0)
    last_key = models.PositiveBigIntegerField(default=0)
    # Steps that could not be done, in words (one each), the job carrying on with the others.
    skipped = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Set after each step: a job not touched for a while was left by a worker that stopped.
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["kind", "object_id"])]

    def __str__(self) -> str:
        return self.title

    @property
    def total(self) -> int:
        return len(self.keys)

    @property
    def progress_percent(self) -> int:
        return min(100, round(100 * self.processed / self.total)) if self.total else 100

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    def stalled(self, now: dt.datetime | None = None) -> bool:
        """Stopped by a problem, or waiting or under way without moving for ``STALE_AFTER``."""
        if self.status == JobStatus.FAILED:
            return True
        if self.status == JobStatus.DONE:
            return False
        moved = self.updated_at or self.created_at
        return moved < (now or timezone.now()) - self.STALE_AFTER
