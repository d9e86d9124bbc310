from django.urls import path

from .views import staff_sends as send_views

app_name = "sends"
urlpatterns = [
    path("", send_views.send_list, name="list"),
    path("<int:pk>/", send_views.send_progress, name="progress"),
    path("<int:pk>/carry-on/", send_views.send_carry_on, name="carry-on"),
]
