"""The one error a rule raises when it refuses a change (decision 0035).

Every app's refusal (``SurveyError``, ``InvolvementError``, ``ActivityError`` ...) extends
``DomainError``. Its message is for the person who asked, in plain English, so a page shows it
in the error summary and the API returns it as it is. ``field`` names the one input the refusal
is about, when there is one, so a form can put the message beside that input and the API can
answer ``{field: [message]}``; without it the refusal is about the request as a whole.

``DomainError`` is a ``ValueError`` on purpose: code that caught ``ValueError`` from a service
before the change (the bare ``raise ValueError`` of the register's services, the commands that
turn one into a ``CommandError``) keeps working while callers move to ``except DomainError``.
"""

from __future__ import annotations

# The key DRF and Django forms use for an error that belongs to no one field.
NON_FIELD_ERRORS = "non_field_errors"


class DomainError(ValueError):
    """A change the rules do not allow; the message says why, in words the person understands.

    A subclass may set ``field`` as a class attribute when every instance is about the same
    input (``LateNotice`` is always about the reason for late notice).
    """

    field: str | None = None

    def __init__(self, message: str = "", *, field: str | None = None) -> None:
        super().__init__(message)
        if field is not None:
            self.field = field

    @property
    def message(self) -> str:
        return str(self)

    @property
    def messages(self) -> list[str]:
        """Each reason on its own, for a list on a page or the API's list of errors."""
        return [str(self)]

    def as_dict(self) -> dict[str, list[str]]:
        """``{field: [message, ...]}``, with ``non_field_errors`` when it names no field."""
        return {self.field or NON_FIELD_ERRORS: self.messages}
