"""The ranking: each expert's weighted total, the trimmed mean over five or more experts, the
tie rule, and the step that publishes it (blocked until every scoresheet is in).

The test rounds' criteria (factories.STANDARD_CRITERIA) are 创新成果 50% of 50 points,
经济社会效益 30% of 30 and 团队与培养 20% of 10, so an expert's total is
p1 × 50/50 + p2 × 30/30 + p3 × 20/10 = p1 + p2 + 2 × p3 — easy to follow by hand.
"""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from talentzone.awards import ranking, services
from talentzone.awards.choices import EntryStatus, RoundStatus
from talentzone.awards.models import RankingEntry
from talentzone.awards.tests.conftest import codes
from talentzone.awards.tests.factories import ExpertFactory
from talentzone.awards.tests.test_scoring import (
    make_experts,
    one_nominee_round,
    score,
    scoring_round,
)

RANKED_ON = datetime.date(2026, 7, 20)


def criterion(pk, weight, max_points, position=None):
    return SimpleNamespace(
        pk=pk, id=pk, weight=weight, max_points=max_points, position=position or pk
    )


# The arithmetic, by hand ----------------------------------------------------------------------


def test_an_experts_total_is_the_weighted_sum_rounded_half_up():
    """Criteria (weight, max): (50, 50), (30, 7), (20, 8).
    Points 43.5, 5, 0.1: 43.5 + 5/7 × 30 + 0.1/8 × 20 = 43.5 + 21.428571… + 0.25 = 65.178571…
    → 65.18."""
    criteria = [criterion(1, 50, 50), criterion(2, 30, 7), criterion(3, 20, 8)]
    points = {1: Decimal("43.5"), 2: Decimal("5"), 3: Decimal("0.1")}

    assert ranking.expert_total(points, criteria) == Decimal("65.18")


def test_a_half_hundredth_rounds_up():
    """0.1 of 4 points weighing 25: 0.1/4 × 25 = 0.625 → 0.63 (half up, not half even)."""
    assert ranking.expert_total({1: Decimal("0.1")}, [criterion(1, 25, 4)]) == Decimal("0.63")
    # The score too: (80.01 + 80.00) / 2 = 80.005 → 80.01.
    assert ranking.aggregate([Decimal("80.01"), Decimal("80.00")]) == (
        Decimal("80.01"),
        [True, True],
    )


def test_five_or_more_experts_drop_one_highest_and_one_lowest():
    """Totals 90, 70, 80, 85, 78: 90 and 70 are dropped; (80 + 85 + 78) / 3 = 81.00."""
    totals = [Decimal(t) for t in ("90", "70", "80", "85", "78")]

    assert ranking.aggregate(totals) == (Decimal("81.00"), [False, False, True, True, True])


def test_fewer_than_five_experts_all_count():
    """Totals 90, 70, 80, 85: (90 + 70 + 80 + 85) / 4 = 81.25."""
    totals = [Decimal(t) for t in ("90", "70", "80", "85")]

    assert ranking.aggregate(totals) == (Decimal("81.25"), [True, True, True, True])


def test_the_first_of_equal_highest_and_lowest_totals_is_dropped():
    """Totals 90, 70, 90, 70, 80: the first 90 and the first 70 are dropped;
    (90 + 70 + 80) / 3 = 80.00. Five equal totals still drop two experts."""
    totals = [Decimal(t) for t in ("90", "70", "90", "70", "80")]
    assert ranking.aggregate(totals) == (Decimal("80.00"), [False, False, True, True, True])

    same = [Decimal("75")] * 5
    assert ranking.aggregate(same) == (Decimal("75.00"), [False, False, True, True, True])


def test_the_lead_criterion_is_the_heaviest_and_the_first_listed_among_equals():
    first, second, third = criterion(1, 30, 10), criterion(2, 40, 10), criterion(3, 30, 10)
    assert ranking.lead_criterion([first, second, third]) is second
    tied_a, tied_b = criterion(7, 50, 10, position=2), criterion(8, 50, 10, position=1)
    assert ranking.lead_criterion([tied_a, tied_b]) is tied_b


# A round ranked, by hand ----------------------------------------------------------------------

