"""Routes of the reports' pages (filled in by its work)."""

from django.urls import path

from .views import stub

urlpatterns: list = [path("reports/", stub, name="reports")]
