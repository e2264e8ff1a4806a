"""The candidates' full-text index: tantivy on disk, filtered by the hard requirements.

Layout under `path`::

    .writer.lock               flock'd around every writer use, across processes
    current -> generations/G   symlink to the live generation, swapped atomically by rebuild()
    generations/G/             a tantivy index, plus `schema_version`

A rebuild writes a whole new generation and only then points `current` at it, so a search
never sees half an index; the generation before is kept until the next rebuild, for processes
still searching it. Each process keeps its tantivy Index open and, before a search, reloads
it only when `current` or the generation's meta.json has changed (a stat, not a reload).

Queries are built from tantivy Query objects, never parsed from text, so that no demand text
can be read as query syntax.
"""

import fcntl
import json
import os
import shutil
import threading
import uuid
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import tantivy
from tantivy import FieldType, Occur, Query

from .documents import CandidateDoc, DemandQuery
from .requirements import (
    RANKED,
    Wanted,
    candidate_terms,
    normalised_major,
    skill_tokens,
)
from .score import Candidates
from .vocabulary import normalised_term

# Bump when the fields below or what is written into them change: an index of another version
# is replaced by an empty one (see MatchIndex.schema_reset) and must be rebuilt.
SCHEMA_VERSION = "3"
SCHEMA_VERSION_FILE = "schema_version"

CAREER_UNKNOWN = 2**62  # career_start of a candidate who did not say: fails every years filter

# tantivy decompresses a whole block of its document store to read one document. Its default
# 16 KB blocks hold some twenty candidates, and a search reads a few hundred scattered ones:
# smaller blocks make each read about three times cheaper for a few percent more disk.
DOC_STORE_BLOCK_SIZE = 4096

# A word found in many candidates costs a long posting list and adds little to BM25 (its idf is
# low). Ranking uses the demand's rarest words whose posting lists together stay under this.
POSTINGS_BUDGET = 100_000

# Candidates are spread over this many buckets by id, so that "any candidates passing the
# filter" can be looked for among a sample of SAMPLE_BUCKETS first instead of among all.
BUCKETS = 64
SAMPLE_BUCKETS = 4

FIELD_SEPARATOR, ITEM_SEPARATOR = "\x1f", "\x1e"  # in the stored payload; cleaned from values

REBUILD_HEAP = 200_000_000  # split between the writer's threads; fewer, larger segments
UPDATE_HEAP = 32_000_000  # upsert/delete write a handful of documents
PROGRESS_EVERY = 10_000


@dataclass(frozen=True)
class Hit:
    """A retrieved candidate, as stored, with its BM25 relevance to the demand's words."""

    candidate: CandidateDoc
    relevance: float
    terms: str  # the candidate's text as indexed (segmented words joined by spaces)


@dataclass(frozen=True)
class Retrieved:
    """The hits of one search, as the scorer's columns and as stored rows."""

    candidates: Candidates
    relevance: np.ndarray  # BM25 per hit; 0 for hits that share no word with the demand
    rows: list[list[str]]  # the stored fields of each hit

    @classmethod
    def from_stored(cls, payloads: list[bytes], relevance: list[float]) -> "Retrieved":
        rows = [payload.decode().split(FIELD_SEPARATOR) for payload in payloads]
        return cls(_columns(rows), np.array(relevance, dtype=float), rows)

    def __len__(self) -> int:
        return len(self.rows)

    def candidate(self, row: int) -> CandidateDoc:
        return _candidate(self.rows[row])

    def terms(self, row: int) -> str:
        return self.rows[row][TERMS]

    def hits(self) -> list[Hit]:
        return [
            Hit(self.candidate(row), float(self.relevance[row]), self.terms(row))
            for row in range(len(self))
        ]


def build_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_unsigned_field("id", stored=False, indexed=True, fast=True)
    builder.add_unsigned_field("bucket", stored=False, indexed=True)  # id % BUCKETS
    builder.add_text_field("pool", tokenizer_name="raw", index_option="basic")
    # Positions: a required skill of several words is found in the text as a phrase.
    builder.add_text_field("terms", tokenizer_name="whitespace", index_option="position")
    builder.add_text_field("skills", tokenizer_name="raw", index_option="basic")
    builder.add_text_field("major", tokenizer_name="raw", index_option="basic")
    for name in (*RANKED, "career_start"):
        builder.add_integer_field(name, stored=False, indexed=True, fast=True)
    # Everything the scorer reads, in one stored value: one field to fetch per hit.
    builder.add_bytes_field("payload", stored=True)
    return builder.build()


