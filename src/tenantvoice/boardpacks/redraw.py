"""Drawing every section of a Board pack again, in the background (decision 0052).

Each section draws a whole report (seconds at a million residents), so the officer's button
(``services.pack_redraw_all``) starts a job of steps (``worker.jobs``) whose keys are the
sections; each step is ``services.section_redraw``, in its own transaction with its own audit
row, as the officer who asked. A section that cannot be drawn (its survey deleted, removed from
the pack meanwhile) is skipped with the reason, and the others are drawn; a pack made final
meanwhile stops the job.
"""

from __future__ import annotations

from tenantvoice.worker.jobs import JobSkip, JobStop, StepJob, job_current
from tenantvoice.worker.models import JobRun

from .models import BoardPack, PackSection, PackStatus

REDRAW_KIND = "board_pack_redraw"


def redraw_current(pack: BoardPack) -> JobRun | None:
    """The pack's latest "draw every section again" job, if one was ever asked for."""
    return job_current(REDRAW_KIND, pack.pk)


class PackRedraw(StepJob):
    def step(self, run: JobRun, key: int) -> None:
        from .selectors import label_of
        from .services import BoardPackError, section_redraw

        section = PackSection.objects.select_related("pack").filter(pk=key).first()
        if section is None:
            raise JobSkip("A section removed from the pack before it was drawn again.")
        try:
            section_redraw(section=section, by=run.created_by)
        except BoardPackError as exc:
            if BoardPack.objects.filter(pk=run.object_id, status=PackStatus.FINAL).exists():
                raise JobStop(
                    f"The pack was made final before every section was drawn again: "
                    f"{run.processed} of {run.total} were."
                ) from exc
            raise JobSkip(f"“{label_of(section.kind)}”: {exc.message}") from exc


def pack_redraw_process(run_pk: int) -> int:
    """The job, run directly (tests; the worker runs ``worker.tasks.run_job``)."""
    from tenantvoice.worker.jobs import job_process

    return job_process(run_pk)
