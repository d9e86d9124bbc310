"""The stylesheet and scripts are served (a page without its CSS fails WCAG in many ways)."""

from __future__ import annotations

import pytest
from django.test import Client


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/static/tenantvoice/site.css", "/static/tenantvoice/import-progress.js"])
def test_static_files_are_served(client: Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert (
        b"".join(response.streaming_content) if hasattr(response, "streaming_content") else response.content
    )  # type: ignore[attr-defined]
