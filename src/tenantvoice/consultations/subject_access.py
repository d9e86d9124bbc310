"""What consultations hold about a resident: notices sent to them and their replies (decision 0016)."""

from __future__ import annotations

from tenantvoice.core.personal_data import Context, Record, not_exported, section

from .models import Consultation, ConsultationCorrection, Notice, Representation

not_exported(Consultation, "created_by", reason="The staff account that set up the consultation.")
not_exported(ConsultationCorrection, "corrected_by", reason="The staff account that corrected the wording.")


@section(
    key="consultation_notices",
    title="Consultations we told you about",
    why=(
        "We keep when we told you about a consultation that affects you, because the law or our standards"
        " say we must."
    ),
    empty="We have not sent you notice of a consultation.",
    order=600,
    covers=[Notice],
    layout="table",
)
def consultation_notices(ctx: Context) -> list[Record]:
    return [
        Record([("Consultation", n.consultation.title), ("Sent on", n.sent_on), ("How", n.how)])
        for n in Notice.objects.filter(resident=ctx.resident)
        .select_related("consultation")
        .order_by("-sent_on", "-pk")
    ]


@section(
    key="consultation_replies",
    title="Your replies to consultations",
    why=(
        "We keep what you told us, and what we made of it, to show we considered every reply before deciding."
    ),
    empty="You have not replied to a consultation.",
    order=610,
    covers=[Representation],
)
def consultation_replies(ctx: Context) -> list[Record]:
    return [
        Record(
            [
                ("Consultation", r.consultation.title),
                ("We received it on", r.received_on),
                ("How you replied", r.get_channel_display()),
                ("What you said", r.text),
                ("What we made of it", r.response),
            ],
            heading=r.consultation.title,
        )
        for r in Representation.objects.filter(resident=ctx.resident)
        .select_related("consultation")
        .order_by("-received_on", "-pk")
    ]
