from django.urls import path

from .views import public

# No app_name: "you-said-we-did" is the name every page, message and test already reverses.
urlpatterns = [
    path("", public.outcome_list, name="you-said-we-did"),
]
