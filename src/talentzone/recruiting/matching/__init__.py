"""The matching engine: candidates for a demand, scored in explained parts.

Plain Python over rjieba (segmentation), tantivy (retrieval) and numpy (scoring); nothing here
knows Django. The application turns its rows into `CandidateDoc` and `DemandQuery` values and
keeps a `MatchIndex` in step with them.
"""

from . import engine
from .documents import EDUCATION_RANK, TITLE_RANK, CandidateDoc, DemandQuery, Need
from .engine import fit, match, violations
from .index import Hit, MatchIndex
from .score import Match, Miss, Part
from .segment import add_words, segment
from .vocabulary import Thesaurus

__all__ = [
    "EDUCATION_RANK",
    "TITLE_RANK",
    "CandidateDoc",
    "DemandQuery",
    "Hit",
    "Match",
    "MatchIndex",
    "Miss",
    "Need",
    "Part",
    "Thesaurus",
    "add_words",
    "engine",
    "fit",
    "match",
    "segment",
    "violations",
]
