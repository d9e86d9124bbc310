"""Residents' pages about messages: every message we have sent them, whatever the channel, and
the readers panel (what they are asked to review, and their comments)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from tenantvoice.comms.models import ReviewOutcome
from tenantvoice.comms.reviews import ReviewError, review_comment, reviews_for
from tenantvoice.comms.selectors import resident_messages
from tenantvoice.comms.template_forms import CommentForm
from tenantvoice.core.access import resident_required
from tenantvoice.core.form_action import form_action, redirect_with_message
from tenantvoice.core.http import posted
from tenantvoice.residents.models import Resident


@resident_required
def my_reviews(request: HttpRequest, resident: Resident) -> HttpResponse:
    reviews = reviews_for(resident).select_related("group")
    return render(request, "portal/reviews/list.html", {"reviews": reviews, "today": timezone.localdate()})


@resident_required
def my_review(request: HttpRequest, resident: Resident, pk: int) -> HttpResponse:
    review = reviews_for(resident).filter(pk=pk).first()
    if review is None:
        raise Http404("You have not been asked to review this.")
    mine = review.comments.filter(resident=resident).first()
    is_open = review.outcome == ReviewOutcome.OPEN and timezone.localdate() <= review.closes_on
    return form_action(
        request,
        CommentForm(posted(request), initial={"text": mine.text if mine else ""}),
        lambda data: review_comment(review=review, resident=resident, text=data["text"], by=request.user),
        success=lambda _: redirect_with_message(
            request,
            "Thank you. We have your comments; you can change them until the closing date.",
            "portal:review",
            pk=pk,
        ),
        page=lambda form: render(
            request,
            "portal/reviews/detail.html",
            {"review": review, "form": form, "is_open": is_open, "mine": mine},
        ),
        refusals=(ReviewError,),
    )


@resident_required
def my_messages(request: HttpRequest, resident: Resident) -> HttpResponse:
    return render(request, "portal/messages.html", {"messages_sent": resident_messages(resident.pk)})
