"""The 360° timelines' API routes (`insights-api:talent-timeline`, `…:enterprise-timeline`);
see timeline_api.py."""

from django.urls import path

from .timeline_api import EnterpriseTimelineView, TalentTimelineView

urlpatterns: list = [
    path("talents/<int:pk>/timeline/", TalentTimelineView.as_view(), name="talent-timeline"),
    path(
        "enterprises/<int:pk>/timeline/",
        EnterpriseTimelineView.as_view(),
        name="enterprise-timeline",
    ),
]
