from django.urls import path

from .views import staff as views

app_name = "staff-consultations"
urlpatterns = [
    path("", views.staff_list, name="list"),
    path("new/", views.staff_new, name="new"),
    path("<int:pk>/", views.staff_detail, name="consultation-detail"),
    path("<int:pk>/open/", views.staff_open, name="open"),
    path("<int:pk>/replies/new/", views.staff_reply, name="reply"),
    path("<int:pk>/decide/", views.staff_decide, name="decide"),
    path("<int:pk>/feedback/", views.staff_feedback, name="feedback"),
    path("<int:pk>/documents/new/", views.staff_document, name="document"),
    path("<int:pk>/edit/", views.staff_edit, name="consultation-edit"),
    path("documents/<int:pk>/remove/", views.staff_document_remove, name="consultation-document-remove"),
]
