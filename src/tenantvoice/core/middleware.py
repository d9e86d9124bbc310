"""Security headers that Django does not set itself, the request size limit, and no caching of
what signed-in people see."""

import tempfile
from collections.abc import Callable

from django.conf import settings
from django.core.handlers.wsgi import LimitedStream
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import add_never_cache_headers

# No inline script or style and no third-party origin: pages work without JavaScript
# and nothing is loaded from a CDN at run time.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'"
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith("/api/v1/schema/"):
            response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response


class RequestSizeLimitMiddleware:
    """Refuses a request body over ``TENANTVOICE_MAX_REQUEST_BYTES`` with 413 before any of it
    is read: by its Content-Length, or, for a chunked body that gives none, as soon as the bytes
    read pass the limit. Sits near the top of MIDDLEWARE so that nothing reads the body first."""

    CHUNK = 64 * 1024

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit: int = settings.TENANTVOICE_MAX_REQUEST_BYTES
        declared = request.META.get("CONTENT_LENGTH") or ""
        if declared:
            if not declared.isdigit():
                return _plain(request, 400, "The request's Content-Length is not a number.")
            if int(declared) > limit:
                return _too_large(request, limit)
        elif "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower():
            spooled = self._spool(request, limit)
            if spooled is None:
                return _too_large(request, limit)
        return self.get_response(request)

    def _spool(self, request: HttpRequest, limit: int) -> int | None:
        """Read a chunked body (the server has undone the chunking) into a spooled file, up to
        the limit, and give it to Django as a body of known length; None when it is too large."""
        source = request.META.get("wsgi.input")
        if source is None:  # ASGI reads the body before middleware: the proxy's limit applies
            return 0
        body = tempfile.SpooledTemporaryFile(max_size=settings.FILE_UPLOAD_MAX_MEMORY_SIZE)  # noqa: SIM115
        size = 0
        while chunk := source.read(self.CHUNK):
            size += len(chunk)
            if size > limit:
                body.close()
                return None
            body.write(chunk)
        body.seek(0)
        request.META["CONTENT_LENGTH"] = str(size)
        request._stream = LimitedStream(body, size)  # type: ignore[arg-type,assignment]
        return size


def _plain(request: HttpRequest, status: int, text: str) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": text}, status=status)
    return HttpResponse(text, status=status, content_type="text/plain; charset=utf-8")


def _too_large(request: HttpRequest, limit: int) -> HttpResponse:
    response = _plain(
        request,
        413,
        f"This is more than the {limit // (1024 * 1024)} MB this site takes in one go. "
        "Send a smaller file, or split it and send each part.",
    )
    response["Connection"] = "close"  # the unread body is not left on the connection
    return response


class NoStoreForSignedInMiddleware:
    """Every answer to a signed-in person (staff pages, the portal, the API in a browser) is
    ``Cache-Control: no-store``: pages full of personal data must not stay in a shared
    computer's cache or a proxy's. The portal's pages were already ``never_cache``; this does
    it once for all, so no staff page can forget."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response
