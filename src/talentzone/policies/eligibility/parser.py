"""A recursive-descent parser from rule text to a checked tree (nodes.py).

rule        := or_expr END
or_expr     := and_expr ("or" and_expr)*
and_expr    := not_expr ("and" not_expr)*
not_expr    := "not" not_expr | "(" or_expr ")" | clause
clause      := operand ( COMPARISON value | "in" list | "not" "in" list )
operand     := NAME | "count" "(" NAME ("," NAME "=" value)* ")"
list        := "[" value ("," value)* "]"
value       := STRING | INTEGER | DATE | "true" | "false"
"""

import difflib
import re

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from . import nodes
from .errors import RuleSyntaxError, RuleTypeError, UnknownNameError
from .lexer import Token, tokenize
from .subjects import ORDERED_TYPES, SUBJECTS, AttributeSpec, Subject, ValueType

VALUE_KINDS = {"string", "integer", "date"}
TYPE_NAMES = {
    ValueType.INTEGER: _("a whole number"),
    ValueType.DATE: _("a date such as 2026-01-01"),
    ValueType.BOOLEAN: _("true or false"),
    ValueType.CHOICE: _("a quoted value"),
}


def parse(text: str, subject: str = "talent") -> nodes.Rule:
    """Read a rule about `subject`; RuleSyntaxError (or a subclass) says what is wrong, where."""
    parser = Parser(tokenize(text), SUBJECTS[subject])
    expression = parser.rule()
    return nodes.Rule(expression=expression, subject=subject, text=text)


def shown(token: Token):
    if token.kind == "end":
        return _("the end of the rule")
    return f"“{token.text}”"


def closest(name: str, candidates) -> str:
    """The valid names closest to a misspelt one; all of them when none is close."""
    candidates = sorted(candidates)
    near = difflib.get_close_matches(name, candidates, n=3, cutoff=0.6)
    return ", ".join(near or candidates)


