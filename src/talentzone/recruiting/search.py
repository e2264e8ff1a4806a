"""Matching as the rest of talentzone uses it: who may search which pools, the match list of a
demand, one candidate explained against one demand, the demands that fit a candidate, and the
index's upkeep. Pages, API and services call these; none of them touches the engine directly.

The index (`matching.MatchIndex`, on disk under TALENTZONE_MATCH_INDEX_DIR) is derived data.
`signals.py` writes each change to it after the transaction commits; `rebuild_index()` (the
`rebuild_match_index` command) makes it again from the database.
"""

import dataclasses
import threading
from collections.abc import Callable, Mapping
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from talentzone.core.choices import Role
from talentzone.core.roles import has_role
from talentzone.directory.choices import Education, ProfessionalTitle
from talentzone.directory.models import Agency, Talent
from talentzone.directory.queries import member_ids

from . import sources
from .choices import DemandStatus
from .matching import EDUCATION_RANK, TITLE_RANK, DemandQuery, MatchIndex, Need, engine
from .models import Demand

RETRIEVE = 300  # candidates retrieved by the full-text engine before re-ranking
MAX_K = 100

_indexes: dict[Path, MatchIndex] = {}
_indexes_lock = threading.Lock()


def index_dir() -> Path:
    return Path(settings.TALENTZONE_MATCH_INDEX_DIR)


def match_index() -> MatchIndex:
    """This process's handle on the index (opened once per directory)."""
    path = index_dir()
    with _indexes_lock:
        if path not in _indexes:
            index = _indexes[path] = MatchIndex(path)
            if index.schema_reset:
                # No index yet, or one of an older layout: make it from the database now.
                index.rebuild(sources.candidate_documents())
        return _indexes[path]


# Who searches what ----------------------------------------------------------------------------


def pools_for(user) -> frozenset[str] | None:
    """The pools a user's matches come from: None is every pool (the office). An agency sees the
    registry's open profiles and its own pool, never another agency's; an employer sees the
    registry (the agencies' pools reach it only as referrals); anyone else sees none."""
    if has_role(user, Role.OFFICE_ADMIN):
        return None
    pools = set()
    if has_role(user, Role.AGENCY_STAFF, Role.ENTERPRISE_HR):
        pools.add(sources.REGISTRY_POOL)
    if has_role(user, Role.AGENCY_STAFF):
        pools.update(sources.agency_pool(pk) for pk in member_ids(user, "agency"))
    return frozenset(pools)


def may_see_candidate(user, talent: Talent) -> bool:
    """Whether `talent` is in a pool the user searches (or is the user)."""
    if talent.user_id and talent.user_id == user.pk:
        return True
    pools = pools_for(user)
    return pools is None or sources.pool_of(talent) in pools


# The match list -------------------------------------------------------------------------------


def matches_for(demand: Demand, user, *, k: int = 50, filters: Mapping | None = None) -> list:
    """The top `k` candidates for `demand` among the pools the user may search, each with its
    score in named parts and the preferred requirements it misses. Filters narrow the list:
    ``education`` (a minimum, by Education value), ``pool`` ("registry" or "own"),
    ``location`` (candidates willing to work there)."""
    pools = pools_for(user)
    filters = filters or {}
    pools = _narrowed_pools(pools, filters.get("pool"), user)
    if pools is not None and not pools:
        return []
    query = sources.demand_query(demand)
    if filters.get("education") in EDUCATION_RANK:
        query = _with_minimum(query, "education", EDUCATION_RANK[filters["education"]])
    k = max(1, min(int(k), MAX_K))
    matches = engine.match(match_index(), query, pools, k=k, retrieve=RETRIEVE)
    if location := (filters.get("location") or "").strip():
        matches = [m for m in matches if _works_in(m.candidate, location)]
    return matches


def _narrowed_pools(pools, wanted: str | None, user):
    if wanted == sources.REGISTRY_POOL:
        return frozenset({sources.REGISTRY_POOL}) if pools is None else pools & {wanted}
    if wanted == "own":
        own = {sources.agency_pool(pk) for pk in member_ids(user, "agency")}
        if pools is None and not own:
            # The office has no pool of its own: "own" means the agencies' pools, all of them.
            own = {sources.agency_pool(pk) for pk in Agency.objects.values_list("pk", flat=True)}
        return frozenset(own) if pools is None else pools & own
    return pools


