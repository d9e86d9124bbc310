from django.urls import path

from .views import staff as views

app_name = "audiences"
urlpatterns = [
    path("", views.segment_list, name="list"),
    path("new/", views.segment_new, name="new"),
    path("<int:pk>/", views.segment_detail, name="segment-detail"),
    path("<int:pk>/delete/", views.segment_delete, name="segment-delete"),
]
