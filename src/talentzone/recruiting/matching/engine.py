"""Matching as the application asks for it: the best candidates for a demand, what rules one
candidate out, and how one candidate fits one demand.

`match` retrieves a few hundred candidates with the index (hard requirements filter, the
demand's words rank by BM25) and re-ranks them by the full score; only the final `k` are
explained. `violations` and `fit` judge one candidate without the index, by the same rules.
"""

from collections.abc import Collection, Sequence

import numpy as np

from . import score
from .documents import CandidateDoc, DemandQuery
from .index import MatchIndex, Retrieved
from .requirements import (
    RANKED,
    Wanted,
    candidate_skills,
    has_skill,
    normalised_major,
    padded_terms,
    years_of_experience,
)
from .score import Match, Miss
from .segment import segment_cached


def match(
    index: MatchIndex,
    query: DemandQuery,
    pools: Collection[str] | None,
    k: int = 50,
    retrieve: int = 300,
) -> list[Match]:
    """The top `k` candidates for `query` in `pools` (None: all), best first (ties: lower id)."""
    wanted = Wanted.of(query)
    return best_matches(wanted, index.retrieve(wanted, pools, limit=max(retrieve, k)), k)


def best_matches(wanted: Wanted, retrieved: Retrieved, k: int) -> list[Match]:
    if not len(retrieved) or k <= 0:
        return []
    part_fractions = score.fractions(
        wanted, retrieved.candidates, share_of_best(retrieved.relevance)
    )
    part_tenths = score.tenths(part_fractions)
    order = score.ranking(part_tenths.sum(axis=1), retrieved.candidates.ids)[:k]
    explain = score.Explainer(wanted)
    return [
        explain(retrieved.candidate(i), retrieved.terms(i), part_fractions[i], part_tenths[i])
        for i in order
    ]


def share_of_best(relevance: np.ndarray) -> np.ndarray:
    """BM25 has no fixed scale: the best hit of this search earns the full text points."""
    best = relevance.max(initial=0.0)
    return relevance / best if best > 0 else np.zeros_like(relevance)


def violations(query: DemandQuery, doc: CandidateDoc) -> list[Miss]:
    """The required requirements `doc` fails, by the rules the index filters with: a candidate
    with none can be retrieved, one with any never is."""
    wanted = Wanted.of(query)
    misses = [Miss("skill", skill, None, True) for skill in _skills_lacked(wanted, doc)]
    for name in RANKED:
        minimum = wanted.minimum(name)
        if wanted.required(name) and minimum is not None and getattr(doc, name) < minimum:
            misses.append(Miss(name, minimum, getattr(doc, name), True))
    years, minimum = years_of_experience(doc, query.year), wanted.minimum("years")
    if wanted.required("years") and minimum is not None and (years is None or years < minimum):
        misses.append(Miss("experience", minimum, years, True))
    major = normalised_major(doc.major)
    if wanted.required("majors") and wanted.majors and major not in wanted.majors:
        misses.append(Miss("major", wanted.majors, major, True))
    return misses


def _skills_lacked(wanted: Wanted, doc: CandidateDoc) -> list[str]:
    required = [skill for skill, is_required in wanted.skills if is_required]
    if not required:
        return []
    skills, padded = candidate_skills(doc), padded_terms(one_candidates_terms(doc.text))
    return [skill for skill in required if not has_skill(skill, skills, padded)]


def fit(query: DemandQuery, doc: CandidateDoc) -> Match | None:
    """How `doc` fits `query` on its own: None when it fails a required requirement.

    There is no BM25 for a single document (it needs the other hits to compare with), so the
    text part is the share of the demand's words that the candidate's text contains. A fit's
    text points are therefore on another scale than a search's, where the best hit earns all.
    """
    if violations(query, doc):
        return None
    wanted = Wanted.of(query)
    terms = one_candidates_terms(doc.text)
    text_fit = np.array([word_overlap(wanted.terms, terms)])
    part_fractions = score.fractions(wanted, score.Candidates.of([doc], [terms]), text_fit)
    part_tenths = score.tenths(part_fractions)
    return score.Explainer(wanted)(doc, terms, part_fractions[0], part_tenths[0])


def one_candidates_terms(text: str) -> str:
    """A candidate's text as the index has it. Cached: the reverse view judges one candidate
    against every open demand."""
    return " ".join(segment_cached(text))


def word_overlap(demand_words: Sequence[str], terms: str) -> float:
    """Share of the demand's words found among the candidate's."""
    if not demand_words:
        return 0.0
    present = set(terms.split())
    return sum(word in present for word in demand_words) / len(demand_words)