class Parser:
    def __init__(self, tokens: list[Token], subject: Subject):
        self.tokens = tokens
        self.index = 0
        self.subject = subject

    # Token stream

    @property
    def current(self) -> Token:
        return self.tokens[self.index]

    def advance(self) -> Token:
        token = self.current
        self.index += 1
        return token

    def at(self, kind: str, value=None) -> bool:
        token = self.current
        return token.kind == kind and (value is None or token.value == value)

    def expect_symbol(self, symbol: str, after: Token) -> Token:
        if not self.at("symbol", symbol):
            self.fail(
                _("Expected “%(symbol)s” after %(after)s, found %(found)s.")
                % {"symbol": symbol, "after": shown(after), "found": shown(self.current)}
            )
        return self.advance()

    def fail(self, message, token: Token | None = None, error=RuleSyntaxError):
        raise error(message, (token or self.current).position)

    # Grammar

    def rule(self) -> nodes.Expression:
        if self.at("end"):
            self.fail(_("The rule is empty: write at least one condition, such as age <= 45."))
        expression = self.or_expr()
        if not self.at("end"):
            self.fail(
                _("Expected “and”, “or” or the end of the rule, found %(found)s.")
                % {"found": shown(self.current)}
            )
        return expression

    def or_expr(self) -> nodes.Expression:
        parts = [self.and_expr()]
        while self.at("keyword", "or"):
            self.advance()
            parts.append(self.and_expr())
        return parts[0] if len(parts) == 1 else nodes.Or(tuple(parts))

    def and_expr(self) -> nodes.Expression:
        parts = [self.not_expr()]
        while self.at("keyword", "and"):
            self.advance()
            parts.append(self.not_expr())
        return parts[0] if len(parts) == 1 else nodes.And(tuple(parts))

    def not_expr(self) -> nodes.Expression:
        if self.at("keyword", "not"):
            self.advance()
            return nodes.Not(self.not_expr())
        if self.at("symbol", "("):
            opening = self.advance()
            expression = self.or_expr()
            self.expect_symbol(")", opening)
            return expression
        return self.clause()

    def clause(self) -> nodes.Clause:
        start = self.current
        operand, spec = self.operand()
        token = self.current
        if token.kind == "symbol" and token.value in nodes.COMPARISONS:
            self.advance()
            value = self.value(spec, after=token)
            self.check_order(spec, token)
            return nodes.Comparison(operand, token.value, value, start.position)
        if self.at("keyword", "in"):
            self.advance()
            return nodes.Membership(operand, self.value_list(spec, token), False, start.position)
        if self.at("keyword", "not") and self.tokens[self.index + 1].value == "in":
            self.advance()
            in_token = self.advance()
            return nodes.Membership(operand, self.value_list(spec, in_token), True, start.position)
        self.fail(
            _(
                "Expected a comparison (=, !=, <, <=, >, >=, in, not in) after %(after)s, "
                "found %(found)s."
            )
            % {"after": shown(self.tokens[self.index - 1]), "found": shown(token)}
        )

    def operand(self) -> tuple[nodes.Operand, AttributeSpec]:
        token = self.current
        if self.at("keyword", "count"):
            return self.count(), COUNT_SPEC
        if token.kind != "name":
            self.fail(
                _("Expected an attribute, “count(…)”, “not” or “(”, found %(found)s.")
                % {"found": shown(token)}
            )
        self.advance()
        spec = self.subject.attributes.get(token.value)
        if spec is None:
            self.fail(
                _("Unknown attribute “%(name)s”. Did you mean: %(names)s?")
                % {"name": token.value, "names": closest(token.value, self.subject.attributes)},
                token,
                UnknownNameError,
            )
        return nodes.Attribute(token.value, token.position), spec

    def count(self) -> nodes.Count:
        count_token = self.advance()
        opening = self.expect_symbol("(", count_token)
        name = self.current
        if name.kind != "name":
            self.fail(
                _("Expected what to count, such as credentials, after %(after)s, found %(found)s.")
                % {"after": shown(opening), "found": shown(name)}
            )
        self.advance()
        collection = self.subject.collections.get(name.value)
        if collection is None:
            self.fail(
                _("Cannot count “%(name)s”. Did you mean: %(names)s?")
                % {"name": name.value, "names": closest(name.value, self.subject.collections)},
                name,
                UnknownNameError,
            )
        filters, since = self.count_keywords(collection)
        self.expect_symbol(")", self.tokens[self.index - 1])
        return nodes.Count(name.value, tuple(filters), since, count_token.position)

    def count_keywords(self, collection) -> tuple[list, object]:
        filters, since, seen = [], None, set()
        allowed = [*collection.keywords, "since"]
        while self.at("symbol", ","):
            comma = self.advance()
            keyword = self.current
            if keyword.kind != "name":
                self.fail(
                    _(
                        'Expected a filter such as kind="programme" after %(after)s, '
                        "found %(found)s."
                    )
                    % {"after": shown(comma), "found": shown(keyword)}
                )
            if keyword.value not in allowed:
                self.fail(
                    _("Unknown filter “%(name)s” for %(collection)s. Did you mean: %(names)s?")
                    % {
                        "name": keyword.value,
                        "collection": collection.name,
                        "names": closest(keyword.value, allowed),
                    },
                    keyword,
                    UnknownNameError,
                )
            if keyword.value in seen:
                self.fail(
                    _("The filter “%(name)s” is given twice.") % {"name": keyword.value}, keyword
                )
            seen.add(keyword.value)
            self.advance()
            equals = self.expect_symbol("=", keyword)
            if keyword.value == "since":
                since = self.value(SINCE_SPEC, after=equals)
            else:
                filters.append(
                    (keyword.value, self.value(collection.keywords[keyword.value], equals))
                )
        return filters, since

    def value_list(self, spec: AttributeSpec, in_token: Token) -> tuple:
        if spec.type == ValueType.BOOLEAN:
            self.fail(
                _("“in” does not apply to a yes/no attribute: compare it with = true or = false."),
                in_token,
                RuleTypeError,
            )
        opening = self.expect_symbol("[", in_token)
        values = [self.value(spec, after=opening)]
        while self.at("symbol", ","):
            comma = self.advance()
            values.append(self.value(spec, after=comma))
        self.expect_symbol("]", self.tokens[self.index - 1])
        return tuple(values)

    def value(self, spec: AttributeSpec, after: Token):
        token = self.current
        if token.kind in VALUE_KINDS or self.at("keyword", "true") or self.at("keyword", "false"):
            self.advance()
            return self.checked(spec, token)
        self.fail(
            _(
                "Expected a value (a quoted text, a number, a date or true/false) "
                "after %(after)s, found %(found)s."
            )
            % {"after": shown(after), "found": shown(token)}
        )

    # Types

    def checked(self, spec: AttributeSpec, token: Token):
        """The literal as a value of the attribute's type; choices resolved from labels."""
        kind = {"string": ValueType.CHOICE, "integer": ValueType.INTEGER, "date": ValueType.DATE}
        literal_type = kind.get(token.kind, ValueType.BOOLEAN)
        if literal_type != spec.type:
            self.fail(
                _("%(attribute)s takes %(expected)s, not %(found)s.")
                % {"attribute": spec.name, "expected": TYPE_NAMES[spec.type], "found": token.text},
                token,
                RuleTypeError,
            )
        if literal_type == ValueType.BOOLEAN:
            return token.value == "true"
        if literal_type == ValueType.CHOICE:
            return self.resolved_choice(spec, token)
        return token.value

    def resolved_choice(self, spec: AttributeSpec, token: Token) -> str:
        names = choice_names(spec)
        value = names.get(normalised(token.value))
        if value is None:
            listed = ", ".join(f"{value} ({label})" for value, label in spec.choices())
            self.fail(
                _("“%(value)s” is not a value of %(attribute)s. Expected one of: %(choices)s.")
                % {"value": token.value, "attribute": spec.name, "choices": listed},
                token,
                RuleTypeError,
            )
        return value

    def check_order(self, spec: AttributeSpec, operator: Token) -> None:
        if operator.value in ("=", "!=") or spec.type in ORDERED_TYPES:
            return
        self.fail(
            _("%(attribute)s has no order: use =, !=, in or not in instead of %(operator)s.")
            % {"attribute": spec.name, "operator": operator.value},
            operator,
            RuleTypeError,
        )


COUNT_SPEC = AttributeSpec("count", "count", ValueType.INTEGER, "")
SINCE_SPEC = AttributeSpec("since", "since", ValueType.DATE, "")


def normalised(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip()).casefold()


def choice_names(spec: AttributeSpec) -> dict[str, str]:
    """Every way a choice may be written: its value, its Chinese label, its English label."""
    names = {}
    for language in ("en", "zh-hans"):
        with translation.override(language):
            for value, label in spec.choices():
                names[normalised(str(label))] = value
    for name, value in (spec.extra_names() if spec.extra_names else {}).items():
        names[normalised(name)] = value
    for value, _label in spec.choices():
        names[normalised(value)] = value
    return names
