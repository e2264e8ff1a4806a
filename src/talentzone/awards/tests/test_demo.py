"""The demo's evaluations: the expert pool, the rounds in every state the demo shows, past
winners holding their rewards on the round's budget line and their credentials, the upheld
objection's promotion, the programme's outcomes, what the demo accounts see; the same
evaluations from the same registry and day, and nothing added by seeding again.

The demo is seeded once for the module at a small scale through `seed` (the other apps' demos
left out: the evaluations need only the registry and the demo accounts), inside a transaction
rolled back after the module.
"""

import datetime
import hashlib
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Sum
from django.test import override_settings
from django.utils import timezone, translation

from talentzone.awards import queries
from talentzone.awards.choices import (
    EntryStatus,
    NominationStatus,
    ObjectionStatus,
    Outcome,
    RoundCategory,
    RoundKind,
    RoundStatus,
)
from talentzone.awards.demo import awards_counts, catalogue, seed_awards
from talentzone.awards.models import (
    Assignment,
    Expert,
    Nomination,
    Objection,
    RankingEntry,
    Round,
    Score,
)
from talentzone.core.choices import Role
from talentzone.core.models import User
from talentzone.directory.choices import CredentialKind, Level
from talentzone.policies import ledger
from talentzone.policies.choices import ApplicationStatus
from talentzone.policies.models import LedgerEntry, Policy

pytestmark = pytest.mark.django_db

SCALE = "0.05"
SEED_COMMAND = "talentzone.directory.management.commands.seed"
OTHER_DEMOS = (
    "seed_policies",
    "seed_recruiting",
    "seed_venues",
    "seed_events",
    "seed_cases",
    "seed_housing",
    "seed_insights",
)


class Rollback(Exception):
    pass


def digest() -> str:
    rows = [
        list(
            Expert.objects.order_by("pk").values_list(
                "name", "affiliation", "employer__name", "active"
            )
        ),
        list(
            Round.objects.order_by("pk").values_list(
                "title", "status", "nominations_open", "ranked_on", "announced_on"
            )
        ),
        list(
            Nomination.objects.order_by("pk").values_list(
                "round__title", "talent__name", "achievements", "status", "refusal_reason"
            )
        ),
        list(
            Assignment.objects.order_by("pk").values_list(
                "nomination__talent__name", "expert__name", "conflict", "submitted_at"
            )
        ),
        list(Score.objects.order_by("pk").values_list("criterion__name", "points")),
        list(
            RankingEntry.objects.order_by("pk").values_list(
                "round__title", "rank", "nomination__talent__name", "score", "status", "outcome"
            )
        ),
    ]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """Yields (what `seed` printed, the digest of a direct seeding, the digest of the seed's)."""
    media = tmp_path_factory.mktemp("media")
    index = tmp_path_factory.mktemp("demo-index")
    patches = [mock.patch(f"{SEED_COMMAND}.{name}", return_value=False) for name in OTHER_DEMOS]
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media, TALENTZONE_MATCH_INDEX_DIR=index),
        translation.override("en"),
        transaction.atomic(),
    ):
        for patch in patches:
            patch.start()
        try:
            call_command("seed", "--scale", SCALE, "--registry-only", verbosity=0)
            first = None
            try:
                with transaction.atomic():
                    assert seed_awards(float(SCALE))
                    first = digest()
                    raise Rollback
            except Rollback:
                pass
            out = StringIO()
            call_command("seed", "--scale", SCALE, stdout=out)
        finally:
            for patch in patches:
                patch.stop()
        yield out.getvalue(), first, digest()
        transaction.set_rollback(True)


def today() -> datetime.date:
    return timezone.localtime(timezone.now()).date()


def past(key: str) -> Round:
    spec = next(spec for spec in catalogue.PAST_ROUNDS if spec.key == key)
    year = today().year - spec.years_ago
    return Round.objects.get(year=year, title=spec.title.format(year=year))


def this_years(category: str) -> Round:
    """This year's zone evaluation of that category."""
    return Round.objects.get(year=today().year, category=category, kind=RoundKind.AWARD)


# The seeding ---------------------------------------------------------------------------------


def test_the_seed_command_adds_the_evaluations_and_counts_them(demo):
    summary, _first, _second = demo
    assert "Seeded the demo evaluations" in summary
    with translation.override("en"):
        for label, count in awards_counts():
            assert f"  {label}: {count}" in summary
    assert Round.objects.count() == 7


def test_the_same_registry_and_day_give_the_same_evaluations(demo):
    _summary, first, second = demo
    assert first == second


def test_seeding_again_adds_nothing(demo):
    before = digest()
    assert seed_awards(float(SCALE)) is False
    out = StringIO()
    patches = [mock.patch(f"{SEED_COMMAND}.{name}", return_value=False) for name in OTHER_DEMOS]
    with translation.override("en"):
        for patch in patches:
            patch.start()
        try:
            call_command("seed", "--scale", SCALE, stdout=out)
        finally:
            for patch in patches:
                patch.stop()
    assert "Seeded the demo evaluations" not in out.getvalue()
    assert digest() == before


