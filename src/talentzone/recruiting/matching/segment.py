"""Chinese word segmentation for matching: one function, `segment`, used for both sides.

Candidates' texts are segmented when indexed and demands' texts when searched; both must come
out of the same segmenter with the same dictionary, or a word indexed as 化成 / 分容 would be
searched as 化 / 成分 / 容 and never be found. jieba's general dictionary does not know the
battery industry's words, so they are added once per process from `domain_words.txt`, and the
skills list adds its names and synonyms at start (`add_words`).
"""

import functools
import threading
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import rjieba

DOMAIN_WORDS_FILE = Path(__file__).with_name("domain_words.txt")

# jieba keeps a word whole only when its frequency beats the words it could be split into
# (化成分容 is otherwise cut 化 / 成分 / 容, because 成分 is common). A domain word must win.
DOMAIN_WORD_FREQUENCY = 20_000

# Words that say nothing about what a job or a person is: every job text has them.
_STOP_WORDS_TEXT = """
的 了 和 与 及 及其 以及 或 或者 并 并且 等 等等 在 是 有 对 从事 进行 熟悉 掌握 了解
负责 相关 以上 以下 优先 能 能够 具有 具备 者 a an the and or of to in for with on
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())

LONGEST_TOKEN = 64  # longer runs are noise (pasted ids, URLs) and bloat the term dictionary

_lock = threading.Lock()  # the jieba dictionary is shared: no cut while a word is added
_jieba = rjieba.Jieba()  # this module's own dictionary, so that reset() can start it afresh
_added: set[str] = set()
_domain: frozenset[str] = frozenset()


def normalise(text: str) -> str:
    """Full-width forms to half-width (ＰＬＣ → PLC), latin to lowercase: how both sides spell."""
    return unicodedata.normalize("NFKC", text).lower()


def add_words(words: Iterable[str]) -> None:
    """Teach the segmenter words it must keep whole (skill names, synonyms)."""
    _add(words)


def reset() -> None:
    """Forget every word added since the domain dictionary: a skills list read again (a skill
    deleted, a synonym changed) adds its words to a clean dictionary, not on top of old ones."""
    global _jieba
    with _lock:
        if _added == _domain:
            return
        fresh = rjieba.Jieba()
        for word in sorted(_domain):
            fresh.add_word(word, DOMAIN_WORD_FREQUENCY, None)
        _jieba = fresh
        _added.clear()
        _added.update(_domain)
    segment_cached.cache_clear()


def segment(text: str) -> list[str]:
    """The words of `text`, lowercased, without punctuation, whitespace or stop words."""
    with _lock:
        pieces = _jieba.cut(normalise(text))
    return [token for piece in pieces for token in piece.split() if _is_meaningful(token)]


@functools.lru_cache(maxsize=8192)
def segment_cached(text: str) -> tuple[str, ...]:
    """`segment` for short strings seen again and again (skill names, majors)."""
    return tuple(segment(text))


def _is_meaningful(token: str) -> bool:
    return (
        len(token) <= LONGEST_TOKEN
        and token not in STOP_WORDS
        and any(char.isalnum() for char in token)
    )


def _add(words: Iterable[str]) -> None:
    fresh = {word for word in map(_dictionary_form, words) if word and word not in _added}
    if not fresh:
        return
    with _lock:
        for word in sorted(fresh):
            _jieba.add_word(word, DOMAIN_WORD_FREQUENCY, None)
        _added.update(fresh)
    segment_cached.cache_clear()  # cached cuts were made without these words


def _dictionary_form(word: str) -> str:
    """jieba never returns a word with a space in it, so such a word is not worth adding."""
    word = normalise(word).strip()
    return "" if any(char.isspace() for char in word) else word


# Once per process, at import: before any text can be segmented.
_add(DOMAIN_WORDS_FILE.read_text(encoding="utf-8").splitlines())
_domain = frozenset(_added)
