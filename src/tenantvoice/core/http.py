"""Small request helpers shared by the views."""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, QueryDict
from django.utils.datastructures import MultiValueDict


def posted(request: HttpRequest) -> QueryDict | None:
    """The POST data of a POST, else None. Unlike ``request.POST or None``, an empty POST (every
    box left empty) still binds the form, so that its "this is needed" messages are shown."""
    return request.POST if request.method == "POST" else None


def posted_files(request: HttpRequest) -> MultiValueDict[str, UploadedFile] | None:
    return request.FILES if request.method == "POST" else None
