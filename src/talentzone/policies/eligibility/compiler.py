"""A rule as one database query: `Talent.objects.annotate(**annotations).filter(q)` selects
exactly the records evaluation.py passes.

Three-valued logic is the trap. In SQL a comparison with NULL is unknown, and NOT unknown is
still unknown, whereas evaluation.py reads a clause over a missing value as plainly false, so
`not` of it is true. Each clause therefore compiles to `comparison AND value IS NOT NULL`: that
is false (never unknown) when the value is missing, and the tree above it negates and combines
two-valued answers only. Counts are never NULL (COUNT of no rows is 0).

Ages compare the stored date with a boundary instead of computing an age per row:
age >= n ⇔ birth_date <= the date n years before today, which every database can use an index
for. Counts are correlated subqueries, so the outer query needs no GROUP BY."""

import datetime
from typing import NamedTuple

from django.db.models import F, Func, IntegerField, OuterRef, Q, QuerySet, Subquery

from . import nodes
from .subjects import SUBJECTS, AttributeSpec, CollectionSpec, Subject, years_ago

NOTHING = Q(pk__in=[])
EVERYTHING = ~NOTHING
LOOKUPS = {"=": "exact", "<": "lt", "<=": "lte", ">": "gt", ">=": "gte"}


class CompiledRule(NamedTuple):
    annotations: dict
    q: Q

    def apply(self, queryset: QuerySet) -> QuerySet:
        return queryset.annotate(**self.annotations).filter(self.q)


def compile_to_q(rule: nodes.Rule, today: datetime.date) -> CompiledRule:
    compiler = Compiler(SUBJECTS[rule.subject], today)
    q = compiler.expression(rule.expression)
    return CompiledRule(annotations=compiler.annotations, q=q)


class Compiler:
    def __init__(self, subject: Subject, today: datetime.date):
        self.subject = subject
        self.today = today
        self.annotations = {}

    def expression(self, expression: nodes.Expression) -> Q:
        if isinstance(expression, nodes.And):
            return combine(map(self.expression, expression.parts), Q.__and__)
        if isinstance(expression, nodes.Or):
            return combine(map(self.expression, expression.parts), Q.__or__)
        if isinstance(expression, nodes.Not):
            return ~self.expression(expression.part)
        return self.clause(expression)

    def clause(self, clause: nodes.Clause) -> Q:
        if isinstance(clause.operand, nodes.Count):
            return self.count_clause(clause)
        spec = self.subject.attributes[clause.operand.name]
        known = Q(**{f"{spec.path}__isnull": False})
        if spec.years_since:
            return self.years_clause(spec, clause) & known
        return field_clause(spec.path, clause) & known

    def count_clause(self, clause: nodes.Clause) -> Q:
        name = f"_rule_count_{len(self.annotations)}"
        collection = self.subject.collections[clause.operand.collection]
        self.annotations[name] = count_subquery(collection, clause.operand)
        return field_clause(name, clause)

    def years_clause(self, spec: AttributeSpec, clause: nodes.Clause) -> Q:
        """Whole years since a date, as ranges of that date."""
        if isinstance(clause, nodes.Membership):
            matches = combine(
                (self.years_equal(spec.path, value) for value in clause.values), Q.__or__
            )
            return ~matches if clause.negated else matches
        at_least = self.years_at_least
        n = clause.value
        return {
            ">=": lambda: at_least(spec.path, n),
            ">": lambda: at_least(spec.path, n + 1),
            "<": lambda: ~at_least(spec.path, n),
            "<=": lambda: ~at_least(spec.path, n + 1),
            "=": lambda: self.years_equal(spec.path, n),
            "!=": lambda: ~self.years_equal(spec.path, n),
        }[clause.operator]()

    def years_at_least(self, path: str, years: int) -> Q:
        boundary = years_ago(self.today, years)
        return NOTHING if boundary is None else Q(**{f"{path}__lte": boundary})

    def years_equal(self, path: str, years: int) -> Q:
        return self.years_at_least(path, years) & ~self.years_at_least(path, years + 1)


def field_clause(path: str, clause: nodes.Clause) -> Q:
    """The clause on a stored (or annotated) value, without the NULL guard."""
    if isinstance(clause, nodes.Membership):
        matches = Q(**{f"{path}__in": list(clause.values)})
        return ~matches if clause.negated else matches
    if clause.operator == "!=":
        return ~Q(**{path: clause.value})
    return Q(**{f"{path}__{LOOKUPS[clause.operator]}": clause.value})


def count_subquery(collection: CollectionSpec, count: nodes.Count) -> Subquery:
    """SELECT COUNT(*) FROM items WHERE owner = outer.pk AND filters: one row, 0 when none.
    COUNT is written as a plain function so Django adds no GROUP BY to either query."""
    filters = {collection.keywords[keyword].path: value for keyword, value in count.filters}
    if count.since is not None:
        filters[f"{collection.since_field}__gte"] = count.since
    items = collection.model.objects.filter(**{collection.owner_field: OuterRef("pk")}, **filters)
    counted = items.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Subquery(counted, output_field=IntegerField())


def combine(qs, operator) -> Q:
    qs = list(qs)
    result = qs[0]
    for q in qs[1:]:
        result = operator(result, q)
    return result
