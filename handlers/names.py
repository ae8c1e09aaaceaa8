"""Forgiving name lookup shared by /who, /quotes, /timeline, /merge and /role.

Stages, each tried only when the one before found nothing:
0. quoted: ``"Bos"`` names exactly the entity whose identity key is that of Bos (the person known
   only by that surname), which is how a "did you mean" button picks it;
1. exact: the query's skeleton equals a name form's skeleton (case, diacritics and
   transliteration folded: "poetin" = "Putin", "Zelenskyy" = "Zelensky"); when some of those
   write the name exactly (same identity key: "Anna Jansen", not "Anna Janssen") only those
   count; a single word also finds every person with that surname, so "Bos" offers them all;
2. words: every word of the query is a whole word of a name form ("Rubio", "Marco");
3. typos: rapidfuzz over the skeletons of all name forms and of their single words.
One entity found → a match. Several, or only weak typo matches → candidates for "did you mean",
each with its latest role and article.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz, process
from sqlite_utils import Database

from store import queries
from store.names import identity_key, skeleton

ACCEPT_SCORE = 80  # a typo match at least this close is taken when it is clearly the best
SUGGEST_SCORE = 62  # weaker matches are only offered as "did you mean"
CLEAR_MARGIN = 6  # the best typo match must beat the next entity by this much
MAX_CANDIDATES = 5
QUOTES = {'"': '"', "“": "”", "„": "”", "'": "'", "‘": "’"}


@dataclass(frozen=True)
class Candidate:
    entity_id: int
    name: str
    type: str
    articles: int
    role: str | None = None  # the latest role, for "did you mean"
    latest: dict | None = None  # the latest article: article_id, label, date


@dataclass
class NameMatch:
    query: str
    entity: Candidate | None = None
    candidates: list[Candidate] = field(default_factory=list)  # when ambiguous or unknown
    stage: str = ""  # exact | words | fuzzy | "" when nothing matched


def resolve(db: Database, query: str, *, allow_typos: bool = True) -> NameMatch:
    """Find the entity ``query`` names. Never raises on odd input."""
    text = (query or "").strip()
    quoted = len(text) > 2 and QUOTES.get(text[0]) == text[-1]
    if quoted:
        text = text[1:-1].strip()
    key = skeleton(text)
    if not key:
        return NameMatch(query)
    if quoted:
        found = queries.entities_by_key(db, identity_key(text))
        if found:
            return _decide(db, query, found, "exact")
    exact = queries.entities_by_norm(db, key)
    if exact:
        return _decide(db, query, _written_so(db, text, exact), "exact")
    words = key.split()
    by_word: set[int] | None = None
    for word in words:
        found = set(queries.entities_by_word(db, word))
        by_word = found if by_word is None else by_word & found
    if by_word:
        return _decide(db, query, sorted(by_word), "words")
    return _fuzzy(db, query, key, allow_typos)


def command_name(db: Database, entity: Candidate) -> str:
    """The name a follow-up command uses to find ``entity`` again: quoted when it is one word that
    names others too (the person known only as "Bos" among Anna and Bram Bos)."""
    if " " in entity.name.strip():
        return entity.name
    match = resolve(db, entity.name, allow_typos=False)
    if match.entity is not None and match.entity.entity_id == entity.entity_id:
        return entity.name
    return f'"{entity.name}"'


def _written_so(db: Database, text: str, entity_ids: list[int]) -> list[int]:
    """Of the entities a name's skeleton found, those with a name form of the same identity key
    (all when none has one); a single word adds every person with that surname."""
    key = identity_key(text)
    same = [e for e in entity_ids if any(identity_key(a) == key for a in queries.entity_aliases(db, e))]
    found = set(same or entity_ids)
    if " " not in key:
        found.update(queries.persons_with_surname(db, key))
    return sorted(found)


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
    return NameMatch(query, None, _described(db, candidates[:MAX_CANDIDATES]), stage)


def _described(db: Database, candidates: list[Candidate]) -> list[Candidate]:
    """The candidates with their latest role and article, to tell them apart."""
    described = []
    for c in candidates:
        roles = queries.entity_roles(db, c.entity_id)
        latest = queries.latest_mentions(db, c.entity_id, 1)
        described.append(replace(c, role=roles[0]["role"] if roles else None, latest=latest[0] if latest else None))
    return described


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
    return NameMatch(query, None, _described(db, ordered[:MAX_CANDIDATES]), "fuzzy")
