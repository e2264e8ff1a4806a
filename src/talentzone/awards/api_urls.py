"""/api/v1/awards/…: rounds, nominations, experts' assignments, rankings and objections
(namespace `awards-api`; the pages are `awards:`)."""

from rest_framework.routers import DefaultRouter

from . import api

app_name = "awards-api"

router = DefaultRouter()
router.register("rounds", api.RoundViewSet, basename="round")
router.register("experts", api.ExpertViewSet, basename="expert")
router.register("nominations", api.NominationViewSet, basename="nomination")
router.register("assignments", api.AssignmentViewSet, basename="assignment")
router.register("entries", api.EntryViewSet, basename="entry")
router.register("objections", api.ObjectionViewSet, basename="objection")

urlpatterns = router.urls
