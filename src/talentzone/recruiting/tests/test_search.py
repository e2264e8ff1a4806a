"""search.py, as pages and API see it: one candidate explained gives the score the list shows."""

import pytest
from django.utils import translation

from talentzone.core.choices import Role
from talentzone.directory.choices import Education
from talentzone.recruiting import search

from .factories import DemandFactory, DemandSkillFactory, open_candidate

pytestmark = pytest.mark.django_db


def test_a_listed_candidate_is_explained_with_the_score_the_list_shows(make_user):
    office = make_user(Role.OFFICE_ADMIN)
    strong = open_candidate(skills="化成、分容、涂布", education=Education.MASTER)
    weaker = open_candidate(skills="化成", education=Education.BACHELOR)
    demand = DemandFactory(min_education=Education.MASTER)
    DemandSkillFactory(demand=demand, text="化成", required=True)
    DemandSkillFactory(demand=demand, text="涂布")
    search.rebuild_index()

    listed = {m.candidate.id: m for m in search.matches_for(demand, office)}

    assert set(listed) == {strong.pk, weaker.pk}
    for talent in (strong, weaker):
        explained = search.explain_candidate(demand, talent, office)
        assert explained.total == listed[talent.pk].total
        assert explained.parts == listed[talent.pk].parts


def test_a_candidate_who_fails_a_required_requirement_is_explained_with_it_marked(make_user):
    office = make_user(Role.OFFICE_ADMIN)
    talent = open_candidate(skills="涂布", education=Education.BACHELOR)
    talent.profile.summary = "五年极片涂布经验。"  # the factory's own summary mentions 化成
    talent.profile.save()
    demand = DemandFactory()
    DemandSkillFactory(demand=demand, text="化成", required=True)
    search.rebuild_index()

    assert search.matches_for(demand, office) == []
    explained = search.explain_candidate(demand, talent, office)

    (miss,) = [m for m in explained.misses if m.requirement == "skill" and m.wanted == "化成"]
    assert miss.required
    with translation.override("zh-hans"):
        assert search.miss_text(miss) == "缺少技能 化成"
    with translation.override("en"):
        assert search.miss_text(miss) == "Lacks the skill 化成"
    assert explained.total == sum(part.points for part in explained.parts)
