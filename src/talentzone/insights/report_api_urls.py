"""Routes of the reports' API (/api/v1/insights/reports/; included by insights/api_urls.py)."""

from rest_framework.routers import DefaultRouter

from .report_api import ReportViewSet

router = DefaultRouter()
router.include_root_view = False  # insights/api_urls.py's router has the root
router.register("reports", ReportViewSet, basename="report")

urlpatterns = router.urls
