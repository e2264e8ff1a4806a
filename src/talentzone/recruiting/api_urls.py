"""/api/v1/recruiting/…: demands, matches, candidates and referrals (namespace
`recruiting-api`; the pages are `recruiting:`)."""

from rest_framework.routers import DefaultRouter

from . import api

app_name = "recruiting-api"

router = DefaultRouter()
router.register("skills", api.SkillViewSet, basename="skill")
router.register("projects", api.ProjectViewSet, basename="project")
router.register("demands", api.DemandViewSet, basename="demand")
router.register("candidates", api.CandidateViewSet, basename="candidate")
router.register("profiles", api.ProfileViewSet, basename="profile")
router.register("pool", api.PoolViewSet, basename="pool")
router.register("referrals", api.ReferralViewSet, basename="referral")
router.register("interviews", api.InterviewViewSet, basename="interview")
router.register("agency-performance", api.AgencyPerformanceViewSet, basename="agency-performance")

urlpatterns = router.urls
