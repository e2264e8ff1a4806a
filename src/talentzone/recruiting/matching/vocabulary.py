"""The skills list as the engine sees it: every name and synonym leads to one canonical name.

Demands and candidates name the same skill in different words (可编程控制器 / PLC, 电池管理系统 /
BMS). Both sides are mapped to the canonical name before they are compared, so a required skill
is one term in the index and one entry in a candidate's skills.
"""

from collections.abc import Iterable

from .segment import add_words, normalise, segment, segment_cached


def normalised_term(term: str) -> str:
    """How a skill is spelled for comparison: half-width, lowercase, single spaces."""
    return " ".join(normalise(term).split())


class Thesaurus:
    """Canonical skill name → synonyms. Unknown terms stand for themselves (lowercased), so a
    demand may ask for a skill the list does not have yet."""

    def __init__(self, entries: Iterable[tuple[str, Iterable[str]]]) -> None:
        self._canonical: dict[str, str] = {}
        synonyms: list[tuple[str, str]] = []
        for name, words in entries:
            canonical = normalised_term(name)
            if not canonical:
                continue
            self._canonical[canonical] = canonical  # a name is never another skill's synonym
            synonyms.extend((normalised_term(word), canonical) for word in words)
        for word, canonical in synonyms:
            if word:
                self._canonical.setdefault(word, canonical)
        add_words(self._canonical)
        self._phrases = self._multi_word_phrases()

    def canonical(self, term: str) -> str:
        word = normalised_term(term)
        return self._canonical.get(word, word)

    def canonical_set(self, terms: Iterable[str]) -> set[str]:
        return {name for name in map(self.canonical, terms) if name}

    def skills_in_text(self, text: str) -> set[str]:
        """Canonical names of the skills `text` mentions, by any of their names."""
        tokens = segment(text)
        found = {self._canonical[token] for token in tokens if token in self._canonical}
        padded = f" {' '.join(tokens)} "
        found.update(name for phrase, name in self._phrases if phrase in padded)
        return found

    def _multi_word_phrases(self) -> list[tuple[str, str]]:
        """Names the segmenter cuts into several words ("machine learning", 锂电 工艺): found
        in a text as that run of words, padded with spaces so that only whole words match."""
        phrases = []
        for word, canonical in self._canonical.items():
            tokens = segment_cached(word)
            if len(tokens) > 1:
                phrases.append((f" {' '.join(tokens)} ", canonical))
        return phrases
