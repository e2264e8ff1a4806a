"""How well each retrieved candidate fits a demand, in nine named parts that add up to 100.

The parts of all hits are computed at once, from the hits' columns (`Candidates`), as a
(hits × parts) array of fractions: numeric parts with numpy, set-like ones (skills, major,
location) one hit at a time. Only the hits that make the final list become `Match` objects with
reasons, details and misses.

Points are rounded to 0.1 per part and the total is the sum of the rounded parts, kept in
integer tenths until the end, so that an explanation always adds up to its total exactly.
"""

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from .documents import CandidateDoc
from .requirements import (
    RANKED,
    Wanted,
    candidate_skills,
    has_skill,
    normalised_major,
    padded_terms,
    years_of_experience,
)
from .segment import segment_cached

# The parts, in the order they are shown, with their maximum points (they sum to 100).
MAX_POINTS = {
    "skills": 30,
    "text": 15,
    "education": 10,
    "major": 8,
    "experience": 10,
    "title": 7,
    "tier": 7,
    "location": 6,
    "salary": 7,
}
PART_NAMES = tuple(MAX_POINTS)
PART_COLUMN = {name: column for column, name in enumerate(PART_NAMES)}

# Reasons: stable codes for the interface to translate.
NO_REQUIREMENT = "no_requirement"  # the demand asks nothing of this kind: full points
MET = "met"  # fully met
PARTIAL = "partial"  # some points
MISSED = "missed"  # no points
UNKNOWN = "unknown"  # the candidate did not say (experience: no points; salary: full points)
ANYWHERE = "anywhere"  # the candidate will work anywhere: full location points

REQUIRED_SKILL_WEIGHT = 2
PREFERRED_SKILL_WEIGHT = 1
ONE_STEP_BELOW = 0.5  # a rank one step under the minimum earns half
ELSEWHERE = 0.3  # a candidate who will not work at the job's place still earns some points
SHARED_WORD_MAJOR = 0.5
SHORTEST_SHARED_WORD = 2  # 工程 is a shared word; 学 is not


@dataclass(frozen=True)
class Part:
    """Points earned on one part. `reason` is one of the codes above; `detail` holds what was
    wanted and what the candidate has, for the interface (read-only: it may be shared)."""

    name: str
    points: float
    max_points: float
    reason: str
    detail: dict = field(default_factory=dict, hash=False, compare=True)


@dataclass(frozen=True)
class Miss:
    """A requirement not fully met. `wanted`: the skill, the minimum rank or years, the majors,
    the place or the maximum salary; `has`: the candidate's (None: unknown or lacking)."""

    requirement: str  # skill, education, major, experience, title, tier, location, salary
    wanted: object
    has: object
    required: bool


@dataclass(frozen=True)
class Match:
    """A candidate with its total (the sum of its parts' points) and its misses."""

    candidate: CandidateDoc
    total: float
    parts: tuple[Part, ...]
    misses: tuple[Miss, ...]


# The hits, column by column ------------------------------------------------------------------


@dataclass(frozen=True)
class Candidates:
    """Candidates as the scorer reads them, one column per field: numpy computes the numeric
    parts of every hit at once, and hits that make no list never become CandidateDoc objects."""

    ids: np.ndarray
    education: np.ndarray
    title: np.ndarray
    tier: np.ndarray
    career_start: np.ndarray  # float; NaN: unknown
    salary_expected: np.ndarray  # float; NaN: unknown
    skills: list[frozenset[str]]  # normalised
    terms: list[str]  # segmented texts
    majors: list[str]  # normalised
    locations: list[tuple[str, ...]]

    def __len__(self) -> int:
        return len(self.ids)

    @classmethod
    def build(cls, *, ids, education, title, tier, career_start, salary_expected, **lists):
        """From plain lists (None: unknown); `lists` are skills, terms, majors, locations."""
        return cls(
            ids=np.array(ids, dtype=np.int64),
            education=np.array(education, dtype=float),
            title=np.array(title, dtype=float),
            tier=np.array(tier, dtype=float),
            career_start=_with_nan(career_start),
            salary_expected=_with_nan(salary_expected),
            **lists,
        )

    @classmethod
    def of(cls, docs: Sequence[CandidateDoc], terms: Sequence[str]) -> "Candidates":
        return cls.build(
            ids=[d.id for d in docs],
            education=[d.education for d in docs],
            title=[d.title for d in docs],
            tier=[d.tier for d in docs],
            career_start=[d.career_start for d in docs],
            salary_expected=[d.salary_expected for d in docs],
            skills=[candidate_skills(d) for d in docs],
            terms=list(terms),
            majors=[normalised_major(d.major) for d in docs],
            locations=[tuple(d.locations) for d in docs],
        )


def _with_nan(values: Sequence[int | None]) -> np.ndarray:
    return np.array([np.nan if v is None else v for v in values], dtype=float)


