"""The parsed form of a rule: an immutable tree. Values are already checked and resolved (a
choice given by its Chinese label holds its stored value), so evaluating and compiling never
fail on a tree the parser made."""

import datetime
from dataclasses import dataclass

Value = str | int | bool | datetime.date

COMPARISONS = ("=", "!=", "<", "<=", ">", ">=")


@dataclass(frozen=True)
class Attribute:
    """A registry attribute of the subject, by its rule name (`age`, `employer.high_tech`)."""

    name: str
    position: int


@dataclass(frozen=True)
class Count:
    """How many items of a collection (`credentials`) match keyword filters."""

    collection: str
    filters: tuple[tuple[str, Value], ...]
    since: datetime.date | None
    position: int


Operand = Attribute | Count


@dataclass(frozen=True)
class Comparison:
    operand: Operand
    operator: str  # one of COMPARISONS
    value: Value
    position: int


@dataclass(frozen=True)
class Membership:
    operand: Operand
    values: tuple[Value, ...]
    negated: bool
    position: int


Clause = Comparison | Membership


@dataclass(frozen=True)
class And:
    parts: tuple["Expression", ...]


@dataclass(frozen=True)
class Or:
    parts: tuple["Expression", ...]


@dataclass(frozen=True)
class Not:
    part: "Expression"


Expression = Clause | And | Or | Not


@dataclass(frozen=True)
class Rule:
    """A whole rule: its tree, the subject it speaks about, and the text it was read from."""

    expression: Expression
    subject: str
    text: str


def clauses(expression: Expression) -> list[Clause]:
    """The leaf comparisons of an expression, left to right."""
    if isinstance(expression, And | Or):
        return [clause for part in expression.parts for clause in clauses(part)]
    if isinstance(expression, Not):
        return clauses(expression.part)
    return [expression]
