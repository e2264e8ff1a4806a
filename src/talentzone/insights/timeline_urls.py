"""The 360° pages (跟踪服务): /insights/talents/<pk>/ and /insights/enterprises/<pk>/
(`insights:talent-timeline`, `insights:enterprise-timeline`); see views/timeline.py."""

from django.urls import path

from .views import timeline

urlpatterns: list = [
    path("talents/<int:pk>/", timeline.talent_timeline, name="talent-timeline"),
    path("enterprises/<int:pk>/", timeline.enterprise_timeline, name="enterprise-timeline"),
]
