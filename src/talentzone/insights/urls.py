"""The statistics' pages under /insights/: URL names are `insights:<name>` (see views/)."""

from django.urls import path

from . import report_urls, timeline_urls
from .views import stub

app_name = "insights"

urlpatterns = [
    path("", stub, name="overview"),
    path("figures/", stub, name="figures"),
]
# The 360° pages and the reports keep their routes beside their views.
urlpatterns += timeline_urls.urlpatterns + report_urls.urlpatterns
