"""Reading eligibility rules: the trees the parser builds, and the errors it reports."""

import dataclasses
import datetime

import pytest
from django.utils import translation

from talentzone.policies.eligibility import (
    RuleSyntaxError,
    RuleTypeError,
    UnknownNameError,
    parse,
)
from talentzone.policies.eligibility.nodes import (
    And,
    Attribute,
    Count,
    Membership,
    Not,
    Or,
    clauses,
)

pytestmark = pytest.mark.django_db


def error_of(text: str, subject: str = "talent") -> RuleSyntaxError:
    with translation.override("en"), pytest.raises(RuleSyntaxError) as caught:
        parse(text, subject)
    return caught.value


def shape(expression):
    """The tree without positions, so expected trees can be written by hand."""
    if isinstance(expression, And | Or):
        return (type(expression).__name__, *map(shape, expression.parts))
    if isinstance(expression, Not):
        return ("Not", shape(expression.part))
    operand = expression.operand
    what = (
        operand.name
        if isinstance(operand, Attribute)
        else ("count", operand.filters, operand.since)
    )
    if isinstance(expression, Membership):
        return (what, "not in" if expression.negated else "in", expression.values)
    return (what, expression.operator, expression.value)


VALID_RULES = [
    ("age <= 45", ("age", "<=", 45)),
    ("age>=30", ("age", ">=", 30)),
    ('gender = "female"', ("gender", "=", "female")),
    ('education = "博士研究生"', ("education", "=", "doctorate")),
    ("education = 'Doctorate'", ("education", "=", "doctorate")),
    ("education = “硕士研究生”", ("education", "=", "master")),
    ('title != "none"', ("title", "!=", "none")),
    ('tier = "市级高层次人才"', ("tier", "=", "municipal")),
    ('tier = "National top talent"', ("tier", "=", "national_top")),
    ('tier in ["district", "municipal"]', ("tier", "in", ("district", "municipal"))),
    ("tier_rank < 3", ("tier_rank", "<", 3)),
    ("arrival_date >= 2024-01-01", ("arrival_date", ">=", datetime.date(2024, 1, 1))),
    ("birth_date > 1990-02-28", ("birth_date", ">", datetime.date(1990, 2, 28))),
    ("years_in_zone >= 3", ("years_in_zone", ">=", 3)),
    ("employer.high_tech = true", ("employer.high_tech", "=", True)),
    ("employer.above_scale != false", ("employer.above_scale", "!=", False)),
    (
        'employer.industry not in ["logistics", "其他"]',
        ("employer.industry", "not in", ("logistics", "other")),
    ),
    ('status in ["in_zone"]', ("status", "in", ("in_zone",))),
    ("age in [30, 35, 40]", ("age", "in", (30, 35, 40))),
    ("count(credentials) >= 1", (("count", (), None), ">=", 1)),
    (
        'count(credentials, kind="programme", level="national") >= 1',
        (("count", (("kind", "programme"), ("level", "national")), None), ">=", 1),
    ),
    (
        'count(credentials, level="省级", since=2024-01-01, kind="人才计划入选") = 2',
        (
            ("count", (("level", "provincial"), ("kind", "programme")), datetime.date(2024, 1, 1)),
            "=",
            2,
        ),
    ),
    ("age <= 45 and age >= 30", ("And", ("age", "<=", 45), ("age", ">=", 30))),
    (
        "age < 30 or age > 60 and tier_rank = 1",
        ("Or", ("age", "<", 30), ("And", ("age", ">", 60), ("tier_rank", "=", 1))),
    ),
    (
        "(age < 30 or age > 60) and tier_rank = 1",
        ("And", ("Or", ("age", "<", 30), ("age", ">", 60)), ("tier_rank", "=", 1)),
    ),
    ("not employer.high_tech = true", ("Not", ("employer.high_tech", "=", True))),
    ("not not (age = 1)", ("Not", ("Not", ("age", "=", 1)))),
    (
        "age = 1 and age = 2 and age = 3",
        ("And", ("age", "=", 1), ("age", "=", 2), ("age", "=", 3)),
    ),
    ("\n  age\t<=\n45  ", ("age", "<=", 45)),
]


@pytest.mark.parametrize(("text", "expected"), VALID_RULES)
def test_a_valid_rule_is_read_into_the_expected_tree(text, expected):
    rule = parse(text)
    assert shape(rule.expression) == expected
    assert rule.subject == "talent"
    assert rule.text == text


def test_each_clause_of_a_rule_records_the_column_where_it_starts():
    rule = parse('age <= 45 and education = "doctorate" or count(credentials) > 0')
    assert [clause.position for clause in clauses(rule.expression)] == [1, 15, 42]
    assert clauses(rule.expression)[2].operand == Count("credentials", (), None, 42)


def test_a_parsed_rule_cannot_be_changed():
    rule = parse("age <= 45")
    with pytest.raises(dataclasses.FrozenInstanceError):
        rule.expression.value = 99


def test_a_rule_about_an_enterprise_reads_the_enterprise_attributes_and_platforms():
    rule = parse(
        'high_tech = true and count(platforms, kind="博士后工作站") >= 1 and employees > 50',
        subject="enterprise",
    )
    assert shape(rule.expression) == (
        "And",
        ("high_tech", "=", True),
        (("count", (("kind", "postdoctoral"),), None), ">=", 1),
        ("employees", ">", 50),
    )
    assert isinstance(error_of("age > 3", subject="enterprise"), UnknownNameError)


