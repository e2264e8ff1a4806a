"""Eligibility rules in words, and applied to one talent with the reason for each clause."""

import datetime

import pytest
from django.utils import translation

from talentzone.directory.tests.factories import (
    CredentialFactory,
    EnterpriseFactory,
    PlatformFactory,
    TalentFactory,
    tier,
)
from talentzone.policies.eligibility import describe, evaluate, parse

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 1, 1)


def chinese(text: str, subject: str = "talent") -> str:
    with translation.override("zh-hans"):
        return describe(parse(text, subject))


def english(text: str, subject: str = "talent") -> str:
    with translation.override("en"):
        return describe(parse(text, subject))


DESCRIPTIONS = [
    ('age <= 45 and education = "博士研究生"', "年龄不超过 45 岁，且 学历为 博士研究生"),
    ("years_in_zone >= 3", "入区年限不少于 3 年"),
    ('education in ["doctorate", "master"]', "学历为 博士研究生、硕士研究生 之一"),
    ('employer.industry not in ["logistics"]', "所在单位行业不属于 物流及服务业 中任何一项"),
    ("employer.high_tech = true", "所在单位为高新技术企业"),
    ("employer.high_tech != true", "所在单位不是高新技术企业"),
    ("employer.high_tech = false", "所在单位不是高新技术企业"),
    ("arrival_date >= 2024-01-01", "入区日期不早于 2024-01-01"),
    ("birth_date < 1990-01-01", "出生日期早于 1990-01-01"),
    ('tier = "municipal"', "人才层次为 市级高层次人才"),
    (
        'count(credentials, kind="programme", level="national", since=2024-01-01) >= 1',
        "荣誉资质（类别为 人才计划入选、级别为 国家级、自 2024-01-01 起）数量不少于 1",
    ),
    ("count(credentials) > 2", "荣誉资质数量大于 2"),
    ("age < 35 or tier_rank <= 2", "年龄小于 35 岁，或 人才层次排位不超过 2"),
    (
        "age < 35 and (tier_rank <= 2 or employer.rd_institution = true)",
        "年龄小于 35 岁，且 （人才层次排位不超过 2，或 所在单位为研发机构）",
    ),
    ("not (age > 60)", "并非（年龄大于 60 岁）"),
]


@pytest.mark.parametrize(("text", "expected"), DESCRIPTIONS)
def test_a_rule_is_described_in_chinese_words(text, expected):
    assert chinese(text) == expected


def test_a_rule_is_described_in_english_for_an_english_reader():
    assert english('age <= 45 and education = "博士研究生"') == (
        "age is at most 45 years, and education is Doctorate"
    )
    assert english('count(credentials, kind="award") >= 2 or not (employer.high_tech = true)') == (
        "number of credentials (kind is Award) is at least 2, "
        "or not (the employer is a high-tech enterprise)"
    )


def test_an_enterprise_rule_is_described_with_the_enterprise_wording():
    assert chinese(
        'high_tech = true and count(platforms, kind="postdoctoral") >= 1', subject="enterprise"
    ) == ("企业为高新技术企业，且 科研平台（类别为 博士后工作站）数量不少于 1")


def explain(text: str, talent, today=TODAY, language="zh-hans"):
    with translation.override(language):
        return evaluate(parse(text), talent, today)


def test_the_explanation_says_which_clause_passed_and_which_failed_with_the_actual_values():
    talent = TalentFactory(born=datetime.date(1980, 5, 1), education="master")
    explanation = explain('age <= 45 and education = "doctorate"', talent)
    assert explanation.passed is False
    age, education = explanation.clauses
    assert (age.description, age.actual, age.actual_display, age.passed) == (
        "年龄不超过 45 岁",
        45,
        "45 岁",
        True,
    )
    assert (education.actual, education.actual_display, education.passed) == (
        "master",
        "硕士研究生",
        False,
    )
    assert explanation.failed_clauses == (education,)


