"""Eligibility rules as one database query: it selects exactly the records that evaluation
passes, on concrete cases and, by a property test, on random registries and random rules."""

import datetime

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from talentzone.directory import choices
from talentzone.directory.models import Enterprise, Talent
from talentzone.directory.tests.factories import (
    CredentialFactory,
    EnterpriseFactory,
    PlatformFactory,
    TalentFactory,
    tier,
)
from talentzone.policies.eligibility import SUBJECTS, compile_to_q, evaluate, parse
from talentzone.policies.eligibility.subjects import ValueType, whole_years, years_ago

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 1, 1)
TIER_CODES = [
    "national_top",
    "national_leading",
    "provincial_high",
    "provincial_leading",
    "municipal",
    "district",
]


def selected(text: str, today=TODAY, subject="talent") -> set[int]:
    model = SUBJECTS[subject].model
    compiled = compile_to_q(parse(text, subject), today)
    return set(compiled.apply(model.objects.all()).values_list("pk", flat=True))


def passing(text: str, today=TODAY, subject="talent") -> set[int]:
    rule = parse(text, subject)
    records = SUBJECTS[subject].model.objects.order_by("pk")
    if subject == "talent":
        records = records.select_related("employer", "tier").prefetch_related("credentials")
    else:
        records = records.prefetch_related("platforms")
    return {record.pk for record in records if evaluate(rule, record, today).passed}


def test_age_limits_select_by_birth_date_with_the_birthday_itself_counting():
    turns_45_today = TalentFactory(born=datetime.date(1981, 1, 1))
    turns_45_tomorrow = TalentFactory(born=datetime.date(1981, 1, 2))
    assert selected("age >= 45") == {turns_45_today.pk}
    assert selected("age < 45") == {turns_45_tomorrow.pk}
    assert selected("age <= 44") == {turns_45_tomorrow.pk}
    assert selected("age > 44") == {turns_45_today.pk}
    assert selected("age = 44") == {turns_45_tomorrow.pk}
    assert selected("age != 44") == {turns_45_today.pk}
    assert selected("age in [40, 45]") == {turns_45_today.pk}
    assert selected("age not in [40, 45]") == {turns_45_tomorrow.pk}


def test_an_age_beyond_the_calendar_selects_no_one_and_its_negation_everyone():
    talent = TalentFactory()
    assert selected("age >= 999999") == set()
    assert selected("age < 999999") == {talent.pk}


def test_the_age_boundary_of_29_february_falls_on_the_28th_in_a_common_year():
    assert years_ago(datetime.date(2024, 2, 29), 1) == datetime.date(2023, 2, 28)
    leap_born = TalentFactory(born=datetime.date(2008, 2, 29))
    assert selected("age >= 18", today=datetime.date(2026, 2, 28)) == set()
    assert selected("age >= 18", today=datetime.date(2026, 3, 1)) == {leap_born.pk}


BOUNDARY_TODAYS = [
    datetime.date(2026, 1, 1),
    datetime.date(2024, 2, 29),
    datetime.date(2025, 2, 28),
    datetime.date(2026, 3, 1),
]


def test_every_age_and_time_in_zone_comparison_agrees_with_evaluation_around_each_anniversary():
    """Talents born and arrived on the day before, of and after each anniversary, including
    29 February, against every operator: the query's date boundaries must match the ages."""
    for today in BOUNDARY_TODAYS:
        with transaction.atomic():
            for years in (17, 18, 19):
                for shift in (-1, 0, 1):
                    day = years_ago(today, years) + datetime.timedelta(days=shift)
                    TalentFactory(born=day - datetime.timedelta(days=3650), arrival_date=day)
                    TalentFactory(born=day, arrival_date=None)
            TalentFactory(born=datetime.date(2008, 2, 29), arrival_date=datetime.date(2008, 3, 1))
            for attribute in ("age", "years_in_zone"):
                for operator in ("=", "!=", "<", "<=", ">", ">="):
                    for years in (17, 18, 19):
                        text = f"{attribute} {operator} {years}"
                        assert selected(text, today) == passing(text, today), (today, text)
                text = f"{attribute} not in [17, 19]"
                assert selected(text, today) == passing(text, today), (today, text)
            transaction.set_rollback(True)


