"""Drawing every section of a Board pack again, in the background (decision 0052).

Each section draws a whole report (seconds at a million residents), so the officer's button
(``services.pack_redraw_all``) records a job (``worker.models.JobRun``, the shape of a mass
send's run, decision 0018) and the worker works through the sections one at a time with
``services.section_redraw``, each in its own transaction with its own audit row, as the
officer who asked. The job's row says how many are done, so the pack's pages show progress
and, once done, when. A section that cannot be drawn (its survey deleted, removed from the
pack meanwhile) is skipped with the reason, and the others are drawn.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.utils import timezone

from tenantvoice.worker.models import JobRun, JobStatus

from .models import BoardPack, PackSection, PackStatus

log = logging.getLogger(__name__)

REDRAW_KIND = "board_pack_redraw"


def redraw_current(pack: BoardPack) -> JobRun | None:
    """The pack's latest "draw every section again" job, if one was ever asked for."""
    return JobRun.objects.filter(kind=REDRAW_KIND, object_id=pack.pk).order_by("-created_at", "-pk").first()


def pack_redraw_process(run_pk: int, *, today: dt.date | None = None) -> int:
    """The job: draw again each section not done yet, in the pack's order when it was asked
    for, carrying on after the last one done (a worker stopped part-way and started again
    draws at most one section twice, which changes nothing). Returns the sections drawn."""
    from .services import BoardPackError, section_redraw

    run = JobRun.objects.get(pk=run_pk)
    if run.finished:
        return 0
    now = timezone.now()
    JobRun.objects.filter(pk=run_pk).update(
        status=JobStatus.RUNNING, started_at=run.started_at or now, updated_at=now
    )
    drawn = 0
    try:
        for key in run.keys[run.processed :]:
            section = PackSection.objects.select_related("pack").filter(pk=key).first()
            if section is None:
                run.skipped.append("A section removed from the pack before it was drawn again.")
            else:
                try:
                    section_redraw(section=section, by=run.created_by, today=today)
                    drawn += 1
                except BoardPackError as exc:
                    if BoardPack.objects.filter(pk=run.object_id, status=PackStatus.FINAL).exists():
                        raise BoardPackError(
                            f"The pack was made final before every section was drawn again: "
                            f"{run.processed} of {run.total} were."
                        ) from exc
                    run.skipped.append(f"{_label(section)}: {exc.message}")
            run.processed += 1
            run.last_key = key
            run.updated_at = timezone.now()
            run.save(update_fields=["processed", "last_key", "skipped", "updated_at"])
        run.status, run.finished_at = JobStatus.DONE, timezone.now()
        run.updated_at = run.finished_at
        run.save(update_fields=["status", "finished_at", "updated_at"])
    except BoardPackError as exc:
        JobRun.objects.filter(pk=run_pk).update(
            status=JobStatus.FAILED, error=exc.message, updated_at=timezone.now()
        )
    except Exception as exc:
        log.exception("Drawing Board pack sections again (job %s) stopped", run_pk)
        JobRun.objects.filter(pk=run_pk).update(
            status=JobStatus.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000], updated_at=timezone.now()
        )
        raise
    return drawn


def _label(section: PackSection) -> str:
    from .selectors import label_of

    return f"“{label_of(section.kind)}”"