# Fractions of every part for every hit ---------------------------------------------------------


def fractions(wanted: Wanted, candidates: Candidates, text_fit: np.ndarray) -> np.ndarray:
    """(hits × parts) array of how much of each part each candidate earns, from 0 to 1.

    `text_fit` is the text relevance already scaled to 0..1 (by the best hit's BM25 in a
    search, by word overlap for a single candidate)."""
    result = np.ones((len(candidates), len(PART_NAMES)))
    if not len(candidates):
        return result
    column = PART_COLUMN
    if wanted.skills:
        result[:, column["skills"]] = [
            skill_coverage(wanted, skills, padded_terms(terms))[0]
            for skills, terms in zip(candidates.skills, candidates.terms, strict=True)
        ]
    if wanted.terms:
        result[:, column["text"]] = np.clip(text_fit, 0.0, 1.0)
    for name in RANKED:
        result[:, column[name]] = rank_fractions(wanted.minimum(name), getattr(candidates, name))
    result[:, column["experience"]] = experience_fractions(wanted, candidates.career_start)
    if wanted.majors:
        result[:, column["major"]] = [major_fit(wanted, major) for major in candidates.majors]
    if wanted.location:
        result[:, column["location"]] = [location_fit(wanted, ls) for ls in candidates.locations]
    result[:, column["salary"]] = salary_fractions(wanted, candidates.salary_expected)
    return result


def tenths(part_fractions: np.ndarray) -> np.ndarray:
    """Points per part in integer tenths, rounded half up (banker's rounding would round 0.25
    points of one part and 0.35 of another in different directions)."""
    maxima = np.array([MAX_POINTS[name] for name in PART_NAMES], dtype=float)
    return np.floor(part_fractions * maxima * 10 + 0.5 + 1e-9).astype(np.int64)


