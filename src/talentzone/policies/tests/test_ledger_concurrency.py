"""No budget line is overspent when many approvals reserve from it at the same moment.

Each test starts N threads behind a barrier, each with its own database connection, so the
reservations really run at once. The first test shows the race is real by switching the line
lock off; the others show that with the lock exactly the affordable ones succeed. They need
PostgreSQL's row locks: SQLite runs one writer at a time, so it has no race to show.
"""

from collections import Counter
from functools import partial

import pytest
from django.db import connection

from talentzone.core.testing import run_at_once
from talentzone.directory.tests.factories import DepartmentFactory, UserFactory
from talentzone.policies import ledger
from talentzone.policies.ledger import InsufficientBudget
from talentzone.policies.models import BudgetLine

REFUSALS = {InsufficientBudget: "refused"}

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite lets one writer in at a time, so there is no race",
    ),
]

THREADS = 12
AFFORDABLE = 5
EACH = 10_000_00  # ¥10,000.00 in fen
ATTEMPTS_TO_SHOW_THE_RACE = 5


def a_line_that_affords(count: int, *, code: str) -> BudgetLine:
    """A line with money for `count` reservations of EACH, and a little less than one more."""
    return BudgetLine.objects.create(
        year=2026,
        code=code,
        name="人才奖励",
        owner=DepartmentFactory(),
        amount=count * EACH + EACH - 1,
    )


def reserve_concurrently(line: BudgetLine, actor) -> Counter:
    def reserve(i: int) -> None:
        ledger.reserve(actor=actor, line=line, amount=EACH, reference=f"申请 {i}")

    return run_at_once([partial(reserve, i) for i in range(THREADS)], refusals=REFUSALS)


def test_without_the_line_lock_concurrent_reservations_overspend_the_line(monkeypatch):
    """Proves the next test can fail: the same reservations, unlocked, overspend the line.

    A race depends on timing, so it is tried a few times on fresh lines; if no attempt shows it
    (an unusually slow or single-core machine), the test skips rather than failing at random.
    """
    monkeypatch.setattr(ledger, "LOCK_LINES", False)
    actor = UserFactory()
    for attempt in range(ATTEMPTS_TO_SHOW_THE_RACE):
        line = a_line_that_affords(AFFORDABLE, code=f"race-{attempt}")
        outcomes = reserve_concurrently(line, actor)
        if outcomes["succeeded"] > AFFORDABLE:
            assert ledger.line_figures(line).free < 0
            return
    pytest.skip("race not reproduced this run")


def test_with_the_line_lock_exactly_the_affordable_reservations_succeed():
    actor = UserFactory()
    line = a_line_that_affords(AFFORDABLE, code="rc-01")

    outcomes = reserve_concurrently(line, actor)

    assert outcomes == {"succeeded": AFFORDABLE, "refused": THREADS - AFFORDABLE}
    figures = ledger.line_figures(line)
    assert figures.free == line.amount - AFFORDABLE * EACH
    assert figures.free >= 0
    assert figures.reserved == AFFORDABLE * EACH
    assert line.entries.count() == AFFORDABLE


def test_concurrent_payments_from_one_reservation_never_pay_more_than_it_holds():
    actor = UserFactory()
    line = a_line_that_affords(AFFORDABLE, code="rc-02")
    reservation = ledger.reserve(actor=actor, line=line, amount=EACH, reference="申请 1")
    instalment = EACH // 4  # four instalments fit; the other threads find nothing left

    def pay(i: int) -> None:
        ledger.disburse(actor=actor, reservation_entry=reservation, amount=instalment)

    outcomes = run_at_once([partial(pay, i) for i in range(THREADS)], refusals=REFUSALS)

    refusals = {name: n for name, n in outcomes.items() if name != "succeeded"}
    assert outcomes["succeeded"] == 4
    assert list(refusals) == ["invalid: nothing_outstanding"]
    assert refusals.popitem()[1] == THREADS - 4
    assert ledger.outstanding(reservation) == 0
    assert ledger.line_figures(line).disbursed == EACH