class MatchIndex:
    """The index at `path` (created if missing). Safe to share between threads."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.mkdir(parents=True, exist_ok=True)
        (self.path / "generations").mkdir(exist_ok=True)
        self._lock = threading.Lock()
        self._generation: str | None = None
        self._meta_stamp: tuple | None = None
        # True when opening found no usable index (none yet, another schema version) and
        # started an empty one: the caller should rebuild() from its source of truth.
        self.schema_reset = False
        if not self._current_is_usable():
            with self._writer_lock():
                if not self._current_is_usable():
                    self._swap_to(self._new_generation())
                    self.schema_reset = True
        self._open(self._current_generation())

    # Reading ----------------------------------------------------------------------------------

    def search(
        self, query: DemandQuery, pools: Collection[str] | None = None, limit: int = 300
    ) -> list[Hit]:
        """The best `limit` candidates by text relevance among those in `pools` (None: every
        pool) who meet every required requirement of `query`."""
        return self.retrieve(Wanted.of(query), pools, limit).hits()

    def retrieve(
        self, wanted: Wanted, pools: Collection[str] | None = None, limit: int = 300
    ) -> "Retrieved":
        """`search` as the engine uses it: a demand read once, the hits as columns.

        Candidates who share a word with the demand come first, by BM25; if there are fewer
        than `limit` of them, the others who pass the filter follow with relevance 0. So every
        candidate who meets the hard requirements can be retrieved, and the costly part, the
        ranking, only ever walks the posting lists of the words it ranks by."""
        if (pools is not None and not pools) or limit <= 0:
            return Retrieved.from_stored([], [])
        searcher = self._searcher()
        words, postings = self._ranking_words(searcher, wanted.terms)
        filters = self._filters(wanted, pools)
        found = self._top(searcher, self._ranked(filters, words), limit) if words else []
        if len(found) < limit:
            share = len(found) / postings if words else None
            found += self._fill_up(searcher, filters, words, share, limit - len(found))
        payloads = [searcher.doc(address).get_first("payload") for _score, address in found]
        return Retrieved.from_stored(payloads, [score for score, _address in found])

    def _top(self, searcher: tantivy.Searcher, query: Query, limit: int) -> list[tuple]:
        """(score, address) of the best `limit`; not counting the others lets tantivy skip."""
        return searcher.search(query, limit, count=False).hits

    def _fill_up(
        self,
        searcher: tantivy.Searcher,
        filters: list[Query],
        words: list[str],
        share: float | None,
        limit: int,
    ) -> list[tuple]:
        """Up to `limit` candidates passing the filter who share none of `words`, at relevance
        0. Any will do, but tantivy walks every match of a query to choose: so when the filter
        looks loose, a sample of the buckets (candidates spread by id) is tried first, and only
        if it falls short is the rest walked. `share` is the part of the candidates with one of
        the words that passed the filter (None: no words to tell)."""
        found: list[tuple] = []
        sample = list(range(SAMPLE_BUCKETS))
        expected = None if share is None else share * searcher.num_docs * len(sample) / BUCKETS
        if expected is None or expected >= limit:
            found = self._top(searcher, self._unranked(filters, words, only=sample), limit)
            if len(found) >= limit:
                return found
        else:
            sample = []
        rest = self._unranked(filters, words, skip=sample)
        return found + self._top(searcher, rest, limit - len(found))

    def _ranking_words(
        self, searcher: tantivy.Searcher, terms: Iterable[str]
    ) -> tuple[list[str], int]:
        """The demand's words to rank by, the rarest first, within POSTINGS_BUDGET (at least
        one, if any word is in the index at all); and the length of their posting lists."""
        by_frequency = sorted((searcher.doc_freq("terms", term), term) for term in terms)
        words, postings = [], 0
        for frequency, term in by_frequency:
            if frequency == 0:
                continue
            if words and postings + frequency > POSTINGS_BUDGET:
                break
            words.append(term)
            postings += frequency
        return words, postings

    def count(self) -> int:
        return self._searcher().num_docs

    def ids(self) -> list[int]:
        """Every indexed candidate id, ascending."""
        searcher = self._searcher()
        if not searcher.num_docs:
            return []
        found = self._top(searcher, Query.all_query(), searcher.num_docs)
        return sorted(searcher.fast_field_values("id", [address for _s, address in found]))

    # Writing ----------------------------------------------------------------------------------

    def upsert(self, docs: Iterable[CandidateDoc]) -> int:
        """Add the candidates, replacing any indexed with the same id (of several with one id,
        the last)."""
        docs = list({doc.id: doc for doc in docs}.values())
        if docs:
            with self._writer(UPDATE_HEAP, threads=1) as writer:
                writer.delete_documents_by_query(self._ids_query(doc.id for doc in docs))
                for doc in docs:
                    writer.add_document(_document(doc))
        return len(docs)

    def delete(self, ids: Iterable[int]) -> None:
        ids = list(ids)
        if ids:
            with self._writer(UPDATE_HEAP, threads=1) as writer:
                writer.delete_documents_by_query(self._ids_query(ids))

    def rebuild(
        self, docs: Iterable[CandidateDoc], progress: Callable[[int], None] | None = None
    ) -> int:
        """Index `docs` (one per id) into a new generation and swap it in; returns how many were
        written.

        Holds the writer lock throughout, so that changes made meanwhile by other processes
        wait and then land in the new generation instead of being lost with the old one."""
        with self._writer_lock():
            previous = self._current_generation()
            generation = self._new_generation()
            try:
                written = self._fill(generation, docs, progress)
            except BaseException:
                shutil.rmtree(self._generation_dir(generation), ignore_errors=True)
                raise
            self._swap_to(generation)
            self._forget_old_generations(keep={generation, previous})
        self._searcher()  # this process moves to the new generation at once
        if progress:
            progress(written)
        return written

    def _fill(
        self, generation: str, docs: Iterable[CandidateDoc], progress: Callable | None
    ) -> int:
        index = tantivy.Index.open(str(self._generation_dir(generation)))
        writer = index.writer(REBUILD_HEAP, 0)
        written = 0
        try:
            for doc in docs:
                writer.add_document(_document(doc))
                written += 1
                if progress and written % PROGRESS_EVERY == 0:
                    progress(written)
        except BaseException:
            writer.rollback()
            writer.wait_merging_threads()  # no thread may write into the directory removed next
            raise
        # One commit: the generation is not live until the swap, so intermediate commits would
        # only make more, smaller segments. Waiting for the merges leaves fewer to search.
        writer.commit()
        writer.wait_merging_threads()
        return written

    @contextmanager
    def _writer(self, heap: int, threads: int) -> Iterator[tantivy.IndexWriter]:
        """A writer on the live generation, committed and released on success."""
        with self._writer_lock():
            self._searcher()  # follow a rebuild another process may have swapped in
            writer = self._index.writer(heap, threads)
            try:
                yield writer
            except BaseException:
                writer.rollback()
                writer.wait_merging_threads()
                raise
            writer.commit()
            writer.wait_merging_threads()  # releases tantivy's own writer lock
        self._searcher()

    @contextmanager
    def _writer_lock(self) -> Iterator[None]:
        """One writer at a time across processes (tantivy refuses a second one). Each use opens
        the file anew: flock locks belong to the open file, so threads exclude each other too."""
        with open(self.path / ".writer.lock", "a") as lock_file:
            fcntl.flock(lock_file, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock_file, fcntl.LOCK_UN)

    # Generations ------------------------------------------------------------------------------

    def _searcher(self) -> tantivy.Searcher:
        """A searcher on the last commit of the live generation, reloading only on change."""
        with self._lock:
            generation = self._current_generation()
            if generation != self._generation:
                self._open(generation)
            else:
                stamp = self._stamp(generation)
                if stamp != self._meta_stamp:
                    self._meta_stamp = stamp  # taken before the reload: never misses a commit
                    self._index.reload()
            return self._index.searcher()

    def _open(self, generation: str) -> None:
        stamp = self._stamp(generation)
        index = tantivy.Index.open(str(self._generation_dir(generation)))
        index.config_reader("Manual")
        self._index, self._schema = index, index.schema
        self._generation, self._meta_stamp = generation, stamp

    def _stamp(self, generation: str) -> tuple:
        meta = os.stat(self._generation_dir(generation) / "meta.json")
        return (meta.st_ino, meta.st_mtime_ns, meta.st_size)

    def _current_generation(self) -> str:
        return os.readlink(self.path / "current").rsplit("/", 1)[-1]

    def _generation_dir(self, generation: str) -> Path:
        return self.path / "generations" / generation

    def _current_is_usable(self) -> bool:
        try:
            directory = self._generation_dir(self._current_generation())
            version = (directory / SCHEMA_VERSION_FILE).read_text().strip()
            return version == SCHEMA_VERSION and tantivy.Index.is_compatible(str(directory))
        except (OSError, ValueError):
            return False

    def _new_generation(self) -> str:
        """An empty index of the current schema, not yet live."""
        generation = uuid.uuid4().hex
        directory = self._generation_dir(generation)
        directory.mkdir()
        tantivy.Index(build_schema(), path=str(directory), reuse=False)
        _set_doc_store_block_size(directory, DOC_STORE_BLOCK_SIZE)
        (directory / SCHEMA_VERSION_FILE).write_text(SCHEMA_VERSION)
        return generation

    def _swap_to(self, generation: str) -> None:
        """Point `current` at `generation` in one rename: readers see the old or the new."""
        link = self.path / f".current-{uuid.uuid4().hex}"
        os.symlink(f"generations/{generation}", link)
        os.replace(link, self.path / "current")

    def _forget_old_generations(self, keep: set[str]) -> None:
        for directory in (self.path / "generations").iterdir():
            if directory.name not in keep:
                shutil.rmtree(directory, ignore_errors=True)

    # Queries ----------------------------------------------------------------------------------

    def _ids_query(self, ids: Iterable[int]) -> Query:
        return Query.term_set_query(self._schema, "id", sorted(set(ids)))

    def _ranked(self, filters: list[Query], words: list[str]) -> Query:
        """Candidates with at least one of `words`, scored by BM25 on them alone: the filter is
        a constant 0, so relevance is comparable between pools and requirements."""
        any_word = self._any_word(words)
        if not filters:
            return any_word
        return Query.boolean_query(
            [(Occur.Must, Query.const_score_query(_all_of(filters), 0.0)), (Occur.Must, any_word)]
        )

    def _unranked(
        self,
        filters: list[Query],
        words: list[str],
        only: Sequence[int] = (),
        skip: Sequence[int] = (),
    ) -> Query:
        """Candidates passing the filter and sharing none of `words`, scored 0; only those of
        the buckets `only`, or not of the buckets `skip`."""
        positive = [*filters, self._buckets(only)] if only else filters or [Query.all_query()]
        clauses = [(Occur.Must, query) for query in positive]
        if skip:
            clauses.append((Occur.MustNot, self._buckets(skip)))
        if words:
            clauses.append((Occur.MustNot, self._any_word(words)))
        return Query.const_score_query(Query.boolean_query(clauses), 0.0)

    def _buckets(self, buckets: Sequence[int]) -> Query:
        return Query.term_set_query(self._schema, "bucket", list(buckets))

    def _any_word(self, words: list[str]) -> Query:
        return Query.boolean_query([(Occur.Should, self._word(word)) for word in words])

    def _filters(self, wanted: Wanted, pools: Collection[str] | None) -> list[Query]:
        schema, filters = self._schema, []
        if pools is not None:
            in_pool = [Query.term_query(schema, "pool", pool) for pool in sorted(pools)]
            filters.append(_any_of(in_pool))
        for name in RANKED:
            if wanted.required(name) and (minimum := wanted.minimum(name)) is not None:
                filters.append(_at_least(schema, name, minimum))
        if wanted.required("years") and (years := wanted.minimum("years")) is not None:
            latest_start = wanted.query.year - years
            filters.append(
                Query.range_query(schema, "career_start", FieldType.Integer, None, latest_start)
            )
        if wanted.required("majors") and wanted.majors:
            filters.append(Query.term_set_query(schema, "major", list(wanted.majors)))
        filters.extend(self._skill(skill) for skill, required in wanted.skills if required)
        return filters

    def _skill(self, skill: str) -> Query:
        """Among the candidate's skills, or its words in a row in their text (as has_skill)."""
        clauses = [Query.term_query(schema := self._schema, "skills", skill)]
        tokens = skill_tokens(skill)
        if len(tokens) == 1:
            clauses.append(self._word(tokens[0]))
        elif len(tokens) > 1:
            clauses.append(Query.phrase_query(schema, "terms", list(tokens)))
        return Query.boolean_query([(Occur.Should, clause) for clause in clauses])

    def _word(self, term: str) -> Query:
        return Query.term_query(self._schema, "terms", term)


