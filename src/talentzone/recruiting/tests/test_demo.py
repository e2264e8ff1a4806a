"""The demo's recruiting: skills, projects, profiles, demands and referrals in every stage.

The demo is seeded once for the module at a small scale (the registry first, with `seed
--registry-only`, which must leave recruiting out; then `seed` with the policies left out, so
only recruiting is added), inside a transaction rolled back after the module: its audit records
and timelines cannot be deleted, only never committed.
"""

import datetime
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone, translation

from talentzone.core.models import User
from talentzone.directory.choices import TalentStatus
from talentzone.directory.models import Talent
from talentzone.recruiting import queries, search
from talentzone.recruiting.choices import (
    LIVE_REFERRAL_STATUSES,
    ConsentMethod,
    DemandStatus,
    InterviewOutcome,
    ReferralStatus,
)
from talentzone.recruiting.demo import demands as catalogue
from talentzone.recruiting.demo import projects, recruiting_counts, seed_recruiting, skills
from talentzone.recruiting.models import (
    CandidateProfile,
    Demand,
    DemandSkill,
    Interview,
    Project,
    Referral,
    Skill,
    split_words,
)

pytestmark = pytest.mark.django_db

SCALE = "0.01"
SEED_COMMAND = "talentzone.directory.management.commands.seed"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """Yields what `seed --registry-only` and then `seed` printed (the policies left out:
    what is tested here does not need them)."""
    index = tmp_path_factory.mktemp("demo-index")
    with (
        django_db_blocker.unblock(),
        override_settings(TALENTZONE_MATCH_INDEX_DIR=index),
        translation.override("en"),
        transaction.atomic(),
    ):
        registry_only = StringIO()
        call_command("seed", "--scale", SCALE, "--registry-only", stdout=registry_only)
        assert not Skill.objects.exists() and not Demand.objects.exists()
        out = StringIO()
        with mock.patch(f"{SEED_COMMAND}.seed_policies", return_value=False):
            call_command("seed", "--scale", SCALE, stdout=out)
        yield registry_only.getvalue(), out.getvalue()
        transaction.set_rollback(True)


def accounts() -> dict[str, User]:
    return User.objects.in_bulk(["hr", "agency", "talent", "office"], field_name="username")


def test_the_seed_command_adds_recruiting_and_counts_it(demo):
    registry_only, summary = demo
    assert "recruiting" not in registry_only.lower()
    assert "Seeded the demo recruiting" in summary
    with translation.override("en"):  # the summary was printed in English (the fixture)
        counts = recruiting_counts()
    for label, count in counts:
        assert f"  {label}: {count}" in summary
    assert f"demands: {Demand.objects.count()}" in summary


def test_seeding_again_adds_nothing(demo):
    before = (Demand.objects.count(), Referral.objects.count(), CandidateProfile.objects.count())
    assert seed_recruiting(float(SCALE)) is False
    after = (Demand.objects.count(), Referral.objects.count(), CandidateProfile.objects.count())
    assert after == before


def test_a_zone_of_scale_one_or_more_gets_300_demands():
    assert catalogue.demand_count(1) == catalogue.demand_count(100) == 300
    assert catalogue.demand_count(0.5) == 150


def test_the_lists_are_there(demo):
    assert Skill.objects.count() == len(skills.SKILLS) >= 80
    assert Project.objects.count() == len(projects.PROJECTS) >= 30
    assert Demand.objects.count() == catalogue.demand_count(float(SCALE)) == 120
    statuses = set(Demand.objects.values_list("status", flat=True))
    assert {DemandStatus.OPEN, DemandStatus.CLOSED} <= statuses
    high_level = Demand.objects.filter(high_level=True)
    assert high_level.exists()
    assert not high_level.filter(project__isnull=True).exists()


def test_every_referral_status_is_present(demo):
    statuses = set(Referral.objects.values_list("status", flat=True))
    assert statuses == set(ReferralStatus.values)


def test_every_demand_skill_is_the_lists_or_free_text(demo):
    words = {}
    for skill in Skill.objects.all():
        for word in [skill.name, *skill.synonym_list]:
            words[word.lower()] = skill.pk
    rows = list(DemandSkill.objects.all())
    assert rows
    for row in rows:
        assert row.skill_id == words.get(row.text.lower()), row.text
        if row.required:
            assert row.skill_id is not None, row.text  # the demo requires only listed skills
    assert DemandSkill.objects.filter(skill__isnull=True).exists()  # some free text