def test_a_missing_employer_fails_each_employer_clause_in_the_query_as_in_evaluation():
    without = TalentFactory(employer=None)
    high_tech = TalentFactory(employer=EnterpriseFactory(high_tech=True))
    ordinary = TalentFactory(employer=EnterpriseFactory(high_tech=False))
    assert selected("employer.high_tech = true") == {high_tech.pk}
    assert selected("employer.high_tech != true") == {ordinary.pk}
    assert selected("employer.high_tech = false") == {ordinary.pk}
    assert selected("not (employer.high_tech = true)") == {without.pk, ordinary.pk}
    assert selected("not (employer.high_tech != true)") == {without.pk, high_tech.pk}
    assert selected('employer.industry not in ["electronics"]') == {high_tech.pk, ordinary.pk}
    assert selected('not (employer.industry in ["lithium_battery"])') == {without.pk}
    for text in (
        "employer.high_tech != true",
        "not (employer.high_tech = true)",
        "not (employer.high_tech != true) or employer.above_scale = false",
    ):
        assert selected(text) == passing(text), text


def test_a_missing_arrival_date_or_tier_is_unknown_in_the_query_as_in_evaluation():
    without = TalentFactory(arrival_date=None, tier=None)
    known = TalentFactory(arrival_date=datetime.date(2020, 3, 1), tier=tier("district"))
    assert selected("years_in_zone != 2") == {known.pk}
    assert selected("not (years_in_zone = 2)") == {without.pk, known.pk}
    assert selected('tier != "municipal"') == {known.pk}
    assert selected("not (tier_rank < 6)") == {without.pk, known.pk}
    assert selected("arrival_date < 2030-01-01") == {known.pk}


def test_counts_select_talents_by_their_matching_credentials():
    none = TalentFactory()
    one = TalentFactory()
    two = TalentFactory()
    CredentialFactory(talent=one, kind="programme", level="national")
    CredentialFactory(
        talent=two, kind="programme", level="national", awarded_on=datetime.date(2024, 6, 1)
    )
    CredentialFactory(
        talent=two, kind="programme", level="national", awarded_on=datetime.date(2021, 6, 1)
    )
    CredentialFactory(talent=two, kind="award", level="provincial")
    national = 'count(credentials, kind="programme", level="national")'
    assert selected(f"{national} >= 1") == {one.pk, two.pk}
    assert selected(f"{national} = 0") == {none.pk}
    assert selected(f"not ({national} < 2)") == {two.pk}
    assert selected('count(credentials, kind="programme", since=2024-01-01) = 1') == {two.pk}
    assert selected("count(credentials) in [0, 3]") == {none.pk, two.pk}


def test_the_compiled_query_has_no_group_by_and_counts_in_subqueries():
    CredentialFactory()
    compiled = compile_to_q(parse("count(credentials) >= 1 and count(credentials) < 9"), TODAY)
    assert len(compiled.annotations) == 2
    with CaptureQueriesContext(connection) as queries:
        list(compiled.apply(Talent.objects.all()).values_list("pk", flat=True))
    assert "GROUP BY" not in queries[0]["sql"].upper()


def test_an_enterprise_rule_selects_the_enterprises_it_passes():
    workstation = EnterpriseFactory(high_tech=True, founded_on=datetime.date(2015, 5, 1))
    PlatformFactory(enterprise=workstation, kind="postdoctoral", level="provincial")
    plain = EnterpriseFactory(high_tech=False, founded_on=None)
    rules = {
        'count(platforms, kind="postdoctoral") >= 1': {workstation.pk},
        "years_since_founding >= 10": {workstation.pk},
        "not (years_since_founding >= 10)": {plain.pk},
        "high_tech = false or employees > 100": {plain.pk},
    }
    for text, expected in rules.items():
        assert (
            selected(text, subject="enterprise") == expected == passing(text, subject="enterprise")
        )


