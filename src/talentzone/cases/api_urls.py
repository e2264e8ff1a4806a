"""/api/v1/cases/…: the case desk — categories, cases and their actions, consultations and
their tasks, grid visits and plans, leaders' liaisons and the grid overview (namespace
`cases-api`; the pages are `cases:`)."""

from rest_framework.routers import DefaultRouter

from . import api

app_name = "cases-api"

router = DefaultRouter()
router.register("categories", api.CategoryViewSet, basename="category")
router.register("cases", api.CaseViewSet, basename="case")
router.register("consultations", api.ConsultationViewSet, basename="consultation")
router.register("tasks", api.TaskViewSet, basename="task")
router.register("visits", api.VisitViewSet, basename="visit")
router.register("visit-plans", api.VisitPlanViewSet, basename="visit-plan")
router.register("liaisons", api.LiaisonViewSet, basename="liaison")
router.register("grid-overview", api.GridOverviewViewSet, basename="grid-overview")

urlpatterns = router.urls