def test_no_referral_violates_its_demands_required_requirements(demo):
    referrals = Referral.objects.select_related("demand", "talent__tier", "talent__profile")
    for referral in referrals:
        assert search.violations(referral.demand, referral.talent) == [], referral


def test_every_referral_has_its_timeline(demo):
    for referral in Referral.objects.prefetch_related("events", "interviews"):
        events = list(referral.events.all())
        assert events[0].from_status == "" and events[0].to_status == ReferralStatus.REFERRED
        assert events[-1].to_status == referral.status
        interviews = list(referral.interviews.all())
        if referral.status in (ReferralStatus.INTERVIEW, ReferralStatus.OFFERED):
            assert interviews
        if referral.status in (ReferralStatus.OFFERED, ReferralStatus.HIRED):
            assert any(i.outcome == InterviewOutcome.PASSED for i in interviews)
        for interview in interviews:
            # Held at the seeding (the outcome recorded), or in the ten days to come.
            ahead = interview.starts_at - referral.created_at
            if interview.outcome == InterviewOutcome.PENDING:
                assert datetime.timedelta(hours=1) < ahead < datetime.timedelta(days=11)
            else:
                assert datetime.timedelta(0) < ahead < datetime.timedelta(minutes=5)
        if referral.status == ReferralStatus.HIRED:
            assert referral.hired_on == timezone.localdate()


def test_every_agency_candidate_has_an_open_profile_with_consent(demo):
    candidates = Talent.objects.filter(status=TalentStatus.CANDIDATE, agency__isnull=False)
    assert candidates.exists()
    for talent in candidates.select_related("profile__consent_recorded_by"):
        profile = talent.profile
        assert profile.open_to_offers and profile.consent_at and profile.consent_method
        recorder = profile.consent_recorded_by
        assert recorder.memberships.filter(agency_id=talent.agency_id).exists()
    methods = set(
        CandidateProfile.objects.filter(talent__in=candidates).values_list(
            "consent_method", flat=True
        )
    )
    assert len(methods) > 1
    registry = CandidateProfile.objects.filter(talent__status=TalentStatus.IN_ZONE)
    assert set(registry.values_list("consent_method", flat=True)) == {ConsentMethod.ONLINE}
    in_zone = Talent.objects.filter(status=TalentStatus.IN_ZONE).count()
    assert 0.2 * in_zone <= registry.count() <= 0.4 * in_zone
    summaries = registry.exclude(summary="").count()
    assert summaries == registry.count()


def test_the_hr_account_has_referrals_to_screen_and_an_interview_to_come(demo):
    hr = accounts()["hr"]
    enterprise_id = hr.memberships.get().enterprise_id
    demands = queries.visible_demands(hr).filter(enterprise_id=enterprise_id)
    assert demands.filter(status=DemandStatus.OPEN).exists()
    referrals = queries.visible_referrals(hr)
    assert referrals.filter(status=ReferralStatus.REFERRED).exists()
    coming = Interview.objects.filter(
        referral__in=referrals, outcome=InterviewOutcome.PENDING, starts_at__gt=timezone.now()
    )
    assert coming.exists()


def test_the_agency_account_has_a_pool_and_referrals_in_every_stage(demo):
    agency = accounts()["agency"]
    agency_id = agency.memberships.get().agency_id
    own = queries.pool_candidates(agency).filter(agency_id=agency_id)
    assert own.exists()
    statuses = set(queries.visible_referrals(agency).values_list("status", flat=True))
    assert statuses == set(ReferralStatus.values)


def test_the_talent_account_has_an_open_profile_a_referral_and_fitting_demands(demo):
    user = accounts()["talent"]
    talent = Talent.objects.select_related("profile", "tier").get(user=user)
    assert talent.profile.open_to_offers
    assert talent.profile.consent_method == ConsentMethod.ONLINE
    assert talent.profile.consent_recorded_by == user
    referrals = queries.visible_referrals(user)
    assert referrals.filter(status__in=LIVE_REFERRAL_STATUSES).exists()
    assert search.demands_for(talent, user)


def test_demand_descriptions_name_their_requirements(demo):
    for demand in Demand.objects.filter(high_level=False).prefetch_related("skills")[:50]:
        assert demand.description.startswith("岗位职责：")
        for row in demand.skills.all():
            assert row.text in demand.description
        for major in split_words(demand.majors):
            assert major in demand.description
