"""Errors as JSON with plain messages, never an HTML 500 page.

This is the one place a service's refusal (``core.errors.DomainError``) becomes a 400 with
``{field: [message]}`` (decision 0035), so serializers and viewsets do not repeat the rules
or catch each app's error themselves."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from tenantvoice.core.errors import DomainError


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DjangoValidationError | IntegrityError | DomainError):
        # As DRF does for its own errors: nothing half-written survives if requests are atomic.
        set_rollback()
    if isinstance(exc, DomainError):
        return Response(exc.as_dict(), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        return Response(detail, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, IntegrityError):
        return Response(
            {
                "non_field_errors": [
                    "This would duplicate or break a link to another record. Check the references."
                ]
            },
            status=status.HTTP_400_BAD_REQUEST,
        )
    return drf_exception_handler(exc, context)
