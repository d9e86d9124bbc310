"""What indicators hold about a resident (decisions 0050 and 0053). The indicators' values are
figures for the landlord as a whole (counts, rates and survey measures, suppressed where they
count people), typed in, imported or computed, and name no resident: the only people they name
are the staff accounts that recorded a value or imported peers' figures, left out with their
reason. A resident's comments on the annual Charter report are theirs, and are in "Everything
we hold about you"."""

from __future__ import annotations

from tenantvoice.core.personal_data import Context, Record, not_exported, section
from tenantvoice.core.report_comments import comment_records
from tenantvoice.core.reporting_year import ReportingYear

from .models import CharterComment, CharterReport, IndicatorPeerSet, IndicatorValue

not_exported(IndicatorValue, "recorded_by", reason="The staff account that recorded or computed the value.")
not_exported(IndicatorPeerSet, "imported_by", reason="The staff account that imported the peers' figures.")
not_exported(CharterReport, "published_by", reason="The staff account that published the report.")
not_exported(CharterComment, "read_by", reason="The staff account that read the comment.")
not_exported(CharterComment, "replied_by", reason="The staff account that replied (the reply is shown).")


@section(
    key="charter_comments",
    title="Your comments on our Charter reports",
    why=(
        "We keep what you told us about our yearly Charter report, to read it, reply if you asked, "
        "and improve the next report."
    ),
    empty="You have not commented on a Charter report.",
    order=770,
    covers=[CharterComment],
)
def charter_comments(ctx: Context) -> list[Record]:
    comments = (
        CharterComment.objects.filter(resident=ctx.resident)
        .select_related("report")
        .order_by("made_at", "pk")
    )
    return comment_records(comments, lambda c: f"Charter report {ReportingYear(c.report.year).label}")
