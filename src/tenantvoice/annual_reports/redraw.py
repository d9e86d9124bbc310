"""Drawing every chapter of the annual report again, in the background (decision 0057), the
Board pack's way (``worker.jobs``, decision 0052): each chapter draws whole reports (seconds at
a million residents), so the officer's button starts a job whose steps are the chapters, each
``services.chapter_redraw`` in its own transaction with its own audit row, as the officer who
asked. A chapter that cannot be drawn is skipped with the reason; a report approved meanwhile
stops the job."""

from __future__ import annotations

from tenantvoice.worker.jobs import JobSkip, JobStop, StepJob, job_current
from tenantvoice.worker.models import JobRun

from .models import AnnualReport, Chapter, ReportStatus

REDRAW_KIND = "annual_report_redraw"


def redraw_current(report: AnnualReport) -> JobRun | None:
    """The report's latest "draw every chapter again" job, if one was ever asked for."""
    return job_current(REDRAW_KIND, report.pk)


class ReportRedraw(StepJob):
    def step(self, run: JobRun, key: int) -> None:
        from .chapters import heading_of
        from .services import AnnualReportError, chapter_redraw

        chapter = Chapter.objects.select_related("report").filter(pk=key).first()
        if chapter is None:
            raise JobSkip("A chapter no longer in the report.")
        try:
            chapter_redraw(chapter=chapter, by=run.created_by)
        except AnnualReportError as exc:
            if AnnualReport.objects.filter(pk=run.object_id).exclude(status=ReportStatus.DRAFT).exists():
                raise JobStop(
                    f"The report was approved before every chapter was drawn again: "
                    f"{run.processed} of {run.total} were."
                ) from exc
            raise JobSkip(f"“{heading_of(chapter.kind)}”: {exc.message}") from exc