def _works_in(candidate, location: str) -> bool:
    return not candidate.locations or any(location in place for place in candidate.locations)


def explain_candidate(demand: Demand, talent: Talent, user=None):
    """One candidate against one demand: the score in parts and every requirement missed,
    required ones included (a candidate who fails one is never in the match list). None when
    the talent has no profile.

    A candidate of the match list gets the very score the list shows (the text part is BM25
    relative to the best of the same search, over the pools `user` searches); anyone else is
    scored on their own, the text part by the share of the demand's words they use."""
    profile = getattr(talent, "profile", None)
    if profile is None:
        return None
    query = sources.demand_query(demand)
    document = sources.candidate_document(talent, profile)
    if sources.is_indexable(talent, profile) and not engine.violations(query, document):
        pools = pools_for(user) if user is not None else None
        listed = engine.match(match_index(), query, pools, k=RETRIEVE, retrieve=RETRIEVE)
        for match in listed:
            if match.candidate.id == talent.pk:
                return match
    return explain(query, document)


def explain(query: DemandQuery, document):
    """Score a document against every requirement treated as preferred, then mark the misses of
    the ones that are required: the page shows both what counts and what rules the person out."""
    match = engine.fit(_relaxed(query), document)
    required = {
        (miss.requirement, _hashable(miss.wanted)) for miss in engine.violations(query, document)
    }
    misses = tuple(
        dataclasses.replace(miss, required=(miss.requirement, _hashable(miss.wanted)) in required)
        for miss in match.misses
    )
    return dataclasses.replace(match, misses=misses)


def _relaxed(query: DemandQuery) -> DemandQuery:
    needs = {
        name: Need(need.value, False)
        for name in ("majors", "education", "years", "title", "tier")
        if (need := getattr(query, name)) is not None
    }
    skills = tuple((skill, False) for skill, _required in query.skills)
    return dataclasses.replace(query, skills=skills, **needs)


def _with_minimum(query: DemandQuery, name: str, value: int) -> DemandQuery:
    """A filter of the match page: the requirement becomes required at least at `value`."""
    need = getattr(query, name)
    floor = value if need is None else max(value, need.value)
    return dataclasses.replace(query, **{name: Need(floor, True)})


def _hashable(value):
    return tuple(value) if isinstance(value, list | set | frozenset) else value


def violations(demand: Demand, talent: Talent) -> list:
    """The required requirements of `demand` that `talent` fails (empty: they may be referred)."""
    profile = getattr(talent, "profile", None)
    document = sources.candidate_document(talent, profile)
    return engine.violations(sources.demand_query(demand), document)


def demands_for(talent: Talent, user=None, *, k: int = 50) -> list[tuple[Demand, object]]:
    """The open demands that fit a candidate (no required requirement failed), best first."""
    profile = getattr(talent, "profile", None)
    document = sources.candidate_document(talent, profile)
    fitting = []
    for demand in open_demands():
        match = engine.fit(sources.demand_query(demand), document)
        if match is not None:
            fitting.append((demand, match))
    fitting.sort(key=lambda pair: (-pair[1].total, pair[0].pk))
    return fitting[: max(1, min(int(k), MAX_K))]


def open_demands():
    return (
        Demand.objects.filter(status=DemandStatus.OPEN)
        .select_related("enterprise", "min_tier")
        .prefetch_related("skills")
    )


# Words for people -----------------------------------------------------------------------------

PART_LABELS = {
    "skills": gettext_lazy("Skills"),
    "text": gettext_lazy("Text relevance"),
    "education": gettext_lazy("Education"),
    "major": gettext_lazy("Major"),
    "experience": gettext_lazy("Experience"),
    "title": gettext_lazy("Professional title"),
    "tier": gettext_lazy("Talent tier"),
    "location": gettext_lazy("Location"),
    "salary": gettext_lazy("Salary"),
}


