"""The public "you said, we did" page. ``tenantvoice/urls.py`` mounts the list once (decision 0031)."""

from django.urls import path

from .views import public

# At the site's root; not namespaced: "you-said-we-did" is the name every page, message and
# test already reverses.
public_urls = [
    path("you-said-we-did/", public.outcome_list, name="you-said-we-did"),
]
