"""/api/v1/insights/…: every figure as JSON, the 360° timelines and the reports
(namespace `insights-api`; the pages are `insights:`)."""

from rest_framework.routers import DefaultRouter

from . import report_api_urls, timeline_api_urls
from .api import FigureViewSet

app_name = "insights-api"

router = DefaultRouter()
router.register("figures", FigureViewSet, basename="figure")

urlpatterns = router.urls + timeline_api_urls.urlpatterns + report_api_urls.urlpatterns