# The property test. Registries and rules are drawn at random; the query must select exactly
# the talents evaluation passes. Off-by-one mistakes live at boundaries that independent
# random draws would rarely meet, so the rule's numbers and dates are drawn from the registry
# just built (a talent's age, arrival date, credential date), give or take one.

TALENT = SUBJECTS["talent"]
TODAYS = [
    datetime.date(2026, 1, 1),
    datetime.date(2024, 2, 29),
    datetime.date(2025, 2, 28),
    datetime.date(2026, 3, 1),
]
OPERATORS = ["=", "!=", "<", "<=", ">", ">="]
# Every attribute can be drawn; those computed from dates, or often missing, more often.
ATTRIBUTES = [
    *sorted(TALENT.attributes),
    *["age", "years_in_zone", "birth_date", "arrival_date", "employer.high_tech"] * 4,
]
ONE_DAY = datetime.timedelta(days=1)


@st.composite
def near(draw, today: datetime.date, years: list[int]) -> datetime.date:
    """A date some of `years` whole years before `today`, give or take a day."""
    boundary = years_ago(today, draw(st.sampled_from(years)))
    return boundary + ONE_DAY * draw(st.sampled_from([-1, 0, 1]))


def some_date(today: datetime.date, years: list[int]):
    return st.one_of(near(today, years), st.dates(datetime.date(1960, 1, 1), today))


CREDENTIALS = st.lists(
    st.tuples(
        st.sampled_from(choices.CredentialKind.values),
        st.sampled_from([*choices.Level.values, ""]),
        st.dates(datetime.date(2016, 1, 1), TODAYS[1]),
    ),
    max_size=3,
)


@st.composite
def talents(draw, today: datetime.date, enterprises: int) -> dict:
    born = draw(st.one_of(some_date(today, [18, 35, 45, 60]), st.just(datetime.date(1996, 2, 29))))
    arrival = draw(st.one_of(st.none(), some_date(today, [0, 1, 3])))
    if arrival is not None and arrival <= born:
        arrival = born + ONE_DAY  # the registry refuses an arrival before birth
    return {
        "born": born,
        "male": draw(st.booleans()),
        "education": draw(st.sampled_from(choices.Education.values)),
        "title": draw(st.sampled_from(choices.ProfessionalTitle.values)),
        "industry": draw(st.sampled_from(choices.Industry.values)),
        "status": draw(st.sampled_from(choices.TalentStatus.values)),
        "tier": draw(st.one_of(st.none(), st.sampled_from(TIER_CODES))),
        "employer": draw(st.one_of(st.none(), st.integers(0, enterprises - 1))),
        "arrival_date": arrival,
        "credentials": draw(CREDENTIALS),
    }


ENTERPRISES = st.lists(
    st.fixed_dictionaries(
        {
            "high_tech": st.booleans(),
            "rd_institution": st.booleans(),
            "above_scale": st.booleans(),
            "industry": st.sampled_from(choices.Industry.values),
        }
    ),
    min_size=1,
    max_size=3,
)


def registry_points(today: datetime.date, people: list[dict]) -> dict[str, list]:
    """The numbers and dates of the registry, each also one less and one more."""
    births = [person["born"] for person in people]
    arrivals = [person["arrival_date"] for person in people if person["arrival_date"]]
    awards = [award for person in people for *_kind, award in person["credentials"]]
    ages = [whole_years(day, today) for day in births]
    years = [whole_years(day, today) for day in arrivals]

    def around(values, step=1):
        return sorted({value + step * delta for value in values for delta in (-1, 0, 1)})

    def counts(values):  # the language has no negative numbers
        return [n for n in around(values) if n >= 0]

    return {
        "age": counts(ages) or [30],
        "years_in_zone": counts(years) or [1],
        "tier_rank": list(range(0, 8)),
        "birth_date": around(births, ONE_DAY),
        "arrival_date": around(arrivals, ONE_DAY) or [today],
        "since": around(awards, ONE_DAY) or [datetime.date(2024, 1, 1)],
        "count": [0, 1, 2, 3],
    }


