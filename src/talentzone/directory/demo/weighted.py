"""Weighted choices drawn from an explicit `random.Random`, so the demo zone is reproducible."""

from collections.abc import Sequence
from itertools import accumulate
from random import Random
from typing import Generic, TypeVar

T = TypeVar("T")


class Weighted(Generic[T]):
    """Values with relative weights; `pick` draws one. Cumulative weights are summed once."""

    def __init__(self, pairs: Sequence[tuple[T, float]]):
        if not pairs:
            raise ValueError("a weighted choice needs at least one value")
        self.values = [value for value, _ in pairs]
        self.cumulative = list(accumulate(weight for _, weight in pairs))

    def pick(self, rng: Random) -> T:
        return rng.choices(self.values, cum_weights=self.cumulative)[0]


def apportion(total: int, shares: Sequence[float]) -> list[int]:
    """Split `total` into whole parts proportional to `shares` that add up to exactly `total`
    (largest remainder first; ties go to the earlier share)."""
    whole = sum(shares)
    exact = [total * share / whole for share in shares]
    parts = [int(x) for x in exact]
    by_remainder = sorted(range(len(shares)), key=lambda i: (-(exact[i] - parts[i]), i))
    for i in by_remainder[: total - sum(parts)]:
        parts[i] += 1
    return parts
