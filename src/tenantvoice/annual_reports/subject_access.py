"""What the annual report to residents holds about a resident (decision 0057). Its chapters are
figures for the landlord as a whole, drawn from reports that hide small numbers, and the
officer's and the panel's words: they name no resident. A resident's comments on a report are
theirs, and are in "Everything we hold about you"; the staff accounts on reports are left out
with their reason."""

from __future__ import annotations

from tenantvoice.core.personal_data import Context, Record, not_exported, section
from tenantvoice.core.report_comments import comment_records

from .models import AnnualReport, AnnualReportComment, Chapter

not_exported(AnnualReport, "created_by", reason="The staff account that started the report.")
not_exported(AnnualReport, "approved_by", reason="The staff account that recorded the panel's approval.")
not_exported(AnnualReport, "published_by", reason="The staff account that published the report.")
not_exported(Chapter, "drawn_by", reason="The staff account that drew the chapter's figures.")
not_exported(AnnualReportComment, "read_by", reason="The staff account that read the comment.")
not_exported(AnnualReportComment, "replied_by", reason="The staff account that replied (the reply is shown).")


@section(
    key="annual_report_comments",
    title="Your comments on our annual reports",
    why=(
        "We keep what you told us about our annual report to residents, to read it, reply if you "
        "asked, and improve the next report."
    ),
    empty="You have not commented on an annual report.",
    order=775,
    covers=[AnnualReportComment],
)
def annual_report_comments(ctx: Context) -> list[Record]:
    comments = (
        AnnualReportComment.objects.filter(resident=ctx.resident)
        .select_related("report")
        .order_by("made_at", "pk")
    )
    return comment_records(comments, lambda c: c.report.title)
