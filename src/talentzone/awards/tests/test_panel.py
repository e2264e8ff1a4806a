"""The panel and conflicts of interest: the office draws the round's experts at random from the
active pool (a seed makes the draw repeatable) or names them by hand. When scoring starts, every
admitted nominee is given to every panel expert; an expert who is the nominee, nominated them,
or works for the nominee's employer (or the nominating enterprise) is recorded as conflicted —
the assignment says why and is never scored — and every nominee needs three unconflicted
experts."""

import random

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from talentzone.awards import services
from talentzone.awards.choices import Conflict, NominationStatus, RoundStatus
from talentzone.awards.models import Assignment, PanelMember
from talentzone.awards.tests.conftest import JULY_1, codes
from talentzone.awards.tests.factories import ExpertFactory, NominationFactory, RoundFactory
from talentzone.core.models import Notification
from talentzone.directory.tests.factories import EnterpriseFactory, TalentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def screening(db):
    return RoundFactory(status=RoundStatus.SCREENING)


@pytest.fixture
def pool(db):
    """Eight active experts and one retired from the pool."""
    ExpertFactory(name="退出专家", active=False)
    return [ExpertFactory() for _ in range(8)]


def panel_of(round_) -> set[int]:
    return set(PanelMember.objects.filter(round=round_).values_list("expert_id", flat=True))


# The draw -------------------------------------------------------------------------------------


def test_the_draw_is_random_over_the_active_pool_and_repeatable_with_a_seed(
    office, screening, pool
):
    members = services.panel_draw(actor=office, round=screening, seed=2026)

    expected = random.Random(2026).sample(sorted(pool, key=lambda e: e.pk), 5)
    assert [m.expert for m in members] == expected
    assert panel_of(screening) == {e.pk for e in expected}

    other = RoundFactory(status=RoundStatus.NOMINATING)
    again = services.panel_draw(actor=office, round=other, seed=2026)
    assert [m.expert for m in again] == expected


def test_drawing_again_replaces_the_panel(office, screening, pool):
    services.panel_draw(actor=office, round=screening, seed=1)

    services.panel_draw(actor=office, round=screening, size=3, seed=2)

    assert len(panel_of(screening)) == 3
    assert panel_of(screening) <= {e.pk for e in pool}  # never the retired expert


def test_a_panel_has_three_experts_at_least_and_the_pool_must_be_large_enough(
    office, screening, pool
):
    with pytest.raises(ValidationError) as refused:
        services.panel_draw(actor=office, round=screening, size=2)
    assert codes(refused.value) == {"size": ["too_small"]}

    with pytest.raises(ValidationError) as refused:
        services.panel_draw(actor=office, round=screening, size=9)  # 8 active
    assert codes(refused.value) == {"__all__": ["pool_too_small"]}
    assert not PanelMember.objects.exists()


def test_the_panel_is_drawn_before_scoring_starts(office, pool):
    for status in (RoundStatus.DRAFT, RoundStatus.SCORING):
        with pytest.raises(ValidationError) as refused:
            services.panel_draw(actor=office, round=RoundFactory(status=status))
        assert codes(refused.value) == {"__all__": ["wrong_status"]}


def test_the_office_may_name_the_panel_by_hand(office, screening, pool):
    services.panel_set(actor=office, round=screening, experts=pool[:4])
    assert panel_of(screening) == {e.pk for e in pool[:4]}

    with pytest.raises(ValidationError) as refused:
        services.panel_set(actor=office, round=screening, experts=pool[:2])
    assert codes(refused.value) == {"experts": ["too_small"]}

    retired = ExpertFactory(active=False)
    with pytest.raises(ValidationError) as refused:
        services.panel_set(actor=office, round=screening, experts=[*pool[:3], retired])
    assert codes(refused.value) == {"experts": ["inactive"]}
    assert panel_of(screening) == {e.pk for e in pool[:4]}


def test_only_the_office_draws(make_user, screening, pool):
    with pytest.raises(PermissionDenied):
        services.panel_draw(actor=pool[0].user, round=screening)
    with pytest.raises(PermissionDenied):
        services.panel_set(actor=make_user("leader"), round=screening, experts=pool[:3])


# Conflicts of interest ------------------------------------------------------------------------


def test_the_conflicts_of_interest(make_user, acme):
    hr = make_user("enterprise_hr", enterprise=acme)
    nominee = TalentFactory(employer=acme, user=make_user("talent", "expert"))
    nomination = NominationFactory(talent=nominee, nominated_by=hr)

    assert services.conflict_of(ExpertFactory(user=nominee.user), nomination) == Conflict.SELF
    assert services.conflict_of(ExpertFactory(user=hr), nomination) == Conflict.NOMINATED
    colleague = ExpertFactory(employer=acme)
    assert services.conflict_of(colleague, nomination) == Conflict.SAME_EMPLOYER
    assert services.conflict_of(ExpertFactory(), nomination) == ""
    assert services.conflict_of(ExpertFactory(employer=EnterpriseFactory()), nomination) == ""