# The pool ------------------------------------------------------------------------------------


def test_the_pool_holds_the_demo_expert_and_fictional_experts(demo):
    demo_expert = Expert.objects.get(user__username="expert")
    assert demo_expert.name == "方振宇"
    assert demo_expert.employer is None
    others = Expert.objects.exclude(pk=demo_expert.pk).select_related("user")
    assert others.count() == len(catalogue.EXPERTS)
    for expert in others:
        assert not expert.user.has_usable_password()
        assert expert.user.groups.filter(name=Role.EXPERT).exists()
    assert others.filter(employer__isnull=False).count() >= 2
    assert others.filter(active=False).count() == 1


# The past rounds -----------------------------------------------------------------------------


def test_the_rounds_are_in_the_states_the_demo_shows(demo):
    for key in ("outstanding-3", "young-2", "programme-1", "outstanding-1"):
        assert past(key).status == RoundStatus.ANNOUNCED, key
    scoring = this_years(RoundCategory.YOUNG)
    assert scoring.status == RoundStatus.SCORING
    open_round = this_years(RoundCategory.OUTSTANDING)
    assert open_round.status == RoundStatus.NOMINATING
    assert open_round.nominations_open <= today() <= open_round.nominations_close
    assert open_round.nominations.filter(status=NominationStatus.SUBMITTED).count() >= 3
    assert past("young-2").max_age == 35


def test_this_years_recommendation_is_on_public_notice_with_an_objection_waiting(demo):
    round_ = Round.objects.get(year=today().year, kind=RoundKind.RECOMMENDATION)
    assert round_.status == RoundStatus.NOTICE
    on_notice = round_.ranking.filter(status=EntryStatus.NOTICE)
    assert on_notice.count() == round_.quota
    assert all(entry.notice_ends_on >= today() for entry in on_notice)
    waiting = Objection.objects.get(status=ObjectionStatus.OPEN)
    assert waiting.entry.round == round_ and waiting.entry.status == EntryStatus.NOTICE


def test_every_past_round_was_screened_scored_completely_and_ranked(demo):
    for key in ("outstanding-3", "young-2", "programme-1", "outstanding-1"):
        round_ = past(key)
        criteria = round_.criteria.all()
        assert sum(c.weight for c in criteria) == 100
        refused = round_.nominations.filter(status=NominationStatus.REFUSED)
        assert refused.exists(), key
        assert not refused.filter(refusal_reason="").exists()
        assert 5 <= round_.panel.count() <= 7
        assignments = round_.assignments.all()
        assert assignments.exclude(conflict="").exists(), key
        assert not assignments.exclude(conflict="").filter(submitted_at__isnull=False).exists()
        scored = assignments.filter(conflict="")
        assert not scored.filter(submitted_at__isnull=True).exists(), key
        for assignment in scored.prefetch_related("scores"):
            assert assignment.scores.count() == len(criteria)
        points = {s.points for s in Score.objects.filter(assignment__round=round_)}
        assert len(points) > 5  # varied
        admitted = round_.nominations.filter(status=NominationStatus.ADMITTED).count()
        ranks = list(round_.ranking.values_list("rank", flat=True))
        assert sorted(ranks) == list(range(1, admitted + 1))
        assert admitted > round_.quota


def test_past_winners_hold_their_rewards_on_the_rounds_budget_line(demo):
    paid_all = {"outstanding-3": True, "young-2": True, "outstanding-1": False}
    for key, all_paid in paid_all.items():
        round_ = past(key)
        named = round_.ranking.filter(status=EntryStatus.NAMED).select_related(
            "reward_application__reservation", "credential"
        )
        assert named.count() == round_.quota
        statuses = set()
        for entry in named:
            application = entry.reward_application
            assert application.policy == round_.reward_policy
            assert application.talent_id == entry.nomination.talent_id
            assert application.amount_fen == round_.reward_policy.amount_fen
            assert application.reservation.line == round_.budget_line
            statuses.add(application.status)
            credential = entry.credential
            assert (credential.kind, credential.level) == (CredentialKind.AWARD, Level.DISTRICT)
            assert credential.name == round_.title
            assert credential.awarded_on == round_.announced_on
        if all_paid:
            assert statuses == {ApplicationStatus.PAID}, key
        else:
            assert statuses == {ApplicationStatus.PAID, ApplicationStatus.APPROVED}, key
        figures = ledger.line_figures(round_.budget_line)
        total = named.aggregate(total=Sum("reward_application__amount_fen"))["total"]
        assert figures.reserved + figures.disbursed == total
    young = past("young-2").reward_policy
    outstanding = past("outstanding-3").reward_policy
    assert (young.amount_fen, outstanding.amount_fen) == (30_000_00, 50_000_00)
    assert not RankingEntry.objects.exclude(status=EntryStatus.NAMED).filter(
        reward_application__isnull=False
    )


