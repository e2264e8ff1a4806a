"""The statistics' pages under /insights/: URL names are `insights:<name>` (see views/)."""

from django.urls import path

from .views import stub

app_name = "insights"

urlpatterns = [
    path("", stub, name="overview"),
    path("figures/", stub, name="figures"),
    path("reports/", stub, name="reports"),
]
