"""Nouns that name a person by what they are or do: the heads of speaker descriptions
("een woordvoerder van de politie", "zeiden economen bij de Volksbank") and of roles.

Two data files: ``titles.txt`` (titles, functions and occupations, shared with the role rules)
and ``person_nouns.txt`` (other nouns for people: bron, bewoner, agent, plural forms). A compound
ending in one of them counts too ("onderdelenleverancier", "buurtbewoner").
"""

from __future__ import annotations

from functools import lru_cache

from store.extraction import gazetteer

MIN_COMPOUND_HEAD = 4  # "huisarts" ends in "arts"; shorter heads ("man") need the whole word


@lru_cache(maxsize=1)
def person_nouns() -> frozenset[str]:
    return frozenset(gazetteer.data_lines("person_nouns.txt"))


@lru_cache(maxsize=1)
def _endings() -> tuple[str, ...]:
    return tuple(sorted(n for n in person_nouns() if len(n) >= MIN_COMPOUND_HEAD))


@lru_cache(maxsize=16384)
def is_person_noun(word: str) -> bool:
    """A title, occupation or other noun for a person, or a compound ending in one."""
    lower = word.lower()
    if gazetteer.title_head(word) or lower in person_nouns():
        return True
    if not lower.endswith(_endings()):
        return False
    for index in range(2, len(lower) - MIN_COMPOUND_HEAD + 1):
        tail = lower[index:].lstrip("-")
        if tail in person_nouns() and len(tail) >= MIN_COMPOUND_HEAD:
            return True
    return False
