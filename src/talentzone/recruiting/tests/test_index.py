"""The candidates' index: kept in step by upsert/delete/rebuild, filtered exactly as
`violations` judges, and never leaking one agency's pool into another's search."""

import os
import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from talentzone.recruiting.matching import (
    CandidateDoc,
    DemandQuery,
    MatchIndex,
    Need,
    match,
    violations,
)
from talentzone.recruiting.matching.index import SCHEMA_VERSION_FILE

YEAR = 2025


def candidate(id, **fields) -> CandidateDoc:
    defaults = dict(
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
    return CandidateDoc(id=id, **{**defaults, **fields})


def demand(**fields) -> DemandQuery:
    return DemandQuery(**{"text": "", "year": YEAR, **fields})


def found(index, query=None, pools=None, limit=300) -> list[int]:
    return [hit.candidate.id for hit in index.search(query or demand(), pools, limit)]


def sharing_words(index, query) -> list[int]:
    """Hits that share a word with the demand (the others follow them at relevance 0)."""
    return [hit.candidate.id for hit in index.search(query) if hit.relevance > 0]


@pytest.fixture
def index(tmp_path):
    return MatchIndex(tmp_path / "index")


# Keeping in step ------------------------------------------------------------------------------


def test_a_new_index_is_empty_and_asks_to_be_built(tmp_path):
    index = MatchIndex(tmp_path / "index")
    assert index.count() == 0
    assert index.ids() == []
    assert index.schema_reset
    assert not MatchIndex(tmp_path / "index").schema_reset


def test_upsert_adds_and_replaces_by_id(index):
    index.upsert([candidate(1, text="化成"), candidate(2, text="分容")])
    index.upsert([candidate(1, text="涂布")])
    assert index.ids() == [1, 2]
    assert sharing_words(index, demand(text="涂布")) == [1]
    assert sharing_words(index, demand(text="化成")) == []


def test_delete_removes_only_those_ids(index):
    index.upsert([candidate(1), candidate(2), candidate(3)])
    index.delete([1, 3, 99])
    assert index.ids() == [2]
    assert index.count() == 1


def test_rebuild_replaces_everything_and_reports_progress(index):
    index.upsert([candidate(1), candidate(2)])
    seen = []
    written = index.rebuild((candidate(i) for i in range(10, 15)), progress=seen.append)
    assert written == 5
    assert seen[-1] == 5
    assert index.ids() == [10, 11, 12, 13, 14]


def test_a_failed_rebuild_leaves_the_index_as_it_was(index):
    index.upsert([candidate(1)])

    def broken_source():
        yield candidate(2)
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError):
        index.rebuild(broken_source())
    assert index.ids() == [1]
    assert len(os.listdir(index.path / "generations")) == 1


def test_rebuild_keeps_only_the_live_and_the_previous_generation(index):
    for n in range(4):
        index.rebuild([candidate(n)])
    assert len(os.listdir(index.path / "generations")) == 2
    assert index.ids() == [3]


def test_another_handle_sees_each_commit_and_each_rebuild(tmp_path):
    """Two handles on one directory stand for two processes (web worker, task worker)."""
    writer, reader = MatchIndex(tmp_path / "index"), MatchIndex(tmp_path / "index")
    writer.upsert([candidate(1)])
    assert reader.ids() == [1]
    writer.rebuild([candidate(2), candidate(3)])
    assert reader.ids() == [2, 3]
    reader.upsert([candidate(4)])
    assert writer.ids() == [2, 3, 4]


def test_writers_in_many_threads_and_handles_take_turns(tmp_path):
    handles = [MatchIndex(tmp_path / "index") for _ in range(2)]

    def write(n):
        handles[n % 2].upsert([candidate(n)])

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert handles[0].ids() == list(range(8))


def test_an_index_of_another_schema_version_is_replaced_by_an_empty_one(tmp_path):
    index = MatchIndex(tmp_path / "index")
    index.upsert([candidate(1)])
    (index.path / "current" / SCHEMA_VERSION_FILE).write_text("0")
    reopened = MatchIndex(tmp_path / "index")
    assert reopened.schema_reset
    assert reopened.count() == 0


# What comes back ------------------------------------------------------------------------------


