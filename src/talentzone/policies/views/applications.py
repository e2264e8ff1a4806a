"""Pages of the policies app: see urls.py (placeholder until built)."""

from django.http import HttpResponse
from django.urls import path


def placeholder(request, *args, **kwargs):
    return HttpResponse("")


urlpatterns: list = []
urlpatterns += [
    path("applications/<int:pk>/", placeholder, name="application-detail"),
    path("offers/", placeholder, name="offer-list"),
]
