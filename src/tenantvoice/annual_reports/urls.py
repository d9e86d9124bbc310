"""The annual report's pages. ``tenantvoice/urls.py`` mounts officers' pages under /staff/,
residents' under /my/ and the published report at /annual-report/ (decision 0031)."""

from django.urls import path

from . import public_views, views

# Under /staff/, names "staff:...".
staff_urls = [
    path("reports/annual-report/", views.report_list, name="annual-reports"),
    path("reports/annual-report/start/", views.report_start, name="annual-report-start"),
    path("reports/annual-report/<int:pk>/", views.report_detail, name="annual-report"),
    path("reports/annual-report/<int:pk>/preview/", views.report_preview, name="annual-report-preview"),
    path(
        "reports/annual-report/<int:pk>/preview/easy-read/",
        views.report_easy_read_preview,
        name="annual-report-easy-read-preview",
    ),
    path("reports/annual-report/<int:pk>/pdf/", views.report_pdf_view, name="annual-report-pdf"),
    path("reports/annual-report/<int:pk>/words/", views.report_words, name="annual-report-words"),
    path("reports/annual-report/<int:pk>/redraw/", views.report_redraw_view, name="annual-report-redraw"),
    path("reports/annual-report/<int:pk>/drawing/", views.report_drawing, name="annual-report-drawing"),
    path("reports/annual-report/<int:pk>/approve/", views.report_approve_view, name="annual-report-approve"),
    path("reports/annual-report/<int:pk>/reopen/", views.report_reopen_view, name="annual-report-reopen"),
    path("reports/annual-report/<int:pk>/publish/", views.report_publish_view, name="annual-report-publish"),
    path("reports/annual-report/<int:pk>/letters/", views.report_letters_view, name="annual-report-letters"),
    path(
        "reports/annual-report/chapters/<int:pk>/words/",
        views.chapter_narrative,
        name="annual-report-chapter-words",
    ),
    path(
        "reports/annual-report/chapters/<int:pk>/redraw/",
        views.chapter_redraw_view,
        name="annual-report-chapter-redraw",
    ),
    path(
        "reports/annual-report/chapters/<int:pk>/include/",
        views.chapter_include_view,
        name="annual-report-chapter-include",
    ),
    path(
        "reports/annual-report/comments/<int:pk>/reply/",
        views.comment_reply_view,
        name="annual-report-comment-reply",
    ),
    path(
        "reports/annual-report/comments/<int:pk>/read/",
        views.comment_read_view,
        name="annual-report-comment-read",
    ),
]

# Under /my/, names "portal:...".
portal_urls = [
    path("annual-report/<int:year>/comment/", public_views.report_comment, name="annual-report-comment"),
]

# At the root, names without a namespace: anyone may read a published report.
public_urls = [
    path("annual-report/", public_views.published_list, name="annual-reports"),
    path("annual-report/<int:year>/", public_views.published_report, name="annual-report"),
    path(
        "annual-report/<int:year>/easy-read/",
        public_views.published_easy_read,
        name="annual-report-easy-read",
    ),
    path("annual-report/<int:year>/pdf/", public_views.published_pdf, name="annual-report-pdf"),
]
