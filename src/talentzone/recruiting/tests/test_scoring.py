"""Scoring, one feature at a time, on hand-made candidate/demand pairs (no index: `fit` scores a
single candidate with the same scorer a search uses)."""

import dataclasses

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from talentzone.recruiting.matching import CandidateDoc, DemandQuery, Need, fit, violations
from talentzone.recruiting.matching.engine import share_of_best
from talentzone.recruiting.matching.score import MAX_POINTS, PART_NAMES

YEAR = 2025


def candidate(**fields) -> CandidateDoc:
    defaults = dict(
        id=1,
        pool="registry",
        text="",
        skills=(),
        major="",
        education=0,
        career_start=None,
        title=0,
        tier=0,
        locations=(),
        salary_expected=None,
    )
    return CandidateDoc(**{**defaults, **fields})


def demand(**fields) -> DemandQuery:
    return DemandQuery(**{"text": "", "year": YEAR, **fields})


def part(match, name):
    return next(p for p in match.parts if p.name == name)


def points(query, doc, name):
    return part(fit(query, doc), name).points


def adds_up(match) -> bool:
    return sum(round(p.points * 10) for p in match.parts) == round(match.total * 10)


# The whole ------------------------------------------------------------------------------------


def test_parts_are_the_nine_named_ones_worth_100_together():
    assert PART_NAMES == (
        "skills",
        "text",
        "education",
        "major",
        "experience",
        "title",
        "tier",
        "location",
        "salary",
    )
    assert sum(MAX_POINTS.values()) == 100


def test_a_demand_asking_nothing_gives_everyone_full_points_for_no_requirement():
    match = fit(demand(), candidate())
    assert match.total == 100
    assert {p.reason for p in match.parts} == {"no_requirement"}
    assert match.misses == ()


def test_parts_are_rounded_to_a_tenth_and_the_total_is_their_sum():
    query = demand(years=Need(3, False), salary_max=9000)
    match = fit(query, candidate(career_start=YEAR - 1, salary_expected=10000))
    assert part(match, "experience").points == 3.3  # 10 × 1/3
    assert part(match, "salary").points == 6.2  # 7 × (1 − 1000/9000) = 6.22
    assert match.total == 100 - 10 - 7 + 3.3 + 6.2
    assert adds_up(match)


# Skills ---------------------------------------------------------------------------------------

SKILLS = (("plc", True), ("mes", False), ("spc", False))  # weights 2, 1, 1


def test_skills_are_a_weighted_coverage_required_counting_double():
    query = demand(skills=SKILLS)
    assert points(query, candidate(skills=("plc", "mes", "spc")), "skills") == 30
    assert points(query, candidate(skills=("plc",)), "skills") == 15  # 2 of 4
    assert points(query, candidate(skills=("plc", "mes")), "skills") == 22.5  # 3 of 4


def test_a_skill_named_in_the_text_counts_as_had():
    query = demand(skills=(("plc", False), ("六西格玛", False)))
    match = fit(query, candidate(text="持有六西格玛黑带，熟悉 PLC"))
    assert part(match, "skills").points == 30
    assert part(match, "skills").detail == {"matched": ["plc", "六西格玛"], "missing": []}


def test_each_skill_lacked_is_a_miss_flagged_as_the_demand_flags_it():
    query = demand(skills=(("mes", False), ("spc", False), ("plc", True)))
    match = fit(query, candidate(skills=("plc",)))
    assert [(m.requirement, m.wanted, m.required) for m in match.misses] == [
        ("skill", "mes", False),
        ("skill", "spc", False),
    ]
    assert part(match, "skills").reason == "partial"


# Text -----------------------------------------------------------------------------------------


def test_text_of_one_candidate_is_the_share_of_the_demands_words_it_contains():
    query = demand(text="化成 分容 工艺 电芯")
    assert points(query, candidate(text="负责化成、分容"), "text") == 7.5
    assert points(query, candidate(text="化成分容工艺，电芯"), "text") == 15
    assert part(fit(query, candidate(text="销售")), "text").reason == "missed"


def test_in_a_search_the_best_hit_earns_the_full_text_points():
    shares = share_of_best(np.array([4.0, 2.0, 0.0]))
    assert shares.tolist() == [1.0, 0.5, 0.0]
    assert share_of_best(np.zeros(2)).tolist() == [0.0, 0.0]


# Ranks: education, title, tier -----------------------------------------------------------------


def test_a_rank_at_or_above_the_minimum_earns_all_one_step_below_half_further_nothing():
    query = demand(education=Need(3, False))
    assert points(query, candidate(education=4), "education") == 10
    assert points(query, candidate(education=3), "education") == 10
    assert points(query, candidate(education=2), "education") == 5
    assert points(query, candidate(education=1), "education") == 0


def test_title_and_tier_are_ranked_the_same_way():
    query = demand(title=Need(2, False), tier=Need(998, False))
    match = fit(query, candidate(title=1, tier=999))
    assert part(match, "title").points == 3.5
    assert part(match, "tier").points == 7
    assert [(m.requirement, m.wanted, m.has) for m in match.misses] == [("title", 2, 1)]


# Experience -----------------------------------------------------------------------------------


def test_experience_is_years_over_the_minimum_capped_at_one():
    query = demand(years=Need(8, False))
    assert points(query, candidate(career_start=YEAR - 4), "experience") == 5
    assert points(query, candidate(career_start=YEAR - 12), "experience") == 10


def test_unknown_experience_earns_nothing_and_says_so():
    match = fit(demand(years=Need(2, False)), candidate(career_start=None))
    assert part(match, "experience").points == 0
    assert part(match, "experience").reason == "unknown"
    assert match.misses[0].requirement == "experience"
    assert match.misses[0].has is None