pytestmark = pytest.mark.django_db

# Points (创新成果, 经济社会效益, 团队与培养) per nominee from experts A–E, and each total
# (p1 + p2 + 2 × p3).
SHEETS = {
    # G: 100, 82, 82, 82, 10 → drop 100 and 10 → 82.00 (mean of all 71.20): first, although
    # its untrimmed mean is the lowest but one — one severe expert does not sink a nominee.
    "G": [(50, 30, 10), (42, 20, 10), (42, 20, 10), (42, 20, 10), (5, 5, 0)],
    # A: 90, 80, 80, 80, 70 → 80.00; mean of all 400 / 5 = 80.00.
    "A": [(45, 30, 7.5), (40, 24, 8), (40, 30, 5), (50, 20, 5), (35, 25, 5)],
    # B: 95, 80, 80, 80, 60 → 80.00 too; mean of all 395 / 5 = 79.00 → after A.
    "B": [(50, 25, 10), (40, 24, 8), (40, 30, 5), (50, 20, 5), (30, 20, 5)],
    # C and D: 75 from everyone → 75.00, mean of all 75.00 both; lead criterion 创新成果 (50%):
    # C's mean 40.00 beats D's 35.00.
    "C": [(40, 25, 5)] * 5,
    "D": [(35, 30, 5)] * 5,
    # E and F: the same sheets (60 each): E was nominated first.
    "E": [(30, 20, 5)] * 5,
    "F": [(30, 20, 5)] * 5,
}
ORDER = ["G", "A", "B", "C", "D", "E", "F"]


@pytest.fixture
def scored(office):
    """The seven nominees nominated in the order A, B, C, D, E, F, G, all scored."""
    round_, criteria, nominations, experts = scoring_round(office, nominees=7, quota=3)
    by_letter = dict(zip("ABCDEFG", nominations, strict=True))
    for letter, points in SHEETS.items():
        for expert, sheet_points in zip(experts, points, strict=True):
            score(by_letter[letter], expert, criteria, *sheet_points)
    return round_, criteria, by_letter, experts


def test_the_hand_computed_ranking_with_its_tie_rules(scored):
    round_, _criteria, by_letter, _experts = scored
    letters = {n.pk: letter for letter, n in by_letter.items()}

    ranked = ranking.rank_round(round_)

    assert [letters[r.nomination.pk] for r in ranked] == ORDER
    figures = {letters[r.nomination.pk]: (r.score, r.mean_all, r.experts_counted) for r in ranked}
    assert figures == {
        "G": (Decimal("82.00"), Decimal("71.20"), 3),
        "A": (Decimal("80.00"), Decimal("80.00"), 3),
        "B": (Decimal("80.00"), Decimal("79.00"), 3),
        "C": (Decimal("75.00"), Decimal("75.00"), 3),
        "D": (Decimal("75.00"), Decimal("75.00"), 3),
        "E": (Decimal("60.00"), Decimal("60.00"), 3),
        "F": (Decimal("60.00"), Decimal("60.00"), 3),
    }


def test_the_breakdown_shows_each_experts_total_and_each_criterions_mean(scored):
    """A's criteria means: 创新成果 (45 + 40 + 40 + 50 + 35) / 5 = 42.00; 经济社会效益
    (30 + 24 + 30 + 20 + 25) / 5 = 25.80; 团队与培养 (7.5 + 8 + 5 + 5 + 5) / 5 = 6.10."""
    round_, criteria, by_letter, experts = scored

    a = next(r for r in ranking.rank_round(round_) if r.nomination == by_letter["A"])

    assert a.breakdown == {
        "experts": [
            {"expert": experts[0].pk, "name": "专家A", "total": "90.00", "counted": False},
            {"expert": experts[1].pk, "name": "专家B", "total": "80.00", "counted": True},
            {"expert": experts[2].pk, "name": "专家C", "total": "80.00", "counted": True},
            {"expert": experts[3].pk, "name": "专家D", "total": "80.00", "counted": True},
            {"expert": experts[4].pk, "name": "专家E", "total": "70.00", "counted": False},
        ],
        "criteria": [
            {
                "id": criteria[0].pk,
                "name": "创新成果",
                "weight": 50,
                "max_points": 50,
                "mean": "42.00",
            },
            {
                "id": criteria[1].pk,
                "name": "经济社会效益",
                "weight": 30,
                "max_points": 30,
                "mean": "25.80",
            },
            {
                "id": criteria[2].pk,
                "name": "团队与培养",
                "weight": 20,
                "max_points": 10,
                "mean": "6.10",
            },
        ],
        "lead_criterion": criteria[0].pk,
        "trimmed": True,
    }


