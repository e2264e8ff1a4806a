"""Pages of the policies app: see urls.py (placeholder until built)."""

from django.http import HttpResponse


def placeholder(request, *args, **kwargs):
    return HttpResponse("")


urlpatterns: list = []
