"""What an article tells about a person beyond the name: gender and the heads of their roles.

Used by ``store.linking`` to decide whether an article that names someone by surname only can be
the person a full-name entity stands for. Evidence is read from the article text and the
mentions' offsets only, so loading, reindexing and migrating an old database all read the same:

- gender: the first name (gender-guesser's data), a title right before a mention ("mevrouw Bos",
  "de heer Bos"), a gendered role noun ("woordvoerster", "koning"), and a sentence opening with
  the subject pronoun "Hij"/"Zij" right after a sentence that names this person and no other;
- role heads: the noun a role is about ("Amerikaanse president" → president, "wethouder van
  Financiën" → wethouder), to see that a "spits" is not a "wethouder".
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from store.names import normalize

GENDERED_ROLES_FILE = Path(__file__).resolve().parent / "data" / "gendered_roles.tsv"
# Titles written right before a name, as normalize() gives them (the full stop is gone).
TITLES = {"mevrouw": "f", "mevr": "f", "mw": "f", "de heer": "m", "dhr": "m", "meneer": "m"}
PRONOUNS = {"hij": "m", "zij": "f"}  # subject pronouns; "ze" is also plural, so it is no evidence
ROLE_PREPOSITIONS = frozenset("van voor bij in namens op uit aan over".split())
# Nouns that name a relation or a broad kind rather than an office ("zijn Oekraïense collega",
# "de Russische leider"): they fit any office, so they are no role evidence.
RELATIONAL_HEADS = frozenset(
    "collega ambtgenoot tegenhanger opvolger voorganger partner gesprekspartner bondgenoot rivaal "
    "tegenstander leider politicus bewindsman bewindsvrouw topman topvrouw".split()
)
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’']?\s+(?=[\"„“‘'(]?[A-Z])")
_FIRST_WORD = re.compile(r"^[\"„“‘'(]*(\w+)")


@lru_cache(maxsize=1)
def _detector():
    import gender_guesser.detector

    return gender_guesser.detector.Detector(case_sensitive=False)


@lru_cache(maxsize=16384)
def first_name_gender(first_name: str) -> str | None:
    """"f", "m" or None from gender-guesser's name data (its world-wide answer)."""
    if len(first_name) < 2 or not first_name.isalpha():
        return None
    answer = _detector().get_gender(first_name)
    return {"female": "f", "mostly_female": "f", "male": "m", "mostly_male": "m"}.get(answer)


@lru_cache(maxsize=1)
def gendered_roles() -> dict[str, str]:
    """Role nouns that say the holder's gender ("woordvoerster" → f, "koning" → m)."""
    table = {}
    for line in GENDERED_ROLES_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, gender = line.split("\t")
            table[word.strip()] = gender.strip()
    return table


def role_head(role: str) -> str:
    """The noun a role is about: "Amerikaanse minister van Buitenlandse Zaken" → "minister",
    "NAVO-secretaris-generaal" → "generaal", "oud-president" → "president"."""
    words = normalize(role).split()
    for index, word in enumerate(words):
        if word in ROLE_PREPOSITIONS and index > 0:
            words = words[:index]
            break
    return words[-1] if words else ""


def role_heads(roles: Iterable[str]) -> frozenset[str]:
    """The heads of ``roles`` that say which office someone holds (relational nouns left out)."""
    return frozenset(head for head in (role_head(r) for r in roles) if head and head not in RELATIONAL_HEADS)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """A plain sentence split, for when the pipeline's sentences are not at hand."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def title_gender(text: str, start: int) -> str | None:
    """The gender a title right before offset ``start`` gives: "mevrouw Bos", "de heer Bos"."""
    before = normalize(text[max(0, start - 12) : start])
    for title, gender in TITLES.items():
        if before.endswith(title) and (len(before) == len(title) or before[-len(title) - 1] == " "):
            return gender
    return None


def pronoun_genders(
    text: str, sentences: list[tuple[int, int]], person_mentions: dict[int, list[int]]
) -> dict[int, set[str]]:
    """For each person (key: any id; value: mention offsets), the genders of the subject pronouns
    opening a sentence right after a sentence that mentions that person and no other person."""
    found: dict[int, set[str]] = {}
    spans = sentences or sentence_spans(text)
    owners: list[set[int]] = [set() for _ in spans]
    starts = [s for s, _ in spans]
    for person, offsets in person_mentions.items():
        for offset in offsets:
            index = bisect.bisect_right(starts, offset) - 1
            if index >= 0:
                owners[index].add(person)
    for index in range(1, len(spans)):
        match = _FIRST_WORD.match(text[spans[index][0] : spans[index][0] + 30])
        gender = PRONOUNS.get(match.group(1).lower()) if match else None
        if gender and len(owners[index - 1]) == 1 and not owners[index]:
            found.setdefault(next(iter(owners[index - 1])), set()).add(gender)
    return found


def decided(genders: Iterable[str | None]) -> str | None:
    """One gender when the evidence agrees, None when there is none or it conflicts."""
    seen = {g for g in genders if g}
    return seen.pop() if len(seen) == 1 else None
