"""Page-numbered lists; callers may ask for bigger pages up to a cap."""

from __future__ import annotations

from rest_framework.pagination import PageNumberPagination


class ApiPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    # 500 keeps one response well under a few megabytes and one page's queries cheap.
    max_page_size = 500