def test_the_nominating_enterprise_counts_as_the_employer_too(acme):
    """The talent moved to another employer after being nominated by acme."""
    nomination = NominationFactory(talent=TalentFactory(employer=EnterpriseFactory()))
    nomination.enterprise = acme
    nomination.save()

    assert services.conflict_of(ExpertFactory(employer=acme), nomination) == Conflict.SAME_EMPLOYER


def test_the_first_conflict_that_applies_is_recorded(make_user, acme):
    """The nominee is an expert working for acme: they are the nominee first."""
    nominee = TalentFactory(employer=acme, user=make_user("talent", "expert"))
    nomination = NominationFactory(talent=nominee)

    assert services.conflict_of(ExpertFactory(user=nominee.user, employer=acme), nomination) == (
        Conflict.SELF
    )


def test_a_talent_without_an_account_is_nobodys_self():
    nomination = NominationFactory(talent=TalentFactory(user=None))

    assert services.conflict_of(ExpertFactory(), nomination) == ""


# Starting the scoring -------------------------------------------------------------------------


def test_scoring_starts_with_every_nominee_given_to_every_expert_conflicts_recorded(
    office, screening, acme
):
    colleague = ExpertFactory(name="专家A", employer=acme)
    others = [ExpertFactory(name=n) for n in ("专家B", "专家C", "专家D")]
    from_acme = NominationFactory(
        round=screening, talent__employer=acme, status=NominationStatus.ADMITTED
    )
    elsewhere = NominationFactory(round=screening, status=NominationStatus.ADMITTED)
    NominationFactory(round=screening, status=NominationStatus.REFUSED, refusal_reason="不符合条件")
    services.panel_set(actor=office, round=screening, experts=[colleague, *others])

    services.round_start_scoring(actor=office, round=screening, today=JULY_1)

    screening.refresh_from_db()
    assert screening.status == RoundStatus.SCORING
    pairs = {(a.nomination_id, a.expert_id): a.conflict for a in Assignment.objects.all()}
    assert len(pairs) == 8  # 2 admitted × 4 experts; the refused nomination is not scored
    assert pairs[(from_acme.pk, colleague.pk)] == Conflict.SAME_EMPLOYER
    assert pairs[(elsewhere.pk, colleague.pk)] == ""
    assert all(not c for (n, e), c in pairs.items() if e != colleague.pk)
    # The experts are told they have nominees to score.
    assert Notification.objects.filter(recipient=colleague.user).count() == 1


def test_the_database_refuses_a_submitted_conflicted_assignment(office, screening, acme):
    nomination = NominationFactory(round=screening, status=NominationStatus.ADMITTED)
    expert = ExpertFactory()
    conflicted = Assignment.objects.create(
        round=screening, nomination=nomination, expert=expert, conflict=Conflict.SAME_EMPLOYER
    )

    with pytest.raises(IntegrityError), transaction.atomic():
        Assignment.objects.filter(pk=conflicted.pk).update(submitted_at=timezone.now())
    with pytest.raises(IntegrityError), transaction.atomic():
        Assignment.objects.create(
            round=screening,
            nomination=nomination,
            expert=ExpertFactory(),
            conflict=Conflict.NOMINATED,
            submitted_at=timezone.now(),
        )


def test_every_nomination_is_screened_before_scoring(office, screening, pool):
    NominationFactory(round=screening, status=NominationStatus.ADMITTED)
    NominationFactory(round=screening)  # still submitted
    services.panel_set(actor=office, round=screening, experts=pool[:5])

    with pytest.raises(ValidationError) as refused:
        services.round_start_scoring(actor=office, round=screening, today=JULY_1)

    assert codes(refused.value) == {"__all__": ["unscreened"]}
    assert not Assignment.objects.exists()


def test_scoring_needs_nominees_and_a_panel(office, screening, pool):
    NominationFactory(round=screening, status=NominationStatus.REFUSED, refusal_reason="不符合")
    with pytest.raises(ValidationError) as refused:
        services.round_start_scoring(actor=office, round=screening, today=JULY_1)
    assert codes(refused.value) == {"__all__": ["no_nominees"]}

    NominationFactory(round=screening, status=NominationStatus.ADMITTED)
    with pytest.raises(ValidationError) as refused:
        services.round_start_scoring(actor=office, round=screening, today=JULY_1)
    assert codes(refused.value) == {"__all__": ["no_panel"]}


def test_each_nominee_needs_three_unconflicted_experts(office, screening, acme):
    nominee = TalentFactory(name="周明远", employer=acme)
    NominationFactory(round=screening, talent=nominee, status=NominationStatus.ADMITTED)
    colleagues = [ExpertFactory(employer=acme) for _ in range(2)]
    services.panel_set(
        actor=office, round=screening, experts=[*colleagues, ExpertFactory(), ExpertFactory()]
    )

    with pytest.raises(ValidationError) as refused:
        services.round_start_scoring(actor=office, round=screening, today=JULY_1)

    assert codes(refused.value) == {"__all__": ["too_few_experts"]}
    assert "周明远" in refused.value.messages[0]
    assert not Assignment.objects.exists()
    screening.refresh_from_db()
    assert screening.status == RoundStatus.SCREENING
