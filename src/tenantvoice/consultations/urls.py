"""Consultations' pages: read by anyone and replied to by residents under /consultations/,
run by officers under /staff/consultations/. ``tenantvoice/urls.py`` mounts each list once
(decision 0031)."""

from django.urls import path

from .views import public, resident, staff

# At the site's root; names not namespaced.
public_urls = [
    path("consultations/", public.public_list, name="consultations"),
    path("consultations/<int:pk>/", public.public_detail, name="consultation"),
    path("consultations/<int:pk>/reply/", resident.public_reply, name="consultation-reply"),
    path("consultations/documents/<int:pk>/", public.document_download, name="consultation-document"),
]

# Under /staff/consultations/, names "staff-consultations:...".
staff_consultations_urls = [
    path("", staff.staff_list, name="list"),
    path("new/", staff.staff_new, name="new"),
    path("<int:pk>/", staff.staff_detail, name="consultation-detail"),
    path("<int:pk>/open/", staff.staff_open, name="open"),
    path("<int:pk>/replies/new/", staff.staff_reply, name="reply"),
    path("<int:pk>/decide/", staff.staff_decide, name="decide"),
    path("<int:pk>/feedback/", staff.staff_feedback, name="feedback"),
    path("<int:pk>/documents/new/", staff.staff_document, name="document"),
    path("<int:pk>/edit/", staff.staff_edit, name="consultation-edit"),
    path("documents/<int:pk>/remove/", staff.staff_document_remove, name="consultation-document-remove"),
]
