"""/api/v1/policies/…: the application engine's REST API (namespace `policies-api`; the pages
are `policies:`)."""

from rest_framework.routers import DefaultRouter

from . import api

app_name = "policies-api"

router = DefaultRouter()
router.register("policies", api.PolicyViewSet, basename="policy")
router.register("applications", api.ApplicationViewSet, basename="application")
router.register("objections", api.ObjectionViewSet, basename="objection")
router.register("offers", api.OfferViewSet, basename="offer")
router.register("budget-lines", api.BudgetLineViewSet, basename="budgetline")

urlpatterns = router.urls
