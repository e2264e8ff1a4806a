"""Scoring: an expert scores each of their own unconflicted assignments on every criterion of
the round, from 0 to the criterion's maximum in steps of 0.1, and may revise while the round is
scored. The database refuses points above the maximum and a score on a conflicted assignment;
no expert reads another's scores (the query only answers the expert's own assignments).

The builders at the top make the later stages' rounds (ranking, notice, announcement): they go
through the services from screening on."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from talentzone.awards import queries, services
from talentzone.awards.choices import Conflict, NominationStatus, RoundStatus
from talentzone.awards.models import Assignment, Round, Score
from talentzone.awards.tests.conftest import JULY_1, codes
from talentzone.awards.tests.factories import (
    ExpertFactory,
    NominationFactory,
    RoundFactory,
    with_criteria,
)

# Builders of the later stages ------------------------------------------------------------------

EXPERT_NAMES = ("专家A", "专家B", "专家C", "专家D", "专家E", "专家F", "专家G")


def make_experts(n: int = 5, **fields) -> list:
    """Experts named 专家A, 专家B, … (the order the breakdown lists them in)."""
    return [ExpertFactory(name=EXPERT_NAMES[i], **fields) for i in range(n)]


def scoring_round(office, *, nominees: int = 3, experts=None, **round_fields):
    """A round in scoring with the standard criteria (创新成果 50% of 50 points, 经济社会效益
    30% of 30, 团队与培养 20% of 10: an expert's total is p1 + p2 + 2 × p3), `nominees`
    admitted nominations (submitted in that order) and a panel of five experts (or those
    given). Answers (round, criteria, nominations, experts)."""
    round_ = RoundFactory(status=RoundStatus.SCREENING, **round_fields)
    criteria = with_criteria(round_)
    nominations = [
        NominationFactory(round=round_, status=NominationStatus.ADMITTED) for _ in range(nominees)
    ]
    experts = make_experts(5) if experts is None else experts
    services.panel_set(actor=office, round=round_, experts=experts)
    services.round_start_scoring(actor=office, round=round_, today=JULY_1)
    round_.refresh_from_db()
    return round_, criteria, nominations, experts


def one_nominee_round(office, *, experts, **nomination_fields):
    """A round in scoring with one admitted nomination (its fields given) and the panel given.
    Answers (round, criteria, nomination)."""
    round_ = RoundFactory(status=RoundStatus.SCREENING)
    criteria = with_criteria(round_)
    nomination = NominationFactory(
        round=round_, status=NominationStatus.ADMITTED, **nomination_fields
    )
    services.panel_set(actor=office, round=round_, experts=experts)
    services.round_start_scoring(actor=office, round=round_, today=JULY_1)
    round_.refresh_from_db()
    return round_, criteria, nomination


def sheet(criteria, *points) -> dict:
    """{criterion id: points} in the criteria's order."""
    return {criterion.pk: Decimal(str(p)) for criterion, p in zip(criteria, points, strict=True)}


def assignment_of(nomination, expert) -> Assignment:
    return Assignment.objects.select_related("expert").get(nomination=nomination, expert=expert)


def score(nomination, expert, criteria, *points) -> Assignment:
    """The expert submits their scoresheet for the nominee."""
    return services.score_submit(
        actor=expert.user,
        assignment=assignment_of(nomination, expert),
        points=sheet(criteria, *points),
    )


# Scoring --------------------------------------------------------------------------------------

pytestmark = pytest.mark.django_db


@pytest.fixture
def scoring(office):
    return scoring_round(office)


def test_an_expert_scores_every_criterion_within_its_maximum(scoring):
    round_, criteria, (first, *_rest), (expert, *_others) = scoring

    assignment = services.score_submit(
        actor=expert.user,
        assignment=assignment_of(first, expert),
        points={criteria[0].pk: 42, str(criteria[1].pk): "25.5", criteria[2].pk: Decimal("8")},
        comment="  成果突出  ",
    )

    assignment.refresh_from_db()
    assert assignment.submitted_at is not None and assignment.comment == "成果突出"
    scores = list(assignment.scores.values_list("criterion__name", "points", "max_points"))
    assert scores == [
        ("创新成果", Decimal("42.0"), 50),
        ("经济社会效益", Decimal("25.5"), 30),
        ("团队与培养", Decimal("8.0"), 10),
    ]


def test_an_expert_may_revise_while_the_round_is_scored(scoring):
    _round, criteria, (first, *_rest), (expert, *_others) = scoring
    score(first, expert, criteria, 40, 20, 5)

    score(first, expert, criteria, 45, 21.5, 6)

    assignment = assignment_of(first, expert)
    assert list(assignment.scores.values_list("points", flat=True)) == [
        Decimal("45.0"),
        Decimal("21.5"),
        Decimal("6.0"),
    ]
    assert Score.objects.filter(assignment=assignment).count() == 3


@pytest.mark.parametrize(
    ("points", "code"),
    [
        ((50.1, 20, 5), "out_of_range"),  # above 创新成果's 50
        ((40, 20, 11), "out_of_range"),  # above 团队与培养's 10
        ((40, -1, 5), "out_of_range"),
        ((40, "20.25", 5), "invalid"),  # two decimal places
        ((40, "二十", 5), "invalid"),
        ((40, True, 5), "invalid"),
    ],
)
def test_points_outside_the_criterion_or_not_a_number_are_refused(scoring, points, code):
    _round, criteria, (first, *_rest), (expert, *_others) = scoring
    assignment = assignment_of(first, expert)

    with pytest.raises(ValidationError) as refused:
        services.score_submit(
            actor=expert.user,
            assignment=assignment,
            points={c.pk: p for c, p in zip(criteria, points, strict=True)},
        )

    assert codes(refused.value) == {"points": [code]}
    assignment.refresh_from_db()
    assert assignment.submitted_at is None and not assignment.scores.exists()


def test_every_criterion_of_the_round_and_only_those_are_scored(scoring):
    _round, criteria, (first, *_rest), (expert, *_others) = scoring
    assignment = assignment_of(first, expert)
    other_round_criterion = with_criteria(RoundFactory())[0]

    with pytest.raises(ValidationError) as refused:
        services.score_submit(
            actor=expert.user, assignment=assignment, points=sheet(criteria[:2], 40, 20)
        )
    assert codes(refused.value) == {"points": ["incomplete"]}

    with pytest.raises(ValidationError) as refused:
        services.score_submit(
            actor=expert.user,
            assignment=assignment,
            points={**sheet(criteria, 40, 20, 5), other_round_criterion.pk: 1},
        )
    assert codes(refused.value) == {"points": ["unknown_criterion"]}


def test_the_database_refuses_points_above_the_maximum(scoring):
    _round, criteria, (first, *_rest), (expert, *_others) = scoring
    assignment = assignment_of(first, expert)

    with pytest.raises(IntegrityError), transaction.atomic():
        Score.objects.create(
            assignment=assignment, criterion=criteria[2], points=Decimal("10.5"), max_points=10
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Score.objects.create(
            assignment=assignment, criterion=criteria[2], points=Decimal("-0.5"), max_points=10
        )
    Score.objects.create(
        assignment=assignment, criterion=criteria[2], points=Decimal("10.0"), max_points=10
    )


def test_a_conflicted_assignment_cannot_be_scored(office, acme):
    colleague = ExpertFactory(name="专家A", employer=acme)  # works for the nominee's employer
    others = [ExpertFactory(name=name) for name in ("专家B", "专家C", "专家D")]
    _round, criteria, nomination = one_nominee_round(
        office, experts=[colleague, *others], talent__employer=acme
    )
    assignment = assignment_of(nomination, colleague)
    assert assignment.conflict == Conflict.SAME_EMPLOYER

    with pytest.raises(ValidationError) as refused:
        services.score_submit(
            actor=colleague.user, assignment=assignment, points=sheet(criteria, 40, 20, 5)
        )

    assert codes(refused.value) == {"__all__": ["conflict"]}
    assert not assignment.scores.exists()
    # The database agrees: a conflicted assignment is never submitted.
    with pytest.raises(IntegrityError), transaction.atomic():
        Assignment.objects.filter(pk=assignment.pk).update(submitted_at=timezone.now())


def test_an_expert_cannot_score_anothers_assignment(scoring, make_user):
    _round, criteria, (first, *_rest), (expert, other, *_others) = scoring
    assignment = assignment_of(first, other)

    with pytest.raises(PermissionDenied):
        services.score_submit(
            actor=expert.user, assignment=assignment, points=sheet(criteria, 40, 20, 5)
        )
    with pytest.raises(PermissionDenied):
        services.score_submit(
            actor=make_user("office_admin"),
            assignment=assignment,
            points=sheet(criteria, 40, 20, 5),
        )
    assert assignment_of(first, other).submitted_at is None


def test_scores_are_taken_only_while_the_round_is_scored(scoring):
    round_, criteria, (first, *_rest), (expert, *_others) = scoring
    Round.objects.filter(pk=round_.pk).update(status=RoundStatus.NOTICE)

    with pytest.raises(ValidationError) as refused:
        score(first, expert, criteria, 40, 20, 5)

    assert codes(refused.value) == {"__all__": ["scoring_closed"]}


def test_scoring_is_blind_an_expert_reads_only_their_own_assignments(scoring, office):
    _round, criteria, nominations, (expert, other, *_others) = scoring
    score(nominations[0], other, criteria, 50, 30, 10)

    mine = queries.assignments_for(expert.user)

    assert {a.expert_id for a in mine} == {expert.pk}
    assert mine.count() == len(nominations)
    assert not Score.objects.filter(assignment__in=mine).exists()
    assert queries.to_score(expert.user).count() == 3
    assert queries.to_score(other.user).count() == 2
    assert not queries.assignments_for(office).exists()
    # The office follows the progress, without any score.
    progress = queries.scoring_progress(scoring[0])
    assert progress["done"] == 1 and progress["total"] == 15
    assert progress["per_expert"][other.pk] == (1, 3)
