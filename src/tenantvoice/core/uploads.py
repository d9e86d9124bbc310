"""The documents officers upload (meeting papers, consultation documents, drafts for the readers
panel): one rule for what is accepted, with the reason in plain words."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

DOCUMENT_TYPES = (".pdf", ".doc", ".docx", ".odt", ".rtf", ".txt")
DOCUMENT_MAX_MB = 20


def document_problem(upload: Any, max_mb: int = DOCUMENT_MAX_MB) -> str:
    """Why an uploaded document cannot be taken, or "" when it can."""
    if not (getattr(upload, "name", "") or "").lower().endswith(DOCUMENT_TYPES):
        return "Upload a PDF, Word, OpenDocument or text file."
    if (getattr(upload, "size", 0) or 0) > max_mb * 1024 * 1024:
        return f"The file is bigger than {max_mb} MB. Make it smaller and try again."
    return ""


@contextmanager
def upload_on_disk(upload: Any) -> Iterator[Path]:
    """The uploaded file written to a private temporary folder (readers of CSV and Excel want a
    path), removed afterwards whatever happens."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "upload"
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        yield path