def ranking(total_tenths: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """Row order: total descending, then id ascending."""
    return np.lexsort((ids, -total_tenths))


def rank_fractions(minimum: int | None, ranks: np.ndarray) -> np.ndarray:
    if minimum is None:
        return np.ones_like(ranks)
    return np.where(ranks >= minimum, 1.0, np.where(ranks == minimum - 1, ONE_STEP_BELOW, 0.0))


def experience_fractions(wanted: Wanted, career_start: np.ndarray) -> np.ndarray:
    minimum = wanted.minimum("years")
    if minimum is None:
        return np.ones(len(career_start))
    years = np.clip(wanted.query.year - career_start, 0, None)
    return np.nan_to_num(np.minimum(1.0, years / minimum), nan=0.0)  # unknown earns nothing


def salary_fractions(wanted: Wanted, expected: np.ndarray) -> np.ndarray:
    ceiling = wanted.salary_ceiling
    if ceiling is None:
        return np.ones(len(expected))
    over = np.clip(1.0 - (expected - ceiling) / ceiling, 0.0, 1.0)
    return np.where(np.isnan(expected) | (expected <= ceiling), 1.0, over)


def skill_coverage(
    wanted: Wanted, skills: frozenset[str], padded: str
) -> tuple[float, list[str], list[str]]:
    """(weighted share of the demand's skills the candidate has, those had, those lacked)."""
    if not wanted.skills:
        return 1.0, [], []
    had, lacked, earned, possible = [], [], 0, 0
    for skill, required in wanted.skills:
        weight = REQUIRED_SKILL_WEIGHT if required else PREFERRED_SKILL_WEIGHT
        possible += weight
        if has_skill(skill, skills, padded):
            had.append(skill)
            earned += weight
        else:
            lacked.append(skill)
    return earned / possible, had, lacked


def major_fit(wanted: Wanted, major: str) -> float:
    """1 for a wanted major, half for one sharing a word (电化学 / 应用电化学), else 0."""
    if not wanted.majors:
        return 1.0
    major = normalised_major(major)
    if not major:
        return 0.0
    if major in wanted.majors:
        return 1.0
    words = _major_words(major)
    if any(words & _major_words(other) for other in wanted.majors):
        return SHARED_WORD_MAJOR
    return 0.0


def _major_words(major: str) -> frozenset[str]:
    return _long_words(segment_cached(major))


@functools.lru_cache(maxsize=8192)
def _long_words(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(word for word in words if len(word) >= SHORTEST_SHARED_WORD)


def location_fit(wanted: Wanted, locations: Sequence[str]) -> float:
    """Full points when the candidate will work anywhere or where the job is; a place naming
    the other counts (苏州 / 苏州工业园区)."""
    place = wanted.location
    if not place or not locations or any(_same_place(place, there) for there in locations):
        return 1.0
    return ELSEWHERE


def _same_place(place: str, there: str) -> bool:
    there = there.strip()
    return bool(there) and (place in there or there in place)


# One candidate explained ----------------------------------------------------------------------


def asks(wanted: Wanted, part: str) -> bool:
    """Whether the demand asks anything of this part (if not: full points, no_requirement)."""
    if part == "skills":
        return bool(wanted.skills)
    if part == "text":
        return bool(wanted.terms)
    if part == "major":
        return bool(wanted.majors)
    if part == "location":
        return bool(wanted.location)
    if part == "salary":
        return wanted.salary_ceiling is not None
    return wanted.minimum("years" if part == "experience" else part) is not None


class Explainer:
    """Turns scored rows into `Match` objects for one demand. A part the demand asks nothing of
    is the same for every candidate, so it is made once and shared (parts are immutable)."""

    def __init__(self, wanted: Wanted) -> None:
        self.wanted = wanted
        self._unasked = {
            name: Part(name, float(points), float(points), NO_REQUIREMENT)
            for name, points in MAX_POINTS.items()
            if not asks(wanted, name)
        }

    def __call__(
        self,
        candidate: CandidateDoc,
        terms: str,
        part_fractions: np.ndarray,
        part_tenths: np.ndarray,
    ) -> Match:
        """Each part with its reason and detail, and every requirement the candidate does not
        fully meet (flagged required or preferred as the demand says)."""
        parts, misses = [], []
        tenths, fractions = part_tenths.tolist(), part_fractions.tolist()
        for column, name in enumerate(PART_NAMES):
            if name in self._unasked:
                parts.append(self._unasked[name])
                continue
            reason, detail, part_misses = DESCRIBE[name](self.wanted, candidate, terms)
            reason = reason or _reason_from(fractions[column])
            parts.append(Part(name, tenths[column] / 10, float(MAX_POINTS[name]), reason, detail))
            misses.extend(part_misses)
        total = sum(tenths) / 10
        return Match(candidate=candidate, total=total, parts=tuple(parts), misses=tuple(misses))


def _reason_from(fraction: float) -> str:
    if fraction >= 1.0:
        return MET
    return MISSED if fraction <= 0.0 else PARTIAL


# Describers of the parts a demand asks for: (a reason, or "" to take it from the points;
# detail for the interface; the misses).


def _describe_skills(wanted: Wanted, candidate: CandidateDoc, terms: str):
    skills, padded = candidate_skills(candidate), padded_terms(terms)
    _share, had, lacked = skill_coverage(wanted, skills, padded)
    required = dict(wanted.skills)
    misses = [Miss("skill", skill, None, required[skill]) for skill in lacked]
    return "", {"matched": had, "missing": lacked}, misses


def _describe_text(wanted: Wanted, candidate: CandidateDoc, terms: str):
    return "", {}, []


def _describe_rank(name: str):
    def describe(wanted: Wanted, candidate: CandidateDoc, terms: str):
        minimum, has = wanted.minimum(name), getattr(candidate, name)
        misses = [Miss(name, minimum, has, wanted.required(name))] if has < minimum else []
        return "", {"wanted": minimum, "has": has}, misses

    return describe


def _describe_experience(wanted: Wanted, candidate: CandidateDoc, terms: str):
    minimum = wanted.minimum("years")
    years = years_of_experience(candidate, wanted.query.year)
    detail = {"wanted": minimum, "has": years}
    if years is not None and years >= minimum:
        return "", detail, []
    miss = Miss("experience", minimum, years, wanted.required("years"))
    return (UNKNOWN if years is None else ""), detail, [miss]


def _describe_major(wanted: Wanted, candidate: CandidateDoc, terms: str):
    major = normalised_major(candidate.major)
    detail = {"wanted": list(wanted.majors), "has": major}
    if major in wanted.majors:
        return "", detail, []
    miss = Miss("major", wanted.majors, major, wanted.required("majors"))
    return (UNKNOWN if not major else ""), detail, [miss]


def _describe_location(wanted: Wanted, candidate: CandidateDoc, terms: str):
    detail = {"wanted": wanted.location, "has": list(candidate.locations)}
    if not candidate.locations:
        return ANYWHERE, detail, []
    if location_fit(wanted, candidate.locations) >= 1.0:
        return MET, detail, []
    return PARTIAL, detail, [Miss("location", wanted.location, tuple(candidate.locations), False)]


def _describe_salary(wanted: Wanted, candidate: CandidateDoc, terms: str):
    ceiling, expected = wanted.salary_ceiling, candidate.salary_expected
    detail = {"wanted": ceiling, "has": expected}
    if expected is None:
        return UNKNOWN, detail, []
    misses = [] if expected <= ceiling else [Miss("salary", ceiling, expected, False)]
    return "", detail, misses


DESCRIBE = {
    "skills": _describe_skills,
    "text": _describe_text,
    "education": _describe_rank("education"),
    "major": _describe_major,
    "experience": _describe_experience,
    "title": _describe_rank("title"),
    "tier": _describe_rank("tier"),
    "location": _describe_location,
    "salary": _describe_salary,
}
