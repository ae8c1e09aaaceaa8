"""Name keys shared by entity linking (store) and forgiving lookup (handlers).

``normalize`` folds case, diacritics and punctuation: "Oekraïne" → "oekraine".
``skeleton`` goes further and folds the usual transliteration variants of Slavic and Arabic
names in Dutch and English news (oe/u, y/i/j, w/v, doubled letters, kh/ch, sh/sj), so that
Poetin = Putin, Zelensky = Zelenskyy = Zelenski and Kiev = Kyiv = Kyjiv share one key. The rules
are about spelling systems, not about particular names.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
_SKELETON_RULES = [
    (re.compile(r"tsj|tch"), "ch"),
    (re.compile(r"sj|sch(?=[^aeiou]|$)"), "sh"),
    (re.compile(r"kh"), "ch"),
    (re.compile(r"oe"), "u"),
    (re.compile(r"ou"), "u"),
    (re.compile(r"ij"), "i"),
    (re.compile(r"ie"), "i"),
    (re.compile(r"[yj]"), "i"),
    (re.compile(r"w"), "v"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"c(?=[kq])"), ""),
    (re.compile(r"q"), "k"),
    (re.compile(r"(.)\1+"), r"\1"),
]


@lru_cache(maxsize=65536)
def strip_diacritics(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """Case-, diacritic- and punctuation-insensitive form: "Saudi-Arabië" → "saudi arabie"."""
    folded = strip_diacritics(text).lower()
    return " ".join(_NON_WORD.sub(" ", folded).replace("_", " ").split())


@lru_cache(maxsize=65536)
def skeleton(text: str) -> str:
    """A transliteration-insensitive key: "Zelenskyy" and "Zelensky" → "zelenski"."""
    words = []
    for word in normalize(text).split():
        for pattern, replacement in _SKELETON_RULES:
            word = pattern.sub(replacement, word)
        words.append(word)
    return " ".join(words)


def surname(name: str) -> str:
    """The last word of a person's name, keeping particles out: "Mark Rutte" → "Rutte"."""
    parts = name.split()
    return parts[-1] if parts else name
