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
# Applied in order. A plain string is a literal, replaced with str.replace (what re.sub does
# with a literal pattern, several times faster); the rest are patterns.
_SKELETON_RULES: list[tuple[re.Pattern[str] | str, str]] = [
    (re.compile(r"tsj|tch"), "ch"),
    (re.compile(r"sj|sch(?=[^aeiou]|$)"), "sh"),
    ("kh", "ch"),
    ("oe", "u"),
    ("ou", "u"),
    ("ij", "i"),
    ("ie", "i"),
    ("y", "i"),  # y and j: no rule before creates either, so one after the other is "[yj]"
    ("j", "i"),
    ("w", "v"),
    ("ph", "f"),
    (re.compile(r"c(?=[kq])"), ""),
    ("q", "k"),
    (re.compile(r"(.)\1+"), r"\1"),
]


@lru_cache(maxsize=65536)
def strip_diacritics(text: str) -> str:
    if text.isascii():
        return text  # NFKD leaves ASCII alone, and it has no combining marks
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
    # The rules run over the whole normalized text at once: no rule matches or makes a space,
    # so that is the same as word by word.
    key = normalize(text)
    for pattern, replacement in _SKELETON_RULES:
        key = key.replace(pattern, replacement) if type(pattern) is str else pattern.sub(replacement, key)
    return key


def surname(name: str) -> str:
    """The last word of a person's name, keeping particles out: "Mark Rutte" → "Rutte"."""
    parts = name.split()
    return parts[-1] if parts else name