def test_a_hit_is_the_candidate_as_indexed(index):
    doc = candidate(
        7,
        pool="agency:3",
        text="熟悉PLC\x1f与MES",
        skills=("plc", "mes"),
        major="电化学",
        education=3,
        career_start=2016,
        title=2,
        tier=998,
        locations=("苏州", "无锡"),
        salary_expected=15000,
    )
    index.upsert([doc])
    (hit,) = index.search(demand(text="plc"))
    assert hit.candidate == CandidateDoc(**{**doc.__dict__, "text": "熟悉PLC 与MES"})
    assert hit.terms == "plc mes"
    assert hit.relevance > 0


def test_unknown_values_come_back_unknown(index):
    index.upsert([candidate(1, career_start=None, salary_expected=None, locations=())])
    (hit,) = index.search(demand())
    assert (hit.candidate.career_start, hit.candidate.salary_expected) == (None, None)
    assert hit.candidate.locations == ()


def test_candidates_sharing_more_of_the_demands_words_come_first(index):
    index.upsert(
        [
            candidate(1, text="销售"),
            candidate(2, text="化成"),
            candidate(3, text="化成 分容 电芯"),
        ]
    )
    # Spaced: other tests may teach the process-wide segmenter 化成分容 as one word.
    hits = index.search(demand(text="化成 分容 电芯 工艺"))
    assert [hit.candidate.id for hit in hits] == [3, 2, 1]
    assert hits[0].relevance > hits[1].relevance > hits[2].relevance == 0


def test_text_that_looks_like_query_syntax_is_only_words(index):
    index.upsert([candidate(1, text="title and or not")])
    for text in ['title:"x" AND (', "*", "id:[0 TO 9]", "pool:agency:2", "\\", "^2~"]:
        assert found(index, demand(text=text)) == [1]


def test_a_limit_caps_the_hits(index):
    index.upsert([candidate(n, text="化成") for n in range(10)])
    assert len(found(index, demand(text="化成"), limit=4)) == 4
    assert found(index, demand(text="化成"), limit=0) == []


# Pools ----------------------------------------------------------------------------------------


def test_a_search_sees_only_the_pools_it_is_given(index):
    index.upsert(
        [
            candidate(1, pool="registry", text="化成"),
            candidate(2, pool="agency:1", text="化成"),
            candidate(3, pool="agency:2", text="化成"),
            candidate(4, pool="agency:12", text="化成"),
        ]
    )
    query = demand(text="化成")
    assert sorted(found(index, query, {"registry", "agency:1"})) == [1, 2]
    assert sorted(found(index, query, {"registry"})) == [1]
    assert sorted(found(index, query, None)) == [1, 2, 3, 4]
    assert found(index, query, set()) == []


# Hard requirements ----------------------------------------------------------------------------


def test_required_requirements_filter_preferred_ones_do_not(index):
    index.upsert(
        [
            candidate(1, education=3, career_start=2015, skills=("plc",)),
            candidate(2, education=2, career_start=2015, skills=("plc",)),
            candidate(3, education=4, career_start=None, skills=("plc",)),
            candidate(4, education=4, career_start=2010, skills=()),
        ]
    )
    required = demand(education=Need(3, True), years=Need(5, True), skills=(("plc", True),))
    preferred = demand(education=Need(3, False), years=Need(5, False), skills=(("plc", False),))
    assert found(index, required) == [1]
    assert sorted(found(index, preferred)) == [1, 2, 3, 4]


def test_a_required_skill_of_several_words_is_found_as_a_phrase_in_the_text(index):
    index.upsert(
        [
            candidate(1, text="负责锂电池工艺改进"),
            candidate(2, text="工艺：锂电池"),
            candidate(3, skills=("锂电池工艺",)),
        ]
    )
    assert sorted(found(index, demand(skills=(("锂电池工艺", True),)))) == [1, 3]


def test_a_required_major_is_one_of_those_named(index):
    index.upsert([candidate(1, major="电化学"), candidate(2, major="应用电化学")])
    assert found(index, demand(majors=Need(("电化学", "物理学"), True))) == [1]


# The match list -------------------------------------------------------------------------------


def test_match_lists_the_best_k_by_total_then_by_id(index):
    index.upsert([candidate(n, education=n % 3) for n in range(1, 10)])
    matches = match(index, demand(education=Need(2, False)), None, k=5)
    assert [(m.total, m.candidate.id) for m in matches] == [
        (100, 2),
        (100, 5),
        (100, 8),
        (95, 1),
        (95, 4),
    ]


