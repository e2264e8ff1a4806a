"""The statistics' pages under /insights/: URL names are `insights:<name>` (see views/)."""

from django.urls import path

from . import report_urls, timeline_urls
from .views import figures, overview

app_name = "insights"

urlpatterns = [
    path("", overview.overview, name="overview"),
    path("figures/", figures.figures, name="figures"),
    path("figures/<str:key>/", figures.figure, name="figure"),
    path(
        "figures/<str:key>/data.csv",
        figures.figure_data,
        {"extension": "csv"},
        name="figure-csv",
    ),
    path(
        "figures/<str:key>/data.xlsx",
        figures.figure_data,
        {"extension": "xlsx"},
        name="figure-xlsx",
    ),
]
# The 360° pages and the reports keep their routes beside their views.
urlpatterns += timeline_urls.urlpatterns + report_urls.urlpatterns
