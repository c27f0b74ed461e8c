"""Vocabulary terms as the site shows them: a label and a definition for every key."""

from __future__ import annotations

from dataclasses import dataclass

from ..load.vocabulary import Vocabulary
from ..model.text import humanise


@dataclass(frozen=True)
class Term:
    """One term of a controlled vocabulary, ready to show."""

    vocab: str
    key: str
    label: str
    definition: str


class Terms:
    """Look up terms by vocabulary and key; unknown keys still get a readable label."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary

    def get(self, vocab: str, key: str) -> Term:
        entry = self.vocabulary.term(vocab, key)
        if entry is None:
            return Term(vocab, key, humanise(key), "")
        return Term(vocab, key, entry.label or humanise(key), entry.definition)

    def all(self, vocab: str) -> list[Term]:
        """Every term of a vocabulary, in the order of vocabularies.yaml."""
        return [self.get(vocab, key) for key in self.vocabulary.terms.get(vocab, {})]

    def rank(self, vocab: str, key: str) -> int:
        """A term's position in its vocabulary: tiers and stances sort by it."""
        keys = list(self.vocabulary.terms.get(vocab, {}))
        return keys.index(key) if key in keys else len(keys)
