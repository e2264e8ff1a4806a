"""recruiting's pages under /recruiting/: URL names are `recruiting:<name>` (see views/)."""

from django.urls import path

from .views import candidates, demands, matches, office, referrals

app_name = "recruiting"

urlpatterns = [
    # Demands
    path("", demands.demand_list, name="demand-list"),
    path("demands/new/", demands.demand_create, name="demand-create"),
    path("demands/<int:pk>/", demands.demand_detail, name="demand-detail"),
    path("demands/<int:pk>/edit/", demands.demand_edit, name="demand-edit"),
    path("demands/<int:pk>/close/", demands.demand_close, name="demand-close"),
    path("demands/<int:pk>/reopen/", demands.demand_reopen, name="demand-reopen"),
    # Matching
    path("demands/<int:pk>/matches/", matches.match_list, name="demand-matches"),
    path(
        "demands/<int:pk>/candidates/<int:talent>/",
        matches.candidate_explain,
        name="candidate-explain",
    ),
    path("demands/<int:pk>/refer/", matches.referral_create, name="referral-create"),
    path("candidates/<int:talent>/demands/", matches.candidate_demands, name="candidate-demands"),
    path("jobs/", matches.jobs_for_me, name="jobs-for-me"),
    # Referrals
    path("pipeline/", referrals.pipeline, name="pipeline"),
    path("referrals/<int:pk>/", referrals.referral_detail, name="referral-detail"),
    path("referrals/<int:pk>/screen/", referrals.referral_screen, name="referral-screen"),
    path("referrals/<int:pk>/interviews/", referrals.interview_schedule, name="interview-schedule"),
    path("interviews/<int:pk>/record/", referrals.interview_record, name="interview-record"),
    path("referrals/<int:pk>/offer/", referrals.referral_offer, name="referral-offer"),
    path("referrals/<int:pk>/hire/", referrals.referral_hire, name="referral-hire"),
    path("referrals/<int:pk>/reject/", referrals.referral_reject, name="referral-reject"),
    path("referrals/<int:pk>/decline/", referrals.referral_decline, name="referral-decline"),
    path("referrals/<int:pk>/withdraw/", referrals.referral_withdraw, name="referral-withdraw"),
    # Candidates
    path("profile/", candidates.my_profile, name="my-profile"),
    path(
        "candidates/<int:talent>/profile/", candidates.candidate_profile, name="candidate-profile"
    ),
    path("pool/", candidates.pool, name="pool"),
    path("pool/new/", candidates.candidate_register, name="candidate-register"),
    # The office's lists
    path("projects/", office.project_list, name="project-list"),
    path("projects/new/", office.project_create, name="project-create"),
    path("projects/<int:pk>/", office.project_detail, name="project-detail"),
    path("projects/<int:pk>/edit/", office.project_edit, name="project-edit"),
    path("skills/", office.skill_list, name="skill-list"),
    path("skills/new/", office.skill_create, name="skill-create"),
    path("skills/<int:pk>/edit/", office.skill_edit, name="skill-edit"),
    path("agencies/performance/", office.agency_performance, name="agency-performance"),
]
