"""The documents officers upload (meeting papers, consultation documents, drafts for the readers
panel): one rule for what is accepted, with the reason in plain words."""

from __future__ import annotations

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
