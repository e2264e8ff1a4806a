"""/api/v1/housing/…: the talent apartments — communities (the board), flats, the queue,
allocation rounds, offers, leases, housing and schooling requests (namespace `housing-api`; the
pages are `housing:`)."""

from rest_framework.routers import DefaultRouter

from . import api

app_name = "housing-api"

router = DefaultRouter()
router.register("communities", api.CommunityViewSet, basename="community")
router.register("apartments", api.ApartmentViewSet, basename="apartment")
router.register("queue", api.QueueViewSet, basename="queue")
router.register("rounds", api.RoundViewSet, basename="round")
router.register("offers", api.OfferViewSet, basename="offer")
router.register("leases", api.LeaseViewSet, basename="lease")
router.register("housing-requests", api.HousingRequestViewSet, basename="housing-request")
router.register("schooling-requests", api.SchoolingRequestViewSet, basename="schooling-request")

urlpatterns = router.urls