@st.composite
def choice_literal(draw, name: str) -> str:
    """A quoted choice, sometimes by its Chinese label, which the parser resolves."""
    if name == "tier":
        return f'"{draw(st.sampled_from(TIER_CODES))}"'
    with translation.override("zh-hans"):
        labels = {value: str(label) for value, label in TALENT.attributes[name].choices()}
    value = draw(st.sampled_from(sorted(labels)))
    return f'"{value}"' if draw(st.booleans()) else f'"{labels[value]}"'


def literal(draw, name: str, spec, points: dict) -> str:
    if spec.type == ValueType.CHOICE:
        return draw(choice_literal(name))
    if spec.type == ValueType.BOOLEAN:
        return draw(st.sampled_from(["true", "false"]))
    return str(draw(st.sampled_from(points[name])))


@st.composite
def attribute_clauses(draw, points: dict) -> str:
    name = draw(st.sampled_from(ATTRIBUTES))
    spec = TALENT.attributes[name]
    if spec.type != ValueType.BOOLEAN and draw(st.integers(0, 3)) == 0:
        size = draw(st.integers(1, 3))
        values = ", ".join(literal(draw, name, spec, points) for _ in range(size))
        return f"{name} {draw(st.sampled_from(['in', 'not in']))} [{values}]"
    ordered = spec.type in (ValueType.INTEGER, ValueType.DATE)
    operator = draw(st.sampled_from(OPERATORS if ordered else ["=", "!="]))
    return f"{name} {operator} {literal(draw, name, spec, points)}"


@st.composite
def count_clauses(draw, points: dict) -> str:
    filters = []
    if draw(st.booleans()):
        filters.append(f'kind="{draw(st.sampled_from(choices.CredentialKind.values))}"')
    if draw(st.booleans()):
        filters.append(f'level="{draw(st.sampled_from(choices.Level.values))}"')
    if draw(st.booleans()):
        filters.append(f"since={draw(st.sampled_from(points['since']))}")
    arguments = ", ".join(["credentials", *filters])
    operator = draw(st.sampled_from(OPERATORS))
    return f"count({arguments}) {operator} {draw(st.sampled_from(points['count']))}"


def rules(points: dict):
    clauses = st.one_of(attribute_clauses(points), count_clauses(points))
    return st.recursive(
        clauses,
        lambda parts: st.one_of(
            st.lists(parts, min_size=2, max_size=3).map(lambda ps: "(" + " and ".join(ps) + ")"),
            st.lists(parts, min_size=2, max_size=3).map(lambda ps: "(" + " or ".join(ps) + ")"),
            parts.map(lambda part: f"not ({part})"),
        ),
        max_leaves=5,
    )


@st.composite
def scenarios(draw) -> tuple[datetime.date, list[dict], list[dict], list[str]]:
    """An evaluation date, a small registry (some without employer, tier or arrival date) and
    rules about it: several per registry, as a registry costs inserts and a rule one query."""
    today = draw(st.sampled_from(TODAYS))
    enterprises = draw(ENTERPRISES)
    people = draw(st.lists(talents(today, len(enterprises)), min_size=1, max_size=6))
    texts = draw(st.lists(rules(registry_points(today, people)), min_size=1, max_size=8))
    return today, enterprises, people, texts


def build(enterprises: list[dict], people: list[dict]) -> None:
    employers = [EnterpriseFactory(**fields) for fields in enterprises]
    for person in people:
        person = dict(person)
        credentials = person.pop("credentials")
        employer = person.pop("employer")
        code = person.pop("tier")
        talent = TalentFactory(
            **person,
            employer=None if employer is None else employers[employer],
            tier=None if code is None else tier(code),
        )
        for kind, level, awarded_on in credentials:
            CredentialFactory(talent=talent, kind=kind, level=level, awarded_on=awarded_on)


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(scenario=scenarios())
def test_the_compiled_query_selects_exactly_the_talents_evaluation_passes(db, scenario):
    today, enterprises, people, texts = scenario
    with transaction.atomic():  # a savepoint per example: each registry starts empty
        build(enterprises, people)
        for text in texts:
            assert selected(text, today) == passing(text, today), text
        transaction.set_rollback(True)
    assert not Enterprise.objects.exists()
