"""A rule applied to one record, with the reason: each clause, its actual value, and whether
it held. A value the registry lacks (no employer, no arrival date) is unknown, and a clause
over an unknown value does not hold, whatever its operator; `not` of such a clause holds.
compiler.py gives the database the same reading."""

import datetime
from dataclasses import dataclass

from . import nodes
from .subjects import SUBJECTS, CollectionSpec, Subject, read_attribute, read_path
from .wording import describe, shown_value

OPERATORS = {
    "=": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}


@dataclass(frozen=True)
class ClauseResult:
    clause: nodes.Clause
    description: str  # the clause in words, in the active language
    actual: object  # the record's value; None when unknown
    actual_display: str
    passed: bool


@dataclass(frozen=True)
class Explanation:
    passed: bool
    clauses: tuple[ClauseResult, ...]

    @property
    def failed_clauses(self) -> tuple[ClauseResult, ...]:
        return tuple(result for result in self.clauses if not result.passed)


def evaluate(rule: nodes.Rule, record, today: datetime.date) -> Explanation:
    """Whether `record` (a Talent for a talent rule) meets the rule on `today`, and why."""
    subject = SUBJECTS[rule.subject]
    results = {}
    for clause in nodes.clauses(rule.expression):
        actual = operand_value(subject, clause.operand, record, today)
        results[clause] = ClauseResult(
            clause=clause,
            description=describe(clause, rule.subject),
            actual=actual,
            actual_display=shown_value(subject, clause.operand, actual),
            passed=clause_holds(clause, actual),
        )
    passed = holds(rule.expression, results)
    return Explanation(passed=passed, clauses=tuple(results.values()))


def holds(expression: nodes.Expression, results: dict) -> bool:
    if isinstance(expression, nodes.And):
        return all(holds(part, results) for part in expression.parts)
    if isinstance(expression, nodes.Or):
        return any(holds(part, results) for part in expression.parts)
    if isinstance(expression, nodes.Not):
        return not holds(expression.part, results)
    return results[expression].passed


def clause_holds(clause: nodes.Clause, actual) -> bool:
    if actual is None:
        return False
    if isinstance(clause, nodes.Membership):
        return (actual in clause.values) != clause.negated
    return OPERATORS[clause.operator](actual, clause.value)


def operand_value(subject: Subject, operand: nodes.Operand, record, today: datetime.date):
    if isinstance(operand, nodes.Count):
        return count_items(subject.collections[operand.collection], operand, record)
    return read_attribute(subject.attributes[operand.name], record, today)


def count_items(collection: CollectionSpec, count: nodes.Count, record) -> int:
    """Counted in Python over `record.<collection>.all()`, so a prefetch serves many records."""
    return sum(
        1
        for item in getattr(record, collection.related_name).all()
        if all(
            read_path(item, collection.keywords[keyword].path) == value
            for keyword, value in count.filters
        )
        and (count.since is None or getattr(item, collection.since_field) >= count.since)
    )
