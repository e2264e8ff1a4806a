"""/api/v1/directory/…: the registry's REST API. Its own namespace keeps its URL names apart
from the pages' (`directory:talent-list` is a page, `directory-api:talent-list` the API)."""

from rest_framework.routers import DefaultRouter

from . import api, import_api

app_name = "directory-api"

router = DefaultRouter()
router.register("talents", api.TalentViewSet, basename="talent")
router.register("enterprises", api.EnterpriseViewSet, basename="enterprise")
router.register("credentials", api.CredentialViewSet, basename="credential")
router.register("platforms", api.PlatformViewSet, basename="platform")
router.register("ventures", api.VentureViewSet, basename="venture")
router.register("agencies", api.AgencyViewSet, basename="agency")
router.register("stations", api.StationViewSet, basename="station")
router.register("grids", api.GridViewSet, basename="grid")
router.register("grid-teams", api.GridTeamViewSet, basename="gridteam")
router.register("departments", api.DepartmentViewSet, basename="department")
router.register("tiers", api.TalentTierViewSet, basename="talenttier")
router.register("imports", import_api.ImportJobViewSet, basename="importjob")

urlpatterns = router.urls
