"""/api/v1/events/…: events, registrations, check-in, certificates and followed stations
(namespace `events-api`; the pages are `events:`)."""

from rest_framework.routers import DefaultRouter

from . import api

app_name = "events-api"

router = DefaultRouter()
router.register("events", api.EventViewSet, basename="event")
router.register("registrations", api.RegistrationViewSet, basename="registration")
router.register("check-in", api.CheckInViewSet, basename="check-in")
router.register("certificates", api.CertificateViewSet, basename="certificate")
router.register("followed-stations", api.FollowedStationViewSet, basename="followed-station")
router.register("station-attendance", api.StationAttendanceViewSet, basename="station-attendance")

urlpatterns = router.urls
