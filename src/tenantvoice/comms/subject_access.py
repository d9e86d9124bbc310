"""What messages hold about a resident: every message sent to them, and their comments as a
member of the readers panel (decision 0016)."""

from __future__ import annotations

from tenantvoice.core.personal_data import Context, Record, not_exported, section

from .catalogue import KINDS
from .models import Campaign, Message, Review, ReviewComment, SendRun, Template, TemplateVersion

not_exported(TemplateVersion, "created_by", reason="The staff account that wrote the wording.")
not_exported(Campaign, "created_by", reason="The staff account that wrote the campaign.")
not_exported(SendRun, "created_by", reason="The staff account that started a mass send.")
not_exported(Campaign, "sent_by", reason="The staff account that sent the campaign.")
not_exported(Review, "created_by", reason="The staff account that asked the readers panel.")


@section(
    key="messages",
    title="Messages we sent you",
    why=(
        "We keep every message we sent you, how and when, and whether it arrived, to show what we told "
        "you and to stop sending to details that do not work."
    ),
    empty="We have not sent you any messages.",
    order=700,
    covers=[Message],
)
def messages(ctx: Context) -> list[Record]:
    from tenantvoice.core.languages import language_name

    sent = list(
        Message.objects.filter(recipient=ctx.resident)
        .select_related("campaign")
        .order_by("-created_at", "-pk")
    )
    # Officers' own wording (news) is named by its template: one query for all of them.
    own = {m.template for m in sent if m.template not in KINDS}
    names = dict(Template.objects.filter(slug__in=own).values_list("slug", "name")) if own else {}
    records = []
    for m in sent:
        kind = KINDS[m.template].name if m.template in KINDS else names.get(m.template, m.template)
        records.append(
            Record(
                [
                    ("What it was", m.campaign.name if m.campaign else kind),
                    ("How we sent it", m.get_channel_display()),
                    ("Sent to", "Your address" if m.to == "post" else m.to),
                    ("Subject", m.subject),
                    ("Where it stands", m.get_status_display()),
                    ("Written", m.created_at),
                    ("Sent", m.sent_at),
                    ("Delivered", m.delivered_at),
                    ("Format", m.format_notes),
                    ("Language", language_name(m.language)),
                    ("Problem sending it", m.last_error),
                    ("The message", m.body),
                ],
                heading=m.subject,
            )
        )
    return records


@section(
    key="readers_panel",
    title="Your comments as a reader",
    why=(
        "We keep your comments on letters, leaflets and documents the readers panel reviews, to improve them."
    ),
    empty="You have not commented on a document for the readers panel.",
    order=710,
    covers=[ReviewComment],
)
def readers_panel(ctx: Context) -> list[Record]:
    return [
        Record(
            [
                ("Document", c.review.title),
                ("Group", c.review.group.name),
                ("Your comment", c.text),
                ("Written", c.created_at),
                ("Last changed", c.updated_at),
                ("Outcome", c.review.get_outcome_display()),
            ],
            heading=c.review.title,
        )
        for c in ReviewComment.objects.filter(resident=ctx.resident)
        .select_related("review__group")
        .order_by("-created_at", "-pk")
    ]