def _set_doc_store_block_size(directory: Path, size: int) -> None:
    """tantivy-py has no setting for it, but tantivy reads it from the new index's meta.json
    (`index_settings.docstore_blocksize`) for every segment it writes. Left alone if absent."""
    meta_file = directory / "meta.json"
    meta = json.loads(meta_file.read_text())
    settings = meta.get("index_settings")
    if isinstance(settings, dict) and "docstore_blocksize" in settings:
        settings["docstore_blocksize"] = size
        draft = directory / "meta.json.draft"
        draft.write_text(json.dumps(meta, indent=2))
        os.replace(draft, meta_file)


def _any_of(queries: list[Query]) -> Query:
    """(Measured: a union of term queries beats a term set query on a few terms.)"""
    if len(queries) == 1:
        return queries[0]
    return Query.boolean_query([(Occur.Should, query) for query in queries])


def _all_of(queries: list[Query]) -> Query:
    return (
        queries[0]
        if len(queries) == 1
        else Query.boolean_query([(Occur.Must, query) for query in queries])
    )


def _at_least(schema: tantivy.Schema, field: str, minimum: int) -> Query:
    return Query.range_query(schema, field, FieldType.Integer, lower_bound=minimum)


def _document(doc: CandidateDoc) -> tantivy.Document:
    terms = candidate_terms(doc.text)
    skills = list(dict.fromkeys(name for name in map(normalised_term, doc.skills) if name))
    major = normalised_major(doc.major)
    document = tantivy.Document()
    document.add_unsigned("id", doc.id)
    document.add_unsigned("bucket", doc.id % BUCKETS)
    document.add_text("pool", doc.pool)
    document.add_text("terms", terms)
    for skill in skills:
        document.add_text("skills", skill)
    if major:
        document.add_text("major", major)
    for name in RANKED:
        document.add_integer(name, getattr(doc, name))
    start = CAREER_UNKNOWN if doc.career_start is None else doc.career_start
    document.add_integer("career_start", start)
    document.add_bytes("payload", _payload(doc, terms, skills, major))
    return document