def test_every_match_explains_its_total(index):
    index.upsert([candidate(n, text="化成" * n, skills=("plc",) * (n % 2)) for n in range(1, 6)])
    query = demand(text="化成 分容", skills=(("plc", False), ("mes", False)), location="苏州")
    for m in match(index, query, None):
        assert sum(round(p.points * 10) for p in m.parts) == round(m.total * 10)


# Properties over random candidates and demands ------------------------------------------------

WORDS = ["化成", "分容", "电芯", "涂布", "plc", "锂电池", "工艺", "销售"]
SKILLS = ["plc", "mes", "bms", "化成", "锂电池工艺"]
MAJORS = ["", "电化学", "化学工程", "应用电化学"]
POOLS = ["registry", "agency:1", "agency:2"]


@st.composite
def corpora(draw):
    size = draw(st.integers(0, 25))
    return [
        candidate(
            n,
            pool=draw(st.sampled_from(POOLS)),
            text=" ".join(draw(st.lists(st.sampled_from(WORDS), max_size=6))),
            skills=tuple(draw(st.lists(st.sampled_from(SKILLS), max_size=3, unique=True))),
            major=draw(st.sampled_from(MAJORS)),
            education=draw(st.integers(0, 5)),
            career_start=draw(st.one_of(st.none(), st.integers(2000, YEAR + 1))),
            title=draw(st.integers(0, 4)),
            tier=draw(st.integers(0, 3)),
        )
        for n in range(1, size + 1)
    ]


def needs(values):
    return st.one_of(st.none(), st.builds(Need, values, st.booleans()))


demands = st.builds(
    demand,
    text=st.lists(st.sampled_from([*WORDS, "工程师"]), max_size=4).map("".join),
    skills=st.lists(st.tuples(st.sampled_from(SKILLS), st.booleans()), max_size=3).map(tuple),
    majors=needs(st.lists(st.sampled_from(MAJORS[1:]), min_size=1, max_size=2).map(tuple)),
    education=needs(st.integers(0, 5)),
    years=needs(st.integers(0, 10)),
    title=needs(st.integers(0, 4)),
    tier=needs(st.integers(0, 3)),
)
pool_choices = st.sampled_from([None, frozenset({"registry", "agency:1"}), frozenset({"agency:2"})])


@pytest.fixture(scope="module")
def shared_index(tmp_path_factory):
    """One index for every example (each rebuilds it): a new index per example would cost more
    than the example."""
    return MatchIndex(tmp_path_factory.mktemp("property-index"))


@settings(max_examples=60, deadline=None)
@given(docs=corpora(), query=demands, pools=pool_choices)
def test_the_index_returns_exactly_the_candidates_with_no_violation(
    shared_index, docs, query, pools
):
    shared_index.rebuild(docs)
    hits = [hit.candidate.id for hit in shared_index.search(query, pools, limit=1000)]
    eligible = {
        doc.id
        for doc in docs
        if (pools is None or doc.pool in pools) and violations(query, doc) == []
    }
    assert len(hits) == len(set(hits))
    assert set(hits) == eligible


@settings(max_examples=30, deadline=None)
@given(docs=corpora(), query=demands, pools=pool_choices)
def test_a_match_list_has_no_violation_and_is_in_order(shared_index, docs, query, pools):
    shared_index.rebuild(docs)
    by_id = {doc.id: doc for doc in docs}
    matches = match(shared_index, query, pools, k=10)
    for m in matches:
        assert violations(query, by_id[m.candidate.id]) == []
        assert pools is None or m.candidate.pool in pools
        assert not any(miss.required for miss in m.misses)
    ranks = [(-m.total, m.candidate.id) for m in matches]
    assert ranks == sorted(ranks)


operations = st.lists(
    st.tuples(st.sampled_from(["upsert", "delete"]), st.lists(st.integers(1, 12), max_size=4)),
    max_size=6,
)


@settings(max_examples=25, deadline=None)
@given(operations)
def test_upserts_and_deletes_keep_the_index_in_step(shared_index, steps):
    shared_index.rebuild([])
    expected: set[int] = set()
    for operation, ids in steps:
        if operation == "upsert":
            shared_index.upsert([candidate(n) for n in ids])
            expected |= set(ids)
        else:
            shared_index.delete(ids)
            expected -= set(ids)
        assert shared_index.ids() == sorted(expected)