def test_the_reward_policies_are_open_for_all_the_rounds(demo):
    for policy in Policy.objects.filter(award_rounds__isnull=False).distinct():
        policy.full_clean()
        assert policy.valid_from <= past("outstanding-3").announced_on
        assert policy.valid_until >= today()
    lines = {r.budget_line.year for r in Round.objects.filter(kind=RoundKind.AWARD)}
    assert lines == {today().year - k for k in range(4)}
    assert LedgerEntry.objects.exists()


def test_last_years_upheld_objection_moved_the_next_nominee_up(demo):
    round_ = past("outstanding-1")
    upheld = Objection.objects.get(entry__round=round_, status=ObjectionStatus.UPHELD)
    assert upheld.entry.status == EntryStatus.REMOVED
    assert upheld.entry.reward_application is None
    assert upheld.entry.rank <= round_.quota
    promoted = round_.ranking.get(rank=round_.quota + 1)
    assert promoted.status == EntryStatus.NAMED
    assert promoted.notice_ends_on > upheld.entry.notice_ends_on
    dismissed = Objection.objects.filter(entry__round=round_, status=ObjectionStatus.DISMISSED)
    assert dismissed.get().entry.status == EntryStatus.NAMED
    assert not Objection.objects.filter(entry__round=round_, status=ObjectionStatus.OPEN)


def test_the_recommendations_outcomes_are_in_the_registry(demo):
    round_ = past("programme-1")
    assert round_.kind == RoundKind.RECOMMENDATION
    named = round_.ranking.filter(status=EntryStatus.NAMED)
    outcomes = sorted(named.values_list("outcome", flat=True))
    assert outcomes == sorted(
        [Outcome.SELECTED, Outcome.SELECTED, Outcome.NOT_SELECTED, Outcome.PENDING]
    )
    for entry in named.select_related("credential", "nomination__talent"):
        if entry.outcome == Outcome.SELECTED:
            credential = entry.credential
            assert credential.kind == CredentialKind.PROGRAMME
            assert credential.level == Level.PROVINCIAL
            assert credential.name == round_.programme
            assert credential.talent == entry.nomination.talent
            assert entry.outcome_on == credential.awarded_on
        else:
            assert entry.credential is None
        assert entry.reward_application is None


# This year's rounds and the demo accounts ----------------------------------------------------


def test_the_demo_expert_has_nominees_to_score_and_the_panel_is_part_way(demo):
    expert = User.objects.get(username="expert")
    round_ = this_years(RoundCategory.YOUNG)
    mine = queries.assignments_for(expert).filter(round=round_, conflict="")
    assert mine.filter(submitted_at__isnull=False).exists()
    assert queries.to_score(expert).filter(round=round_).exists()
    progress = queries.scoring_progress(round_)
    assert progress  # some done, some to do
    others = round_.assignments.filter(conflict="").exclude(expert__user=expert)
    assert others.filter(submitted_at__isnull=False).exists()
    assert others.filter(submitted_at__isnull=True).exists()
    assert round_.assignments.exclude(conflict="").exists()


def test_the_demo_hr_and_talent_see_this_years_nominations(demo):
    hr = User.objects.get(username="hr")
    talent = User.objects.get(username="talent")
    open_round = this_years(RoundCategory.OUTSTANDING)
    by_hr = queries.nominations_for(hr).filter(round=open_round, nominated_by=hr)
    assert by_hr.exists()
    assert by_hr.filter(attachments__isnull=False).exists()
    own = queries.nominations_for(talent).filter(round=open_round)
    assert own.get().talent.user == talent
    assert open_round.nominations.filter(status=NominationStatus.WITHDRAWN).exists()


def test_the_dates_follow_each_other(demo):
    for round_ in Round.objects.filter(status=RoundStatus.ANNOUNCED):
        assert round_.nominations_close < round_.ranked_on < round_.announced_on < today()
        for nomination in round_.nominations.all():
            created = timezone.localtime(nomination.created_at).date()
            assert round_.nominations_open <= created <= round_.nominations_close
        for entry in round_.ranking.exclude(notice_ends_on=None):
            assert entry.notice_ends_on < round_.announced_on
    for assignment in Assignment.objects.filter(submitted_at__isnull=False):
        assert timezone.localtime(assignment.submitted_at).date() < today()
    now = timezone.now()
    for model, field in (
        (Nomination, "created_at"),
        (Assignment, "submitted_at"),
        (Objection, "created_at"),
        (Objection, "resolved_at"),
    ):
        assert not model.objects.filter(**{f"{field}__gt": now}).exists(), (model, field)
