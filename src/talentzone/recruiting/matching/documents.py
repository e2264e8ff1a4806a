"""What the engine matches: candidates and demands as plain values, with no database behind them.

Ranks are small integers so that "at least" is a number comparison in the index and in numpy.
"""

import datetime
from dataclasses import dataclass, field

EDUCATION_RANK = {
    "other": 0,
    "vocational": 1,
    "college": 2,
    "bachelor": 3,
    "master": 4,
    "doctorate": 5,
}
TITLE_RANK = {"none": 0, "junior": 1, "intermediate": 2, "senior_associate": 3, "senior_full": 4}


@dataclass(frozen=True)
class CandidateDoc:
    id: int  # Talent.pk
    pool: str  # "registry" or f"agency:{agency_pk}"
    text: str  # summary + major + skills + title words (no name, no ID number)
    skills: tuple[str, ...]  # canonical, lowercased
    major: str  # normalised (strip, lowercase latin)
    education: int  # EDUCATION_RANK
    career_start: int | None  # year work started; years of experience = year - career_start
    title: int  # TITLE_RANK
    tier: int  # 0 = no tier; higher = higher tier
    locations: tuple[str, ...]  # places the person will work; () = anywhere
    salary_expected: int | None  # monthly yuan


@dataclass(frozen=True)
class Need:
    """One requirement of a demand: required ones filter, preferred ones only score."""

    value: object  # int rank / tuple[str] / str
    required: bool


def _this_year() -> int:
    return datetime.date.today().year


@dataclass(frozen=True)
class DemandQuery:
    text: str  # title + description
    skills: tuple[tuple[str, bool], ...] = ()  # (canonical skill, required)
    majors: Need | None = None  # value: tuple[str, ...] normalised
    education: Need | None = None  # value: min EDUCATION_RANK
    years: Need | None = None  # value: min years of experience
    title: Need | None = None  # value: min TITLE_RANK
    tier: Need | None = None  # value: min tier (same scale as CandidateDoc.tier)
    location: str = ""
    salary_min: int | None = None
    salary_max: int | None = None
    year: int = field(default_factory=_this_year)  # reference year for experience
