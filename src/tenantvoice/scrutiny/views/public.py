"""What residents and anyone may read: published reviews (the panel's report, the landlord's
response to each recommendation and the progress of the actions), the public scrutiny
tracker, and the files, each of which checks its own reader."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from ..selectors import (
    access_evidence_file_for_user,
    access_published_review_for_anyone,
    access_report_file_for_user,
    published_reviews,
)
from .staff import tracker_page

PAGE_SIZE = 20


def reviews(request: HttpRequest) -> HttpResponse:
    page_obj = Paginator(published_reviews(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "scrutiny/public_list.html", {"page_obj": page_obj})


def review(request: HttpRequest, pk: int) -> HttpResponse:
    return render(
        request,
        "scrutiny/public_detail.html",
        {"review": access_published_review_for_anyone(pk), "today": timezone.localdate()},
    )


def tracker(request: HttpRequest) -> HttpResponse:
    return tracker_page(request, public=True, template="scrutiny/public_tracker.html")


def evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    evidence = access_evidence_file_for_user(request.user, pk)
    return FileResponse(
        evidence.file.open("rb"), as_attachment=True, filename=evidence.file.name.rsplit("/", 1)[-1]
    )


def report_file(request: HttpRequest, pk: int) -> FileResponse:
    found = access_report_file_for_user(request.user, pk)
    return FileResponse(
        found.report_file.open("rb"), as_attachment=True, filename=found.report_file.name.rsplit("/", 1)[-1]
    )
