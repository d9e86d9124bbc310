from django.urls import path

from .views import staff as views

app_name = "programme"
urlpatterns = [
    path("", views.programme_list, name="list"),
    path("new/", views.programme_new, name="new"),
    path("<int:pk>/", views.programme_detail, name="programme-detail"),
    path("milestones/<int:pk>/done/", views.milestone_done_view, name="milestone-done"),
]