def test_publishing_the_ranking_puts_the_quota_on_public_notice(scored, office):
    round_, _criteria, by_letter, _experts = scored
    letters = {n.pk: letter for letter, n in by_letter.items()}

    entries = services.round_rank(actor=office, round=round_, today=RANKED_ON)

    assert [(e.rank, letters[e.nomination_id], e.status) for e in entries] == [
        (1, "G", EntryStatus.NOTICE),
        (2, "A", EntryStatus.NOTICE),
        (3, "B", EntryStatus.NOTICE),
        (4, "C", EntryStatus.RANKED),
        (5, "D", EntryStatus.RANKED),
        (6, "E", EntryStatus.RANKED),
        (7, "F", EntryStatus.RANKED),
    ]
    ends = RANKED_ON + datetime.timedelta(days=7)
    assert [e.notice_ends_on for e in entries] == [ends] * 3 + [None] * 4
    first = entries[0]
    assert (first.score, first.mean_all, first.experts_counted) == (
        Decimal("82.00"),
        Decimal("71.20"),
        3,
    )
    assert first.breakdown["trimmed"] is True
    round_.refresh_from_db()
    assert round_.status == RoundStatus.NOTICE and round_.ranked_on == RANKED_ON


def test_incomplete_scoring_blocks_the_ranking(office):
    round_, criteria, (first, second), experts = scoring_round(office, nominees=2)
    for nomination in (first, second):
        for expert in experts:
            if (nomination, expert) != (second, experts[4]):
                score(nomination, expert, criteria, 40, 20, 5)

    with pytest.raises(ValidationError) as refused:
        services.round_rank(actor=office, round=round_, today=RANKED_ON)

    assert codes(refused.value) == {"__all__": ["scoring_incomplete"]}
    assert refused.value.params == {"missing": 1, "total": 10}
    assert not RankingEntry.objects.exists()
    round_.refresh_from_db()
    assert round_.status == RoundStatus.SCORING

    score(second, experts[4], criteria, 40, 20, 5)
    assert len(services.round_rank(actor=office, round=round_, today=RANKED_ON)) == 2


def test_a_conflicted_expert_neither_blocks_nor_counts(office, acme):
    """The nominee works for acme, where 专家A works: four experts score it, none is dropped:
    (80 + 70 + 60 + 50) / 4 = 65.00."""
    colleague = ExpertFactory(name="专家A", employer=acme)
    experts = [colleague, *make_experts(5)[1:]]
    round_, criteria, nomination = one_nominee_round(office, experts=experts, talent__employer=acme)
    for expert, total in zip(experts[1:], (80, 70, 60, 50), strict=True):
        score(nomination, expert, criteria, total - 30, 20, 5)

    (entry,) = services.round_rank(actor=office, round=round_, today=RANKED_ON)

    assert (entry.score, entry.experts_counted) == (Decimal("65.00"), 4)
    assert [e["name"] for e in entry.breakdown["experts"]] == ["专家B", "专家C", "专家D", "专家E"]
    assert entry.breakdown["trimmed"] is False


def test_only_the_office_publishes_the_ranking_and_only_once(scored, office, make_user):
    round_, *_ = scored
    with pytest.raises(PermissionDenied):
        services.round_rank(actor=make_user("leader"), round=round_, today=RANKED_ON)

    services.round_rank(actor=office, round=round_, today=RANKED_ON)
    with pytest.raises(ValidationError) as refused:
        services.round_rank(actor=office, round=round_, today=RANKED_ON)
    assert codes(refused.value) == {"__all__": ["wrong_status"]}
    assert RankingEntry.objects.count() == 7
