"""Name keys: one for identity (entity linking), one for forgiving lookup (handlers).

``normalize`` folds case, diacritics and punctuation: "Oekraïne" → "oekraine".

``identity_key`` decides that two written names are one name: ``normalize`` plus the curated
transliteration variants of ``data/name_variants.tsv`` (Poetin = Putin, Zelensky = Zelenskyy =
Zelenski, Kiev = Kyiv). Nothing else: Jansen and Janssen, Smit and Smits stay different names.

``skeleton`` is for *looking names up* only, never for deciding identity: it folds the usual
transliteration variants of Slavic and Arabic names by rule (oe/u, y/i/j, w/v, doubled letters,
kh/ch, sh/sj), which also folds distinct Dutch names (Jansen = Janssen), so a forgiving /who can
offer both.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

VARIANTS_FILE = Path(__file__).resolve().parent / "data" / "name_variants.tsv"
# Words that belong to a surname when they precede it: "van der Berg", "bin Salman", "De Vries".
NAME_PARTICLES = frozenset(
    "van der den de het ter ten te von vom zu bin ben ibn al el da di du le la do dos das des del della".split()
)
NAME_SUFFIXES = frozenset(["jr", "sr", "ii", "iii"])  # "Robert F. Kennedy jr."

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


@lru_cache(maxsize=1)
def transliterations() -> dict[str, str]:
    """Each curated variant word → the word identity uses ("putin" → "poetin")."""
    table: dict[str, str] = {}
    for line in VARIANTS_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        canonical, *variants = line.split("\t")
        for word in (canonical, *variants):
            table[word.strip()] = canonical.strip()
    return table


@lru_cache(maxsize=65536)
def identity_key(text: str) -> str:
    """The key under which two written names are one name: "Vladimir Putin" → "vladimir poetin",
    "Van der Berg" → "van der berg"; "Janssen" stays "janssen"."""
    table = transliterations()
    return " ".join(table.get(word, word) for word in normalize(text).split())


def canonical_spelling(name: str) -> bool:
    """Whether every word of ``name`` is written in the spelling identity uses (Zelensky, not Zelenskyy)."""
    return normalize(name) == identity_key(name)


@lru_cache(maxsize=65536)
def person_parts(key: str) -> tuple[str, str]:
    """(given names, surname with its particles) of a person's identity key:
    "anna van der berg" → ("anna", "van der berg"); "bos" → ("", "bos"); a suffix (jr) is dropped."""
    words = key.split()
    while len(words) > 1 and words[-1] in NAME_SUFFIXES:
        words.pop()
    if not words:
        return "", ""
    start = len(words) - 1
    while start > 0 and words[start - 1] in NAME_PARTICLES:
        start -= 1
    return " ".join(words[:start]), " ".join(words[start:])
