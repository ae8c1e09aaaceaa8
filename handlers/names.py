"""Forgiving name lookup shared by /who, /quotes, /timeline, /merge and /role.

Stages, each tried only when the one before found nothing:
1. exact: the query's skeleton equals a name form's skeleton (case, diacritics and
   transliteration folded: "poetin" = "Putin", "Zelenskyy" = "Zelensky");
2. words: every word of the query is a whole word of a name form ("Rubio", "Marco");
3. typos: rapidfuzz over the skeletons of all name forms and of their single words.
One entity found → a match. Several, or only weak typo matches → candidates for "did you mean".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from sqlite_utils import Database

from store import queries
from store.names import skeleton

ACCEPT_SCORE = 80  # a typo match at least this close is taken when it is clearly the best
SUGGEST_SCORE = 62  # weaker matches are only offered as "did you mean"
CLEAR_MARGIN = 6  # the best typo match must beat the next entity by this much
MAX_CANDIDATES = 5


@dataclass(frozen=True)
class Candidate:
    entity_id: int
    name: str
    type: str
    articles: int


@dataclass
class NameMatch:
    query: str
    entity: Candidate | None = None
    candidates: list[Candidate] = field(default_factory=list)  # when ambiguous or unknown
    stage: str = ""  # exact | words | fuzzy | "" when nothing matched


def resolve(db: Database, query: str, *, allow_typos: bool = True) -> NameMatch:
    """Find the entity ``query`` names. Never raises on odd input."""
    key = skeleton(query or "")
    if not key:
        return NameMatch(query)
    exact = queries.entities_by_norm(db, key)
    if exact:
        return _decide(db, query, exact, "exact")
    words = key.split()
    by_word: set[int] | None = None
    for word in words:
        found = set(queries.entities_by_word(db, word))
        by_word = found if by_word is None else by_word & found
    if by_word:
        return _decide(db, query, sorted(by_word), "words")
    return _fuzzy(db, query, key, allow_typos)


def _candidates(db: Database, entity_ids: list[int]) -> list[Candidate]:
    counts = queries.mention_counts(db, entity_ids)
    result = []
    for entity_id in entity_ids:
        row = queries.get_entity(db, entity_id)
        if row:
            result.append(Candidate(entity_id, row["name"], row["type"], counts.get(entity_id, 0)))
    # people first, then the most written about
    result.sort(key=lambda c: (c.type != "PER", -c.articles, c.name))
    return result


def _decide(db: Database, query: str, entity_ids: list[int], stage: str) -> NameMatch:
    candidates = _candidates(db, entity_ids)
    if len(candidates) == 1:
        return NameMatch(query, candidates[0], [], stage)
    # the same name under two types (Kiev as LOC and ORG): take the most mentioned
    if len({skeleton(c.name) for c in candidates}) == 1:
        best = max(candidates, key=lambda c: c.articles)
        return NameMatch(query, best, [], stage)
    return NameMatch(query, None, candidates[:MAX_CANDIDATES], stage)


def _fuzzy(db: Database, query: str, key: str, allow_typos: bool) -> NameMatch:
    choices: dict[str, set[int]] = {}
    for norm, entity_id in queries.alias_norms(db):
        choices.setdefault(norm, set()).add(entity_id)
        for word in norm.split():
            if len(word) > 2:
                choices.setdefault(word, set()).add(entity_id)
    if not choices:
        return NameMatch(query)
    scored = process.extract(key, list(choices), scorer=fuzz.ratio, score_cutoff=SUGGEST_SCORE, limit=20)
    best_by_entity: dict[int, float] = {}
    for choice, score, _ in scored:
        for entity_id in choices[choice]:
            best_by_entity[entity_id] = max(score, best_by_entity.get(entity_id, 0))
    if not best_by_entity:
        return NameMatch(query)
    ranked = sorted(best_by_entity.items(), key=lambda item: -item[1])
    top_id, top_score = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    if allow_typos and top_score >= ACCEPT_SCORE and top_score - runner_up >= CLEAR_MARGIN:
        return NameMatch(query, _candidates(db, [top_id])[0], [], "fuzzy")
    by_id = {c.entity_id: c for c in _candidates(db, [entity_id for entity_id, _ in ranked])}
    ordered = [by_id[entity_id] for entity_id, _ in ranked if entity_id in by_id]
    return NameMatch(query, None, ordered[:MAX_CANDIDATES], "fuzzy")
