"""A rule in words, in the active language: what the form shows under the rule an
administrator typed, and what an applicant reads next to each clause of their explanation."""

import datetime

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from . import nodes
from .subjects import SUBJECTS, AttributeSpec, Subject, ValueType

PHRASES = {
    "=": lambda: _("%(attribute)s is %(value)s"),
    "!=": lambda: _("%(attribute)s is not %(value)s"),
    "<": lambda: _("%(attribute)s is less than %(value)s"),
    "<=": lambda: _("%(attribute)s is at most %(value)s"),
    ">": lambda: _("%(attribute)s is more than %(value)s"),
    ">=": lambda: _("%(attribute)s is at least %(value)s"),
}
DATE_PHRASES = {
    "<": lambda: _("%(attribute)s is before %(value)s"),
    "<=": lambda: _("%(attribute)s is on or before %(value)s"),
    ">": lambda: _("%(attribute)s is after %(value)s"),
    ">=": lambda: _("%(attribute)s is on or after %(value)s"),
}


def describe(rule, subject: str | None = None) -> str:
    """A rule (or any part of its tree) in words."""
    if isinstance(rule, nodes.Rule):
        return phrase(rule.expression, SUBJECTS[rule.subject], nested=False)
    return phrase(rule, SUBJECTS[subject or "talent"], nested=False)


def phrase(expression, subject: Subject, nested: bool) -> str:
    if isinstance(expression, nodes.And | nodes.Or):
        joiner = _(", and ") if isinstance(expression, nodes.And) else _(", or ")
        text = joiner.join(phrase(part, subject, nested=True) for part in expression.parts)
        return _("(%(clause)s)") % {"clause": text} if nested else text
    if isinstance(expression, nodes.Not):
        return _("not (%(clause)s)") % {"clause": phrase(expression.part, subject, nested=False)}
    if isinstance(expression, nodes.Membership):
        return membership_phrase(expression, subject)
    return comparison_phrase(expression, subject)


def comparison_phrase(comparison: nodes.Comparison, subject: Subject) -> str:
    spec = operand_spec(subject, comparison.operand)
    if spec.type == ValueType.BOOLEAN:
        yes = comparison.value == (comparison.operator == "=")
        return str(spec.label if yes else spec.negative_label)
    table = (
        DATE_PHRASES
        if spec.type == ValueType.DATE and comparison.operator in DATE_PHRASES
        else PHRASES
    )
    return table[comparison.operator]() % {
        "attribute": operand_label(subject, comparison.operand),
        "value": shown_value(subject, comparison.operand, comparison.value),
    }


def membership_phrase(membership: nodes.Membership, subject: Subject) -> str:
    values = list_separator().join(
        shown_value(subject, membership.operand, value) for value in membership.values
    )
    template = (
        _("%(attribute)s is none of %(values)s")
        if membership.negated
        else _("%(attribute)s is one of %(values)s")
    )
    return template % {"attribute": operand_label(subject, membership.operand), "values": values}


def list_separator() -> str:
    return "、" if (get_language() or "").startswith("zh") else ", "


def operand_spec(subject: Subject, operand: nodes.Operand) -> AttributeSpec | None:
    if isinstance(operand, nodes.Count):
        return COUNT
    return subject.attributes[operand.name]


COUNT = AttributeSpec("count", "", ValueType.INTEGER, "")


def operand_label(subject: Subject, operand: nodes.Operand) -> str:
    if isinstance(operand, nodes.Attribute):
        return str(subject.attributes[operand.name].label)
    collection = subject.collections[operand.collection]
    conditions = [
        _("%(attribute)s is %(value)s")
        % {
            "attribute": collection.keywords[keyword].label,
            "value": choice_label(collection.keywords[keyword], value),
        }
        for keyword, value in operand.filters
    ]
    if operand.since:
        conditions.append(_("since %(date)s") % {"date": operand.since.isoformat()})
    what = str(collection.label)
    if conditions:
        what = _("%(collection)s (%(conditions)s)") % {
            "collection": what,
            "conditions": list_separator().join(conditions),
        }
    return _("number of %(what)s") % {"what": what}


def shown_value(subject: Subject, operand: nodes.Operand, value) -> str:
    """A value as a reader expects it: a choice by its label, an age with its unit."""
    if value is None:
        return _("unknown")
    spec = operand_spec(subject, operand)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if spec.type == ValueType.CHOICE:
        return choice_label(spec, value)
    if spec.unit:
        return str(spec.unit) % {"number": value}
    return str(value)


def choice_label(spec: AttributeSpec, value: str) -> str:
    return str(dict(spec.choices()).get(value, value))
