"""Request bodies over the configured limit are refused before they are read, and nothing a
signed-in person sees is cached (issue 11, item 10)."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client, override_settings

from tenantvoice.accounts.models import User
from tenantvoice.core.uploads import DOCUMENT_MAX_MB
from tenantvoice.residents.models import Resident
from tenantvoice.residents.views.staff_imports import MAX_UPLOAD_MB
from tenantvoice.surveys.models import Response
from tenantvoice.surveys.services import question_add
from tests.api.conftest import session_client, token_client
from tests.factories import SurveyFactory

pytestmark = pytest.mark.django_db

README = Path(__file__).resolve().parents[2] / "README.md"


class Unreadable(io.RawIOBase):
    """A request body that fails the test if anything reads it."""

    def read(self, size: int = -1) -> bytes:
        raise AssertionError("the body was read")

    def readline(self, size: int | None = -1) -> bytes:
        raise AssertionError("the body was read")


def test_an_anonymous_body_over_the_limit_is_refused_before_it_is_read(client: Client) -> None:
    too_big = str(settings.TENANTVOICE_MAX_REQUEST_BYTES + 1)
    for path in ("/accounts/sign-in/", "/api/v1/residents/", "/s/open/1/"):
        answer = client.generic(
            "POST",
            path,
            b"",
            "application/octet-stream",
            CONTENT_LENGTH=too_big,
            **{"wsgi.input": Unreadable()},
        )
        assert answer.status_code == 413, path
        assert answer["Connection"] == "close"
    api = client.generic(
        "POST", "/api/v1/residents/", b"", CONTENT_LENGTH=too_big, **{"wsgi.input": Unreadable()}
    )
    assert "201 MB" in api.json()["detail"]


@override_settings(TENANTVOICE_MAX_REQUEST_BYTES=1000)
def test_the_limit_is_a_setting_and_bodies_within_it_pass(client: Client) -> None:
    assert client.post("/accounts/sign-in/", {"email": "x" * 2000}).status_code == 413
    # Within the limit the page answers for itself: 400, the form has no password.
    assert client.post("/accounts/sign-in/", {"email": "someone@example.org"}).status_code == 400


def test_a_content_length_that_is_not_a_number_is_refused(client: Client) -> None:
    answer = client.generic(
        "POST", "/accounts/sign-in/", b"", CONTENT_LENGTH="-1", **{"wsgi.input": Unreadable()}
    )
    assert answer.status_code == 400


@override_settings(TENANTVOICE_MAX_REQUEST_BYTES=5000)
def test_a_chunked_body_without_a_length_is_cut_off_at_the_limit(officer: User) -> None:
    survey = SurveyFactory(title="Bins", status="open")
    question = question_add(survey=survey, kind="yes_no", text="Do you like the new bins?")
    api = token_client(officer)
    url = f"/api/v1/surveys/{survey.pk}/responses/"

    def chunked(body: bytes) -> int:
        return api.generic(
            "POST",
            url,
            b"",
            "application/json",
            CONTENT_LENGTH="",
            HTTP_TRANSFER_ENCODING="chunked",
            **{"wsgi.input": io.BytesIO(body)},
        ).status_code

    small = json.dumps({"channel": "import", "answers": {str(question.pk): ["yes"]}}).encode()
    assert chunked(small) == 201  # read in full and taken as a body of that length
    assert chunked(b" " * 6000 + small) == 413
    assert Response.objects.count() == 1


def test_the_default_limit_fits_the_largest_upload_and_the_readme_gives_the_proxy_the_same() -> None:
    limit = settings.TENANTVOICE_MAX_REQUEST_BYTES
    assert limit > MAX_UPLOAD_MB * 1024 * 1024 and limit > DOCUMENT_MAX_MB * 1024 * 1024
    documented = re.search(r"client_max_body_size (\d+)m", README.read_text())
    assert documented is not None and int(documented.group(1)) * 1024 * 1024 == limit


@pytest.mark.parametrize("path", ["/staff/", "/staff/residents/", "/staff/audit/", "/my/"])
def test_pages_for_signed_in_people_are_never_stored(
    officer_client: Client, tenant_user: User, path: str
) -> None:
    client = officer_client if path.startswith("/staff/") else Client()
    if path == "/my/":
        from tests.conftest import sign_in

        sign_in(client, tenant_user)
    answer = client.get(path)
    assert answer.status_code in (200, 403), path
    assert "no-store" in answer["Cache-Control"], path


def test_a_staff_resident_page_and_the_api_in_a_browser_are_never_stored(
    officer_client: Client, officer: User, tess: Resident
) -> None:
    assert "no-store" in officer_client.get(f"/staff/residents/{tess.pk}/")["Cache-Control"]
    assert "no-store" in session_client(officer).get("/api/v1/residents/")["Cache-Control"]


def test_public_pages_for_visitors_may_be_cached(client: Client) -> None:
    assert "no-store" not in client.get("/calendar/").get("Cache-Control", "")
