"""/api/v1/venues/…: venues (and a day's slots), bookings (cancel, decide) and the free-room
finder (namespace `venues-api`; the pages are `venues:`)."""

from rest_framework.routers import DefaultRouter

from . import api

app_name = "venues-api"

router = DefaultRouter()
router.register("venues", api.VenueViewSet, basename="venue")
router.register("bookings", api.BookingViewSet, basename="booking")
router.register("find-free", api.FindFreeViewSet, basename="find-free")

urlpatterns = router.urls
