"""Small text helpers shared by the view model and the exports."""

from __future__ import annotations

import re
import unicodedata

_HYPHEN_BETWEEN_WORDS = re.compile(r"(?<![0-9])-")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def humanise(term: str) -> str:
    """'opioid-withdrawal-symptoms' -> 'Opioid withdrawal symptoms' (keeps '7-hydroxy...')."""
    text = _HYPHEN_BETWEEN_WORDS.sub(" ", term)
    return text[:1].upper() + text[1:]


def fold(text: str) -> str:
    """Lowercase without accents, for search: 'Müller' and 'muller' match each other."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def one_line(text: str) -> str:
    """Whitespace collapsed and control characters dropped: for formats that are line-based."""
    return " ".join(_CONTROL.sub("", text).split())
