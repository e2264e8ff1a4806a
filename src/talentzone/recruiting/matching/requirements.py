"""What each requirement of a demand means, in one place.

The index filters (`index.py`), the check of one candidate (`engine.violations`) and the scorer
(`score.py`) must agree exactly on when a requirement is met: a candidate the index lets through
must have no violation, and one it keeps out must be shown the requirement that kept them out.
They all read the requirement through these functions.
"""

import functools
from dataclasses import dataclass

from .documents import CandidateDoc, DemandQuery, Need
from .segment import segment, segment_cached
from .vocabulary import normalised_term

RANKED = ("education", "title", "tier")  # "at least this rank" requirements
MOST_TEXT_TERMS = 64  # a pasted essay must not make a query of thousands of clauses


def minimum(need: Need | None) -> int | None:
    """The minimum a ranked or years requirement asks for; None when it asks nothing (absent,
    or a minimum of 0, which everyone meets)."""
    if need is None or need.value is None:
        return None
    value = int(need.value)
    return value if value > 0 else None


def is_required(need: Need | None) -> bool:
    return need is not None and need.required


def wanted_majors(query: DemandQuery) -> tuple[str, ...]:
    """The majors a demand names, spelled as candidates' majors are; () = no major wanted."""
    if query.majors is None or not query.majors.value:
        return ()
    values = query.majors.value
    values = (values,) if isinstance(values, str) else values
    return tuple(dict.fromkeys(m for m in map(normalised_major, values) if m))


@functools.lru_cache(maxsize=65536)
def normalised_major(major: str) -> str:
    return normalised_term(major or "")


def wanted_skills(query: DemandQuery) -> tuple[tuple[str, bool], ...]:
    """(skill, required) once per skill; a skill listed both ways is required."""
    skills: dict[str, bool] = {}
    for skill, required in query.skills:
        name = normalised_term(skill)
        if name:
            skills[name] = skills.get(name, False) or bool(required)
    return tuple(skills.items())


def candidate_skills(candidate: CandidateDoc) -> frozenset[str]:
    return frozenset(map(normalised_skill, candidate.skills))


@functools.lru_cache(maxsize=65536)
def normalised_skill(skill: str) -> str:
    """Skills come from a short list: each spelling is normalised once per process."""
    return normalised_term(skill)


def skill_tokens(skill: str) -> tuple[str, ...]:
    """A skill name as the words it is written with in a segmented text."""
    return segment_cached(skill)


@functools.lru_cache(maxsize=8192)
def _phrase(tokens: tuple[str, ...]) -> str:
    """Cached by the words, not the skill: new dictionary words change the cut, not this."""
    return f" {' '.join(tokens)} " if tokens else ""


def padded_terms(terms: str) -> str:
    """A segmented text ("a b c") padded so that " a b " finds whole words only."""
    return f" {terms} "


def has_skill(skill: str, skills: frozenset[str], padded: str) -> bool:
    """A candidate has a skill when it is among their skills or their text names it (the skill's
    words, in a row): a free-text skill of a demand is found in a summary that mentions it."""
    if skill in skills:
        return True
    phrase = _phrase(skill_tokens(skill))
    return bool(phrase) and phrase in padded


def years_of_experience(candidate: CandidateDoc, year: int) -> int | None:
    if candidate.career_start is None:
        return None
    return max(0, year - candidate.career_start)


def demand_terms(query: DemandQuery) -> tuple[str, ...]:
    """The words relevance is measured on: the demand's text and its skills' names (a skill asked
    for in the skills list but not in the description still counts as a word of the job)."""
    words = segment(query.text)
    for skill, _required in wanted_skills(query):
        words.extend(skill_tokens(skill))
    return tuple(dict.fromkeys(words))[:MOST_TEXT_TERMS]


def candidate_terms(text: str) -> str:
    """A candidate's text as indexed: its words joined by single spaces."""
    return " ".join(segment(text))


def salary_ceiling(query: DemandQuery) -> int | None:
    return query.salary_max if query.salary_max and query.salary_max > 0 else None


@dataclass(frozen=True)
class Wanted:
    """A demand's requirements read once per search rather than once per hit."""

    query: DemandQuery
    terms: tuple[str, ...]
    skills: tuple[tuple[str, bool], ...]
    majors: tuple[str, ...]
    location: str
    salary_ceiling: int | None

    @classmethod
    def of(cls, query: DemandQuery) -> "Wanted":
        return cls(
            query=query,
            terms=demand_terms(query),
            skills=wanted_skills(query),
            majors=wanted_majors(query),
            location=query.location.strip(),
            salary_ceiling=salary_ceiling(query),
        )

    def minimum(self, name: str) -> int | None:
        """Minimum of "education", "title", "tier" or "years"."""
        return minimum(getattr(self.query, name))

    def required(self, name: str) -> bool:
        """Whether "majors", "education", "title", "tier" or "years" is required."""
        return is_required(getattr(self.query, name))
