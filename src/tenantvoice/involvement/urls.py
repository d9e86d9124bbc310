"""Getting involved: the public menu and levels, and the resident's own requests."""

from django.urls import path

from .views import resident as involvement
from .views import resident_elections as elections

app_name = "involvement"
urlpatterns = [
    path("", involvement.menu, name="menu"),
    path("levels/", involvement.levels, name="levels"),
    path("how-we-involve-residents/", involvement.how_we_involve, name="how"),
    path("mine/", involvement.mine, name="mine"),
    path("levels/<slug:slug>/join/", involvement.join, name="join"),
    path("mine/<int:pk>/leave/", involvement.leave, name="leave"),
    path("mine/<int:pk>/offer/", involvement.answer_offer, name="offer"),
    path("elections/", elections.elections, name="elections"),
    path("elections/<int:pk>/vote/", elections.ballot, name="ballot"),
    path("elections/<int:pk>/results/", elections.results, name="results"),
]