SYNTAX_ERRORS = [
    ("", "The rule is empty", 1),
    ("   ", "The rule is empty", 4),
    ("age <=", "Expected a value", 7),
    ("age <= and", "Expected a value", 8),
    ("age 45", "Expected a comparison (=, !=, <, <=, >, >=, in, not in) after “age”", 5),
    ("age", "found the end of the rule", 4),
    ("age == 45", "Expected a value (a quoted text, a number, a date or true/false) after “=”", 6),
    ("age <= 45 and", "Expected an attribute", 14),
    ("age <= 45 age >= 30", "Expected “and”, “or” or the end of the rule, found “age”", 11),
    ("(age <= 45", "Expected “)” after “(”, found the end of the rule", 11),
    ("age <= 45)", "found “)”", 10),
    ("and age <= 45", "Expected an attribute, “count(…)”, “not” or “(”, found “and”", 1),
    ('education = "doctorate', "no closing quote", 13),
    ("age <= 45 & age > 3", "Unexpected character “&”", 11),
    ("age <= 4.5", "whole number", 8),
    ("arrival_date > 2026-02-30", "2026-02-30 is not a date of the calendar", 16),
    ("arrival_date > 2026-1-1", "whole number", 16),
    ("age in 30", "Expected “[” after “in”", 8),
    ("age in [30, 40", "Expected “]”", 15),
    ("age in []", "Expected a value", 9),
    ("age not 30", "Expected a comparison", 5),
    ("count credentials > 1", "Expected “(” after “count”", 7),
    ("count(credentials > 1", "Expected “)”", 19),
    ("count() > 1", "Expected what to count", 7),
    ("count(credentials, ) > 1", "Expected a filter such as kind=", 20),
    ('count(credentials, kind "programme") > 1', "Expected “=” after “kind”", 25),
    ('count(credentials, kind="programme", kind="award") > 1', "given twice", 38),
    ("age <= 99999999999", "too large", 8),
]


@pytest.mark.parametrize(("text", "fragment", "column"), SYNTAX_ERRORS)
def test_a_malformed_rule_is_refused_with_what_was_expected_and_the_column(text, fragment, column):
    error = error_of(text)
    assert fragment in str(error.message)
    assert error.position == column
    assert f"(column {column})" in str(error)


UNKNOWN_NAMES = [
    ("agee > 30", "Unknown attribute “agee”", "age", 1),
    ('educaton = "doctorate"', "Unknown attribute “educaton”", "education", 1),
    (
        "age > 3 and employer.hightech = true",
        "Unknown attribute “employer.hightech”",
        "employer.high_tech",
        13,
    ),
    ("years_in_zon >= 2", "“years_in_zon”", "years_in_zone", 1),
    ("count(credential) > 1", "Cannot count “credential”", "credentials", 7),
    ('count(credentials, kinds="award") > 1', "Unknown filter “kinds” for credentials", "kind", 20),
    ("count(credentials, snce=2024-01-01) > 1", "Unknown filter “snce”", "since", 20),
]


@pytest.mark.parametrize(("text", "fragment", "suggestion", "column"), UNKNOWN_NAMES)
def test_an_unknown_name_is_refused_with_the_closest_valid_names(
    text, fragment, suggestion, column
):
    error = error_of(text)
    assert isinstance(error, UnknownNameError)
    assert fragment in str(error.message)
    assert suggestion in str(error.message).split("Did you mean:")[1]
    assert error.position == column


def test_a_name_close_to_nothing_is_answered_with_every_valid_name():
    message = str(error_of("xyzzy = 1").message)
    for name in ("age", "education", "employer.high_tech", "years_in_zone", "tier_rank"):
        assert name in message


TYPE_ERRORS = [
    ('age = "forty"', 'age takes a whole number, not "forty"', 7),
    ("age >= 2020-01-01", "age takes a whole number", 8),
    ("arrival_date > 5", "arrival_date takes a date such as 2026-01-01, not 5", 16),
    ("education = 3", "education takes a quoted value", 13),
    ("employer.high_tech = 1", "employer.high_tech takes true or false", 22),
    ('employer.high_tech = "yes"', "takes true or false", 22),
    ("age = true", "age takes a whole number, not true", 7),
    ('education = "phd"', "“phd” is not a value of education. Expected one of: doctorate", 13),
    ('tier = "galactic"', "“galactic” is not a value of tier", 8),
    ('education < "doctorate"', "education has no order", 11),
    ("employer.high_tech >= true", "employer.high_tech has no order", 20),
    ("employer.high_tech in [true]", "“in” does not apply to a yes/no attribute", 20),
    ('age in [30, "x"]', "age takes a whole number", 13),
    ('count(credentials, kind="nobel") > 1', "“nobel” is not a value of kind", 25),
    ("count(credentials, since=2024) > 1", "since takes a date", 26),
    ('count(credentials) = "one"', "count takes a whole number", 22),
]


@pytest.mark.parametrize(("text", "fragment", "column"), TYPE_ERRORS)
def test_a_value_of_the_wrong_kind_is_refused_with_a_clear_message(text, fragment, column):
    error = error_of(text)
    assert isinstance(error, RuleTypeError)
    assert fragment in str(error.message)
    assert error.position == column


def test_errors_are_reported_in_chinese_by_default():
    with pytest.raises(RuleSyntaxError) as caught:
        parse("agee > 30")
    assert str(caught.value) == "未知属性“agee”。您是否要写：age, gender？（第 1 列）"


def test_a_choice_label_is_stored_as_its_value_in_either_language():
    chinese = parse('education in ["博士研究生", "硕士研究生"]')
    english = parse('education in ["Doctorate", "master\'s degree"]')
    assert chinese.expression.values == english.expression.values == ("doctorate", "master")
