"""Which task workers are alive: each writes a heartbeat row while it runs."""

from __future__ import annotations

from django.db import models


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