# Major ----------------------------------------------------------------------------------------


def test_major_exact_earns_all_a_shared_word_half_otherwise_nothing():
    query = demand(majors=Need(("化学工程", "电化学"), False))
    assert points(query, candidate(major="电化学"), "major") == 8
    assert points(query, candidate(major="化学工程与工艺"), "major") == 4
    assert points(query, candidate(major="应用电化学"), "major") == 4
    assert points(query, candidate(major="市场营销"), "major") == 0


def test_a_candidate_with_no_major_has_an_unknown_major():
    match = fit(demand(majors=Need(("电化学",), False)), candidate(major=""))
    assert part(match, "major").reason == "unknown"
    assert part(match, "major").points == 0


# Location -------------------------------------------------------------------------------------


def test_location_is_full_for_anywhere_or_the_same_place_and_0_3_elsewhere():
    query = demand(location="苏州")
    assert part(fit(query, candidate(locations=())), "location").reason == "anywhere"
    assert points(query, candidate(locations=()), "location") == 6
    assert points(query, candidate(locations=("无锡", "苏州")), "location") == 6
    assert points(query, candidate(locations=("苏州工业园区",)), "location") == 6
    assert points(query, candidate(locations=("无锡",)), "location") == 1.8


def test_a_candidate_elsewhere_misses_the_location_as_preferred():
    match = fit(demand(location="苏州"), candidate(locations=("无锡",)))
    assert match.misses == (dataclasses.replace(match.misses[0], required=False),)
    assert (match.misses[0].wanted, match.misses[0].has) == ("苏州", ("无锡",))


# Salary ---------------------------------------------------------------------------------------


def test_salary_is_full_when_unknown_or_within_the_maximum():
    query = demand(salary_max=10000)
    assert part(fit(query, candidate()), "salary").reason == "unknown"
    assert points(query, candidate(salary_expected=None), "salary") == 7
    assert points(query, candidate(salary_expected=10000), "salary") == 7


def test_salary_over_the_maximum_loses_in_proportion():
    query = demand(salary_max=10000)
    assert points(query, candidate(salary_expected=12000), "salary") == 5.6
    assert points(query, candidate(salary_expected=25000), "salary") == 0


# Required requirements ------------------------------------------------------------------------


def test_a_candidate_failing_a_required_requirement_does_not_fit():
    query = demand(education=Need(3, True), skills=(("plc", True),))
    doc = candidate(education=2, skills=("mes",))
    assert fit(query, doc) is None
    assert [(m.requirement, m.wanted, m.has, m.required) for m in violations(query, doc)] == [
        ("skill", "plc", None, True),
        ("education", 3, 2, True),
    ]


def test_required_years_fail_an_unknown_career_start():
    query = demand(years=Need(2, True))
    assert [m.requirement for m in violations(query, candidate(career_start=None))] == [
        "experience"
    ]
    assert violations(query, candidate(career_start=YEAR - 2)) == []


def test_a_required_major_must_be_one_of_those_named():
    query = demand(majors=Need(("电化学",), True))
    assert violations(query, candidate(major="电化学")) == []
    assert violations(query, candidate(major="应用电化学"))[0].requirement == "major"


def test_a_required_skill_may_be_met_by_the_text():
    query = demand(skills=(("锂电池工艺", True),))
    assert violations(query, candidate(text="负责锂电池工艺改进")) == []
    assert violations(query, candidate(text="工艺：锂电池")) != []


def test_preferred_requirements_never_rule_out():
    query = demand(education=Need(5, False), years=Need(10, False), majors=Need(("物理",), False))
    assert violations(query, candidate()) == []
    assert fit(query, candidate()) is not None


# Properties -----------------------------------------------------------------------------------

skills = st.sampled_from(["plc", "mes", "bms", "spc", "化成", "涂布"])
needs = st.one_of(st.none(), st.builds(Need, st.integers(0, 5), st.just(False)))
candidates = st.builds(
    candidate,
    text=st.lists(st.sampled_from(["化成", "分容", "电芯", "plc", "工艺", "销售"])).map(" ".join),
    skills=st.lists(skills, max_size=4).map(tuple),
    major=st.sampled_from(["", "电化学", "应用电化学", "化学工程"]),
    education=st.integers(0, 5),
    career_start=st.one_of(st.none(), st.integers(1990, YEAR + 1)),
    title=st.integers(0, 4),
    tier=st.integers(0, 3),
    locations=st.lists(st.sampled_from(["苏州", "无锡"]), max_size=2).map(tuple),
    salary_expected=st.one_of(st.none(), st.integers(0, 40000)),
)
demands = st.builds(
    demand,
    text=st.lists(st.sampled_from(["化成", "电芯", "工程师", "plc"])).map(" ".join),
    skills=st.lists(st.tuples(skills, st.just(False)), max_size=4).map(tuple),
    majors=st.one_of(st.none(), st.just(Need(("电化学",), False))),
    education=needs,
    years=needs,
    title=needs,
    tier=needs,
    location=st.sampled_from(["", "苏州"]),
    salary_max=st.one_of(st.none(), st.integers(1, 30000)),
)


@settings(max_examples=60, deadline=None)
@given(demands, candidates)
def test_every_explanation_adds_up_to_its_total_within_each_parts_maximum(query, doc):
    match = fit(query, doc)
    assert adds_up(match)
    assert 0 <= match.total <= 100
    for p in match.parts:
        assert 0 <= p.points <= p.max_points == MAX_POINTS[p.name]
        assert round(p.points * 10) == p.points * 10
    missed = {m.requirement for m in match.misses}
    for p in match.parts:
        if p.points < p.max_points and p.name != "text":
            assert ("skill" if p.name == "skills" else p.name) in missed
