"""What the matching engine is given: the database's rows turned into its plain documents.

The engine (`matching/`) knows nothing of Django; this module is the one place that decides
which talents are candidates, in which pool, and what of them is searchable:

* a candidate is a talent whose profile is open to offers (with consent), who has not left;
* an agency's own candidate (status candidate, held by the agency) is in pool ``agency:<pk>``;
  every other candidate is in the ``registry`` pool;
* names and personal numbers are never indexed: only what a job asks about.
"""

import datetime
from collections.abc import Iterable, Iterator

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from talentzone.directory.choices import TalentStatus
from talentzone.directory.models import Talent, TalentTier

from .matching import EDUCATION_RANK, TITLE_RANK, CandidateDoc, DemandQuery, Need, Thesaurus
from .matching.segment import reset as reset_segmenter
from .matching.vocabulary import normalised_term
from .models import CandidateProfile, Demand, Skill, split_words

REGISTRY_POOL = "registry"
# Tier ranks run 1 (the top) upwards; the engine wants "higher is better", 0 for no tier.
TIER_CEILING = 1000


def agency_pool(agency_id: int) -> str:
    return f"agency:{agency_id}"


def pool_of(talent: Talent) -> str:
    if talent.status == TalentStatus.CANDIDATE and talent.agency_id:
        return agency_pool(talent.agency_id)
    return REGISTRY_POOL


def tier_level(rank: int | None) -> int:
    return TIER_CEILING - rank if rank else 0


# The skills list ------------------------------------------------------------------------------

_thesaurus: tuple[int, Thesaurus, dict[str, str]] | None = None
_skills_version = 0


def skills_changed() -> None:
    """Called after a skill is saved or deleted: the next thesaurus() reads the list again."""
    global _skills_version
    _skills_version += 1


def thesaurus() -> Thesaurus:
    """The skills list as the engine's thesaurus (canonical name ↔ synonyms), read once per
    process and again after this process changed the list. (Another process's change reaches
    this one with the index rebuild it triggers; see signals.py.)"""
    global _thesaurus
    if _thesaurus is None or _thesaurus[0] != _skills_version:
        entries = [(s.name, s.synonym_list) for s in Skill.objects.only("name", "synonyms")]
        reset_segmenter()  # the words of skills since deleted or renamed go with them
        shown = {normalised_term(name): name for name, _synonyms in entries}
        _thesaurus = (_skills_version, Thesaurus(entries), shown)
    return _thesaurus[1]


def skill_name(canonical: str) -> str:
    """The skills list's own spelling of a canonical (lowercased) skill: "CAD", not "cad"."""
    thesaurus()
    return _thesaurus[2].get(canonical, canonical)


# Candidates -----------------------------------------------------------------------------------


def indexable_talents() -> QuerySet[Talent]:
    return Talent.objects.filter(profile__open_to_offers=True).exclude(status=TalentStatus.LEFT)


def is_indexable(talent: Talent, profile: CandidateProfile | None) -> bool:
    return bool(profile and profile.open_to_offers and talent.status != TalentStatus.LEFT)


def candidate_document(talent: Talent, profile: CandidateProfile | None = None) -> CandidateDoc:
    """The talent as the engine sees them (whether or not they are indexable)."""
    if profile is None:
        profile = CandidateProfile.objects.filter(talent=talent).first()
    words = thesaurus()
    skills = words.canonical_set(talent.skill_list)
    text = " ".join(
        part
        for part in (
            talent.major,
            "、".join(talent.skill_list),
            talent.get_title_display() if talent.title != "none" else "",
            profile.summary if profile else "",
        )
        if part
    )
    return CandidateDoc(
        id=talent.pk,
        pool=pool_of(talent),
        text=text,
        skills=tuple(sorted(skills | words.skills_in_text(text))),
        major=normalised(talent.major),
        education=EDUCATION_RANK.get(talent.education, 0),
        career_start=profile.career_started if profile else None,
        title=TITLE_RANK.get(talent.title, 0),
        tier=tier_level(talent.tier.rank if talent.tier_id else None),
        locations=tuple(profile.location_list) if profile else (),
        salary_expected=profile.expected_salary if profile else None,
    )


def candidate_documents(
    talents: QuerySet[Talent] | None = None, batch_size: int = 5000
) -> Iterator[CandidateDoc]:
    """Documents for every indexable talent (or those of `talents`), read in batches by id so
    that a registry of a million people streams in constant memory."""
    queryset = (talents if talents is not None else indexable_talents()).select_related(
        "profile", "tier"
    )
    last_id = 0
    while True:
        batch = list(queryset.filter(pk__gt=last_id).order_by("pk")[:batch_size])
        if not batch:
            return
        for talent in batch:
            yield candidate_document(talent, talent.profile)
        last_id = batch[-1].pk


def documents_for(talent_ids: Iterable[int]) -> tuple[list[CandidateDoc], list[int]]:
    """(documents to write, ids to remove) for talents that changed."""
    ids = set(talent_ids)
    found = {
        t.pk: t
        for t in Talent.objects.filter(pk__in=ids)
        .select_related("tier")
        .prefetch_related(Prefetch("profile"))
    }
    keep, remove = [], []
    for pk in ids:
        talent = found.get(pk)
        profile = getattr(talent, "profile", None) if talent else None
        if talent and is_indexable(talent, profile):
            keep.append(candidate_document(talent, profile))
        else:
            remove.append(pk)
    return keep, remove


# Demands --------------------------------------------------------------------------------------


def normalised(text: str) -> str:
    return " ".join(text.split()).lower()


def demand_query(demand: Demand, today: datetime.date | None = None) -> DemandQuery:
    """The demand's text, skills and requirements; each requirement keeps its required flag."""
    words = thesaurus()
    skills: dict[str, bool] = {}
    for row in demand.skills.all():
        name = words.canonical(row.text)
        skills[name] = skills.get(name, False) or row.required  # required wins over preferred
    tier = demand.min_tier
    return DemandQuery(
        text=f"{demand.title} {demand.description}",
        skills=tuple(skills.items()),
        majors=_need(
            tuple(normalised(m) for m in split_words(demand.majors)), demand.majors_required
        ),
        education=_need(
            EDUCATION_RANK[demand.min_education] if demand.min_education else None,
            demand.education_required,
        ),
        years=_need(demand.min_years, demand.years_required),
        title=_need(
            TITLE_RANK[demand.min_title] if demand.min_title else None, demand.title_required
        ),
        tier=_need(tier_level(tier.rank) if tier else None, demand.tier_required),
        location=demand.location,
        salary_min=demand.salary_min,
        salary_max=demand.salary_max,
        year=(today or timezone.localdate()).year,
    )


def _need(value, required: bool) -> Need | None:
    return Need(value, required) if value not in (None, (), "") else None


def tier_from_level(level: int) -> TalentTier | None:
    return TalentTier.objects.filter(rank=TIER_CEILING - level).first() if level else None
