"""The ranking of a round: pure arithmetic over the submitted scoresheets (no writes).

An expert's total for a nominee is the weighted sum over the criteria,

    total = Σ points_c / max_points_c × weight_c        (0–100, rounded half up to 0.01)

and a nominee's score is the mean of the experts' totals; with `TRIM_FROM` (5) or more experts
the highest and the lowest total are dropped first (one of each: the first occurrence in the
experts' order), so one generous or severe expert cannot decide alone. Each expert's total is
rounded half up to 0.01, and the score is the exact mean of those rounded totals, rounded half up
to 0.01 again (fractions, never floats): a committee member can redo it from the Excel export
with a calculator.

Ties, in order: the higher score; then the higher mean of all experts' totals (untrimmed, 0.01);
then the higher mean points on the lead criterion (the largest weight; among equal weights the
one listed first) over all experts (exact); then the nomination submitted first (created_at,
then id).
"""

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

TWO_PLACES = Decimal("0.01")
TRIM_FROM = 5


def _half_up(value: Fraction) -> Decimal:
    """A non-negative exact value rounded half up to 0.01."""
    hundredths = math.floor(value * 100 + Fraction(1, 2))
    return (Decimal(hundredths) / 100).quantize(TWO_PLACES)


def _mean(values: Sequence) -> Fraction:
    if not values:
        return Fraction(0)
    return sum((Fraction(value) for value in values), Fraction(0)) / len(values)


def _exact_total(points: Mapping[int, Decimal], criteria) -> Fraction:
    return sum(
        (
            Fraction(points.get(criterion.id, 0)) * criterion.weight / criterion.max_points
            for criterion in criteria
        ),
        Fraction(0),
    )


def expert_total(points: Mapping[int, Decimal], criteria) -> Decimal:
    """One expert's weighted total for one nominee: Σ points / max × weight, half up to 0.01.
    `points` maps criterion ids to points; a criterion missing counts 0."""
    return _half_up(_exact_total(points, criteria))


def aggregate(totals: Sequence[Decimal]) -> tuple[Decimal, list[bool]]:
    """The nominee's score from the experts' totals, and which totals counted (in the given
    order). From TRIM_FROM totals on, the first highest and the first lowest are dropped (two
    different experts even when every total is equal)."""
    totals = list(totals)
    counted = [True] * len(totals)
    if len(totals) >= TRIM_FROM:
        highest = max(range(len(totals)), key=lambda i: (totals[i], -i))
        rest = [i for i in range(len(totals)) if i != highest]
        lowest = min(rest, key=lambda i: (totals[i], i))
        counted[highest] = counted[lowest] = False
    kept = [total for total, keep in zip(totals, counted, strict=True) if keep]
    return _half_up(_mean(kept)), counted


def lead_criterion(criteria):
    """The criterion that breaks ties: the largest weight, the lower position among equals."""
    criteria = list(criteria)
    if not criteria:
        return None
    return min(criteria, key=lambda c: (-c.weight, c.position, c.pk or 0))


@dataclass(frozen=True)
class Ranked:
    nomination: object
    score: Decimal
    mean_all: Decimal
    experts_counted: int
    breakdown: dict


def _sort_key(item: tuple[Ranked, Fraction]):
    ranked, lead_mean = item
    nomination = ranked.nomination
    return (-ranked.score, -ranked.mean_all, -lead_mean, nomination.created_at, nomination.pk)


def rank_nominee(nomination, sheets: Sequence[tuple], criteria) -> tuple[Ranked, Fraction]:
    """`sheets`: (expert, {criterion id: points}) of every expert who scored the nominee, in
    the experts' order. Answers the Ranked figures and the exact lead-criterion mean."""
    criteria = list(criteria)
    lead = lead_criterion(criteria)
    totals = [expert_total(points, criteria) for _expert, points in sheets]
    score, counted = aggregate(totals)
    mean_all = _half_up(_mean(totals))
    lead_mean = _mean([points.get(lead.id, 0) for _e, points in sheets]) if lead else Fraction(0)
    breakdown = {
        "experts": [
            {"expert": expert.pk, "name": expert.name, "total": str(total), "counted": keep}
            for (expert, _points), total, keep in zip(sheets, totals, counted, strict=True)
        ],
        "criteria": [
            {
                "id": criterion.pk,
                "name": criterion.name,
                "weight": criterion.weight,
                "max_points": criterion.max_points,
                "mean": str(_half_up(_mean([p.get(criterion.pk, 0) for _e, p in sheets]))),
            }
            for criterion in criteria
        ],
        "lead_criterion": lead.pk if lead else None,
        "trimmed": not all(counted),
    }
    ranked = Ranked(
        nomination=nomination,
        score=score,
        mean_all=mean_all,
        experts_counted=sum(counted),
        breakdown=breakdown,
    )
    return ranked, lead_mean


def rank_round(round) -> list[Ranked]:
    """The round's admitted nominations, best first, from the submitted unconflicted
    scoresheets."""
    from .choices import NominationStatus
    from .models import Assignment, Nomination, Score

    criteria = list(round.criteria.order_by("position", "pk"))
    nominations = list(
        Nomination.objects.filter(round=round, status=NominationStatus.ADMITTED)
        .select_related("talent")
        .order_by("created_at", "pk")
    )
    assignments = (
        Assignment.objects.filter(round=round, conflict="", submitted_at__isnull=False)
        .select_related("expert")
        .order_by("expert__name", "expert__pk")
    )
    points: dict[int, dict[int, Decimal]] = {}
    for score in Score.objects.filter(assignment__in=assignments).values(
        "assignment_id", "criterion_id", "points"
    ):
        points.setdefault(score["assignment_id"], {})[score["criterion_id"]] = score["points"]
    sheets: dict[int, list[tuple]] = {}
    for assignment in assignments:
        sheets.setdefault(assignment.nomination_id, []).append(
            (assignment.expert, points.get(assignment.pk, {}))
        )
    ranked = [rank_nominee(n, sheets.get(n.pk, []), criteria) for n in nominations]
    return [item for item, _lead in sorted(ranked, key=_sort_key)]
