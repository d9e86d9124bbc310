"""Residents' pages about messages: every message we have sent them, whatever the channel, and
the readers panel (what they are asked to review, and their comments)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from tenantvoice.comms.models import ReviewOutcome
from tenantvoice.comms.reviews import ReviewError, review_comment, reviews_for
from tenantvoice.comms.selectors import resident_messages
from tenantvoice.comms.template_forms import CommentForm
from tenantvoice.core.access import resident_required
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
    form = CommentForm(posted(request), initial={"text": mine.text if mine else ""})
    if request.method == "POST" and form.is_valid():
        try:
            review_comment(review=review, resident=resident, text=form.cleaned_data["text"], by=request.user)
        except ReviewError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, "Thank you. We have your comments; you can change them until the closing date."
            )
            return redirect("portal:review", pk=pk)
    is_open = review.outcome == ReviewOutcome.OPEN and timezone.localdate() <= review.closes_on
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "portal/reviews/detail.html",
        {"review": review, "form": form, "is_open": is_open, "mine": mine},
        status=status,
    )


@resident_required
def my_messages(request: HttpRequest, resident: Resident) -> HttpResponse:
    return render(request, "portal/messages.html", {"messages_sent": resident_messages(resident.pk)})
