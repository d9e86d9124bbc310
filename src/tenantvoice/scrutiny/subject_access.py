"""What scrutiny holds about a resident (decision 0016): the reviews whose outcome an officer
named them to be told of. Sitting on the panel is a seat (involvement's part); the review's own
record is the panel's work, not about one resident."""

from __future__ import annotations

from tenantvoice.core.personal_data import Context, Record, not_exported, section

from .models import Evidence, EvidenceRequest, NamedResident, Review

not_exported(Review, "created_by", reason="The staff account that proposed the review.")
not_exported(Review, "officer", reason="The member of staff who leads the review.")
not_exported(Evidence, "added_by", reason="The staff account that logged the evidence.")
not_exported(EvidenceRequest, "officer", reason="The member of staff the panel asked for evidence.")


@section(
    key="scrutiny_named",
    title="Scrutiny reviews you are told about",
    why="We keep who asked to hear the outcome of a scrutiny review, to tell them what we decided.",
    empty="You were not named to be told the outcome of a scrutiny review.",
    order=760,
    covers=[NamedResident],
)
def scrutiny_named(ctx: Context) -> list[Record]:
    named = (
        NamedResident.objects.filter(resident=ctx.resident)
        .select_related("review")
        .order_by("named_on", "pk")
    )
    return [
        Record([("Review", n.review.title), ("Named on", n.named_on)], heading=n.review.title) for n in named
    ]