def match_label(part_name: str) -> str:
    return str(PART_LABELS.get(part_name, part_name))


def _education_label(rank) -> str:
    for value, known in EDUCATION_RANK.items():
        if known == rank:
            return str(Education(value).label)
    return _("none")


def _title_label(rank) -> str:
    for value, known in TITLE_RANK.items():
        if known == rank:
            return str(ProfessionalTitle(value).label)
    return _("none")


def _tier_label(level) -> str:
    tier = sources.tier_from_level(level) if level else None
    return tier.name if tier else _("none")


def _listed(value) -> str:
    if isinstance(value, list | tuple | set | frozenset):
        return "、".join(str(v) for v in value) or _("none")
    return _("unknown") if value in (None, "") else str(value)


MISS_TEXTS: dict[str, Callable[[object, object], str]] = {
    "skill": lambda wanted, has: (
        _("Lacks the skill %(skill)s") % {"skill": sources.skill_name(wanted)}
    ),
    "education": lambda wanted, has: (
        _("Education: %(wanted)s or higher wanted, has %(has)s")
        % {"wanted": _education_label(wanted), "has": _education_label(has)}
    ),
    "major": lambda wanted, has: (
        _("Major: one of %(wanted)s wanted, has %(has)s")
        % {"wanted": _listed(wanted), "has": _listed(has)}
    ),
    "experience": lambda wanted, has: (
        _("Experience: %(wanted)s years wanted, has %(has)s")
        % {"wanted": wanted, "has": _listed(has)}
    ),
    "title": lambda wanted, has: (
        _("Title: %(wanted)s or higher wanted, has %(has)s")
        % {"wanted": _title_label(wanted), "has": _title_label(has)}
    ),
    "tier": lambda wanted, has: (
        _("Tier: %(wanted)s or higher wanted, has %(has)s")
        % {"wanted": _tier_label(wanted), "has": _tier_label(has)}
    ),
    "location": lambda wanted, has: (
        _("Location: the job is in %(wanted)s, will work in %(has)s")
        % {"wanted": wanted, "has": _listed(has)}
    ),
    "salary": lambda wanted, has: (
        _("Salary: expects ¥%(has)s a month, the job pays up to ¥%(wanted)s")
        % {"wanted": wanted, "has": has}
    ),
}


def miss_text(miss) -> str:
    """One missed requirement as a sentence (translated)."""
    text = MISS_TEXTS.get(miss.requirement)
    return text(miss.wanted, miss.has) if text else f"{miss.requirement}: {miss.wanted}"


def match_to_json(match) -> dict:
    """A match as stored on a referral and returned by the API: codes and the words for them."""
    return {
        "total": match.total,
        "parts": [
            {
                "name": part.name,
                "label": match_label(part.name),
                "points": part.points,
                "max_points": part.max_points,
                "reason": part.reason,
            }
            for part in match.parts
        ],
        "misses": [
            {
                "requirement": miss.requirement,
                "wanted": _jsonable(miss.wanted),
                "has": _jsonable(miss.has),
                "required": miss.required,
                "text": miss_text(miss),
            }
            for miss in match.misses
        ],
    }


def _jsonable(value):
    if isinstance(value, tuple | set | frozenset):
        return list(value)
    return value


# Upkeep ---------------------------------------------------------------------------------------


def reindex_talents(talent_ids) -> None:
    """Write the current state of these talents to the index (or remove them)."""
    documents, removed = sources.documents_for(talent_ids)
    index = match_index()
    if removed:
        index.delete(removed)
    if documents:
        index.upsert(documents)


def rebuild_index(progress: Callable[[int], None] | None = None) -> int:
    """Make the index again from the database; searches go on meanwhile against the old one."""
    return match_index().rebuild(sources.candidate_documents(), progress=progress)


def index_health() -> dict:
    """Whether the index holds exactly the candidates the database says it should."""
    expected = set(sources.indexable_talents().values_list("pk", flat=True))
    indexed = set(match_index().ids())
    return {
        "expected": len(expected),
        "indexed": len(indexed),
        "missing": len(expected - indexed),
        "stale": len(indexed - expected),
    }
