"""Full-text search with Dutch stemming over FTS5.

FTS5 has no Dutch stemmer, so the loader stores a stemmed shadow of each article
(``articles.text_stemmed``, Snowball's Dutch stemmer, in C through PyStemmer when installed:
the pure-Python one cost a quarter of a load on real text) and queries are stemmed alike:
"aanval" finds "aanvallen". User query text is always quoted token by token, so FTS5 syntax in
it ("AND", "(", "*", a stray quote) is searched as words and never raises.
"""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer
from sqlite_utils import Database

from store.names import strip_diacritics

_WORD = re.compile(r"\w+", re.UNICODE)
_STEMMER = snowballstemmer.stemmer("dutch")
MAX_RANKED = 8000  # (rowid, rank) pairs passed back as parameters (SQLite allows 32,766)
MAX_QUERY_TERMS = 32  # distinct words a query ranks by: FTS5 cost grows with terms × matches


@lru_cache(maxsize=200_000)
def stem_word(word: str) -> str:
    """One word's stem, cached per word: an archive's vocabulary is small next to its text."""
    return _STEMMER.stemWord(strip_diacritics(word.lower()))


def stem_text(text: str) -> str:
    """Every word of ``text`` stemmed, space-separated: the shadow column FTS indexes."""
    return " ".join(map(stem_word, _WORD.findall(text)))


def fts_query(query: str) -> str | None:
    """The user's words, stemmed and each quoted for FTS5 (implicit AND). None when no words.

    A word counts once and only the first ``MAX_QUERY_TERMS`` count: ranking cost grows with the
    number of terms times the matches, and a repeated word matches nothing more."""
    words = list(dict.fromkeys(w for w in map(stem_word, _WORD.findall(query)) if w))[:MAX_QUERY_TERMS]
    if not words:
        return None
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


def search_articles(db: Database, query: str, limit: int = 10, offset: int = 0) -> list[dict]:
    """Articles matching every word of ``query``, best first (ties: newest first): id, title, date,
    snippet, rank.

    FTS5 ranks inside its own table and only the best rows are joined to ``articles``, whose text
    is read for those only (selecting it for every match was most of the cost at 100k articles)."""
    match = fts_query(query)
    if match is None:
        return []
    ranked = _best_ranked(db, match, limit + offset)
    if ranked is None:  # a huge tie: rank and join every match
        best, params = "select rowid as id, rank from articles_fts where articles_fts match ?", [match]
    else:
        best = "values " + ", ".join("(?, ?)" for _ in ranked) if ranked else "select null, null where 0"
        params = [value for pair in ranked for value in pair]
    rows = db.execute(
        f"""
        with best(id, rank) as ({best})
        select articles.id, articles.title, articles.date, articles.text, best.rank
        from best join articles on articles.id = best.id
        order by best.rank, articles.date desc, articles.id
        limit ? offset ?
        """,
        [*params, limit, offset],
    ).fetchall()
    stems = set(match.replace('"', "").split())
    return [
        {"id": r[0], "title": r[1], "date": r[2], "snippet": snippet(r[3], stems), "rank": r[4]}
        for r in rows
    ]


def _best_ranked(db: Database, match: str, wanted: int) -> list[tuple[int, float]] | None:
    """(rowid, rank) of the ``wanted`` best matches and of every match tied with the last of them,
    so that the date can break ties exactly as over all matches (copies of a text rank alike).
    None when the tie is too large to pass as parameters."""
    if wanted <= 0:
        return []
    fetch = 2 * wanted + 32
    while True:
        if fetch > MAX_RANKED:
            return None
        rows = db.execute(
            "select rowid, rank from articles_fts where articles_fts match ? order by rank limit ?",
            [match, fetch],
        ).fetchall()
        if len(rows) <= wanted:
            return rows
        boundary = rows[wanted - 1][1]
        if len(rows) < fetch or rows[-1][1] != boundary:
            return [row for row in rows if row[1] <= boundary]
        fetch *= 4


def snippet(text: str, stems: set[str], width: int = 160) -> str:
    """A window of ``text`` around the first word whose stem is searched for."""
    for match in _WORD.finditer(text):
        if stem_word(match.group()) in stems:
            start = max(0, match.start() - width // 3)
            end = min(len(text), start + width)
            # widen to word boundaries
            while start > 0 and not text[start - 1].isspace():
                start -= 1
            while end < len(text) and not text[end].isspace():
                end += 1
            piece = " ".join(text[start:end].split())
            return ("…" if start > 0 else "") + piece + ("…" if end < len(text) else "")
    return " ".join(text[:width].split()) + ("…" if len(text) > width else "")
