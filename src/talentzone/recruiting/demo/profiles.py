"""Candidates' profiles: a summary in the industry's words, the year they started work, the pay
they expect and where they will work, drawn from what the registry knows of them."""

import datetime
from random import Random

from talentzone.directory.demo.people import GRADUATION_AGE
from talentzone.directory.demo.weighted import Weighted
from talentzone.directory.models import Talent

from . import words

LOCATIONS = Weighted(list(words.LOCATIONS))
# Monthly pay a newcomer of each education expects (yuan), before experience and tier.
BASE_SALARY = {
    "doctorate": 24000,
    "master": 14000,
    "bachelor": 9500,
    "college": 7000,
    "vocational": 6000,
    "other": 5500,
}
TIER_PULL = {"national": 2.2, "provincial": 1.5, "municipal": 1.1}


def profile_data(rng: Random, talent: Talent, today: datetime.date) -> dict:
    """The fields of an open profile (without the consent, which the caller records)."""
    started = career_started(rng, talent, today)
    years = today.year - started
    return {
        "open_to_offers": True,
        "summary": summary(rng, talent, years),
        "career_started": started,
        "expected_salary": expected_salary(rng, talent, years),
        "locations": LOCATIONS.pick(rng),
    }


def career_started(rng: Random, talent: Talent, today: datetime.date) -> int:
    """The year they finished school (a few started a year later), never after this year."""
    year = talent.birth_date.year + GRADUATION_AGE[talent.education] + (rng.random() < 0.3)
    return max(1950, min(year, today.year))


def expected_salary(rng: Random, talent: Talent, years: int) -> int | None:
    if rng.random() < 0.15:
        return None  # 面议
    level = talent.tier.level if talent.tier_id else None
    pay = BASE_SALARY[talent.education] * (1 + min(0.8, 0.05 * years))
    pay *= TIER_PULL.get(level, 1.0) * rng.uniform(0.85, 1.2)
    return int(round(pay / 500) * 500)


def summary(rng: Random, talent: Talent, years: int) -> str:
    """What they did, in the words a recruiter searches for: their skills, and some that go
    with them."""
    field = words.FIELDS[talent.industry]
    opening = words.OPENINGS[talent.education].format(major=talent.major or "相关")
    if not talent.major and talent.education != "other":
        opening = ""
    if years <= 0:
        experience = words.NEW_GRADUATE.format(field=field)
    else:
        experience = rng.choice(words.EXPERIENCE).format(years=years, field=field)
    parts = [opening + experience]
    skills = talent.skill_list
    told = rng.sample(skills, min(len(skills), 2))
    for skill, phrase in zip(told, rng.sample(words.SKILL_PHRASES, len(told)), strict=True):
        parts.append(phrase.format(skill=skill) + "。")
    related = sorted({r for skill in skills for r in words.RELATED_SKILLS.get(skill, ())})
    if related and rng.random() < 0.75:
        named = rng.sample(related, min(len(related), rng.randint(1, 2)))
        parts.append(f"也做过{'、'.join(named)}相关工作。")
    if rng.random() < 0.3:
        general = rng.choice(words.GENERAL_SKILLS)
        parts.append(rng.choice(words.GENERAL_PHRASES).format(skill=general) + "。")
    parts.append(rng.choice(words.CLOSINGS))
    return "".join(parts)