# The stored payload: these fields, in this order, joined by FIELD_SEPARATOR.
PAYLOAD_FIELDS = (
    "id",
    "pool",
    "text",
    "terms",
    "skills",
    "major",
    "education",
    "career_start",
    "title",
    "tier",
    "locations",
    "salary_expected",
)
(ID, POOL, TEXT, TERMS, SKILLS, MAJOR, EDUCATION, CAREER_START, TITLE, TIER, LOCATIONS, SALARY) = (
    range(len(PAYLOAD_FIELDS))
)


def _payload(doc: CandidateDoc, terms: str, skills: list[str], major: str) -> bytes:
    """The stored candidate: fields joined by a control character, which decodes several
    times faster than JSON (a search decodes a few hundred of these)."""
    fields = (
        str(doc.id),
        _clean(doc.pool),
        _clean(doc.text),
        terms,  # segmented: no whitespace or control characters inside a word
        ITEM_SEPARATOR.join(map(_clean, skills)),
        _clean(major),
        str(doc.education),
        _optional(doc.career_start),
        str(doc.title),
        str(doc.tier),
        ITEM_SEPARATOR.join(map(_clean, doc.locations)),
        _optional(doc.salary_expected),
    )
    return FIELD_SEPARATOR.join(fields).encode()


def _candidate(row: list[str]) -> CandidateDoc:
    return CandidateDoc(
        id=int(row[ID]),
        pool=row[POOL],
        text=row[TEXT],
        skills=_items(row[SKILLS]),
        major=row[MAJOR],
        education=int(row[EDUCATION]),
        career_start=_int_or_none(row[CAREER_START]),
        title=int(row[TITLE]),
        tier=int(row[TIER]),
        locations=_items(row[LOCATIONS]),
        salary_expected=_int_or_none(row[SALARY]),
    )


def _columns(rows: list[list[str]]) -> Candidates:
    """The scorer's columns straight from the stored rows (stored values are normalised)."""
    return Candidates.build(
        ids=[int(row[ID]) for row in rows],
        education=[int(row[EDUCATION]) for row in rows],
        title=[int(row[TITLE]) for row in rows],
        tier=[int(row[TIER]) for row in rows],
        career_start=[_int_or_none(row[CAREER_START]) for row in rows],
        salary_expected=[_int_or_none(row[SALARY]) for row in rows],
        skills=[frozenset(_items(row[SKILLS])) for row in rows],
        terms=[row[TERMS] for row in rows],
        majors=[row[MAJOR] for row in rows],
        locations=[_items(row[LOCATIONS]) for row in rows],
    )


def _clean(value: str) -> str:
    return value.replace(FIELD_SEPARATOR, " ").replace(ITEM_SEPARATOR, " ")


def _optional(value: int | None) -> str:
    return "" if value is None else str(value)


def _int_or_none(value: str) -> int | None:
    return int(value) if value else None


def _items(value: str) -> tuple[str, ...]:
    return tuple(value.split(ITEM_SEPARATOR)) if value else ()