def test_age_is_counted_in_whole_years_up_to_the_evaluation_date():
    talent = TalentFactory(born=datetime.date(1981, 1, 2))
    assert explain("age = 44", talent).passed
    assert explain("age = 45", talent, today=datetime.date(2026, 1, 2)).passed


def test_someone_born_on_29_february_comes_of_age_on_1_march_in_a_common_year():
    talent = TalentFactory(born=datetime.date(2008, 2, 29), arrival_date=datetime.date(2020, 1, 1))
    assert explain("age = 17", talent, today=datetime.date(2026, 2, 28)).passed
    assert explain("age = 18", talent, today=datetime.date(2026, 3, 1)).passed
    assert explain("age = 16", talent, today=datetime.date(2024, 2, 29)).passed


def test_a_talent_without_an_employer_fails_every_employer_clause_and_passes_its_negation():
    talent = TalentFactory(employer=None)
    for text in (
        "employer.high_tech = true",
        "employer.high_tech = false",
        "employer.high_tech != true",
        'employer.industry not in ["logistics"]',
    ):
        explanation = explain(text, talent)
        assert explanation.passed is False, text
        assert explanation.clauses[0].actual is None
        assert explanation.clauses[0].actual_display == "未知"
    assert explain("not (employer.high_tech = true)", talent).passed


def test_a_talent_without_an_arrival_date_has_an_unknown_time_in_the_zone():
    talent = TalentFactory(arrival_date=None)
    assert not explain("years_in_zone >= 0", talent).passed
    assert not explain("years_in_zone < 100", talent).passed
    assert explain("not (years_in_zone < 100)", talent).passed


def test_a_talent_without_a_tier_has_an_unknown_tier():
    talent = TalentFactory(tier=None)
    assert not explain('tier != "district"', talent).passed
    assert not explain("tier_rank > 0", talent).passed


def test_employer_and_tier_attributes_are_read_from_the_linked_records():
    employer = EnterpriseFactory(high_tech=True, industry="electronics")
    talent = TalentFactory(employer=employer, tier=tier("provincial_high"))
    rule = (
        'employer.high_tech = true and employer.industry = "electronics" '
        'and tier = "provincial_high" and tier_rank = 3'
    )
    assert explain(rule, talent).passed


def test_a_count_keeps_only_the_credentials_of_the_kind_level_and_period_asked_for():
    talent = TalentFactory()
    CredentialFactory(
        talent=talent, kind="programme", level="national", awarded_on=datetime.date(2024, 3, 1)
    )
    CredentialFactory(
        talent=talent, kind="programme", level="national", awarded_on=datetime.date(2023, 12, 31)
    )
    CredentialFactory(
        talent=talent, kind="programme", level="provincial", awarded_on=datetime.date(2025, 1, 1)
    )
    CredentialFactory(
        talent=talent, kind="award", level="national", awarded_on=datetime.date(2025, 1, 1)
    )
    CredentialFactory(talent=TalentFactory(), kind="programme", level="national")
    count = 'count(credentials, kind="programme", level="national"{since}) = {n}'
    assert explain(count.format(since="", n=2), talent).passed
    assert explain(count.format(since=", since=2024-01-01", n=1), talent).passed
    assert explain("count(credentials) = 4", talent).passed
    explanation = explain('count(credentials, kind="award") >= 2', talent)
    assert (explanation.passed, explanation.clauses[0].actual) == (False, 1)


def test_an_enterprise_rule_is_evaluated_on_the_enterprise_and_its_platforms():
    enterprise = EnterpriseFactory(high_tech=True, employees=120, founded_on=None)
    PlatformFactory(enterprise=enterprise, kind="postdoctoral", level="provincial")
    with translation.override("en"):
        passed = evaluate(
            parse('high_tech = true and count(platforms, level="省级") = 1', "enterprise"),
            enterprise,
            TODAY,
        )
        unknown = evaluate(parse("years_since_founding >= 0", "enterprise"), enterprise, TODAY)
    assert passed.passed
    assert (unknown.passed, unknown.clauses[0].actual_display) == (False, "unknown")
